/**
 * GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding,
 * which the runner turns into an annotation on the file and line, then the summary line for the
 * log. Values are escaped as the runner unescapes them, so that a message can never end the
 * command early or start another one. The runner keeps 10 annotations of each kind a step and
 * drops the rest: those findings are printed as plain log lines instead, and the summary says so.
 */
import { Severity, ruleDocsUrl } from '../../core';
import { FileReport, NO_COLORS, findingLines, plural, position, sortFindings, summaryLine } from '../format';
import { ReportRun, TOOL_NAME, locationName, reportLocation } from './report';

type CommandName = 'error' | 'warning' | 'notice';

/** How many annotations of one kind the runner shows for a step. */
export const ANNOTATIONS_PER_KIND = 10;

function commandName(severity: Severity): CommandName {
  return severity === 'error' || severity === 'warning' ? severity : 'notice';
}

interface Entry {
  readonly name: CommandName;
  readonly command: string;
  /** The same, as a plain log line, for when the runner would drop the annotation. */
  readonly plain: string;
}

export function githubReport(run: ReportRun): string {
  const shown = new Map<CommandName, number>();
  let unannotated = 0;
  const lines = run.reports.flatMap((report) =>
    reportEntries(report, run.root).map((entry) => {
      const count = (shown.get(entry.name) ?? 0) + 1;
      shown.set(entry.name, count);
      if (count <= ANNOTATIONS_PER_KIND) return entry.command;
      unannotated++;
      return entry.plain;
    }),
  );
  lines.push(summaryLine(run.counts, run.descriptors, NO_COLORS));
  if (unannotated > 0)
    lines.push(
      `  ${plural(unannotated, 'finding')} beyond the ${ANNOTATIONS_PER_KIND} annotations of a kind that GitHub shows for a step ${unannotated === 1 ? 'is' : 'are'} listed above as plain lines.`,
    );
  return `${lines.join('\n')}\n`;
}

function reportEntries(report: FileReport, root: string): Entry[] {
  const location = reportLocation(report.source, root);
  // A served descriptor is no file of the checkout: its URL goes into the message instead.
  const file: Record<string, string> = location.kind === 'url' ? {} : { file: location.path };
  const plain = findingLines(report, NO_COLORS);
  const entries = sortFindings(report.findings).map((finding, index): Entry => {
    const start = position(report.text, finding.start);
    const end = position(report.text, finding.end);
    const where: Record<string, number> =
      location.kind === 'url' ? {} : { line: start.line, col: start.column, endLine: end.line, endColumn: end.column };
    const prefix = location.kind === 'url' ? `${location.url}:${start.line}:${start.column}: ` : '';
    const name = commandName(finding.severity);
    const properties = { ...file, ...where, title: `${finding.ruleId} (${TOOL_NAME})` };
    return { name, command: command(name, properties, `${prefix}${finding.message}\n${ruleDocsUrl(finding.ruleId)}`), plain: plain[index] };
  });
  const problem = (title: string, message: string): Entry => ({
    name: 'error',
    command: command('error', { ...file, title }, message),
    plain: `${TOOL_NAME}: ${message}`,
  });
  if (report.error !== undefined) entries.push(problem(TOOL_NAME, report.error));
  for (const failure of report.ruleFailures)
    entries.push(
      problem(
        `${failure.ruleId} (${TOOL_NAME})`,
        `internal error: rule ${failure.ruleId} failed on ${locationName(location)}: ${failure.error}`,
      ),
    );
  return entries;
}

export function command(name: CommandName, properties: Readonly<Record<string, string | number>>, message: string): string {
  const list = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${name}${list.length > 0 ? ` ${list.join(',')}` : ''}::${escapeData(message)}`;
}

/** As the runner unescapes a command's message: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As the runner unescapes a property's value: also `:` and `,`, which would end it. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
