/**
 * The checker's run, from argv to exit code: parse the options, find the descriptors, check (and
 * fix) each with the core, print the report. All I/O goes through the streams given, so the run
 * can be driven from a test as well as from the bin.
 */
import * as path from 'node:path';
import { Command, PROGRAM, parseCommandLine } from './args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exitCodes';
import { helpText } from './help';
import { CliOptions, OutputFormat, UsageError } from './options';
import { CheckResult, checkTargets } from './check';
import { PROXY_VARIABLE, UploadError, pipelinesStep, uploadCodeInsights } from './codeInsightsUpload';
import { PathError, describeError, discover, displayPath } from './discover';
import {
  COLORS,
  Counts,
  FileReport,
  NO_COLORS,
  Style,
  countDescriptors,
  countFindings,
  findingLines,
  jsonReport,
  ruleList,
  summaryLine,
  useColor,
} from './format';
import { listingJson, listingText } from './listing';
import { codeInsights, codeInsightsReport } from './formats/codeInsights';
import { githubReport } from './formats/github';
import { junitReport } from './formats/junit';
import { ReportRun, reportRoot } from './formats/report';
import { sarifReport } from './formats/sarif';
import { OutputFile, openOutputFile } from './outputFile';
import { createProgress } from './progress';
import { ServedRun, ServedUsageError, checkServed } from './served';
import type { LookupFunction } from 'node:net';
import { VERSION } from '../version';
import { capText, comparedKeysPhrase } from '../core';
import { MAX_CONTENT_TEST_BYTES } from '../workspace/documentSelection';

