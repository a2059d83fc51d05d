/**
 * GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding,
 * which the runner turns into an annotation on the file and line, then the summary line for the
 * log. Values are escaped as the runner unescapes them, so that a message can never end the
 * command early or start another one.
 */
import { Severity, ruleDocsUrl } from '../../core';
import { FileReport, NO_COLORS, position, sortFindings, summaryLine } from '../format';
import { ReportRun, TOOL_NAME, locationName, reportLocation } from './report';

type CommandName = 'error' | 'warning' | 'notice';

function commandName(severity: Severity): CommandName {
  return severity === 'error' || severity === 'warning' ? severity : 'notice';
}

export function githubReport(run: ReportRun): string {
  const lines = run.reports.flatMap((report) => reportCommands(report, run.root));
  lines.push(summaryLine(run.counts, run.reports.length, NO_COLORS));
  return `${lines.join('\n')}\n`;
}

function reportCommands(report: FileReport, root: string): string[] {
  const location = reportLocation(report.source, root);
  // A served descriptor is no file of the checkout: its URL goes into the message instead.
  const file: Record<string, string> = location.kind === 'url' ? {} : { file: location.path };
  const lines = sortFindings(report.findings).map((finding) => {
    const start = position(report.text, finding.start);
    const end = position(report.text, finding.end);
    const where: Record<string, number> =
      location.kind === 'url' ? {} : { line: start.line, col: start.column, endLine: end.line, endColumn: end.column };
    const prefix = location.kind === 'url' ? `${location.url}:${start.line}:${start.column}: ` : '';
    return command(
      commandName(finding.severity),
      { ...file, ...where, title: `${finding.ruleId} (${TOOL_NAME})` },
      `${prefix}${finding.message}\n${ruleDocsUrl(finding.ruleId)}`,
    );
  });
  if (report.error !== undefined) lines.push(command('error', { ...file, title: TOOL_NAME }, report.error));
  for (const failure of report.ruleFailures) {
    const message = `internal error: rule ${failure.ruleId} failed on ${locationName(location)}: ${failure.error}`;
    lines.push(command('error', { ...file, title: `${failure.ruleId} (${TOOL_NAME})` }, message));
  }
  return lines;
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
