/** Output: the compiler-style text report, the JSON report, the rule list, and colours. */
import { Finding, LinePosition, RULES, RelatedLocation, RuleFailure, Severity, linePosition, ruleDocs } from '../core';
import { displayPath } from './discover';

export interface FileFix {
  /** Titles of the safe fixes applied (or that would be, in a dry run). */
  readonly applied: readonly string[];
  readonly written: boolean;
  /** Why the file was left alone although fixes were asked for. */
  readonly refused?: string;
  /** The unified diff, in a dry run. */
  readonly diff?: string;
}

/** Where a served descriptor came from (--served). */
export interface ServedInfo {
  /** The URL asked for (without credentials). */
  readonly url: string;
  /** Where it was served after the redirects: the report's path. */
  readonly finalUrl: string;
  readonly redirects: readonly string[];
  readonly status: number;
  /** The local descriptor it was compared with. */
  readonly comparedWith?: string;
}

/** Where a report's text came from: a file, or (a served descriptor) the URL it was fetched from. */
export type ReportSource = { readonly kind: 'file'; readonly file: string } | { readonly kind: 'url'; readonly url: string };

export interface FileReport {
  /** A Connect descriptor (a file, or the one an app served), or a manifest.yml matched to one. */
  readonly kind: 'descriptor' | 'manifest';
  /** How the text is named to a reader: relative to the current folder, '/'-separated, or the URL. */
  readonly path: string;
  /** For a file, its absolute path (reports for CI name it relative to the repository's root). */
  readonly source: ReportSource;
  /** The text the findings' offsets refer to. */
  readonly text: string;
  readonly product?: string;
  /** Labels of the manifests the descriptor was matched to. */
  readonly manifests: readonly string[];
  readonly findings: readonly Finding[];
  /** The ids of the rules that ran on the text (fewer than all for a text that is not a JSON object). */
  readonly rulesRun: readonly string[];
  /** Rules that threw on the text: their findings are missing. */
  readonly ruleFailures: readonly RuleFailure[];
  readonly fix?: FileFix;
  /** Why --fix leaves the file alone although findings of it have a safe fix (none is fixable then). */
  readonly fixBlocked?: string;
  /** The file could not be read (or written), or the served descriptor fetched. */
  readonly error?: string;
  /** Set for the descriptor an app served (the path is then its final URL). */
  readonly served?: ServedInfo;
}

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly info: number;
  readonly hints: number;
  readonly fixable: number;
}

export function countFindings(reports: readonly FileReport[]): Counts {
  let errors = 0;
  let warnings = 0;
  let info = 0;
  let hints = 0;
  let fixable = 0;
  for (const report of reports) {
    for (const finding of report.findings) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
      else if (finding.severity === 'info') info++;
      else hints++;
      if (isFixable(report, finding)) fixable++;
    }
  }
  return { errors, warnings, info, hints, fixable };
}

/**
 * How many descriptor files were checked: what every report's "descriptors" means. Not the
 * manifests matched to them, nor a served descriptor (the reports name that one by its URL).
 */
export function countDescriptors(reports: readonly FileReport[]): number {
  return reports.filter((report) => report.kind === 'descriptor' && report.source.kind === 'file').length;
}

/** Whether --fix fixes the finding: it has a safe fix, and --fix does not leave its file alone. */
export function isFixable(report: FileReport, finding: Finding): boolean {
  return report.fixBlocked === undefined && finding.fixes.some((fix) => fix.safe);
}

/** 1-based line and column (UTF-16 units, as editors count), not counting a byte order mark. */
export function position(text: string, offset: number): { line: number; column: number } {
  const at: LinePosition = linePosition(text, offset);
  const bom = at.line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { line: at.line + 1, column: Math.max(0, at.character - bom) + 1 };
}

export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly blue: (text: string) => string;
  readonly green: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export const COLORS: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  blue: sgr(34, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39),
};
export const NO_COLORS: Style = { bold: plain, dim: plain, red: plain, yellow: plain, blue: plain, green: plain, cyan: plain };

/**
 * Colour on a terminal unless NO_COLOR is set (https://no-color.org); FORCE_COLOR (not 0/false)
 * turns it on elsewhere; --color / --no-color decide over both.
 */
export function useColor(
  forced: boolean | undefined,
  isTTY: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (forced !== undefined) return forced;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY === true;
}

function severityLabel(severity: Severity, style: Style): string {
  const padded = severity.padEnd(7);
  switch (severity) {
    case 'error':
      return style.red(padded);
    case 'warning':
      return style.yellow(padded);
    case 'info':
      return style.blue(padded);
    default:
      return style.dim(padded);
  }
}

/**
 * `path:line:col  severity  message  rule-id`, one finding a line, in document order; below it,
 * indented, the places it points at (the manifests it names, the call that needs the key), as
 * tsc prints related information, when `related` says what the paths of other files are relative to.
 */