export interface CliStream {
  write(text: string): void;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Resolves host names for --served instead of the system (tests: so that no query leaves the machine). */
  readonly lookup?: LookupFunction;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${PROGRAM}: ${error.message} (see ${error.seeAlso})\n`);
    return EXIT_USAGE;
  }
  const version = VERSION;
  switch (command.kind) {
    case 'help':
      io.stdout.write(helpText(version));
      return EXIT_OK;
    case 'version':
      io.stdout.write(`${version}\n`);
      return EXIT_OK;
    case 'list-rules':
      io.stdout.write(ruleList(command.format, useColor(undefined, io.stdout.isTTY, io.env) ? COLORS : NO_COLORS));
      return EXIT_OK;
    case 'check':
      return check(command.options, io, version);
  }
}

async function check(options: CliOptions, io: CliIo, version: string): Promise<number> {
  const style = useColor(options.color, io.stdout.isTTY, io.env) ? COLORS : NO_COLORS;
  const progress = createProgress(io.stderr);
  const results: CheckResult[] = [];
  let notes: readonly string[];
  let notRead = 0;
  let served: ServedRun | undefined;
  try {
    const discovery = await discover(options, { cwd: io.cwd, progress: (message) => progress.update(message) });
    notes = discovery.notes;
    if (options.listDescriptors) {
      progress.done();
      for (const note of notes) io.stderr.write(`${PROGRAM}: note: ${note}\n`);
      io.stdout.write(options.format === 'json' ? listingJson(discovery, io.cwd, version) : listingText(discovery, io.cwd, style));
      return EXIT_OK;
    }
    // One line for each file that starts as a descriptor does, as ESLint warns only of an ignored file it
    // was given: the large JSON any project holds (GeoJSON, translations, fixtures) is only counted.
    notes = [
      ...notes,
      ...discovery.tooLarge
        .filter((skipped) => skipped.startsAsDescriptor)
        .map((skipped) => skippedNote(displayPath(io.cwd, skipped.file), skipped.detail)),
    ];
    notRead = discovery.tooLarge.length;
    results.push(...(await checkTargets(discovery.targets, io.cwd, options, (message) => progress.update(message))));
    if (options.served) {
      progress.update(`Fetching the served descriptor${options.served.url ? ` at ${options.served.url}` : ''}…`);
      const descriptorResults = results.slice(0, discovery.targets.length);
      served = await checkServed(options, discovery.targets, descriptorResults, { env: io.env, version, lookup: io.lookup });
      notes = [...notes, ...served.notes];
    }
  } catch (error) {
    progress.done();
    if (!(error instanceof PathError) && !(error instanceof ServedUsageError)) throw error;
    io.stderr.write(`${PROGRAM}: ${error.message}\n`);
    return EXIT_USAGE;
  }
  progress.done();

  for (const note of notes) io.stderr.write(`${PROGRAM}: note: ${note}\n`);
  if (served?.comparisonError) io.stderr.write(`${PROGRAM}: ${served.comparisonError}\n`);
  let problems = 0;
  for (const result of results) {
    if (result.report.error !== undefined) {
      problems++;
      io.stderr.write(`${PROGRAM}: ${result.report.error}\n`);
    }
    for (const failure of result.failures) {
      problems++;
      io.stderr.write(`${PROGRAM}: internal error: ${failure}\n`);
    }
  }

  if (served?.report.error !== undefined) {
    problems++;
    io.stderr.write(`${PROGRAM}: ${served.report.error}\n`);
  }
  if (served?.comparisonError) problems++;

  const reports = [...results.map((result) => result.report), ...(served ? [served.report] : [])];
  const counts = countFindings(reports);
  const overLimit = counts.errors > 0 || (options.maxWarnings >= 0 && counts.warnings > options.maxWarnings);
  const exitCode = problems > 0 ? EXIT_USAGE : overLimit ? EXIT_FINDINGS : EXIT_OK;
  const shown = options.quiet
    ? reports.map((report) => ({ ...report, findings: report.findings.filter((finding) => finding.severity === 'error') }))
    : reports;

  const run: ReportRun = {
    reports: shown,
    counts,
    descriptors: countDescriptors(reports),
    exitCode,
    maxWarnings: options.maxWarnings,
    version,
    ruleSettings: options.rules,
    root: reportRoot(io.env, io.cwd),
    cwd: io.cwd,
  };
  const text = (): string => {
    if (
      served &&
      served.report.error === undefined &&
      !served.comparisonError &&
      counts.errors + counts.warnings + counts.info + counts.hints === 0
    )
      return `${agreeLine(served, style)}\n`;
    // A served descriptor that could not be had is told on stderr only; the local ones are still listed.
    const listed = served?.report.error !== undefined ? shown.slice(0, -1) : shown;
    return listed.length > 0 || !served ? textReport(listed, countFindings(listed), run.descriptors, notRead, options, style, io.cwd) : '';
  };
  // Every report records the exit code the process ends with, so what can fail is tried before
  // the reports are made: whether --output-file can be written (left as it is until the report is
  // finished), then the upload (whose report knows the former).
  let code = exitCode;
  const cannotWrite = (error: unknown): void => {
    io.stderr.write(`${PROGRAM}: cannot write '${options.outputFile}': ${describeError(error)}\n`);
    code = EXIT_USAGE;
  };
  let output: OutputFile | undefined;
  if (options.outputFile !== undefined) {
    try {
      output = await openOutputFile(path.resolve(io.cwd, options.outputFile));
    } catch (error) {
      cannotWrite(error);
    }
  }
  try {
    const uploaded = options.codeInsightsUpload ? await upload({ ...run, exitCode: code }, io, version) : undefined;
    if (uploaded?.failed) code = EXIT_USAGE;
    const render = (): string => (options.format === 'text' ? text() : FORMATS[options.format]({ ...run, exitCode: code }));
    let report = render();
    let written = false;
    if (output) {
      try {
        await output.write(report);
        written = true;
      } catch (error) {
        // Too late for the file; the report printed instead records it.
        cannotWrite(error);
        report = render();
      }
    }
    // The findings are always shown: the report itself, or the text beside the file that holds it.
    if (!written) io.stdout.write(report);
    else if (options.format !== 'text') io.stdout.write(text());
    if (uploaded) io.stderr.write(uploaded.message);
  } finally {
    await output?.close();
  }
  return code;
}

/** --code-insights-upload: puts the report on the commit; what to say of it, after the findings. */
async function upload(run: ReportRun, io: CliIo, version: string): Promise<{ failed: boolean; message: string }> {
  const document = codeInsights(run);
  try {
    await uploadCodeInsights(document, pipelinesStep(io.env), { proxy: io.env[PROXY_VARIABLE], userAgent: `${PROGRAM}/${version}` });
    return {
      failed: false,
      message: `${PROGRAM}: Code Insights: put the report "${document.report.title}" (${document.report.result}) with ${document.annotations.length} annotation${document.annotations.length === 1 ? '' : 's'} on the commit.\n`,
    };
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    return { failed: true, message: `${PROGRAM}: cannot upload to Code Insights: ${error.message}\n` };
  }
}

/** A JSON file (or template) whose content was not read to tell whether it is a descriptor. */
function skippedNote(file: string, detail: string): string {
  return `skipped ${file}: ${detail}; name it as an argument, or match it with --descriptor-glob, to check it as a descriptor`;
}

/** How many files of the folders searched were too large to be read for the decision, and where to see them. */
function notReadLine(count: number): string {
  const files = count === 1 ? '1 JSON file' : `${count} JSON files`;
  return `${files} over ${capText(MAX_CONTENT_TEST_BYTES)} ${count === 1 ? 'was' : 'were'} not read; --list-descriptors lists ${count === 1 ? 'it' : 'them'}.`;
}

/** The one line of a clean served check. */
function agreeLine(served: ServedRun, style: Style): string {
  const url = served.report.path;
  if (!served.comparedWith) return style.green(`✔ No problems in the descriptor served at ${url}.`);
  const templated = served.templatedLocally.length > 0 ? ` (${served.templatedLocally.join(' and ')}: a template there)` : '';
  return style.green(
    `✔ ${url} serves the same ${comparedKeysPhrase(served.templatedLocally)} as ${served.comparedWith}${templated}; no problems in either.`,
  );
}

/** The machine formats, each made from the run alone (text, which also reads the options, is separate). */
const FORMATS: Readonly<Record<Exclude<OutputFormat, 'text'>, (run: ReportRun) => string>> = {
  json: (run) =>
    jsonReport(run.reports, run.counts, { cwd: run.cwd, version: run.version, exitCode: run.exitCode, maxWarnings: run.maxWarnings }),
  junit: junitReport,
  sarif: sarifReport,
  'code-insights': codeInsightsReport,
  github: githubReport,
};

function textReport(
  reports: readonly FileReport[],
  counts: Counts,
  descriptors: number,
  notRead: number,
  options: CliOptions,
  style: Style,
  cwd: string,
): string {
  const out: string[] = [];
  if (reports.length === 0) {
    const found = `No Connect descriptors found in ${options.paths.join(', ')} (looked for atlassian-connect.json${options.descriptorGlobs.length > 0 ? `, ${options.descriptorGlobs.join(', ')}` : ''}, and JSON files and templates whose content is a descriptor).\n`;
    return notRead === 0 ? found : `${found}${notReadLine(notRead)}\n`;
  }
  if (options.fix || options.fixDryRun) {
    out.push(...fixLines(reports, options, style), '');
  }
  const findings = reports.flatMap((report) => findingLines(report, style, { cwd }));
  if (findings.length > 0) out.push(...findings, '');
  out.push(summaryLine(counts, descriptors, style));
  if (!options.fix && !options.fixDryRun) {
    if (counts.fixable > 0)
      out.push(
        style.dim(
          `  ${counts.fixable === 1 ? '1 of them' : `${counts.fixable} of them`} can be fixed with --fix (--fix-dry-run shows how).`,
        ),
      );
    // (With --fix, its "Not fixed …" lines above say it.)
    for (const report of reports)
      if (report.fixBlocked !== undefined) out.push(style.dim(`  --fix would not change ${report.path}: ${report.fixBlocked}.`));
  }
  if (counts.errors === 0 && options.maxWarnings > 0 && counts.warnings > options.maxWarnings) {
    out.push(
      style.yellow(`  That is more than the ${options.maxWarnings} warning${options.maxWarnings === 1 ? '' : 's'} --max-warnings allows.`),
    );
  }
  return `${out.join('\n')}\n`;
}

function fixLines(reports: readonly FileReport[], options: CliOptions, style: Style): string[] {
  const out: string[] = [];
  let changed = 0;
  for (const report of reports) {
    const fix = report.fix;
    if (!fix) continue;
    if (fix.refused) out.push(style.yellow(`Not fixed ${report.path}: ${fix.refused}.`));
    if (fix.applied.length === 0) continue;
    changed++;
    if (options.fixDryRun) {
      out.push(colorDiff(fix.diff ?? '', style).trimEnd());
    } else if (fix.written) {
      out.push(
        style.green(`Fixed ${report.path} (${fix.applied.length} fix${fix.applied.length === 1 ? '' : 'es'}):`),
        ...fix.applied.map((title) => `  - ${title}`),
      );
    }
  }
  if (changed === 0) out.push(options.fixDryRun ? 'No fixes to apply.' : 'No fixes to apply: no file was changed.');
  else if (options.fixDryRun) out.push(style.dim(`Dry run: ${changed} file${changed === 1 ? '' : 's'} would change; nothing was written.`));
  return out;
}

function colorDiff(diff: string, style: Style): string {
  return diff
    .split('\n')
    .map((line) =>
      line.startsWith('+++') || line.startsWith('---')
        ? style.bold(line)
        : line.startsWith('@@')
          ? style.cyan(line)
          : line.startsWith('+')
            ? style.green(line)
            : line.startsWith('-')
              ? style.red(line)
              : line,
    )
    .join('\n');
}
