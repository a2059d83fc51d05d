/** The report: the text and JSON formats, colours, --quiet, and the exit code the findings give. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ESC, JsonReport, VERSION, cli, expectedLine, stripAnsi, temporaryWorkspaces } from './harness';

describe('CLI: output', () => {
  const workspace = temporaryWorkspaces();

  it('prints one line per finding, path:line:col  severity  message  rule-id, then a summary', async () => {
    const cwd = workspace('warnings');
    const text = readFileSync(path.join(cwd, 'warnings', 'atlassian-connect.json'), 'utf8');
    const run = await cli(['warnings'], { cwd });
    const file = 'warnings/atlassian-connect.json';
    assert.equal(
      run.stdout,
      [
        expectedLine(file, text, 'forge-app-link-missing', 2, 3),
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

  it('says so when there is nothing to report', async () => {
    const cwd = workspace('clean');
    const run = await cli(['clean'], { cwd });
    assert.equal(run.stdout, '✔ No problems in 1 descriptor.\n');
    assert.equal(run.code, 0);
  });

  it('prints paths relative to the current folder, for folder and file arguments alike', async () => {
    const cwd = workspace('warnings');
    const inside = await cli(['.'], { cwd: path.join(cwd, 'warnings') });
    assert.match(inside.stdout, /^atlassian-connect\.json:2:3 /m);
    const absolute = await cli([path.join(cwd, 'warnings', 'atlassian-connect.json')], { cwd });
    assert.match(absolute.stdout, /^warnings\/atlassian-connect\.json:2:3 /m);
  });

  it('writes a stable JSON report with --format json', async () => {
    const cwd = workspace('warnings', 'clean');
    const run = await cli(['--format', 'json', '.'], { cwd });
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
        ['forge-app-link-missing', 'warning', 2, 3, false],
        ['forge-app-id-invalid', 'warning', 3, 18, true],
      ],
    );
    const invalid = warnings.findings[1];
    assert.deepEqual(invalid.range, { start: { line: 3, column: 18 }, end: { line: 3, column: 54 } });
    assert.match(invalid.message, /bare UUID/);
    assert.deepEqual(report.summary, { files: 2, errors: 0, warnings: 2, info: 0, hints: 0, fixable: 1, maxWarnings: 0, exitCode: 1 });
    assert.equal(run.stderr, '');
  });

  it('has no escape codes when stdout is not a terminal or NO_COLOR is set, and colours on request', async () => {
    const cwd = workspace('warnings');
    assert.ok(!(await cli(['.'], { cwd })).stdout.includes(ESC), 'a pipe gets no colours');
    assert.ok(
      !(await cli(['.'], { cwd, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout.includes(ESC),
      'NO_COLOR wins over FORCE_COLOR',
    );
    assert.ok((await cli(['.'], { cwd, env: { FORCE_COLOR: '1' } })).stdout.includes(ESC), 'FORCE_COLOR turns colours on');
    assert.ok((await cli(['--color', '.'], { cwd, env: { NO_COLOR: '1' } })).stdout.includes(ESC), '--color forces them');
    assert.ok(!(await cli(['--format', 'json', '.'], { cwd, env: { FORCE_COLOR: '1' } })).stdout.includes(ESC), 'never in JSON');
  });

  it('colours a terminal, the same text as a pipe gets, unless NO_COLOR, FORCE_COLOR=0 or --no-color says otherwise', async () => {
    const cwd = workspace('warnings');
    const piped = await cli(['.'], { cwd });
    const terminal = await cli(['.'], { cwd, tty: true });
    assert.ok(terminal.stdout.includes(`${ESC}33m`), 'warnings in yellow');
    assert.equal(stripAnsi(terminal.stdout), piped.stdout);
    assert.equal((await cli(['.'], { cwd, tty: true, env: { NO_COLOR: '1' } })).stdout, piped.stdout);
    assert.equal((await cli(['.'], { cwd, tty: true, env: { FORCE_COLOR: '0' } })).stdout, piped.stdout);
    assert.equal((await cli(['--color', '--no-color', '.'], { cwd, tty: true })).stdout, piped.stdout, 'the last of the two wins');
    assert.equal((await cli(['--no-color', '--color', '.'], { cwd })).stdout, terminal.stdout);
  });

  it('prints only errors with --quiet', async () => {
    const cwd = workspace('broken-syntax');
    const run = await cli(['--quiet', '.'], { cwd });
    const lines = run.stdout.split('\n').filter((line) => line.startsWith('broken-syntax/'));
    assert.equal(lines.length, 1);
    assert.match(lines[0], / {2}error {4}JSON syntax error: comma expected\. {2}json-syntax$/);
    assert.equal(run.code, 1);
  });

  describe('exit codes', () => {
    it('0 when there are no errors and no warnings', async () => {
      const cwd = workspace('clean');
      assert.equal((await cli(['.'], { cwd })).code, 0);
    });

    it('1 for warnings over --max-warnings (default 0), 0 within it; -1 never fails on warnings', async () => {
      const cwd = workspace('warnings');
      assert.equal((await cli(['.'], { cwd })).code, 1);
      assert.equal((await cli(['--max-warnings', '0', '.'], { cwd })).code, 1);
      assert.equal((await cli(['--max-warnings', '1', '.'], { cwd })).code, 1);
      const two = await cli(['--max-warnings=2', '.'], { cwd });
      assert.equal(two.code, 0);
      assert.match(two.stdout, /2 warnings/);
      assert.equal((await cli(['--max-warnings', '-1', '.'], { cwd })).code, 0);
      const over = await cli(['--max-warnings', '1', '.'], { cwd });
      assert.match(over.stdout, /more than the 1 warning --max-warnings allows/);
    });

    it('1 for errors, whatever --max-warnings says', async () => {
      const cwd = workspace('broken-syntax');
      const run = await cli(['--max-warnings', '-1', '.'], { cwd });
      assert.equal(run.code, 1);
      assert.match(run.stdout, /✖ 2 problems \(1 error, 1 warning, 0 info\)/);
    });

    it('info findings are printed but never fail the run', async () => {
      const cwd = workspace('warnings');
      const run = await cli(['--product', 'jira', '.'], { cwd });
      assert.match(run.stdout, / {2}info {5}.* {2}forge-key-unused$/m);
      assert.match(run.stdout, /ℹ 1 problem \(0 errors, 0 warnings, 1 info\)/);
      assert.equal(run.code, 0);
    });
  });
});
