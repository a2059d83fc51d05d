/**
 * What a check promises --fix will do (issue 15 §5): only what --fix would fix is counted and marked
 * fixable, in the text summary and in the JSON report, and where --fix will leave a file alone the
 * report says why, in the same place.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ARI, JsonReport, cli, temporaryWorkspaces } from './harness';

/** A descriptor whose forgeAppId has stray spaces (a safe fix), and whatever else `rest` adds. */
const strayAppId = (rest: string) => `{\n  "key": "my-app",\n  "contexts": ["account"],\n  "forgeAppId": " ${ARI} "${rest}\n}\n`;
/** The reproduction: the same with an unclosed array after it. */
const UNCLOSED = strayAppId(',\n  "scopes": [');
const NOT_JSON = 'it does not parse as JSON, so it is not fixed';
const NOT_UTF8 = 'it is not valid UTF-8, so writing it back would change other bytes';

describe('CLI: what a check says --fix will fix', () => {
  const workspace = temporaryWorkspaces();

  /** A folder with one descriptor per entry, each in its own folder named by the key. */
  function folderWith(files: Readonly<Record<string, string | Buffer>>): string {
    const cwd = workspace();
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.join(cwd, name), { recursive: true });
      writeFileSync(path.join(cwd, name, 'atlassian-connect.json'), content);
    }
    return cwd;
  }

  async function json(cwd: string, ...args: string[]): Promise<JsonReport> {
    return JSON.parse((await cli(['--format', 'json', ...args, '.'], { cwd })).stdout) as JsonReport;
  }

  it('does not count the fix of a file that does not parse, and says why below the summary', async () => {
    const cwd = folderWith({ broken: UNCLOSED });
    const run = await cli(['.'], { cwd });
    assert.doesNotMatch(run.stdout, /can be fixed with --fix/);
    assert.match(run.stdout, new RegExp(`\\n {2}--fix would not change broken/atlassian-connect\\.json: ${NOT_JSON}\\.\\n`));
    // And --fix says the same.
    const fix = await cli(['--fix', '.'], { cwd });
    assert.match(fix.stdout, new RegExp(`^Not fixed broken/atlassian-connect\\.json: ${NOT_JSON}\\.$`, 'm'));
  });

  it('marks its findings not fixable in the JSON report, with the reason on the file', async () => {
    const report = await json(folderWith({ broken: UNCLOSED }));
    const file = report.files[0];
    assert.equal(file.fixBlocked, NOT_JSON);
    const invalid = file.findings.find((finding) => finding.rule === 'forge-app-id-invalid');
    assert.equal(invalid?.fixable, false);
    assert.equal(report.summary.fixable, 0);
  });

  it('does the same for a file that is not UTF-8', async () => {
    const cwd = folderWith({ latin1: Buffer.from(strayAppId(',\n  "name": "Café"'), 'latin1') });
    const run = await cli(['.'], { cwd });
    assert.doesNotMatch(run.stdout, /can be fixed with --fix/);
    assert.match(run.stdout, new RegExp(`\\n {2}--fix would not change latin1/atlassian-connect\\.json: ${NOT_UTF8}\\.\\n`));
    const report = await json(cwd);
    assert.equal(report.files[0].fixBlocked, NOT_UTF8);
    assert.deepEqual(
      report.files[0].findings.filter((finding) => finding.fixable),
      [],
    );
    assert.equal(report.summary.fixable, 0);
  });

  it('still counts what it can fix in the other files, and names each file it cannot', async () => {
    const cwd = folderWith({ broken: UNCLOSED, fine: strayAppId(''), latin1: Buffer.from(strayAppId(',\n  "name": "Café"'), 'latin1') });
    const run = await cli(['.'], { cwd });
    const summary = run.stdout.slice(run.stdout.indexOf('✖'));
    assert.deepEqual(summary.trimEnd().split('\n').slice(1), [
      '  1 of them can be fixed with --fix (--fix-dry-run shows how).',
      `  --fix would not change broken/atlassian-connect.json: ${NOT_JSON}.`,
      `  --fix would not change latin1/atlassian-connect.json: ${NOT_UTF8}.`,
    ]);
    const report = await json(cwd);
    assert.equal(report.summary.fixable, 1);
    assert.deepEqual(
      report.files.map((file) => [file.path, file.fixBlocked, file.findings.some((finding) => finding.fixable)]),
      [
        ['broken/atlassian-connect.json', NOT_JSON, false],
        ['fine/atlassian-connect.json', undefined, true],
        ['latin1/atlassian-connect.json', NOT_UTF8, false],
      ],
    );
  });

  it('offers no SARIF fixes for a file --fix refuses, and keeps them for the file it fixes', async () => {
    const cwd = folderWith({ broken: UNCLOSED, fine: strayAppId(''), latin1: Buffer.from(strayAppId(',\n  "name": "Café"'), 'latin1') });
    const log = JSON.parse((await cli(['--format', 'sarif', '.'], { cwd })).stdout) as {
      runs: {
        results: { ruleId: string; fixes?: unknown[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    const withFixes = log.runs[0].results
      .filter((result) => result.ruleId === 'forge-app-id-invalid')
      .map((result) => [result.locations[0].physicalLocation.artifactLocation.uri, result.fixes?.length ?? 0]);
    assert.deepEqual(withFixes.sort(), [
      ['broken/atlassian-connect.json', 0],
      ['fine/atlassian-connect.json', 1],
      ['latin1/atlassian-connect.json', 0],
    ]);
  });

  it('says nothing of --fix for a broken file that has nothing --fix would fix', async () => {
    const run = await cli(['.'], { cwd: folderWith({ broken: '{\n  "key": "my-app",\n  "contexts": [\n}\n' }) });
    assert.doesNotMatch(run.stdout, /--fix/);
  });
});
