/**
 * JUnit XML in the shape Maven Surefire writes (its surefire-test-report-3.0.xsd), which Bitbucket
 * Pipelines reads by itself from test-results/: one <testsuite> per descriptor inside one
 * <testsuites>, one <testcase> per rule that ran, and a <failure> for each finding that fails the
 * run (errors, and warnings beyond --max-warnings). Findings that do not fail it are listed in
 * their testcase's <system-out>, so that the test tab agrees with the step's result. Pipelines
 * cuts fields at 2,000 characters: no field here is longer. It shows the first 100 failures: the
 * errors come first (the suites and testcases that have them, then the warnings), and beyond 100
 * failures the 99 most severe are listed and a last one says how many more the step's log has.
 */
import { Finding, SEVERITIES, ruleDocsUrl } from '../../core';
import { FileReport, position } from '../format';
import { ReportRun, TOOL_NAME, judgedFindings, locationName, reportLocation, truncate } from './report';

export const JUNIT_FIELD_LIMIT = 2000;
/** How many failures Bitbucket Pipelines shows for a step. */
export const JUNIT_MAX_FAILURES = 100;
/** The testcase of the failure that stands for the findings not listed. */
export const MORE_FINDINGS_TESTCASE = 'findings not listed';

/** The testcase that stands for reading (and, with --fix, writing) the file. */
export const FILE_ACCESS_TESTCASE = 'file access';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

interface Suite {
  readonly xml: string;
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
  /** Whether it holds an error: an error-severity failure, or a file or rule that failed. */
  readonly severe: boolean;
}

export function junitReport(run: ReportRun): string {
  const failing = run.reports.flatMap((report) =>
    judgedFindings(report, run)
      .filter((entry) => entry.failing)
      .map((entry) => entry.finding),
  );
  const listed = new Set(failing.length > JUNIT_MAX_FAILURES ? mostSevereFirst(failing).slice(0, JUNIT_MAX_FAILURES - 1) : failing);
  const suites = severeFirst(run.reports.map((report) => testsuite(report, run, listed)));
  if (listed.size < failing.length) suites.push(moreFindingsSuite(failing.length - listed.size, failing.length));
  const sum = (pick: (suite: Suite) => number): string => String(suites.reduce((total, suite) => total + pick(suite), 0));
  const attributes = {
    name: TOOL_NAME,
    tests: sum((s) => s.tests),
    failures: sum((s) => s.failures),
    errors: sum((s) => s.errors),
    time: '0',
  };
  if (suites.length === 0) return `${XML_DECLARATION}${open('testsuites', attributes, true)}\n`;
  return `${XML_DECLARATION}${open('testsuites', attributes)}\n${suites.map((suite) => suite.xml).join('')}</testsuites>\n`;
}

/** Errors first, then warnings, each in the order given (sort is stable). */
function mostSevereFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

/** A stable sort of suites or testcases: those that hold an error first. */
function severeFirst<T extends { readonly severe: boolean }>(items: readonly T[]): T[] {
  return [...items.filter((item) => item.severe), ...items.filter((item) => !item.severe)];
}

function testsuite(report: FileReport, run: ReportRun, listed: ReadonlySet<Finding>): Suite {
  const name = locationName(reportLocation(report.source, run.root));
  const judged = judgedFindings(report, run);
  const cases: { readonly xml: string; readonly severe: boolean }[] = [];
  let failures = 0;
  let errors = 0;
  for (const ruleId of report.rulesRun) {
    const mine = judged.filter((entry) => entry.finding.ruleId === ruleId);
    // Failing findings beyond what Pipelines shows are told by the last failure, not listed here.
    const failing = mostSevereFirst(mine.filter((entry) => entry.failing && listed.has(entry.finding)).map((entry) => entry.finding));
    const passing = mine.filter((entry) => !entry.failing).map((entry) => entry.finding);
    const thrown = report.ruleFailures.find((failure) => failure.ruleId === ruleId);
    failures += failing.length;
    if (thrown) errors++;
    const children = [
      ...failing.map((finding) =>
        element(
          'failure',
          { message: finding.message, type: ruleId },
          `${findingLine(name, report.text, finding)}\n${ruleDocsUrl(ruleId)}`,
        ),
      ),
      ...(thrown ? [element('error', { message: `the rule failed: ${thrown.error}`, type: 'internal-error' })] : []),
      ...(passing.length > 0
        ? [element('system-out', {}, passing.map((finding) => findingLine(name, report.text, finding)).join('\n'))]
        : []),
    ];
    cases.push({ xml: testcase(ruleId, name, children), severe: thrown !== undefined || failing.some((f) => f.severity === 'error') });
  }
  if (report.error !== undefined) {
    errors++;
    cases.push({
      xml: testcase(FILE_ACCESS_TESTCASE, name, [element('error', { message: report.error, type: 'file-error' })]),
      severe: true,
    });
  }
  const properties = [
    ...(report.product !== undefined ? [{ name: 'product', value: report.product }] : []),
    ...report.manifests.map((manifest) => ({ name: 'manifest', value: manifest })),
  ];
  return suite(name, properties, severeFirst(cases), failures, errors);
}

