/**
 * --format junit: parsed with a strict XML parser and held to the Surefire report schema
 * (surefire-test-report-3.0.xsd: required attributes, child order, the time pattern) that
 * Bitbucket Pipelines reads, with the findings in the places the issue names.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { RULES } from '../../server/src/core';
import { FileReport, position } from '../../server/src/cli/format';
import { FILE_ACCESS_TESTCASE, MORE_FINDINGS_TESTCASE, junitReport } from '../../server/src/cli/formats/junit';
import { cli, temporaryWorkspaces } from './harness';
import { checkedReports, manyNestedKeys, runOf } from './reports';
import { XmlElement, descendants, parseXml } from '../support/xml';

const SUREFIRE_TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]{0,3})?$/;
/** The order of a testcase's children in the XSD's sequence, and which of them may occur once only. */
const TESTCASE_CHILDREN = [
  'failure',
  'rerunFailure',
  'flakyFailure',
  'skipped',
  'error',
  'rerunError',
  'flakyError',
  'system-out',
  'system-err',
];
const AT_MOST_ONCE = new Set(['skipped', 'error', 'system-out', 'system-err']);

function assertAttributes(element: XmlElement, required: readonly string[], optional: readonly string[]): void {
  for (const name of required) assert.ok(name in element.attributes, `<${element.name}> has ${name}`);
  for (const name of Object.keys(element.attributes))
    assert.ok([...required, ...optional].includes(name), `<${element.name}> may not have ${name}`);
}

const count = (element: XmlElement, name: string): number => descendants(element).filter((e) => e.name === name).length;

/** One <testsuite> as surefire-test-report-3.0.xsd describes it. */
function assertSurefireSuite(suite: XmlElement): void {
  assert.equal(suite.name, 'testsuite');
  assertAttributes(suite, ['name', 'tests', 'errors', 'skipped', 'failures'], ['time', 'version', 'group']);
  assert.match(suite.attributes.time ?? '', SUREFIRE_TIME);
  const names = suite.children.map((child) => child.name);
  const firstCase = names.indexOf('testcase');
  assert.ok(
    names.every((name, index) => (firstCase < 0 || index < firstCase ? name === 'properties' || name === 'testcase' : name === 'testcase')),
  );
  for (const properties of suite.children.filter((child) => child.name === 'properties')) {
    for (const property of properties.children) {
      assert.equal(property.name, 'property');
      assertAttributes(property, ['name', 'value'], []);
    }
  }
  const cases = suite.children.filter((child) => child.name === 'testcase');
  for (const testcase of cases) {
    assertAttributes(testcase, ['name', 'time'], ['classname', 'group']);
    assert.match(testcase.attributes.time, SUREFIRE_TIME);
    const order = testcase.children.map((child) => TESTCASE_CHILDREN.indexOf(child.name));
    assert.ok(!order.includes(-1), `known children only: ${testcase.children.map((c) => c.name).join(', ')}`);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
      'children in the schema order',
    );
    for (const once of AT_MOST_ONCE) assert.ok(testcase.children.filter((child) => child.name === once).length <= 1, `one ${once} at most`);
    for (const child of testcase.children.filter((c) => c.name === 'failure' || c.name === 'error'))
      assertAttributes(child, ['type'], ['message']);
  }
  assert.equal(suite.attributes.tests, String(cases.length), 'tests counts the testcases');
  assert.equal(suite.attributes.failures, String(count(suite, 'failure')), 'failures counts the failures');
  assert.equal(suite.attributes.errors, String(count(suite, 'error')), 'errors counts the errors');
  assert.equal(suite.attributes.skipped, '0');
}

function parseReport(xml: string): { root: XmlElement; suites: XmlElement[] } {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  const root = parseXml(xml);
  assert.equal(root.name, 'testsuites');
  for (const suite of root.children) assertSurefireSuite(suite);
  for (const total of ['tests', 'failures', 'errors'])
    assert.equal(root.attributes[total], String(root.children.reduce((sum, suite) => sum + Number(suite.attributes[total]), 0)), total);
  return { root, suites: root.children };
}

