/**
 * A Bitbucket Code Insights report and its annotations, as the Reports API takes them (PUT the
 * report, POST the annotations). The report is a "BUG" report: a missing or wrong Forge link is a
 * defect that keeps admins from finding the Forge app, not a vulnerability, and "SECURITY" would
 * file it with the findings of security scanners. Annotations keep the API's limits: a summary of
 * at most 450 characters, at most 1,000 per report (the most severe first; the report says how
 * many more the log has).
 */
import { createHash } from 'node:crypto';
import { PROJECT_URL, Severity, ruleDocsUrl } from '../../core';
import { FileReport, plural, position } from '../format';
import { ReportLocation, ReportRun, TOOL_NAME, judgedFindings, locationName, reportLocation, truncate } from './report';

export const CODE_INSIGHTS_REPORT_ID = TOOL_NAME;
export const MAX_ANNOTATIONS = 1000;
export const SUMMARY_LIMIT = 450;
/** The API's limit for an annotation's details and the report's details. */
export const DETAILS_LIMIT = 2000;

export type AnnotationSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

export interface CodeInsightsReport {
  readonly title: string;
  readonly details: string;
  readonly report_type: 'BUG';
  readonly reporter: string;
  readonly link: string;
  readonly result: 'PASSED' | 'FAILED';
  readonly data: readonly { readonly title: string; readonly type: 'NUMBER'; readonly value: number }[];
}

export interface CodeInsightsAnnotation {
  readonly external_id: string;
  readonly annotation_type: 'BUG' | 'CODE_SMELL';
  readonly title: string;
  readonly summary: string;
  readonly details?: string;
  readonly severity: AnnotationSeverity;
  /** Relative to the repository's root; absent for a text that is not a file in it. */
  readonly path?: string;
  readonly line?: number;
  /** FAILED for what fails the run; absent for findings that only inform. */
  readonly result?: 'FAILED';
  readonly link?: string;
}

export interface CodeInsightsDocument {
  readonly report: CodeInsightsReport;
  readonly annotations: readonly CodeInsightsAnnotation[];
}

const SEVERITIES: Readonly<Record<Severity, AnnotationSeverity>> = { error: 'HIGH', warning: 'MEDIUM', info: 'LOW', hint: 'LOW' };
const RANK: Readonly<Record<AnnotationSeverity, number>> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };

export function codeInsights(run: ReportRun): CodeInsightsDocument {
  const all = run.reports.flatMap((report) => reportAnnotations(report, run));
  // A stable sort: the most severe first, each severity in the order of the files and findings.
  const sorted = all
    .map((annotation, index) => ({ annotation, index }))
    .sort((a, b) => RANK[a.annotation.severity] - RANK[b.annotation.severity] || a.index - b.index);
  const annotations = uniqueIds(sorted.slice(0, MAX_ANNOTATIONS).map((entry) => entry.annotation));
  const left = all.length - annotations.length;
  const { counts } = run;
  const served = run.reports.flatMap((report) => (report.source.kind === 'url' ? [`the descriptor served at ${report.source.url}`] : []));
  const local = run.descriptors > 0 || served.length === 0 ? [plural(run.descriptors, 'Connect descriptor')] : [];
  const checked = [...local, ...served].join(' and ');
  const details = [
    `${TOOL_NAME} ${run.version} checked ${checked}: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${counts.info} info.`,
    ...(left > 0
      ? [
          `${left} more ${left === 1 ? 'finding is' : 'findings are'} not annotated (a report holds at most ${MAX_ANNOTATIONS}): see the step's log.`,
        ]
      : []),
  ].join(' ');
  return {
    report: {
      title: 'Connect → Forge link',
      details: truncate(details, DETAILS_LIMIT),
      report_type: 'BUG',
      reporter: TOOL_NAME,
      link: PROJECT_URL,
      result: run.exitCode === 0 ? 'PASSED' : 'FAILED',
      data: [
        { title: 'Descriptors checked', type: 'NUMBER', value: run.descriptors },
        { title: 'Errors', type: 'NUMBER', value: counts.errors },
        { title: 'Warnings', type: 'NUMBER', value: counts.warnings },
      ],
    },
    annotations,
  };
}

export function codeInsightsReport(run: ReportRun): string {
  return `${JSON.stringify(codeInsights(run), null, 2)}\n`;
}

function reportAnnotations(report: FileReport, run: ReportRun): CodeInsightsAnnotation[] {
  const location = reportLocation(report.source, run.root);
  const annotations = judgedFindings(report, run).map(({ finding, failing }) => {
    const line = position(report.text, finding.start).line;
    return annotation({
      key: `${locationName(location)}\0${finding.ruleId}\0${finding.start}\0${finding.message}`,
      location,
      line,
      title: finding.ruleId,
      message: finding.message,
      severity: SEVERITIES[finding.severity],
      type: finding.severity === 'error' || finding.severity === 'warning' ? 'BUG' : 'CODE_SMELL',
      failing,
      link: ruleDocsUrl(finding.ruleId),
    });
  });
  const problem = (title: string, message: string): CodeInsightsAnnotation =>
    annotation({ key: `${locationName(location)}\0${message}`, location, title, message, severity: 'HIGH', type: 'BUG', failing: true });
  if (report.error !== undefined) annotations.push(problem(TOOL_NAME, report.error));
  for (const failure of report.ruleFailures)
    annotations.push(problem(failure.ruleId, `internal error: rule ${failure.ruleId} failed: ${failure.error}`));
  return annotations;
}

interface AnnotationParts {
  /** What identifies the finding across runs: its place, rule and message. */
  readonly key: string;
  readonly location: ReportLocation;
  readonly line?: number;
  readonly title: string;
  readonly message: string;
  readonly severity: AnnotationSeverity;
  readonly type: CodeInsightsAnnotation['annotation_type'];
  readonly failing: boolean;
  readonly link?: string;
}

function annotation(parts: AnnotationParts): CodeInsightsAnnotation {
  const { location, line, message } = parts;
  // Only a file in the repository can carry an annotation; anything else names itself in the summary.
  const anchored = location.kind === 'relative';
  const text = anchored ? message : `${locationName(location)}${line !== undefined ? `:${line}` : ''}: ${message}`;
  const summary = truncate(text.replace(/\s*\r?\n\s*/g, ' '), SUMMARY_LIMIT);
  return {
    external_id: `${TOOL_NAME}-${createHash('sha256').update(parts.key).digest('hex').slice(0, 20)}`,
    annotation_type: parts.type,
    title: parts.title,
    summary,
    ...(summary !== text ? { details: truncate(text, DETAILS_LIMIT) } : {}),
    severity: parts.severity,
    ...(anchored ? { path: location.path, ...(line !== undefined ? { line } : {}) } : {}),
    ...(parts.failing ? { result: 'FAILED' as const } : {}),
    ...(parts.link !== undefined ? { link: parts.link } : {}),
  };
}

/** Two findings alike in place, rule and message would share an id: the later ones get a suffix. */
function uniqueIds(annotations: readonly CodeInsightsAnnotation[]): CodeInsightsAnnotation[] {
  const seen = new Map<string, number>();
  return annotations.map((annotation) => {
    const count = seen.get(annotation.external_id) ?? 0;
    seen.set(annotation.external_id, count + 1);
    return count === 0 ? annotation : { ...annotation, external_id: `${annotation.external_id}-${count + 1}` };
  });
}
