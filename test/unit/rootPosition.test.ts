/**
 * Completion reads the root position from the analysis's tree instead of scanning the text with
 * jsonc-parser's getLocation: the two must answer alike at every offset, of whole descriptors and
 * above all of the broken texts that typing leaves (a key without its colon, a member without its
 * comma, an unclosed object).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { getLocation } from 'jsonc-parser';
import { parseDescriptor } from '../../server/src/core';
import { rootPositionAt } from '../../server/src/lsp/rootPosition';
import { bitbucketDescriptor, jiraDescriptor } from '../support/lspFixtures';

interface Span {
  readonly offset: number;
  readonly length: number;
}

/** What completion makes of a position: a key (replacing the key string it is in), or a root member's value (replacing a string value). */
function describe_(at: string, replaced: Span | undefined): string {
  return replaced ? `${at} replacing ${replaced.offset}+${replaced.length}` : at;
}

function insideKey(offset: number, node: Span | undefined): Span | undefined {
  return node && offset > node.offset && offset <= node.offset + node.length ? node : undefined;
}

/** The answer completion gave when it called getLocation on the text (on a template, the text its tree is read from). */
function byGetLocation(text: string, offset: number): string {
  const parsed = parseDescriptor(text);
  if (!parsed.root) return 'nothing';
  const location = getLocation(parsed.readText, offset);
  if (location.path.length !== 1) return 'nothing';
  const node = location.previousNode;
  if (location.isAtPropertyKey)
    return describe_('key', node?.type === 'property' || node?.type === 'string' ? insideKey(offset, node) : undefined);
  return describe_(`value of ${String(location.path[0])}`, node?.type === 'string' ? node : undefined);
}

function byTree(text: string, offset: number): string {
  const parsed = parseDescriptor(text);
  const position = parsed.root && rootPositionAt(parsed.readText, parsed.root, offset);
  if (!position) return 'nothing';
  if (position.at === 'key') return describe_('key', insideKey(offset, position.node));
  return describe_(`value of ${position.key}`, position.node?.type === 'string' ? position.node : undefined);
}

function assertAgreeEverywhere(text: string): void {
  for (let offset = 0; offset <= text.length; offset++) {
    assert.equal(byTree(text, offset), byGetLocation(text, offset), `${JSON.stringify(text)} at ${offset}`);
  }
}

const TOKENS = [
  '"forgeAppId"',
  '"key"',
  '""',
  '"x',
  '"a\\"b"',
  ':',
  ',',
  '"x"',
  '1',
  'true',
  'x',
  '{',
  '}',
  '[',
  ']',
  '{"k":',
  '[{',
  ' ',
  '\n',
  '\r\n',
  '/* , */',
  '// c,\n',
];

describe('root position from the tree', () => {
  it('is where completion offers what, in the texts typing leaves', () => {
    // `|` marks the cursor; `[…]` what completion replaces.
    const cases: [marked: string, expected: string][] = [
      ['{\n  "key": "a",\n  |\n}', 'key'],
      ['{\n  "key": "a",\n  [|"forgeA"]: ""\n}', 'key'],
      ['{\n  "key": "a",\n  ["for|geA"]: ""\n}', 'key replacing'],
      ['{\n  "key": "a",\n  ["|"]\n}', 'key replacing'],
      ['{\n  "forgeAppId": ["|"]\n}', 'value of forgeAppId replacing'],
      ['{\n  "forgeAppId": |\n}', 'value of forgeAppId'],
      ['{\n  "modules": { "a|": 1 }\n}', 'nothing'],
      ['{\n  "key": "a" "for|geA"\n}', 'value of forgeA'],
      ['{ "key": "a", /* , */ |', 'key'],
      ['{} |', 'nothing'],
    ];
    for (const [marked, expected] of cases) {
      const offset = marked.replace(/[[\]]/g, '').indexOf('|');
      const text = marked.replace(/[[\]|]/g, '');
      const bracket = marked.replace('|', '').indexOf('[');
      const replaced = bracket < 0 ? '' : ` ${bracket}+${marked.replace('|', '').indexOf(']') - bracket - 1}`;
      const want = expected.endsWith('replacing') ? `${expected}${replaced}` : expected;
      assert.equal(byTree(text, offset), want, `${JSON.stringify(marked)}`);
      assert.equal(byGetLocation(text, offset), want, `getLocation: ${JSON.stringify(marked)}`);
    }
  });

  it('agrees with getLocation at every offset of whole descriptors', () => {
    assertAgreeEverywhere(bitbucketDescriptor(['"forgeAppLink": "https://example.com",', '"forgeAppId": "ari",']));
    assertAgreeEverywhere(jiraDescriptor());
    for (const fixture of ['bom-bitbucket.json', 'go-define-wrapper.json', 'ace-template-values.json']) {
      assertAgreeEverywhere(readFileSync(path.join(__dirname, '..', 'fixtures', fixture), 'utf8'));
    }
  });

  it('agrees with getLocation at every offset of random broken objects', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }), (tokens) => assertAgreeEverywhere(`{${tokens.join('')}`)),
      { numRuns: 3000 },
    );
  });
});
