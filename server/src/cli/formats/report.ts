/**
 * What the CI formats (JUnit, SARIF, Code Insights, GitHub) are made from: the run's reports and
 * the facts that decide its exit code, plus the helpers they share. Pure: no I/O here.
 */
import * as path from 'node:path';
import { Finding, Severity, SeveritySetting } from '../../core';
import { toSlashes } from '../../workspace/manifestFiles';
import { Counts, FileReport, ReportSource, sortFindings } from '../format';

export interface ReportRun {
  /** The reports as shown (errors only with --quiet), in the order the descriptors were found. */
  readonly reports: readonly FileReport[];
  /** Counts of every finding, shown or not: they decide the exit code. */
  readonly counts: Counts;
  /** The descriptor files checked (countDescriptors), as every format and the text report count them. */
  readonly descriptors: number;
  readonly exitCode: number;
  /** --max-warnings: more warnings than this fail the run; -1 never fails on warnings. */
  readonly maxWarnings: number;
  readonly version: string;
  /** Severities set with --rule. */
  readonly ruleSettings: Readonly<Record<string, SeveritySetting>>;
  /** The absolute folder that file locations are given relative to: the repository's checkout in CI. */
  readonly root: string;
  /** The folder the CLI ran in: the text and JSON reports name files relative to it. */
  readonly cwd: string;
}

export const TOOL_NAME = 'connect-forge-lint';

/**
 * The folder that CI services resolve report paths against: the checkout GitHub Actions or
 * Bitbucket Pipelines made, else the current folder.
 */
export function reportRoot(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const checkout = env.GITHUB_WORKSPACE || env.BITBUCKET_CLONE_DIR;
  return checkout ? path.resolve(cwd, checkout) : cwd;
}

/** Whether findings of this severity fail the run: errors always, warnings when there are more than --max-warnings. */
export function failsRun(severity: Severity, run: Pick<ReportRun, 'counts' | 'maxWarnings'>): boolean {
  if (severity === 'error') return true;
  return severity === 'warning' && run.maxWarnings >= 0 && run.counts.warnings > run.maxWarnings;
}

/** Where a report's text is, as a CI service names it. */
export type ReportLocation =
  /** A file below the root: its path relative to the root, '/'-separated. */
  | { readonly kind: 'relative'; readonly path: string }
  /** A file elsewhere: its absolute path, '/'-separated. */
  | { readonly kind: 'absolute'; readonly path: string }
  | { readonly kind: 'url'; readonly url: string };

export function reportLocation(source: ReportSource, root: string): ReportLocation {
  if (source.kind === 'url') return { kind: 'url', url: source.url };
  return fileLocation(source.file, root);
}

export function fileLocation(file: string, root: string): ReportLocation {
  const relative = path.relative(root, file);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return { kind: 'relative', path: toSlashes(relative) };
  return { kind: 'absolute', path: toSlashes(path.resolve(root, file)) };
}

/** How a location reads in a message: the path or the URL. */
export function locationName(location: ReportLocation): string {
  return location.kind === 'url' ? location.url : location.path;
}

/** At most `max` UTF-16 units, cut with an ellipsis, never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A report's findings in document order, each with whether it fails the run. */
export function judgedFindings(
  report: FileReport,
  run: Pick<ReportRun, 'counts' | 'maxWarnings'>,
): { finding: Finding; failing: boolean }[] {
  return sortFindings(report.findings).map((finding) => ({ finding, failing: failsRun(finding.severity, run) }));
}
