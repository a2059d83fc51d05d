import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core';
import { UUID, covered, findingsOf, fixture, options, single } from '../../support/core';
import { RuleCase, RuleTable, runTable } from '../../support/ruleTable';

const TEMPLATE_SAYS = 'This template is not JSON until it is rendered, so it was checked in part. ';

/** Unreadable inputs: the descriptor-unreadable finding's range and a phrase of its message, or none. */
const CASES: readonly (Omit<RuleCase, 'expect'> & { readonly expect?: { readonly covers: string; readonly says: string } })[] = [
  { name: 'an empty file: nothing at all', text: '' },
  { name: 'whitespace only: nothing at all', text: ' \n\t\r\n ' },
  { name: 'a BOM only: nothing at all', text: '\uFEFF' },
  {
    name: 'a root array',
    text: '[{ "key": "k" }]\n',
    expect: { covers: '[{ "key": "k" }]', says: "This file's root is not a JSON object, so it is not checked as a descriptor. " },
  },
  {
    name: 'a root array of strings',
    text: '["not", "an", "object"]',
    expect: { covers: '["not", "an", "object"]', says: 'A Connect descriptor is a JSON object' },
  },
  {
    name: 'a root string',
    text: '"atlassian-connect"',
    expect: { covers: '"atlassian-connect"', says: 'A Connect descriptor is a JSON object' },
  },
  { name: 'a root number', text: '42', expect: { covers: '42', says: 'not checked as a descriptor' } },
  // On the tag where the template stops being JSON, never on the brace at 1:1.
  {
    name: 'a Go {{define}} wrapper: on its tag',
    text: fixture('go-define-wrapper.json'),
    expect: { covers: '{{define "descriptor"}}', says: TEMPLATE_SAYS },
  },
  {
    name: 'a Go {{define}} wrapper, syntax errors asked for',
    text: fixture('go-define-wrapper.json'),
    settings: { reportSyntaxErrors: true },
    expect: { covers: '{{define "descriptor"}}', says: TEMPLATE_SAYS },
  },
  {
    name: 'ERB with nested quotes: on the tag whose quotes break the string',
    text: fixture('erb-nested-quotes.json.erb'),
    expect: { covers: '<%= "." + Rails.env unless Rails.env.production? %>', says: TEMPLATE_SAYS },
  },
  {
    name: 'Jinja {% if %} around a member',
    text: '{\n  "key": "k",\n  {% if debug %}"name": "dev",{% endif %}\n  "contexts": ["account"]\n}\n',
    expect: { covers: '{% if debug %}', says: TEMPLATE_SAYS },
  },
  // Not parsed: the note goes on the name of the root's "key", found by a scan of the text.
  {
    name: '15,000 levels of nesting after "key": on the name of "key"',
    text: `{\n  "name": "App",\n  "modules": {"a": [{"key": "w"}]},\n  "key": "my-app",\n  "deep": ${'['.repeat(15000)}${']'.repeat(15000)}\n}\n`,
    expect: { covers: '"key"', says: 'nested too deeply' },
  },
  {
    name: '15,000 levels of nesting, no "key": on the name of the first member',
    text: `{"a":${'['.repeat(15000)}${']'.repeat(15000)}}`,
    expect: { covers: '"a"', says: 'nested too deeply' },
  },
  { name: '15,000 unclosed objects', text: '{"a":'.repeat(15000), expect: { covers: '"a"', says: 'nested too deeply' } },
  {
    name: '15,000 levels of arrays, no member: on the first line',
    text: `\n${'['.repeat(15000)}${']'.repeat(15000)}\n`,
    expect: { covers: `${'['.repeat(15000)}${']'.repeat(15000)}`, says: 'nested too deeply' },
  },
  {
    name: '15,000 levels of arrays below a bracket alone on its line: the first line runs on to the next',
    text: `[\n${'['.repeat(15000)}${']'.repeat(15000)}\n]\n`,
    expect: { covers: `[\n${'['.repeat(15000)}${']'.repeat(15000)}`, says: 'nested too deeply' },
  },
];

export const table: RuleTable = {
  ruleId: 'descriptor-unreadable',
  cases: [
    ...CASES.map((c) => ({
      ...c,
      expect: c.expect ? [{ covers: c.expect.covers, severity: 'info' as const, says: [c.expect.says] }] : [],
    })),
    { name: 'a readable descriptor', text: '{ "key": "k", "contexts": ["account"] }', expect: [] },
  ],
};

