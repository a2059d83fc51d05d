/**
 * The command-line checker as users run it: the built `server/out/cli.js` spawned as a process
 * (run `npm run build` first), on copies of the fixtures in test/fixtures/cli/ in a temporary
 * folder, so that --fix never touches the repository. Also starts the standalone language server
 * through its package bin.
 */
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULES, analyze, linePosition } from '../../server/src/core';
import { unifiedDiff } from '../../server/src/cli/diff';
import { createProgress } from '../../server/src/cli/progress';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
const SERVER_PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'server', 'package.json'), 'utf8')) as { bin: Record<string, string> };
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const ESC = '\u001b[';
const UUID = '4c7ae21b-150a-440c-9912-c85b4c492e93';
const ARI = `ari:cloud:ecosystem::app/${UUID}`;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs the CLI as CI would: CI=true, pipes (no terminal), no colour variables inherited. */
function cli(args: readonly string[], options: RunOptions = {}): Run {
  const env: Record<string, string> = { CI: 'true' };
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'NO_COLOR' && key !== 'FORCE_COLOR' && key !== 'CI') env[key] = value;
  }
  Object.assign(env, options.env);
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env, encoding: 'utf8', timeout: 15000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let temp: string | undefined;

/** A fresh temporary folder holding a copy of the named fixture folders (or nothing). */
function workspace(...fixtures: string[]): string {
  temp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'connect-forge-lint-')));
  for (const fixture of fixtures) cpSync(path.join(FIXTURES, fixture), path.join(temp, fixture), { recursive: true });
  return temp;
}

function bytes(file: string): Buffer {
  return readFileSync(file);
}

/** The compiler-style line the CLI prints for a finding, built from the core's own message. */
function expectedLine(display: string, text: string, ruleId: string, line: number, column: number): string {
  const finding = analyze(text, { settings: { product: 'auto', rules: {}, consoleHosts: [], reportSyntaxErrors: true } }).findings.find(
    (f) => f.ruleId === ruleId,
  );
  assert.ok(finding, `the core reports ${ruleId}`);
  const at = linePosition(text, finding.start);
  assert.deepEqual([at.line + 1, at.character + 1], [line, column], `${ruleId} is at ${line}:${column}`);
  return `${display}:${line}:${column}  ${finding.severity.padEnd(7)}  ${finding.message}  ${ruleId}`;
}

interface JsonReport {
  formatVersion: number;
  tool: { name: string; version: string };
  files: {
    path: string;
    product?: string;
    manifests: string[];
    fix?: { applied: string[]; written: boolean; refused?: string; diff?: string };
    findings: {
      rule: string;
      severity: string;
      message: string;
      range: { start: { line: number; column: number }; end: { line: number; column: number } };
      fixable: boolean;
    }[];
  }[];
  summary: {
    files: number;
    errors: number;
    warnings: number;
    info: number;
    hints: number;
    fixable: number;
    maxWarnings: number;
    exitCode: number;
  };
}