export function findingLines(report: FileReport, style: Style, related?: { readonly cwd: string }): string[] {
  return sortFindings(report.findings).flatMap((finding) => {
    const at = position(report.text, finding.start);
    const message = oneLine(finding.message);
    const places = related ? relatedPlaces(report, finding, related.cwd) : [];
    const relatedLines = places.map(
      (place) =>
        `    ${style.dim(`↳ ${place.path}${place.start ? `:${place.start.line}:${place.start.column}` : ''}  ${oneLine(place.message)}`)}`,
    );
    return [
      `${style.bold(`${report.path}:${at.line}:${at.column}`)}  ${severityLabel(finding.severity, style)}  ${message}  ${style.dim(finding.ruleId)}`,
      ...relatedLines,
    ];
  });
}

function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' ');
}

interface RelatedPlace {
  readonly path: string;
  /** 1-based; absent for a whole file. */
  readonly start?: { readonly line: number; readonly column: number };
  readonly end?: { readonly line: number; readonly column: number };
  readonly message: string;
}

/** A finding's related locations, named as the text report names files. */
function relatedPlaces(report: FileReport, finding: Finding, cwd: string): RelatedPlace[] {
  return (finding.related ?? []).map((location: RelatedLocation) => {
    if (location.file === undefined) {
      return {
        path: report.path,
        start: position(report.text, location.start),
        end: position(report.text, location.end),
        message: location.message,
      };
    }
    const range = location.fileRange;
    return {
      // Named as the report names its own file.
      path: displayPath(cwd, location.file),
      ...(range
        ? {
            start: { line: range.start.line + 1, column: range.start.character + 1 },
            end: { line: range.end.line + 1, column: range.end.character + 1 },
          }
        : {}),
      message: location.message,
    };
  });
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => a.finding.start - b.finding.start || a.index - b.index)
    .map((entry) => entry.finding);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function summaryLine(counts: Counts, checked: number, style: Style): string {
  const total = counts.errors + counts.warnings + counts.info + counts.hints;
  if (total === 0) return style.green(`✔ No problems in ${plural(checked, 'descriptor')}.`);
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning'), `${counts.info} info`];
  if (counts.hints > 0) parts.push(plural(counts.hints, 'hint'));
  const line = `${counts.errors + counts.warnings > 0 ? '✖' : 'ℹ'} ${plural(total, 'problem')} (${parts.join(', ')})`;
  const colored = counts.errors > 0 ? style.red(line) : counts.warnings > 0 ? style.yellow(line) : style.blue(line);
  return style.bold(colored);
}

export interface JsonReportOptions {
  /** What the paths of related files are relative to. */
  readonly cwd: string;
  readonly version: string;
  readonly exitCode: number;
  readonly maxWarnings: number;
}

/** The machine format. Stable: fields are only ever added (bump formatVersion otherwise). */
export function jsonReport(reports: readonly FileReport[], counts: Counts, options: JsonReportOptions): string {
  const report = {
    formatVersion: 1,
    tool: { name: 'connect-forge-lint', version: options.version },
    files: reports.map((file) => ({
      path: file.path,
      ...(file.product !== undefined ? { product: file.product } : {}),
      manifests: file.manifests,
      ...(file.error !== undefined ? { error: file.error } : {}),
      ...(file.served ? { served: file.served } : {}),
      ...(file.fixBlocked !== undefined ? { fixBlocked: file.fixBlocked } : {}),
      ...(file.fix
        ? {
            fix: {
              applied: file.fix.applied,
              written: file.fix.written,
              ...(file.fix.refused ? { refused: file.fix.refused } : {}),
              ...(file.fix.diff !== undefined ? { diff: file.fix.diff } : {}),
            },
          }
        : {}),
      findings: sortFindings(file.findings).map((finding) => {
        const related = relatedPlaces(file, finding, options.cwd).map(({ path: place, start, end, message }) => ({
          path: place,
          ...(start && end ? { range: { start, end } } : {}),
          message,
        }));
        return {
          rule: finding.ruleId,
          severity: finding.severity,
          message: finding.message,
          range: { start: position(file.text, finding.start), end: position(file.text, finding.end) },
          fixable: isFixable(file, finding),
          ...(related.length > 0 ? { related } : {}),
        };
      }),
    })),
    summary: {
      files: reports.length,
      errors: counts.errors,
      warnings: counts.warnings,
      info: counts.info,
      hints: counts.hints,
      fixable: counts.fixable,
      maxWarnings: options.maxWarnings,
      exitCode: options.exitCode,
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function ruleList(format: 'text' | 'json', style: Style): string {
  if (format === 'json') {
    return `${JSON.stringify(
      RULES.map((rule) => ({
        id: rule.id,
        defaultSeverity: rule.defaultSeverity,
        description: ruleDocs(rule).description,
        fix: ruleDocs(rule).fix || undefined,
      })),
      null,
      2,
    )}\n`;
  }
  const width = Math.max(...RULES.map((rule) => rule.id.length));
  const lines = RULES.map(
    (rule) =>
      `${style.bold(rule.id.padEnd(width))}  ${severityLabel(rule.defaultSeverity, style)}  ${ruleDocs(rule).description.replace(/`/g, '')}${ruleDocs(rule).fix ? style.dim(`  Fix: ${ruleDocs(rule).fix.replace(/`/g, '')}`) : ''}`,
  );
  return `${lines.join('\n')}\n`;
}