describe('rule descriptor-unreadable', () => {
  runTable(table);

  for (const c of CASES) {
    const template = c.expect?.says === TEMPLATE_SAYS;
    const what = !c.expect
      ? 'no finding of any rule'
      : template
        ? 'forgeAppLink reported missing (the text never mentions it), no syntax error reported twice'
        : 'no missing-key finding, no syntax error reported twice';
    it(`${c.name}: ${what}`, () => {
      const found = findingsOf(c.text, undefined, options(c.settings));
      if (!c.expect) {
        assert.deepEqual(found, []);
        return;
      }
      assert.deepEqual(
        found
          .filter((f) => /-missing$/.test(f.ruleId))
          .map((f) => [f.ruleId, f.severity, f.message.includes('template: its text never mentions one')]),
        template ? [['forge-app-link-missing', 'warning', true]] : [],
        'missing-key findings',
      );
      assert.deepEqual(
        found.filter((f) => f.ruleId === 'json-syntax'),
        [],
        'no syntax errors reported twice',
      );
    });
  }

  it('the ERB template is still recognised as Bitbucket and its readable values are checked', () => {
    const text = fixture('erb-nested-quotes.json.erb').replace('"name": "Stars",', `"name": "Stars",\n    "forgeAppId": "${UUID}",`);
    const analysis = analyze(text);
    assert.equal(analysis.product.product, 'bitbucket');
    assert.deepEqual(analysis.findings.map((f) => f.ruleId).sort(), [
      'descriptor-unreadable',
      'forge-app-id-invalid',
      'forge-app-link-missing',
    ]);
  });

  it('a Go {{define}} wrapper is read without its tags: the members, the product and the values inside', () => {
    const text = fixture('go-define-wrapper.json').replace(
      '"name": "Go Bitbucket app",',
      `"name": "Go Bitbucket app",\n    "forgeAppId": "${UUID}",`,
    );
    const analysis = analyze(text);
    assert.equal(analysis.parsed.templated, true);
    assert.equal(analysis.product.product, 'bitbucket');
    assert.equal(analysis.parsed.root?.children?.length, 8);
    assert.deepEqual(analysis.findings.map((f) => f.ruleId).sort(), [
      'descriptor-unreadable',
      'forge-app-id-invalid',
      'forge-app-link-missing',
    ]);
  });

  it('a file too deep to parse: the note on the root\'s "key", not on a module\'s before it', () => {
    const text = `{\n  "modules": {"a": [{"key": "w"}]},\n  "key": "my-app",\n  "deep": ${'['.repeat(15000)}${']'.repeat(15000)}\n}\n`;
    const [note] = findingsOf(text).filter((f) => f.ruleId === 'descriptor-unreadable');
    const start = text.indexOf('"key": "my-app"');
    assert.deepEqual([note.start, note.end], [start, start + '"key"'.length]);
  });

  it('a file over 10 MB: too large, not parsed; the note on the name of "key"', () => {
    const text = `{"contexts": ["account"], "key": "k", "pad": "${'x'.repeat(10 * 1024 * 1024)}"}`;
    const found = findingsOf(text);
    assert.deepEqual(
      found.map((f) => [f.ruleId, f.severity, covered(text, f)]),
      [['descriptor-unreadable', 'info', '"key"']],
    );
    assert.ok(found[0].message.includes('10.0 MB; descriptors over 10 MB are not checked'), found[0].message);
  });

  it("ranges never run past the end of the text (jsonc-parser's nodes can, after an unclosed comment)", () => {
    const text = '{\n  "key": "k",\n  "contexts": ["account"],\n  "forgeAppId": { /* unclosed }\n}\n';
    const finding = single(text, 'forge-app-id-invalid');
    assert.equal(finding.end, text.length);
    assert.equal(covered(text, finding), '{ /* unclosed }\n}\n');
  });

  it('a BOM before the object: read as usual', () => {
    const text = fixture('bom-bitbucket.json');
    assert.equal(text.charCodeAt(0), 0xfeff);
    const analysis = analyze(text);
    assert.equal(analysis.parsed.unreadable, undefined);
    assert.equal(analysis.product.product, 'bitbucket');
  });
});
