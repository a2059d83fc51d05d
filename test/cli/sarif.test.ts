/**
 * --format sarif: validated against the OASIS SARIF 2.1.0 JSON schema (a copy in
 * test/fixtures/sarif, see its README) with Ajv, and read back: rules, results, regions, fixes
 * (applied to the text, they must give what the core's fix gives) and the invocation.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES, applyEdits, ruleDocsUrl, ruleDocs } from '../../server/src/core';
import { FileReport, position } from '../../server/src/cli/format';
import { sarifReport } from '../../server/src/cli/formats/sarif';
import { ROOT, temporaryWorkspaces } from './harness';
import { checkedReports, runOf } from './reports';
import { sarifValidator, validSarif } from '../support/sarifSchema';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: ArtifactLocation; region: Region } }[];
  relatedLocations?: { id: number; message: { text: string }; physicalLocation: { artifactLocation: ArtifactLocation; region?: Region } }[];
  fixes?: {
    description: { text: string };
    artifactChanges: {
      artifactLocation: ArtifactLocation;
      replacements: { deletedRegion: Region; insertedContent?: { text: string } }[];
    }[];
  }[];
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: { id: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[];
      };
    };
    invocations: {
      executionSuccessful: boolean;
      exitCode: number;
      toolExecutionNotifications?: { level: string; message: { text: string }; associatedRule?: { id: string; index: number } }[];
      ruleConfigurationOverrides?: { descriptor: { id: string; index: number }; configuration: { level?: string; enabled?: boolean } }[];
    }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: SarifResult[];
  }[];
}

const valid = (output: string): SarifLog => validSarif<SarifLog>(output);

/** The offset of a SARIF line and column (1-based, UTF-16, the first line not counting a BOM). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let current = 1; current < line; current++) {
    const match = /\r\n|\n|\r/.exec(text.slice(offset));
    assert.ok(match, `line ${line} exists`);
    offset += match.index + match[0].length;
  }
  return offset + column - 1;
}

/** The file a relative artifact location names, resolved as a SARIF consumer does. */
function artifactFile(log: SarifLog, location: ArtifactLocation): string {
  const base = location.uriBaseId ? log.runs[0].originalUriBaseIds[location.uriBaseId].uri : undefined;
  return fileURLToPath(new URL(location.uri, base));
}

