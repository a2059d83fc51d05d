/**
 * SARIF 2.1.0, as GitHub code scanning and SARIF viewers read it: the rules with their help links
 * and default levels, one result per finding with its region and its safe fixes, and the
 * invocation with the exit code. File locations are relative to %SRCROOT% (the repository's
 * checkout in CI); columns count UTF-16 code units, as the editor's do.
 */
import { pathToFileURL } from 'node:url';
import { Finding, PROJECT_URL, RULES, RelatedLocation, Severity, ruleDocsUrl, ruleDocs } from '../../core';
import { EXIT_CODES, EXIT_USAGE } from '../exitCodes';
import { FileReport, isFixable, position, sortFindings } from '../format';
import { ReportLocation, ReportRun, TOOL_NAME, fileLocation, reportLocation } from './report';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' || severity === 'warning' ? severity : 'note';
}

export function sarifReport(run: ReportRun): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  const descriptor = (id: string) => ({ id, index: ruleIndex.get(id) ?? -1 });
  const results = run.reports.flatMap((report) =>
    sortFindings(report.findings).map((finding) => result(finding, report, run.root, descriptor(finding.ruleId).index)),
  );
  const notifications = run.reports.flatMap((report) => {
    const locations = [{ physicalLocation: { artifactLocation: artifactLocation(reportLocation(report.source, run.root)) } }];
    return [
      ...(report.error !== undefined ? [{ level: 'error', message: { text: report.error }, locations }] : []),
      ...report.ruleFailures.map((failure) => ({
        level: 'error',
        message: { text: `rule ${failure.ruleId} failed on ${report.path}: ${failure.error}` },
        locations,
        associatedRule: descriptor(failure.ruleId),
      })),
    ];
  });
  const overrides = Object.entries(run.ruleSettings).map(([id, setting]) => ({
    descriptor: descriptor(id),
    configuration: setting === 'off' ? { enabled: false } : { level: sarifLevel(setting) },
  }));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: run.version,
            semanticVersion: run.version,
            informationUri: PROJECT_URL,
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: plain(ruleDocs(rule).description), markdown: ruleDocs(rule).description },
              ...(ruleDocs(rule).fix
                ? {
                    fullDescription: {
                      text: plain(`${ruleDocs(rule).description} Fix: ${ruleDocs(rule).fix}`),
                      markdown: `${ruleDocs(rule).description} Fix: ${ruleDocs(rule).fix}`,
                    },
                  }
                : {}),
              helpUri: ruleDocsUrl(rule.id),
              defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: run.exitCode !== EXIT_USAGE,
            exitCode: run.exitCode,
            exitCodeDescription: EXIT_CODES[run.exitCode] ?? 'unknown',
            ...(overrides.length > 0 ? { ruleConfigurationOverrides: overrides } : {}),
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: folderUri(run.root) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function result(finding: Finding, report: FileReport, root: string, ruleIndex: number) {
  const artifact = artifactLocation(reportLocation(report.source, root));
  const related = (finding.related ?? []).map((location, index) => relatedLocation(location, index, report, artifact, root));
  // What --fix would not apply (a file it refuses to write back) is not offered as a fix here either.
  const fixes = (isFixable(report, finding) ? finding.fixes : [])
    .filter((fix) => fix.safe)
    .map((fix) => ({
      description: { text: fix.title },
      artifactChanges: [
        {
          artifactLocation: artifact,
          replacements: fix.edits().map((edit) => ({
            deletedRegion: region(report.text, edit.start, edit.end),
            ...(edit.newText !== '' ? { insertedContent: { text: edit.newText } } : {}),
          })),
        },
      ],
    }));
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: artifact, region: region(report.text, finding.start, finding.end) } }],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

function relatedLocation(location: RelatedLocation, id: number, report: FileReport, artifact: ArtifactLocation, root: string) {
  const physicalLocation =
    location.file === undefined
      ? { artifactLocation: artifact, region: region(report.text, location.start, location.end) }
      : {
          artifactLocation: artifactLocation(fileLocation(location.file, root)),
          ...(location.fileRange
            ? {
                region: {
                  startLine: location.fileRange.start.line + 1,
                  startColumn: location.fileRange.start.character + 1,
                  endLine: location.fileRange.end.line + 1,
                  endColumn: location.fileRange.end.character + 1,
                },
              }
            : {}),
        };
  return { id, physicalLocation, message: { text: location.message } };
}

/** Lines and columns, 1-based; an empty region (an insertion point) when start equals end. */
function region(text: string, start: number, end: number) {
  const from = position(text, start);
  const to = position(text, end);
  return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
}

type ArtifactLocation = { readonly uri: string; readonly uriBaseId?: string };

function artifactLocation(location: ReportLocation): ArtifactLocation {
  switch (location.kind) {
    case 'relative':
      return { uri: location.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
    case 'absolute':
      return { uri: pathToFileURL(location.path).href };
    case 'url':
      return { uri: location.url };
  }
}

function folderUri(folder: string): string {
  const uri = pathToFileURL(folder).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** The text of a description written with Markdown code spans. */
function plain(markdown: string): string {
  return markdown.replace(/`/g, '');
}
