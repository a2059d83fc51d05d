/**
 * --format github: workflow commands read back the way the Actions runner parses them
 * (`::name key=value,…::message`, properties split at commas and at the first `=`, then
 * unescaped, `%25` last), so that an escaping slip makes a value come back different.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { FileReport, NO_COLORS, findingLines, position } from '../../server/src/cli/format';
import { githubReport } from '../../server/src/cli/formats/github';
import { reportRoot } from '../../server/src/cli/formats/report';
import { temporaryWorkspaces } from './harness';
import { checkedReports, manyNestedKeys, runOf } from './reports';

interface WorkflowCommand {
  readonly name: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

const unescapeData = (text: string): string => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (text: string): string =>
  text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** The runner's reading of a line; undefined for a line that is no command. */
function parseCommand(line: string): WorkflowCommand | undefined {
  if (!line.startsWith('::')) return undefined;
  const end = line.indexOf('::', 2);
  if (end < 0) return undefined;
  const head = line.slice(2, end);
  const space = head.indexOf(' ');
  const name = space < 0 ? head : head.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of head.slice(space + 1).split(',')) {
      const equals = pair.indexOf('=');
      assert.ok(equals > 0, `a property is key=value: ${pair}`);
      properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1));
    }
  }
  return { name, properties, message: unescapeData(line.slice(end + 2)) };
}

function commands(output: string): { commands: WorkflowCommand[]; other: string[] } {
  assert.ok(output.endsWith('\n'));
  const lines = output.slice(0, -1).split('\n');
  for (const line of lines) assert.ok(!line.includes('\r'), 'no carriage return inside a line');
  const parsed = lines.map(parseCommand);
  return {
    commands: parsed.filter((command): command is WorkflowCommand => command !== undefined),
    other: lines.filter((_, index) => parsed[index] === undefined),
  };
}

describe('--format github', () => {
  const workspace = temporaryWorkspaces();

  it('writes one annotation command per finding, at its file, line and column, then the summary', async () => {
    const cwd = workspace('warnings', 'broken-syntax');
    const reports = await checkedReports(cwd, ['.', '--product', 'bitbucket']);
    const output = commands(githubReport(runOf(reports, cwd)));
    assert.deepEqual(output.other, ['✖ 4 problems (1 error, 3 warnings, 0 info)']);
    const findings = reports.flatMap((report) => report.findings.map((finding) => ({ report, finding })));
    assert.equal(output.commands.length, findings.length);
    for (const { report, finding } of findings) {
      const start = position(report.text, finding.start);
      const end = position(report.text, finding.end);
      const command = output.commands.find(
        (c) => c.properties.file === report.path && c.properties.line === String(start.line) && c.message.startsWith(finding.message),
      );
      assert.ok(command, `${report.path}:${start.line} ${finding.ruleId}`);
      assert.equal(command.name, finding.severity);
      assert.deepEqual(command.properties, {
        file: report.path,
        line: String(start.line),
        col: String(start.column),
        endLine: String(end.line),
        endColumn: String(end.column),
        title: `${finding.ruleId} (connect-forge-lint)`,
      });
      assert.equal(command.message, `${finding.message}\nhttps://github.com/connect-forge-link/connect-forge-link#rule-${finding.ruleId}`);
    }
  });

  it('uses notice for info and hints, and names a file that cannot be read in an error', async () => {
    const cwd = workspace('warnings');
    const [jira] = await checkedReports(cwd, ['--product', 'jira', '.']);
    const notice = commands(githubReport(runOf([jira], cwd))).commands;
    assert.deepEqual(
      notice.map((c) => [c.name, c.properties.title]),
      [['notice', 'forge-key-unused (connect-forge-lint)']],
    );
    const unreadable: FileReport = { ...jira, findings: [], error: "cannot read 'warnings/atlassian-connect.json': permission denied" };
    assert.deepEqual(commands(githubReport(runOf([unreadable], cwd))).commands, [
      { name: 'error', properties: { file: 'warnings/atlassian-connect.json', title: 'connect-forge-lint' }, message: unreadable.error },
    ]);
  });

  it('gives paths relative to the checkout (GITHUB_WORKSPACE), and names a served descriptor by its URL', async () => {
    const cwd = workspace('warnings');
    const reports = await checkedReports(path.join(cwd, 'warnings'), ['.']);
    assert.equal(reports[0].path, 'atlassian-connect.json', 'the current folder is below the checkout');
    const root = reportRoot({ GITHUB_WORKSPACE: cwd }, path.join(cwd, 'warnings'));
    assert.equal(root, cwd);
    for (const command of commands(githubReport(runOf(reports, root))).commands)
      assert.equal(command.properties.file, 'warnings/atlassian-connect.json');

    const url = 'https://app.example.com/atlassian-connect.json';
    const served: FileReport = { ...reports[0], path: url, source: { kind: 'url', url } };
    const [first] = commands(githubReport(runOf([served], root))).commands;
    assert.deepEqual(Object.keys(first.properties), ['title']);
    assert.match(
      first.message,
      /^https:\/\/app\.example\.com\/atlassian-connect\.json:2:3: No forgeAppLink: admins will not see "Get the Forge app"\./,
    );
  });

  it('annotates 10 findings of a kind (what the runner shows for a step) and lists the others as plain lines', async () => {
    const cwd = workspace('broken-syntax');
    mkdirSync(path.join(cwd, 'many'));
    writeFileSync(path.join(cwd, 'many', 'atlassian-connect.json'), manyNestedKeys(14));
    const reports = await checkedReports(cwd, ['many', 'broken-syntax']);
    const output = commands(githubReport(runOf(reports, cwd)));
    assert.deepEqual(
      output.commands.map((c) => c.name),
      [...Array<string>(10).fill('warning'), 'error'],
      'the error after 10 warnings is still annotated',
    );
    const plain = reports.flatMap((report) => findingLines(report, NO_COLORS)).filter((line) => / {2}warning {2}/.test(line));
    assert.equal(plain.length, 16, '1 + 14 warnings in many/, 1 in broken-syntax/');
    assert.deepEqual(output.other, [
      ...plain.slice(10),
      '✖ 17 problems (1 error, 16 warnings, 0 info)',
      '  6 findings beyond the 10 annotations of a kind that GitHub shows for a step are listed above as plain lines.',
    ]);
  });

  it('escapes any message and path so that the runner reads them back unchanged, one command a line', async () => {
    const cwd = workspace('warnings');
    const [report] = await checkedReports(cwd, ['.']);
    const tricky = fc.string({ unit: fc.constantFrom('%', '\r', '\n', ':', ',', '=', '::', '%25', '%0A', 'a', 'é', ' ', '😀') });
    fc.assert(
      fc.property(tricky, fc.string(), tricky, (message, plain, name) => {
        const file = path.join(cwd, `${name.replace(/[/\\]/g, '') || 'x'}.json`);
        const tampered: FileReport = {
          ...report,
          source: { kind: 'file', file },
          findings: report.findings.map((f) => ({ ...f, message: `${message}${plain}` })),
        };
        const output = commands(githubReport(runOf([tampered], cwd)));
        assert.equal(output.commands.length, report.findings.length);
        for (const command of output.commands) {
          assert.equal(command.properties.file, path.basename(file));
          assert.ok(command.message.startsWith(`${message}${plain}\n`), JSON.stringify(command.message));
        }
      }),
      { numRuns: 200 },
    );
  });
});