describe('CLI: connect-forge-lint', function () {
  this.timeout(20000);

  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
  });

  afterEach(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
    temp = undefined;
  });

  describe('output', () => {
    it('prints one line per finding, path:line:col  severity  message  rule-id, then a summary', () => {
      const cwd = workspace('warnings');
      const text = readFileSync(path.join(cwd, 'warnings', 'atlassian-connect.json'), 'utf8');
      const run = cli(['warnings'], { cwd });
      const file = 'warnings/atlassian-connect.json';
      assert.equal(
        run.stdout,
        [
          expectedLine(file, text, 'forge-app-link-missing', 1, 1),
          expectedLine(file, text, 'forge-app-id-invalid', 3, 18),
          '',
          '✖ 2 problems (0 errors, 2 warnings, 0 info)',
          '  1 of them can be fixed with --fix (--fix-dry-run shows how).',
          '',
        ].join('\n'),
      );
      assert.match(run.stdout, /^warnings\/atlassian-connect\.json:3:18 {2}warning {2}forgeAppId .* {2}forge-app-id-invalid$/m);
      assert.equal(run.stderr, '', 'no progress line or notes when stderr is not a terminal');
      assert.equal(run.code, 1);
    });

    it('says so when there is nothing to report', () => {
      const cwd = workspace('clean');
      const run = cli(['clean'], { cwd });
      assert.equal(run.stdout, '✔ No problems in 1 descriptor.\n');
      assert.equal(run.code, 0);
    });

    it('prints paths relative to the current folder, for folder and file arguments alike', () => {
      const cwd = workspace('warnings');
      const inside = cli(['.'], { cwd: path.join(cwd, 'warnings') });
      assert.match(inside.stdout, /^atlassian-connect\.json:1:1 /m);
      const absolute = cli([path.join(cwd, 'warnings', 'atlassian-connect.json')], { cwd });
      assert.match(absolute.stdout, /^warnings\/atlassian-connect\.json:1:1 /m);
    });

    it('writes a stable JSON report with --format json', () => {
      const cwd = workspace('warnings', 'clean');
      const run = cli(['--format', 'json', '.'], { cwd });
      assert.equal(run.code, 1);
      const report = JSON.parse(run.stdout) as JsonReport;
      assert.equal(report.formatVersion, 1);
      assert.deepEqual(report.tool, { name: 'connect-forge-lint', version: VERSION });
      assert.deepEqual(report.files.map((f) => f.path).sort(), ['clean/atlassian-connect.json', 'warnings/atlassian-connect.json']);
      const warnings = report.files.find((f) => f.path === 'warnings/atlassian-connect.json');
      assert.ok(warnings);
      assert.equal(warnings.product, 'bitbucket');
      assert.deepEqual(warnings.manifests, []);
      assert.deepEqual(
        warnings.findings.map((f) => [f.rule, f.severity, f.range.start.line, f.range.start.column, f.fixable]),
        [
          ['forge-app-link-missing', 'warning', 1, 1, false],
          ['forge-app-id-invalid', 'warning', 3, 18, true],
        ],
      );
      const invalid = warnings.findings[1];
      assert.deepEqual(invalid.range, { start: { line: 3, column: 18 }, end: { line: 3, column: 54 } });
      assert.match(invalid.message, /bare UUID/);
      assert.deepEqual(report.summary, { files: 2, errors: 0, warnings: 2, info: 0, hints: 0, fixable: 1, maxWarnings: 0, exitCode: 1 });
      assert.equal(run.stderr, '');
    });

    it('has no escape codes when stdout is not a terminal or NO_COLOR is set, and colours on request', () => {
      const cwd = workspace('warnings');
      assert.ok(!cli(['.'], { cwd }).stdout.includes(ESC), 'a pipe gets no colours');
      assert.ok(!cli(['.'], { cwd, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout.includes(ESC), 'NO_COLOR wins over FORCE_COLOR');
      assert.ok(cli(['.'], { cwd, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC), 'FORCE_COLOR turns colours on');
      assert.ok(cli(['--color', '.'], { cwd, env: { NO_COLOR: '1' } }).stdout.includes(ESC), '--color forces them');
      assert.ok(!cli(['--format', 'json', '.'], { cwd, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC), 'never in JSON');
    });

    it('prints only errors with --quiet', () => {
      const cwd = workspace('broken-syntax');
      const run = cli(['--quiet', '.'], { cwd });
      const lines = run.stdout.split('\n').filter((line) => line.startsWith('broken-syntax/'));
      assert.equal(lines.length, 1);
      assert.match(lines[0], / {2}error {4}JSON syntax error: comma expected\. {2}json-syntax$/);
      assert.equal(run.code, 1);
    });
  });

  describe('exit codes', () => {
    it('0 when there are no errors and no warnings', () => {
      const cwd = workspace('clean');
      assert.equal(cli(['.'], { cwd }).code, 0);
    });

    it('1 for warnings over --max-warnings (default 0), 0 within it; -1 never fails on warnings', () => {
      const cwd = workspace('warnings');
      assert.equal(cli(['.'], { cwd }).code, 1);
      assert.equal(cli(['--max-warnings', '0', '.'], { cwd }).code, 1);
      assert.equal(cli(['--max-warnings', '1', '.'], { cwd }).code, 1);
      const two = cli(['--max-warnings=2', '.'], { cwd });
      assert.equal(two.code, 0);
      assert.match(two.stdout, /2 warnings/);
      assert.equal(cli(['--max-warnings', '-1', '.'], { cwd }).code, 0);
      const over = cli(['--max-warnings', '1', '.'], { cwd });
      assert.match(over.stdout, /more than the 1 warning --max-warnings allows/);
    });

    it('1 for errors, whatever --max-warnings says', () => {
      const cwd = workspace('broken-syntax');
      const run = cli(['--max-warnings', '-1', '.'], { cwd });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /✖ 2 problems \(1 error, 1 warning, 0 info\)/);
    });

    it('info findings are printed but never fail the run', () => {
      const cwd = workspace('warnings');
      const run = cli(['--product', 'jira', '.'], { cwd });
      assert.match(run.stdout, / {2}info {5}.* {2}forge-key-unused$/m);
      assert.match(run.stdout, /ℹ 1 problem \(0 errors, 0 warnings, 1 info\)/);
      assert.equal(run.code, 0);
    });

    const usage: readonly (readonly [string, readonly string[], RegExp])[] = [
      ['an unknown option', ['--frobnicate'], /^connect-forge-lint: unknown option '--frobnicate' \(see --help\)\n$/],
      [
        'an unknown rule id',
        ['--rule', 'no-such-rule=off'],
        /^connect-forge-lint: unknown rule 'no-such-rule' \(see --list-rules\) \(see --help\)\n$/,
      ],
      ['a bad severity', ['--rule', 'forge-app-link-missing=loud'], /must be one of off, hint, info, warning, error/],
      ['a --rule without a severity', ['--rule', 'forge-app-link-missing'], /--rule expects <rule-id>=/],
      ['a bad product', ['--product', 'trello'], /--product must be one of auto, bitbucket, jira, confluence/],
      ['a bad format', ['--format', 'xml'], /--format must be one of text, json/],
      ['a bad --max-warnings', ['--max-warnings', 'many'], /--max-warnings must be a whole number/],
      ['a missing value', ['--manifest'], /option --manifest needs a value/],
      ['--fix with --fix-dry-run', ['--fix', '--fix-dry-run'], /either --fix or --fix-dry-run/],
      ['a path that does not exist', ['no/such/folder'], /^connect-forge-lint: cannot read 'no\/such\/folder': no such file or folder\n$/],
      [
        'a manifest that does not exist',
        ['--manifest', 'missing/manifest.yml', '.'],
        /^connect-forge-lint: cannot read 'missing\/manifest\.yml': no such file or folder\n$/,
      ],
    ];
    for (const [what, args, message] of usage) {
      it(`2 for ${what}, with a one-line reason on stderr`, () => {
        const cwd = workspace('warnings');
        const run = cli(args, { cwd });
        assert.equal(run.code, 2);
        assert.match(run.stderr, message);
        assert.equal(run.stderr.trimEnd().split('\n').length, 1, 'one line');
        assert.equal(run.stdout, '');
      });
    }

    it('2 when a descriptor cannot be read, after reporting the others', () => {
      const cwd = workspace('warnings');
      mkdirSync(path.join(cwd, 'huge'));
      // Sparse: 65 MB on paper, nothing on disk; the CLI declines to read it at all.
      writeFileSync(path.join(cwd, 'huge', 'atlassian-connect.json'), '');
      truncateSync(path.join(cwd, 'huge', 'atlassian-connect.json'), 65 * 1024 * 1024);
      const run = cli(['.'], { cwd });
      assert.equal(run.code, 2);
      assert.equal(run.stderr, "connect-forge-lint: cannot check 'huge/atlassian-connect.json': 65 MB is too large for a descriptor\n");
      assert.match(run.stdout, /^warnings\/atlassian-connect\.json:3:18 .* {2}forge-app-id-invalid$/m);
    });

    it('2 for a path that is neither a file nor a folder', function () {
      if (process.platform === 'win32') this.skip();
      const run = cli(['/dev/null']);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, "connect-forge-lint: cannot check '/dev/null': not a file or a folder\n");
    });
  });

  describe('--fix', () => {
    it('applies the safe fixes and keeps tabs, CRLF line endings and the BOM', () => {
      const cwd = workspace('fixable-tabs-crlf-bom');
      const file = path.join(cwd, 'fixable-tabs-crlf-bom', 'atlassian-connect.json');
      const before = readFileSync(file, 'utf8');
      assert.ok(before.startsWith('\ufeff{\r\n\t"key"'), 'the fixture has a BOM, CRLF and tabs (check git did not convert it)');
      const run = cli(['--fix', '.'], { cwd });
      assert.equal(run.code, 0, run.stdout);
      assert.match(run.stdout, /^Fixed fixable-tabs-crlf-bom\/atlassian-connect\.json \(1 fix\):\n {2}- /);
      assert.match(run.stdout, /✔ No problems in 1 descriptor\./);
      const after = readFileSync(file, 'utf8');
      assert.equal(after, before.replace('"4C7AE21B-150A-440C-9912-C85B4C492E93"', JSON.stringify(ARI)), 'only the value changed');
      assert.ok(after.startsWith('\ufeff'), 'BOM kept');
      assert.equal(after.split('\r\n').length, before.split('\r\n').length, 'CRLF kept');
      assert.ok(!/[^\r]\n/.test(after), 'no bare LF');
    });

    it('is idempotent: a second run changes nothing and says so', () => {
      const cwd = workspace('warnings');
      const file = path.join(cwd, 'warnings', 'atlassian-connect.json');
      const first = cli(['--fix', '.'], { cwd });
      assert.match(first.stdout, /^Fixed warnings\/atlassian-connect\.json/);
      assert.equal(first.code, 1, 'the missing install link needs a human');
      assert.match(first.stdout, /forge-app-link-missing/);
      assert.doesNotMatch(first.stdout, /forge-app-id-invalid/);
      const fixed = bytes(file);
      const modified = statSync(file).mtimeMs;
      const second = cli(['--fix', '.'], { cwd });
      assert.match(second.stdout, /^No fixes to apply: no file was changed\.\n/);
      assert.deepEqual(bytes(file), fixed);
      assert.equal(statSync(file).mtimeMs, modified, 'not even rewritten');
    });

    it('refuses a file that does not parse and leaves its bytes alone', () => {
      const cwd = workspace('broken-syntax');
      const file = path.join(cwd, 'broken-syntax', 'atlassian-connect.json');
      const before = bytes(file);
      const run = cli(['--fix', '.'], { cwd });
      assert.deepEqual(bytes(file), before);
      assert.match(run.stdout, /^Not fixed broken-syntax\/atlassian-connect\.json: it does not parse as JSON, so it is not fixed\.$/m);
      assert.match(run.stdout, /No fixes to apply: no file was changed\./);
      assert.equal(run.code, 1);
    });

    it('reports what was fixed in the JSON format', () => {
      const cwd = workspace('warnings');
      const report = JSON.parse(cli(['--fix', '--format', 'json', '.'], { cwd }).stdout) as JsonReport;
      assert.equal(report.files[0].fix?.written, true);
      assert.equal(report.files[0].fix?.applied.length, 1);
      assert.deepEqual(
        report.files[0].findings.map((f) => f.rule),
        ['forge-app-link-missing'],
      );
    });

    it('--fix-dry-run prints a unified diff and writes nothing', () => {
      const cwd = workspace('warnings');
      const file = path.join(cwd, 'warnings', 'atlassian-connect.json');
      const before = bytes(file);
      const run = cli(['--fix-dry-run', '.'], { cwd });
      assert.deepEqual(bytes(file), before);
      assert.ok(
        run.stdout.startsWith(
          [
            '--- a/warnings/atlassian-connect.json',
            '+++ b/warnings/atlassian-connect.json',
            '@@ -1,6 +1,6 @@',
            ' {',
            '   "key": "bare-uuid-no-link",',
            `-  "forgeAppId": "${UUID}",`,
            `+  "forgeAppId": "${ARI}",`,
            '   "name": "Bare UUID, no install link",',
            '   "baseUrl": "https://warnings.example.com",',
            '   "scopes": ["account", "repository"],',
            'Dry run: 1 file would change; nothing was written.',
            '',
          ].join('\n'),
        ),
        run.stdout,
      );
      // The findings are those of the file as it is on disk.
      assert.match(run.stdout, /forge-app-id-invalid/);
      assert.equal(run.code, 1);
      const json = JSON.parse(cli(['--fix-dry-run', '--format', 'json', '.'], { cwd }).stdout) as JsonReport;
      assert.equal(json.files[0].fix?.written, false);
      assert.match(json.files[0].fix?.diff ?? '', /^\+ {2}"forgeAppId": "ari:cloud/m);
      assert.deepEqual(bytes(file), before);
    });
  });

  describe('options', () => {
    it('--product forces the product', () => {
      const cwd = workspace('warnings');
      const jira = cli(['--product', 'jira', '--format', 'json', '.'], { cwd });
      const report = JSON.parse(jira.stdout) as JsonReport;
      assert.equal(report.files[0].product, 'jira');
      assert.deepEqual(
        report.files[0].findings.map((f) => f.rule),
        ['forge-key-unused'],
      );
      const bitbucket = JSON.parse(cli(['--product=bitbucket', '--format=json', '.'], { cwd }).stdout) as JsonReport;
      assert.equal(bitbucket.files[0].product, 'bitbucket');
    });

    it('--rule turns a rule off or changes its severity', () => {
      const cwd = workspace('warnings');
      const off = cli(['--rule', 'forge-app-link-missing=off', '.'], { cwd });
      assert.doesNotMatch(off.stdout, /forge-app-link-missing/);
      assert.match(off.stdout, /✖ 1 problem \(0 errors, 1 warning, 0 info\)/);
      const both = cli(['--rule', 'forge-app-link-missing=off', '--rule=forge-app-id-invalid=info', '.'], { cwd });
      assert.match(both.stdout, / {2}info {5}forgeAppId .* {2}forge-app-id-invalid$/m);
      assert.equal(both.code, 0);
      const error = cli(['--max-warnings', '-1', '--rule', 'forge-app-id-invalid=error', '.'], { cwd });
      assert.match(error.stdout, / {2}error {4}forgeAppId .* {2}forge-app-id-invalid$/m);
      assert.equal(error.code, 1);
    });

    it('--manifest compares every descriptor with the manifest named', () => {
      const cwd = workspace('clean', 'other-app-manifest');
      assert.equal(cli(['clean'], { cwd }).code, 0, 'no manifest in clean/: nothing to compare');
      const run = cli(['--manifest', 'other-app-manifest/manifest.yml', 'clean'], { cwd });
      assert.match(
        run.stdout,
        /^clean\/atlassian-connect\.json:4:17 {2}warning {2}.*other-app-manifest\/manifest\.yml.* {2}forge-app-id-manifest-mismatch$/m,
      );
      assert.equal(run.code, 1);
    });

    it("matches manifests found in a folder argument's tree", () => {
      const cwd = workspace('clean');
      mkdirSync(path.join(cwd, 'clean', 'forge'));
      cpSync(path.join(FIXTURES, 'other-app-manifest', 'manifest.yml'), path.join(cwd, 'clean', 'forge', 'manifest.yml'));
      const report = JSON.parse(cli(['--format', 'json', 'clean'], { cwd }).stdout) as JsonReport;
      assert.deepEqual(report.files[0].manifests, ['clean/forge/manifest.yml']);
      assert.deepEqual(
        report.files[0].findings.map((f) => f.rule),
        ['forge-app-id-manifest-mismatch'],
      );
    });

    it('tells about a manifest.yaml beside the descriptor, as the editor does', () => {
      const cwd = workspace('warnings');
      mkdirSync(path.join(cwd, 'warnings', 'forge'));
      cpSync(path.join(FIXTURES, 'other-app-manifest', 'manifest.yml'), path.join(cwd, 'warnings', 'forge', 'manifest.yaml'));
      const run = cli(['warnings'], { cwd });
      assert.match(
        run.stdout,
        /^warnings\/atlassian-connect\.json:1:1 {2}info {5}.*warnings\/forge\/manifest\.yaml.* {2}manifest-file-name$/m,
      );
    });

    it('checks a file argument whatever its name, and --descriptor-glob adds files in folders', () => {
      const cwd = workspace('descriptor-glob');
      assert.match(cli(['descriptor-glob'], { cwd }).stdout, /^No Connect descriptors found in descriptor-glob/);
      assert.match(cli(['descriptor-glob/descriptor/connect.json'], { cwd }).stdout, /^descriptor-glob\/descriptor\/connect\.json:1:1 /m);
      const globbed = cli(['--descriptor-glob', '**/descriptor/*.json', 'descriptor-glob'], { cwd });
      assert.match(globbed.stdout, /^descriptor-glob\/descriptor\/connect\.json:1:1 .* {2}forge-app-link-missing$/m);
    });

    it('skips node_modules (and other dependency and build folders) in folders', () => {
      const cwd = workspace('clean');
      for (const skipped of ['node_modules/some-package', '.git', 'dist']) {
        mkdirSync(path.join(cwd, 'clean', skipped), { recursive: true });
        cpSync(path.join(FIXTURES, 'warnings', 'atlassian-connect.json'), path.join(cwd, 'clean', skipped, 'atlassian-connect.json'));
      }
      const run = cli(['.'], { cwd });
      assert.equal(run.stdout, '✔ No problems in 1 descriptor.\n');
      assert.equal(run.code, 0);
    });

    it('checks each descriptor once when paths overlap', () => {
      const cwd = workspace('warnings');
      const report = JSON.parse(
        cli(['--format', 'json', '.', 'warnings', 'warnings/atlassian-connect.json'], { cwd }).stdout,
      ) as JsonReport;
      assert.equal(report.files.length, 1);
    });

    it('--help, --version and --list-rules', () => {
      const help = cli(['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: connect-forge-lint \[options\] \[paths…\]$/m);
      assert.match(help.stdout, /--max-warnings N/);
      const version = cli(['--version']);
      assert.equal(version.stdout, `${VERSION}\n`);
      const rules = cli(['--list-rules']);
      for (const rule of RULES) assert.match(rules.stdout, new RegExp(`^${rule.id} +${rule.defaultSeverity} `, 'm'));
      const json = JSON.parse(cli(['--list-rules', '--format', 'json']).stdout) as { id: string }[];
      assert.deepEqual(
        json.map((r) => r.id),
        RULES.map((r) => r.id),
      );
    });
  });

  describe('the bundled examples/', () => {
    it("prints the example's findings and exits 1; after --fix only the install link is left", () => {
      const cwd = workspace();
      cpSync(path.join(ROOT, 'examples'), path.join(cwd, 'examples'), { recursive: true });
      const run = cli(['examples/'], { cwd });
      assert.equal(run.code, 1);
      for (const rule of ['forge-app-link-missing', 'forge-app-id-invalid', 'forge-key-nested'])
        assert.match(run.stdout, new RegExp(`  ${rule}$`, 'm'));
      const fixed = cli(['--fix', 'examples/'], { cwd });
      assert.match(fixed.stdout, /^Fixed examples\/connect-app\/atlassian-connect\.json/);
      const left = JSON.parse(cli(['--format', 'json', 'examples/'], { cwd }).stdout) as JsonReport;
      assert.deepEqual(left.files[0].manifests, ['examples/forge-app/manifest.yml']);
      assert.deepEqual(
        left.files[0].findings.map((f) => f.rule),
        ['forge-app-link-missing'],
      );
      assert.ok(
        readFileSync(path.join(cwd, 'examples', 'connect-app', 'atlassian-connect.json'), 'utf8').includes(
          `"forgeAppId": "ari:cloud:ecosystem::app/`,
        ),
      );
    });
  });
});

describe('Standalone server: connect-forge-language-server', function () {
  this.timeout(20000);
  let child: ChildProcess | undefined;

  afterEach(() => {
    child?.kill();
    child = undefined;
  });

  it('is a package bin, linked into node_modules/.bin, that answers initialize over --stdio', async () => {
    const bin = SERVER_PACKAGE.bin['connect-forge-language-server'];
    assert.ok(bin, 'server/package.json has the bin');
    const linked = path.join(ROOT, 'node_modules', '.bin', 'connect-forge-language-server');
    assert.ok(existsSync(linked), `${linked} exists (npm links workspace bins)`);
    assert.equal(realpathSync(linked), realpathSync(path.join(ROOT, 'server', bin)));
    assert.ok((statSync(linked).mode & 0o111) !== 0, 'executable');

    // Started the way an editor's configuration would: the command itself, no `node` in front.
    const server = spawn(linked, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    child = server;
    const answer = await new Promise<{ id: number; result?: { capabilities?: Record<string, unknown>; serverInfo?: { name: string } } }>(
      (resolve, reject) => {
        let buffer = Buffer.alloc(0);
        server.on('error', reject);
        server.on('exit', (code) => reject(new Error(`the server exited (${code}) before answering`)));
        server.stdout?.on('data', (chunk: Buffer) => {
          buffer = Buffer.concat([buffer, chunk]);
          for (;;) {
            const headerEnd = buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
            if (buffer.length < headerEnd + 4 + length) return;
            const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as { id?: number };
            buffer = buffer.subarray(headerEnd + 4 + length);
            if (message.id === 1) resolve(message as { id: number });
          }
        });
        const send = (message: object): void => {
          const body = Buffer.from(JSON.stringify(message), 'utf8');
          server.stdin?.write(`Content-Length: ${body.length}\r\n\r\n`);
          server.stdin?.write(body);
        };
        send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      },
    );
    assert.equal(answer.result?.serverInfo?.name, 'connect-forge-link');
    assert.ok(answer.result?.capabilities?.codeActionProvider, 'code actions');
  });
});

describe('CLI internals (in process)', () => {
  describe('unifiedDiff', () => {
    it('is empty for equal texts', () => {
      assert.equal(unifiedDiff('f', 'a\n', 'a\n'), '');
    });

    it('makes separate hunks for changes far apart, with 3 lines of context', () => {
      const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
      const after = before.replace('line 2\n', 'line two\n').replace('line 18\n', '');
      assert.equal(
        unifiedDiff('f.json', before, after),
        [
          '--- a/f.json',
          '+++ b/f.json',
          '@@ -1,5 +1,5 @@',
          ' line 1',
          '-line 2',
          '+line two',
          ' line 3',
          ' line 4',
          ' line 5',
          '@@ -15,6 +15,5 @@',
          ' line 15',
          ' line 16',
          ' line 17',
          '-line 18',
          ' line 19',
          ' line 20',
          '',
        ].join('\n'),
      );
    });

    it('marks a last line without a newline, and compares CRLF lines whole', () => {
      assert.equal(
        unifiedDiff('f', 'a\r\nb', 'a\r\nc'),
        [
          '--- a/f',
          '+++ b/f',
          '@@ -1,2 +1,2 @@',
          ' a',
          '-b',
          '\\ No newline at end of file',
          '+c',
          '\\ No newline at end of file',
          '',
        ].join('\n'),
      );
      assert.equal(unifiedDiff('f', 'a\n', ''), ['--- a/f', '+++ b/f', '@@ -1 +0,0 @@', '-a', ''].join('\n'));
    });
  });

  describe('progress line', () => {
    function fakeTerminal(isTTY: boolean): {
      stream: { isTTY: boolean; columns: number; write: (text: string) => void };
      written: string[];
    } {
      const written: string[] = [];
      return { stream: { isTTY, columns: 40, write: (text) => written.push(text) }, written };
    }

    it('stays silent for a quick run and whenever stderr is not a terminal', () => {
      let time = 0;
      const quick = fakeTerminal(true);
      const progress = createProgress(quick.stream, () => time);
      progress.update('Checking 1/2');
      time = 300;
      progress.update('Checking 2/2');
      progress.done();
      assert.deepEqual(quick.written, []);

      const piped = fakeTerminal(false);
      const silent = createProgress(piped.stream, () => time);
      time = 5000;
      silent.update('Checking');
      silent.done();
      assert.deepEqual(piped.written, []);
    });

    it('shows one line, redrawn in place, after half a second, and erases it at the end', () => {
      let time = 0;
      const terminal = fakeTerminal(true);
      const progress = createProgress(terminal.stream, () => time);
      progress.update('Searching .');
      time = 600;
      progress.update('Checking 1/3: a/atlassian-connect.json and a name too long for the line');
      time = 650;
      progress.update('Checking 2/3: throttled');
      time = 800;
      progress.update('Checking 3/3');
      progress.done();
      assert.deepEqual(terminal.written, ['\r\u001b[KChecking 1/3: a/atlassian-connect.json…', '\r\u001b[KChecking 3/3', '\r\u001b[K']);
    });
  });
});

describe('CLI: the manifest rules are rules like the others', function () {
  this.timeout(20000);

  it('accepts --rule manifest-app-id=off and lists manifest-app-id', () => {
    const run = cli(['--rule', 'manifest-app-id=off', path.join('test', 'fixtures', 'cli', 'clean')]);
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '✔ No problems in 1 descriptor.\n');
    assert.equal(run.code, 0);
    assert.match(cli(['--list-rules']).stdout, /^manifest-app-id +warning +In an open manifest\.yml: /m);
  });
});