/** The last failure when there are more than Pipelines shows: how many are not listed (two at least), and where they are. */
function moreFindingsSuite(notListed: number, total: number): Suite {
  const failure = element(
    'failure',
    {
      message: `${notListed} more findings fail the run, not listed here: Bitbucket Pipelines shows the first ${JUNIT_MAX_FAILURES} failures`,
      type: 'more-findings',
    },
    `The ${JUNIT_MAX_FAILURES - 1} failures listed are the most severe of the ${total} findings that fail the run, errors first. ` +
      `The text report lists them all: in the step's log when --output-file writes this report, or from ${TOOL_NAME} without --format junit.`,
  );
  return suite(TOOL_NAME, [], [{ xml: testcase(MORE_FINDINGS_TESTCASE, TOOL_NAME, [failure]), severe: false }], 1, 0);
}

function suite(
  name: string,
  properties: readonly { readonly name: string; readonly value: string }[],
  cases: readonly { readonly xml: string; readonly severe: boolean }[],
  failures: number,
  errors: number,
): Suite {
  const attributes = { name, tests: String(cases.length), failures: String(failures), errors: String(errors), skipped: '0', time: '0' };
  const lines = [
    `  ${open('testsuite', attributes)}`,
    ...(properties.length > 0
      ? ['    <properties>', ...properties.map((property) => `      ${open('property', property, true)}`), '    </properties>']
      : []),
    ...cases.map((c) => c.xml),
    '  </testsuite>',
  ];
  return { xml: `${lines.join('\n')}\n`, tests: cases.length, failures, errors, severe: cases.some((c) => c.severe) };
}

function testcase(name: string, classname: string, children: readonly string[]): string {
  const attributes = { name, classname, time: '0' };
  if (children.length === 0) return `    ${open('testcase', attributes, true)}`;
  return [`    ${open('testcase', attributes)}`, ...children.map((child) => `      ${child}`), '    </testcase>'].join('\n');
}

/** `where:line:column: severity: message`, on one line. */
function findingLine(name: string, text: string, finding: Finding): string {
  const at = position(text, finding.start);
  return `${name}:${at.line}:${at.column}: ${finding.severity}: ${finding.message.replace(/\s*\r?\n\s*/g, ' ')}`;
}

function open(name: string, attributes: Readonly<Record<string, string>>, selfClosing = false): string {
  const list = Object.entries(attributes).map(([key, value]) => ` ${key}="${escapeAttribute(truncate(value, JUNIT_FIELD_LIMIT))}"`);
  return `<${name}${list.join('')}${selfClosing ? '/>' : '>'}`;
}

function element(name: string, attributes: Readonly<Record<string, string>>, text?: string): string {
  if (text === undefined) return open(name, attributes, true);
  return `${open(name, attributes)}${escapeText(truncate(text, JUNIT_FIELD_LIMIT))}</${name}>`;
}

/** Characters XML 1.0 cannot carry at all (controls, U+FFFE/U+FFFF, lone surrogates): shown as U+FFFD. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes character data; a carriage return as a reference, since parsers normalize line ends. */
export function escapeText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Escapes an attribute value; tabs and line feeds as references, which attribute normalization keeps. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