describe('--format sarif', () => {
  const workspace = temporaryWorkspaces();

  it('is valid SARIF 2.1.0 for every kind of report (and the schema does reject what is not)', async () => {
    const cwd = workspace('warnings', 'clean', 'broken-syntax', 'fixable-tabs-crlf-bom', 'other-app-manifest');
    mkdirSync(path.join(cwd, 'list'));
    writeFileSync(path.join(cwd, 'list', 'atlassian-connect.json'), '["a list"]');
    const runs = [
      runOf(await checkedReports(cwd, ['.']), cwd),
      runOf(await checkedReports(cwd, ['--manifest', 'other-app-manifest/manifest.yml', 'clean']), cwd),
      runOf(await checkedReports(cwd, ['--rule', 'forge-app-link-missing=off', '--rule', 'json-syntax=warning', '.']), cwd, {
        ruleSettings: { 'forge-app-link-missing': 'off', 'json-syntax': 'warning' },
      }),
      runOf([], cwd),
    ];
    for (const run of runs) valid(sarifReport(run));
    const broken = JSON.parse(sarifReport(runs[0])) as SarifLog;
    broken.runs[0].results[0].level = 'fatal';
    assert.equal(sarifValidator()(broken), false, 'the schema rejects an unknown level');
  });

  it('describes every rule: id, short description, help link to the README row, default level', async () => {
    const cwd = workspace('clean');
    const { driver } = valid(sarifReport(runOf(await checkedReports(cwd, ['.']), cwd))).runs[0].tool;
    assert.equal(driver.name, 'connect-forge-lint');
    assert.equal(driver.informationUri, 'https://github.com/connect-forge-link/connect-forge-link');
    assert.deepEqual(
      driver.rules.map((rule) => rule.id),
      RULES.map((rule) => rule.id),
    );
    for (const [index, rule] of RULES.entries()) {
      const described = driver.rules[index];
      assert.equal(described.helpUri, ruleDocsUrl(rule.id));
      assert.ok(README.includes(`<a id="rule-${rule.id}"></a>`), `the README has the anchor ${rule.id} links to`);
      assert.equal(described.shortDescription.text, ruleDocs(rule).description.replace(/`/g, ''));
      assert.equal(
        described.defaultConfiguration.level,
        { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[rule.defaultSeverity],
      );
    }
  });

  it('gives each finding a result with its rule, level, message and region, relative to %SRCROOT%', async () => {
    const cwd = workspace('warnings', 'broken-syntax');
    const reports = await checkedReports(cwd, ['.']);
    const log = valid(sarifReport(runOf(reports, cwd)));
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(
      run.results.length,
      reports.reduce((sum, report) => sum + report.findings.length, 0),
    );
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      assert.match(artifactLocation.uri, /^(warnings|broken-syntax)\/atlassian-connect\.json$/);
      const report = reports.find((r) => path.join(cwd, r.path) === artifactFile(log, artifactLocation));
      assert.ok(report, `${artifactLocation.uri} resolves to a file that was checked`);
      const finding = report.findings.find((f) => f.ruleId === result.ruleId && f.message === result.message.text);
      assert.ok(finding);
      assert.equal(offsetOf(report.text, region.startLine, region.startColumn), finding.start);
      assert.equal(offsetOf(report.text, region.endLine, region.endColumn), finding.end);
      assert.equal(result.level, finding.severity === 'error' ? 'error' : 'warning');
    }
    assert.deepEqual(
      run.results.filter((r) => r.ruleId === 'json-syntax').map((r) => [r.level, r.locations[0].physicalLocation.region.startLine]),
      [['error', 4]],
    );
  });

  it('carries the safe fixes as replacements that, applied to the file, give what the fix gives', async () => {
    const cwd = workspace('warnings', 'fixable-tabs-crlf-bom');
    const reports = await checkedReports(cwd, ['.']);
    const log = valid(sarifReport(runOf(reports, cwd)));
    const withFixes = log.runs[0].results.filter((result) => result.fixes);
    assert.equal(withFixes.length, 2, 'one safe fix in each file');
    assert.ok(
      log.runs[0].results.filter((r) => r.ruleId === 'forge-app-link-missing').every((r) => !r.fixes),
      'a fix that needs the link from a human is not offered',
    );
    for (const result of withFixes) {
      const [fix] = result.fixes ?? [];
      const [change] = fix.artifactChanges;
      const report = reports.find((r) => path.join(cwd, r.path) === artifactFile(log, change.artifactLocation)) as FileReport;
      const edits = change.replacements.map((replacement) => ({
        start: offsetOf(report.text, replacement.deletedRegion.startLine, replacement.deletedRegion.startColumn),
        end: offsetOf(report.text, replacement.deletedRegion.endLine, replacement.deletedRegion.endColumn),
        newText: replacement.insertedContent?.text ?? '',
      }));
      const coreFix = report.findings.find((f) => f.ruleId === result.ruleId)?.fixes.find((f) => f.safe);
      assert.ok(coreFix);
      assert.equal(fix.description.text, coreFix.title);
      assert.equal(applyEdits(report.text, edits), applyEdits(report.text, coreFix.edits()));
      assert.match(applyEdits(report.text, edits), /"forgeAppId": "ari:cloud:ecosystem::app\/4c7ae21b-150a-440c-9912-c85b4c492e93"/);
    }
  });

  it('points related locations at the manifest, and records the exit code, file errors and --rule settings in the invocation', async () => {
    const cwd = workspace('clean', 'other-app-manifest');
    const mismatch = valid(sarifReport(runOf(await checkedReports(cwd, ['--manifest', 'other-app-manifest/manifest.yml', 'clean']), cwd)));
    const [result] = mismatch.runs[0].results;
    assert.equal(result.ruleId, 'forge-app-id-manifest-mismatch');
    const related = result.relatedLocations?.[0];
    assert.ok(related);
    assert.equal(artifactFile(mismatch, related.physicalLocation.artifactLocation), path.join(cwd, 'other-app-manifest', 'manifest.yml'));
    assert.deepEqual(related.physicalLocation.region, { startLine: 3, startColumn: 7, endLine: 3, endColumn: 68 });
    assert.deepEqual(mismatch.runs[0].invocations[0], {
      executionSuccessful: true,
      exitCode: 1,
      exitCodeDescription: 'errors, or more warnings than --max-warnings',
    });

    mkdirSync(path.join(cwd, 'unreadable'));
    writeFileSync(path.join(cwd, 'unreadable', 'atlassian-connect.json'), '{}');
    const error: FileReport = {
      ...(await checkedReports(cwd, ['unreadable']))[0],
      findings: [],
      rulesRun: [],
      error: "cannot read 'unreadable/atlassian-connect.json': permission denied",
    };
    const failed = valid(sarifReport(runOf([error], cwd, { ruleSettings: { 'json-syntax': 'off', 'forge-app-id-invalid': 'error' } })))
      .runs[0].invocations[0];
    assert.equal(failed.executionSuccessful, false);
    assert.equal(failed.exitCode, 2);
    assert.deepEqual(
      failed.toolExecutionNotifications?.map((n) => [n.level, n.message.text]),
      [['error', error.error]],
    );
    assert.deepEqual(failed.ruleConfigurationOverrides, [
      { descriptor: { id: 'json-syntax', index: RULES.findIndex((r) => r.id === 'json-syntax') }, configuration: { enabled: false } },
      {
        descriptor: { id: 'forge-app-id-invalid', index: RULES.findIndex((r) => r.id === 'forge-app-id-invalid') },
        configuration: { level: 'error' },
      },
    ]);
  });

  it('names a served descriptor by its URL and a file outside the root by its file: URI', async () => {
    const cwd = workspace('warnings');
    const [report] = await checkedReports(cwd, ['.']);
    const url = 'https://app.example.com/atlassian-connect.json';
    const served: FileReport = { ...report, path: url, source: { kind: 'url', url } };
    const log = valid(sarifReport(runOf([served], cwd)));
    for (const result of log.runs[0].results) assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: url });

    const elsewhere = valid(sarifReport(runOf([report], path.join(cwd, 'other-root'))));
    const location = elsewhere.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    assert.equal(location.uriBaseId, undefined);
    assert.equal(fileURLToPath(location.uri), path.join(cwd, 'warnings', 'atlassian-connect.json'));
    const at = position(report.text, report.findings[0].start);
    assert.equal(elsewhere.runs[0].results[0].locations[0].physicalLocation.region.startLine, at.line);
  });
});