function testcase(suite: XmlElement, rule: string): XmlElement {
  const found = suite.children.find((child) => child.name === 'testcase' && child.attributes.name === rule);
  assert.ok(found, `a testcase for ${rule}`);
  return found;
}

describe('--format junit', () => {
  const workspace = temporaryWorkspaces();

  it('writes one testsuite per descriptor and one testcase per rule, in the Surefire shape', async () => {
    const cwd = workspace('warnings', 'clean');
    const { root, suites } = parseReport(junitReport(runOf(await checkedReports(cwd, ['.']), cwd)));
    assert.equal(root.attributes.name, 'connect-forge-lint');
    assert.deepEqual(suites.map((suite) => suite.attributes.name).sort(), [
      'clean/atlassian-connect.json',
      'warnings/atlassian-connect.json',
    ]);
    for (const suite of suites) {
      const cases = suite.children.filter((child) => child.name === 'testcase');
      assert.deepEqual(
        cases.map((c) => c.attributes.name),
        RULES.filter((rule) => rule.checks.descriptor).map((rule) => rule.id),
        'every descriptor rule ran on a readable descriptor',
      );
      for (const c of cases) assert.equal(c.attributes.classname, suite.attributes.name);
    }
    const clean = suites.find((suite) => suite.attributes.name === 'clean/atlassian-connect.json');
    assert.equal(clean?.attributes.failures, '0');
    const properties = clean?.children
      .find((child) => child.name === 'properties')
      ?.children.map((p) => [p.attributes.name, p.attributes.value]);
    assert.deepEqual(properties, [['product', 'bitbucket']]);
  });

  it('has a failure for each finding that fails the run, with file, line, column, message and rule id', async () => {
    const cwd = workspace('warnings');
    const reports = await checkedReports(cwd, ['.']);
    const [suite] = parseReport(junitReport(runOf(reports, cwd))).suites;
    assert.equal(suite.attributes.failures, '2');
    const finding = reports[0].findings.find((f) => f.ruleId === 'forge-app-id-invalid');
    assert.ok(finding);
    const [failure] = testcase(suite, 'forge-app-id-invalid').children;
    assert.equal(failure.name, 'failure');
    assert.equal(failure.attributes.type, 'forge-app-id-invalid');
    assert.equal(failure.attributes.message, finding.message);
    const at = position(reports[0].text, finding.start);
    assert.deepEqual([at.line, at.column], [3, 18]);
    assert.equal(
      failure.text,
      `warnings/atlassian-connect.json:3:18: warning: ${finding.message}\nhttps://github.com/connect-forge-link/connect-forge-link#rule-forge-app-id-invalid`,
    );
    assert.deepEqual(testcase(suite, 'forge-key-nested').children, [], 'a rule without findings passes');
  });

  it('lists findings that do not fail the run in system-out instead: warnings within --max-warnings, info', async () => {
    const cwd = workspace('broken-syntax');
    const reports = await checkedReports(cwd, ['.']);
    const within = parseReport(junitReport(runOf(reports, cwd, { maxWarnings: 5 }))).suites[0];
    assert.equal(within.attributes.failures, '1', 'the syntax error only');
    assert.equal(testcase(within, 'json-syntax').children[0].name, 'failure');
    const warning = testcase(within, 'forge-app-id-invalid');
    assert.deepEqual(
      warning.children.map((child) => child.name),
      ['system-out'],
    );
    assert.match(warning.children[0].text, /^broken-syntax\/atlassian-connect\.json:3:18: warning: forgeAppId is a bare UUID/);
    const over = parseReport(junitReport(runOf(reports, cwd, { maxWarnings: 0 }))).suites[0];
    assert.equal(over.attributes.failures, '2', 'a warning fails the run at --max-warnings 0');

    const jira = await checkedReports(cwd, ['--product', 'jira', '.']);
    const info = parseReport(junitReport(runOf(jira, cwd))).suites[0];
    assert.ok(testcase(info, 'forge-key-unused').children.every((child) => child.name === 'system-out'));
  });

  it('runs only the rules for unreadable files on a text that is no object, and reports a file that cannot be read as an error', async () => {
    const cwd = workspace();
    mkdirSync(path.join(cwd, 'list'));
    writeFileSync(path.join(cwd, 'list', 'atlassian-connect.json'), '["a list, not a descriptor"]\n');
    const [suite] = parseReport(junitReport(runOf(await checkedReports(cwd, ['list']), cwd))).suites;
    assert.deepEqual(
      suite.children.filter((child) => child.name === 'testcase').map((c) => c.attributes.name),
      RULES.filter((rule) => rule.checks.descriptor && rule.onUnreadable).map((rule) => rule.id),
    );
    assert.equal(suite.attributes.failures, '0', 'it gets a note, not a failure');
    assert.match(testcase(suite, 'descriptor-unreadable').children[0].text, /^list\/atlassian-connect\.json:1:1: info: /);

    mkdirSync(path.join(cwd, 'huge'));
    writeFileSync(path.join(cwd, 'huge', 'atlassian-connect.json'), '');
    truncateSync(path.join(cwd, 'huge', 'atlassian-connect.json'), 65 * 1024 * 1024);
    const reports = await checkedReports(cwd, ['huge']);
    const { root, suites } = parseReport(junitReport(runOf(reports, cwd)));
    assert.equal(root.attributes.errors, '1');
    const access = testcase(suites[0], FILE_ACCESS_TESTCASE);
    assert.deepEqual(access.children[0].attributes, { message: reports[0].error, type: 'file-error' });
  });

  it('names a served descriptor by its URL, and writes an empty report when nothing was found', async () => {
    const cwd = workspace('warnings');
    const [report] = await checkedReports(cwd, ['.']);
    const served: FileReport = {
      ...report,
      path: 'https://app.example.com/atlassian-connect.json',
      source: { kind: 'url', url: 'https://app.example.com/atlassian-connect.json' },
    };
    const [suite] = parseReport(junitReport(runOf([served], cwd))).suites;
    assert.equal(suite.attributes.name, 'https://app.example.com/atlassian-connect.json');
    assert.match(testcase(suite, 'forge-app-id-invalid').children[0].text, /^https:\/\/app\.example\.com\/atlassian-connect\.json:3:18: /);

    const empty = parseReport(junitReport(runOf([], cwd)));
    assert.deepEqual(empty.root.attributes, { name: 'connect-forge-lint', tests: '0', failures: '0', errors: '0', time: '0' });
  });

  it('lists the errors first and, beyond the 100 failures Pipelines shows, 99 of them and a last one that says how many more', async () => {
    const cwd = workspace('broken-syntax');
    mkdirSync(path.join(cwd, 'many'));
    writeFileSync(path.join(cwd, 'many', 'atlassian-connect.json'), manyNestedKeys(150));
    // 151 warnings in the first descriptor (forge-app-link-missing and the nested keys), then the syntax error.
    const args = ['many', 'broken-syntax'];
    const text = await cli(args, { cwd });
    assert.match(text.stdout, /^✖ 153 problems \(1 error, 152 warnings, 0 info\)$/m);
    const run = await cli(['--format', 'junit', ...args], { cwd });
    assert.equal(run.code, 1);
    const { root, suites } = parseReport(run.stdout);
    const failures = descendants(root).filter((element) => element.name === 'failure');
    assert.equal(failures.length, 100, 'as many failures as Pipelines shows');
    assert.equal(root.attributes.failures, '100');
    assert.equal(failures[0].attributes.type, 'json-syntax', 'the error comes first');
    assert.equal(suites[0].attributes.name, 'broken-syntax/atlassian-connect.json', "the error's suite first");
    assert.equal(
      testcase(suites[0], 'json-syntax'),
      suites[0].children.find((child) => child.name === 'testcase'),
      'its testcase first',
    );
    assert.equal(failures.filter((failure) => failure.attributes.type === 'forge-key-nested').length, 97);
    const last = suites[suites.length - 1];
    assert.equal(last.attributes.name, 'connect-forge-lint');
    assert.deepEqual(testcase(last, MORE_FINDINGS_TESTCASE).children, [failures[99]]);
    assert.deepEqual(failures[99].attributes, {
      message: '54 more findings fail the run, not listed here: Bitbucket Pipelines shows the first 100 failures',
      type: 'more-findings',
    });
    assert.equal(
      failures[99].text,
      "The 99 failures listed are the most severe of the 153 findings that fail the run, errors first. The text report lists them all: in the step's log when --output-file writes this report, or from connect-forge-lint without --format junit.",
    );
  });

  it('lists all of 100 failures; of 101, 99 and one that says 2 more', async () => {
    const cwd = workspace('broken-syntax');
    mkdirSync(path.join(cwd, 'many'));
    const failuresOf = async (nested: number) => {
      writeFileSync(path.join(cwd, 'many', 'atlassian-connect.json'), manyNestedKeys(nested));
      const { root } = parseReport(junitReport(runOf(await checkedReports(cwd, ['many', 'broken-syntax']), cwd)));
      return descendants(root).filter((element) => element.name === 'failure');
    };
    const hundred = await failuresOf(97);
    assert.equal(hundred.length, 100);
    assert.ok(!hundred.some((failure) => failure.attributes.type === 'more-findings'));
    const more = await failuresOf(98);
    assert.equal(more.length, 100);
    assert.equal(
      more[99].attributes.message,
      '2 more findings fail the run, not listed here: Bitbucket Pipelines shows the first 100 failures',
    );
    assert.match(more[99].text, /^The 99 failures listed are the most severe of the 101 findings/);
  });

  it('escapes any message into well-formed XML and keeps every field within 2,000 characters', async () => {
    const cwd = workspace('warnings');
    const [report] = await checkedReports(cwd, ['.']);
    // Any UTF-16 code unit, lone surrogates and controls included, in messages up to 3,000 units long.
    const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 3000 });
    fc.assert(
      fc.property(anyText, fc.constantFrom('', '<&>"\'\r\n\t]]>', '\u0001\ud800\ufffe😀'), (random, special) => {
        const message = `${special}${random}${special}`;
        const tampered: FileReport = { ...report, findings: report.findings.map((finding) => ({ ...finding, message })) };
        const { suites } = parseReport(junitReport(runOf([tampered], cwd)));
        const failures = descendants(suites[0]).filter((element) => element.name === 'failure');
        assert.equal(failures.length, 2);
        for (const failure of failures) {
          assert.ok(failure.attributes.message.length <= 2000);
          assert.ok(failure.text.length <= 2000);
          const kept = failure.attributes.message.endsWith('…') ? failure.attributes.message.slice(0, -1) : failure.attributes.message;
          assert.equal(kept, xmlSafe(message).slice(0, kept.length), 'the message, cut, with only unrepresentable characters replaced');
          if (message.length <= 2000) assert.equal(failure.attributes.message, xmlSafe(message));
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** What XML 1.0 can carry of a text: characters it cannot represent become U+FFFD. */
function xmlSafe(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pairHigh =
      code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
    if (pairHigh) {
      out += text.slice(i, i + 2);
      i++;
    } else if (
      (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) ||
      code === 0xfffe ||
      code === 0xffff ||
      (code >= 0xd800 && code <= 0xdfff)
    ) {
      out += '\ufffd';
    } else {
      out += text[i];
    }
  }
  return out;
}
