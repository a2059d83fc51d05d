/**
 * The command line: how options and paths are read (node:util's parseArgs over the table in
 * server/src/cli/options.ts), what each option does, and the one-line reasons for a bad one.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { RULES } from '../../server/src/core';
import { Command, parseCommandLine } from '../../server/src/cli/args';
import { optionLabel } from '../../server/src/cli/help';
import { CliOptions, OPTIONS, takesValue } from '../../server/src/cli/options';
import { JsonReport, VERSION, assertUsageError, cli, temporaryWorkspaces } from './harness';

/** The options of a check command line (failing when it is another command). */
function checkOptions(argv: readonly string[]): CliOptions {
  const command: Command = parseCommandLine(argv);
  assert.equal(command.kind, 'check');
  return command.options;
}

describe('CLI: options', () => {
  const workspace = temporaryWorkspaces();

  it('--product forces the product', async () => {
    const cwd = workspace('warnings');
    const jira = await cli(['--product', 'jira', '--format', 'json', '.'], { cwd });
    const report = JSON.parse(jira.stdout) as JsonReport;
    assert.equal(report.files[0].product, 'jira');
    assert.deepEqual(
      report.files[0].findings.map((f) => f.rule),
      ['forge-key-unused'],
    );
    const bitbucket = JSON.parse((await cli(['--product=bitbucket', '--format=json', '.'], { cwd })).stdout) as JsonReport;
    assert.equal(bitbucket.files[0].product, 'bitbucket');
  });

  it('--rule turns a rule off or changes its severity', async () => {
    const cwd = workspace('warnings');
    const off = await cli(['--rule', 'forge-app-link-missing=off', '.'], { cwd });
    assert.doesNotMatch(off.stdout, /forge-app-link-missing/);
    assert.match(off.stdout, /✖ 1 problem \(0 errors, 1 warning, 0 info\)/);
    const both = await cli(['--rule', 'forge-app-link-missing=off', '--rule=forge-app-id-invalid=info', '.'], { cwd });
    assert.match(both.stdout, / {2}info {5}forgeAppId .* {2}forge-app-id-invalid$/m);
    assert.equal(both.code, 0);
    const error = await cli(['--max-warnings', '-1', '--rule', 'forge-app-id-invalid=error', '.'], { cwd });
    assert.match(error.stdout, / {2}error {4}forgeAppId .* {2}forge-app-id-invalid$/m);
    assert.equal(error.code, 1);
  });

  it('--help, --version and --list-rules', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: connect-forge-lint \[options\] \[paths…\]$/m);
    assert.match(help.stdout, /--max-warnings N/);
    const version = await cli(['--version']);
    assert.equal(version.stdout, `${VERSION}\n`);
    const rules = await cli(['--list-rules']);
    for (const rule of RULES) assert.match(rules.stdout, new RegExp(`^${rule.id} +${rule.defaultSeverity} `, 'm'));
    const json = JSON.parse((await cli(['--list-rules', '--format', 'json'])).stdout) as { id: string }[];
    assert.deepEqual(
      json.map((r) => r.id),
      RULES.map((r) => r.id),
    );
  });

  it('reads --name value, --name=value and the short aliases -f, -q, -h, -v, alone or grouped', () => {
    assert.equal(checkOptions(['--format', 'json']).format, 'json');
    assert.equal(checkOptions(['--format=json']).format, 'json');
    assert.equal(checkOptions(['-f', 'json']).format, 'json');
    assert.equal(checkOptions(['-fjson']).format, 'json');
    assert.equal(checkOptions(['-q']).quiet, true);
    assert.deepEqual([checkOptions(['-qf', 'json']).quiet, checkOptions(['-qf', 'json']).format], [true, 'json']);
    assert.equal(parseCommandLine(['-h']).kind, 'help');
    assert.equal(parseCommandLine(['-v']).kind, 'version');
    assert.equal(parseCommandLine(['-qh']).kind, 'help');
  });

  it('checks the current folder by default, with the documented defaults', () => {
    assert.deepEqual(checkOptions([]), {
      paths: ['.'],
      format: 'text',
      outputFile: undefined,
      codeInsightsUpload: false,
      fix: false,
      fixDryRun: false,
      product: 'auto',
      rules: {},
      maxWarnings: 0,
      manifests: [],
      descriptorGlobs: [],
      consoleHosts: [],
      quiet: false,
      listDescriptors: false,
      color: undefined,
      served: undefined,
      allowHttp: false,
      timeoutMs: 10000,
    });
  });

  it('takes - as a path, and everything after -- as paths, options included', async () => {
    const options = checkOptions(['a', '-', '--', '--fix', '-q', '--']);
    assert.deepEqual(options.paths, ['a', '-', '--fix', '-q', '--']);
    assert.equal(options.fix, false);
    assert.equal(options.quiet, false);
    const cwd = workspace('warnings');
    const run = await cli(['--', '--fix'], { cwd });
    assert.equal(run.stderr, "connect-forge-lint: cannot read '--fix': no such file or folder\n");
    assert.equal(run.code, 2);
    assert.equal((await cli(['-'], { cwd })).stderr, "connect-forge-lint: cannot read '-': no such file or folder\n");
  });

  it('takes the value after an option even when it starts with a dash (--max-warnings -1)', () => {
    assert.equal(checkOptions(['--max-warnings', '-1']).maxWarnings, -1);
    assert.deepEqual(checkOptions(['--manifest', '-odd.yml']).manifests, ['-odd.yml']);
    assert.deepEqual(checkOptions(['-f', 'json', '-']).paths, ['-']);
  });

  it('lets the last of a repeated option win, and adds up the repeatable ones', () => {
    assert.equal(checkOptions(['--format', 'json', '--format', 'text']).format, 'text');
    assert.equal(checkOptions(['--product', 'jira', '--product=bitbucket']).product, 'bitbucket');
    assert.equal(checkOptions(['--max-warnings', '3', '--max-warnings', '1']).maxWarnings, 1);
    assert.equal(checkOptions(['--color', '--no-color']).color, false);
    assert.equal(checkOptions(['--no-color', '--color']).color, true);
    assert.equal(checkOptions(['--quiet', '-q']).quiet, true);
    assert.deepEqual(
      checkOptions([
        '--rule',
        'forge-app-link-missing=off',
        '--rule',
        'forge-app-id-invalid=info',
        '--rule',
        'forge-app-link-missing=error',
      ]).rules,
      { 'forge-app-link-missing': 'error', 'forge-app-id-invalid': 'info' },
    );
    assert.deepEqual(checkOptions(['--rule', 'forge-app-id-invalid=information']).rules, { 'forge-app-id-invalid': 'info' });
    assert.deepEqual(checkOptions(['--manifest', 'a.yml', '--manifest=b.yml']).manifests, ['a.yml', 'b.yml']);
    assert.deepEqual(checkOptions(['--descriptor-glob', '*.json', '--descriptor-glob', 'x/*.json']).descriptorGlobs, [
      '*.json',
      'x/*.json',
    ]);
    assert.deepEqual(checkOptions(['--console-host', 'a.example', '--console-host', 'b.example']).consoleHosts, ['a.example', 'b.example']);
  });

  it('reads --served with or without a URL: the next argument only when it is a URL, never after --', () => {
    const url = 'https://app.example.com/atlassian-connect.json';
    assert.deepEqual(checkOptions(['--served', url, 'app']).served, { url });
    assert.deepEqual(checkOptions(['--served', url, 'app']).paths, ['app']);
    assert.deepEqual(checkOptions(['--served=' + url]).served, { url });
    assert.deepEqual(checkOptions(['--served', 'app']), { ...checkOptions(['app']), served: {} });
    assert.deepEqual(checkOptions(['--served', '--fix']).served, {});
    assert.equal(checkOptions(['--served', '--fix']).fix, true);
    assert.deepEqual(checkOptions(['--served', '--', url]).served, {});
    assert.deepEqual(checkOptions(['--served', '--', url]).paths, [url]);
    assert.deepEqual(checkOptions(['--served', 'localhost:3000']).served, { url: 'localhost:3000' }, 'surely meant as a URL');
    assert.deepEqual(checkOptions(['--served=']).served, {});
    assert.equal(checkOptions(['--timeout', '2.5']).timeoutMs, 2500);
    assert.equal(checkOptions(['--allow-http']).allowHttp, true);
  });

  it('answers --help before --version before --list-rules, whatever their order or the other options', () => {
    assert.equal(parseCommandLine(['--version', '--list-rules', '--help']).kind, 'help');
    assert.equal(parseCommandLine(['--list-rules', '--version', 'some/path']).kind, 'version');
    assert.deepEqual(parseCommandLine(['--format', 'json', '--list-rules', '--fix', '--fix-dry-run']), {
      kind: 'list-rules',
      format: 'json',
    });
  });

  it('lists every option of the table in the help, in its order, and reads each of them', async () => {
    const help = (await cli(['--help'])).stdout;
    const labels = OPTIONS.map(optionLabel);
    const section = help.split('\nOptions:\n')[1].split('\n\n')[0].split('\n');
    const listed = section.filter((line) => /^ {2}-/.test(line));
    assert.deepEqual(
      listed.map((line) => labels.find((label) => line === `  ${label}` || line.startsWith(`  ${label}  `))),
      labels,
      listed.join('\n'),
    );
    for (const line of section) assert.ok(line.length <= 94, `within 94 columns: ${line}`);
    for (const spec of OPTIONS) {
      const spellings = [`--${spec.name}`, ...(spec.short ? [`-${spec.short}`] : [])];
      for (const spelling of spellings) {
        if (takesValue(spec) && spec.takesNext) {
          // A value that may be left out: alone, the option is on without it.
          assert.notDeepEqual(parseCommandLine([spelling]), parseCommandLine([]), `${spelling} alone changes something`);
        } else if (takesValue(spec)) {
          assert.throws(() => parseCommandLine([spelling]), { message: `option --${spec.name} needs a value` });
        } else {
          assert.deepEqual(parseCommandLine([spelling]), parseCommandLine([`--${spec.name}`]), `${spelling} is --${spec.name}`);
        }
      }
      if (!takesValue(spec)) {
        assert.notDeepEqual(parseCommandLine([`--${spec.name}`]), parseCommandLine([]), `--${spec.name} changes something`);
        if (spec.negatable) assert.notDeepEqual(parseCommandLine([`--no-${spec.name}`]), parseCommandLine([`--${spec.name}`]));
        assert.throws(() => parseCommandLine([`--${spec.name}=1`]), { message: `option --${spec.name} takes no value` });
      }
    }
  });

  describe('a bad command line', () => {
    const usage: readonly (readonly [string, readonly string[], RegExp])[] = [
      ['an unknown option', ['--frobnicate'], /^connect-forge-lint: unknown option '--frobnicate' \(see --help\)\n$/],
      ['an unknown rule id', ['--rule', 'no-such-rule=off'], /^connect-forge-lint: unknown rule 'no-such-rule' \(see --list-rules\)\n$/],
      ['a bad severity', ['--rule', 'forge-app-link-missing=loud'], /must be one of off, hint, info, warning, error/],
      ['a --rule without a severity', ['--rule', 'forge-app-link-missing'], /--rule expects <rule-id>=/],
      ['a bad product', ['--product', 'trello'], /--product must be one of auto, bitbucket, jira, confluence/],
      ['a bad format', ['--format', 'xml'], /--format must be one of text, json, junit, sarif, code-insights, github/],
      ['a bad --max-warnings', ['--max-warnings', 'many'], /--max-warnings must be a whole number/],
      ['a missing value', ['--manifest'], /option --manifest needs a value/],
      ['--fix with --fix-dry-run', ['--fix', '--fix-dry-run'], /either --fix or --fix-dry-run/],
      ['an unknown short option', ['-x'], /^connect-forge-lint: unknown option '-x' \(see --help\)\n$/],
      ['an unknown letter among short options', ['-qz'], /^connect-forge-lint: unknown option '-z' \(in '-qz'\) \(see --help\)\n$/],
      ['an unknown option with a value', ['--frobnicate=3'], /^connect-forge-lint: unknown option '--frobnicate' \(see --help\)\n$/],
      ['a short option without its value', ['-f'], /^connect-forge-lint: option --format needs a value \(see --help\)\n$/],
      [
        'a bad value after =',
        ['--format=x'],
        /^connect-forge-lint: --format must be one of text, json, junit, sarif, code-insights, github \(got 'x'\) \(see --help\)\n$/,
      ],
      [
        'a bad value of a short option',
        ['-f', 'x'],
        /^connect-forge-lint: --format must be one of text, json, junit, sarif, code-insights, github \(got 'x'\) \(see --help\)\n$/,
      ],
      ['an empty value', ['--manifest='], /^connect-forge-lint: --manifest needs a non-empty value \(see --help\)\n$/],
      ['an empty --output-file', ['-o', ''], /^connect-forge-lint: --output-file needs a non-empty value \(see --help\)\n$/],
      [
        '--list-rules in a CI format',
        ['--list-rules', '-f', 'sarif'],
        /^connect-forge-lint: --list-rules prints text or json, not sarif \(see --help\)\n$/,
      ],
      ['a value given to a flag', ['--fix=yes'], /^connect-forge-lint: option --fix takes no value \(see --help\)\n$/],
      ['a value given to a negated flag', ['--no-color=1'], /^connect-forge-lint: option --no-color takes no value \(see --help\)\n$/],
      ['a name that is an object property', ['--__proto__'], /^connect-forge-lint: unknown option '--__proto__' \(see --help\)\n$/],
    ];
    for (const [what, args, message] of usage) {
      it(`2 for ${what}, with a one-line reason on stderr`, async () => {
        await assertUsageError(args, message, workspace('warnings'));
      });
    }
  });
});

describe('CLI: the manifest rules are rules like the others', () => {
  it('accepts --rule manifest-app-id=off and lists manifest-app-id', async () => {
    const run = await cli(['--rule', 'manifest-app-id=off', path.join('test', 'fixtures', 'cli', 'clean')]);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '✔ No problems in 1 descriptor.\n');
    assert.equal(run.code, 0);
    assert.match((await cli(['--list-rules'])).stdout, /^manifest-app-id +warning +In an open manifest\.yml: /m);
  });
});
