import * as assert from 'node:assert/strict';
import { Node } from 'jsonc-parser';
import {
  TextEdit,
  analyze,
  applyEdits,
  detectEol,
  detectIndentUnit,
  findProperty,
  fixAll,
  minimalEdit,
  parseDescriptor,
  removeProperty,
  renameKey,
  setRootProperty,
} from '../../server/src/core';
import {
  ARI,
  LINK,
  UUID,
  applyChecked,
  assertMinimalFixAllEdits,
  assertOtherLinesUnchanged,
  hasBareLf,
  isPureCr,
  isPureCrlf,
  syntaxErrors,
} from '../support/core';

const crlf = (text: string) => text.replace(/\n/g, '\r\n');
/** Old Mac OS line endings: a lone CR. */
const cr = (text: string) => text.replace(/\n/g, '\r');

function rootOf(text: string): Node {
  const root = parseDescriptor(text).root;
  assert.ok(root, 'the text has a root object');
  return root;
}

/** Checks every edit must pass, then returns the edited text. */
function checked(before: string, edits: readonly TextEdit[]): string {
  const after = applyChecked(before, edits);
  assert.ok(syntaxErrors(after).length <= syntaxErrors(before).length, `no new syntax errors:\n${after}`);
  assertOtherLinesUnchanged(before, after, edits);
  if (isPureCrlf(before)) assert.ok(!hasBareLf(after), `no bare LF: ${JSON.stringify(after)}`);
  if (isPureCr(before)) assert.ok(!after.includes('\n'), `no LF in a CR-only file: ${JSON.stringify(after)}`);
  return after;
}

interface ShapeCase {
  readonly name: string;
  readonly before: string;
  readonly after: string;
}

/** setRootProperty(…, "forgeAppId", "X"): inserted right after "key" (else last), in the file's own style. */
const INSERT_CASES: readonly ShapeCase[] = [
  {
    name: '2 spaces, "key" first',
    before: '{\n  "key": "a",\n  "name": "b"\n}\n',
    after: '{\n  "key": "a",\n  "forgeAppId": "X",\n  "name": "b"\n}\n',
  },
  {
    name: '4 spaces',
    before: '{\n    "key": "a",\n    "name": "b"\n}\n',
    after: '{\n    "key": "a",\n    "forgeAppId": "X",\n    "name": "b"\n}\n',
  },
  { name: 'tabs', before: '{\n\t"key": "a",\n\t"name": "b"\n}\n', after: '{\n\t"key": "a",\n\t"forgeAppId": "X",\n\t"name": "b"\n}\n' },
  {
    name: 'CRLF',
    before: crlf('{\n    "key": "a",\n    "name": "b"\n}\n'),
    after: crlf('{\n    "key": "a",\n    "forgeAppId": "X",\n    "name": "b"\n}\n'),
  },
  {
    name: 'CR only',
    before: cr('{\n    "key": "a",\n    "name": "b"\n}\n'),
    after: cr('{\n    "key": "a",\n    "forgeAppId": "X",\n    "name": "b"\n}\n'),
  },
  {
    name: '"key" last, CR only',
    before: cr('{\n  "name": "b",\n  "key": "a"\n}'),
    after: cr('{\n  "name": "b",\n  "key": "a",\n  "forgeAppId": "X"\n}'),
  },
  {
    name: 'mixed line breaks: the new line takes the ending of the line it goes after, which keeps its own',
    before: '{\r\n  "key": "a",\n  "name": "b"\n}\n',
    after: '{\r\n  "key": "a",\n  "forgeAppId": "X",\n  "name": "b"\n}\n',
  },
  {
    name: 'mixed line breaks: a CRLF "key" line in an LF file',
    before: '{\n  "key": "a",\r\n  "name": "b"\n}\n',
    after: '{\n  "key": "a",\r\n  "forgeAppId": "X",\r\n  "name": "b"\n}\n',
  },
  {
    name: 'mixed line breaks: a CRLF "key" line in a CR-only file',
    before: '{\r  "key": "a",\r\n  "name": "b"\r}',
    after: '{\r  "key": "a",\r\n  "forgeAppId": "X",\r\n  "name": "b"\r}',
  },
  {
    name: 'mixed line breaks: a line comment after "key"',
    before: '{\r\n  "key": "a", // the key\n  "name": "b"\r\n}\r\n',
    after: '{\r\n  "key": "a", // the key\n  "forgeAppId": "X",\n  "name": "b"\r\n}\r\n',
  },
  {
    name: 'mixed line breaks: "key" last, without a comma',
    before: '{\r\n  "name": "b",\r\n  "key": "a"\n}\n',
    after: '{\r\n  "name": "b",\r\n  "key": "a",\n  "forgeAppId": "X"\n}\n',
  },
  {
    name: 'mixed line breaks: "key" last on the last line, which has none: the line before\'s',
    before: '{\r\n  "name": "b",\n  "key": "a" }',
    after: '{\r\n  "name": "b",\n  "key": "a",\n  "forgeAppId": "X" }',
  },
  {
    name: 'mixed line breaks: an empty object over two lines after an LF comment',
    before: '// c\n{\r\n}\r\n',
    after: '// c\n{\r\n  "forgeAppId": "X"\r\n}\r\n',
  },
  {
    name: 'mixed line breaks: an empty object with a comment after an LF comment',
    before: '// c\n{ // nothing yet\r\n}\r\n',
    after: '// c\n{\r\n  "forgeAppId": "X" // nothing yet\r\n}\r\n',
  },
  {
    name: '"key" in the middle',
    before: '{\n  "name": "b",\n  "key": "a",\n  "baseUrl": "c"\n}\n',
    after: '{\n  "name": "b",\n  "key": "a",\n  "forgeAppId": "X",\n  "baseUrl": "c"\n}\n',
  },
  {
    name: '"key" last',
    before: '{\n  "name": "b",\n  "key": "a"\n}\n',
    after: '{\n  "name": "b",\n  "key": "a",\n  "forgeAppId": "X"\n}\n',
  },
  {
    name: '"key" last, CRLF',
    before: crlf('{\n  "name": "b",\n  "key": "a"\n}'),
    after: crlf('{\n  "name": "b",\n  "key": "a",\n  "forgeAppId": "X"\n}'),
  },
  {
    name: '"key" last with a trailing comma: kept',
    before: '{\n  "name": "b",\n  "key": "a",\n}\n',
    after: '{\n  "name": "b",\n  "key": "a",\n  "forgeAppId": "X",\n}\n',
  },
  {
    name: 'trailing commas everywhere',
    before: '{\n  "key": "a",\n  "scopes": ["x",],\n}\n',
    after: '{\n  "key": "a",\n  "forgeAppId": "X",\n  "scopes": ["x",],\n}\n',
  },
  {
    name: '"key" absent: after the last member',
    before: '{\n  "name": "b",\n  "vendor": { "name": "v" }\n}\n',
    after: '{\n  "name": "b",\n  "vendor": { "name": "v" },\n  "forgeAppId": "X"\n}\n',
  },
  {
    name: '"key" only below the root: still after the last root member',
    before: '{\n  "modules": { "webItems": [{ "key": "w" }] }\n}\n',
    after: '{\n  "modules": { "webItems": [{ "key": "w" }] },\n  "forgeAppId": "X"\n}\n',
  },
  {
    name: 'line comment after "key"',
    before: '{\n  "key": "a", // the key\n  "name": "b"\n}\n',
    after: '{\n  "key": "a", // the key\n  "forgeAppId": "X",\n  "name": "b"\n}\n',
  },
  {
    name: 'line comment after a last "key"',
    before: '{\n  "name": "b",\n  "key": "a" // the key\n}\n',
    after: '{\n  "name": "b",\n  "key": "a", // the key\n  "forgeAppId": "X"\n}\n',
  },
  {
    name: 'line comment before "key"',
    before: '{\n  // the key\n  "key": "a",\n  "name": "b"\n}\n',
    after: '{\n  // the key\n  "key": "a",\n  "forgeAppId": "X",\n  "name": "b"\n}\n',
  },
  {
    name: 'block comment before "key" on its line',
    before: '{\n  /* k */ "key": "a",\n  "name": "b"\n}\n',
    after: '{\n  /* k */ "key": "a",\n  "forgeAppId": "X",\n  "name": "b"\n}\n',
  },
  {
    name: 'block comment over two lines before "key": the root members\' indentation, not the comment\'s',
    before: '{\n  /* Connect\n     app */ "key": "a",\n  "name": "b"\n}\n',
    after: '{\n  /* Connect\n     app */ "key": "a",\n  "forgeAppId": "X",\n  "name": "b"\n}\n',
  },
  {
    name: 'block comment ending at column 0 before "key"',
    before: '{\n  /* Connect\napp */ "key": "a",\n  "name": "b"\n}\n',
    after: '{\n  /* Connect\napp */ "key": "a",\n  "forgeAppId": "X",\n  "name": "b"\n}\n',
  },
  {
    name: 'block comment over two lines before a last "key"',
    before: '{\n  "name": "b",\n  /* Connect\n     app */ "key": "a"\n}\n',
    after: '{\n  "name": "b",\n  /* Connect\n     app */ "key": "a",\n  "forgeAppId": "X"\n}\n',
  },
  {
    name: 'block comment ending at column 0 before the only member',
    before: '{\n  /* Connect\n*/ "key": "a"\n}\n',
    after: '{\n  /* Connect\n*/ "key": "a",\n  "forgeAppId": "X"\n}\n',
  },
  {
    name: 'block comment over two lines before "key", tabs',
    before: '{\n\t/* Connect\n\t   app */ "key": "a",\n\t"name": "b"\n}\n',
    after: '{\n\t/* Connect\n\t   app */ "key": "a",\n\t"forgeAppId": "X",\n\t"name": "b"\n}\n',
  },
  {
    name: 'block comment after "key"',
    before: '{\n  "key": "a", /* k */\n  "name": "b"\n}\n',
    after: '{\n  "key": "a", /* k */\n  "forgeAppId": "X",\n  "name": "b"\n}\n',
  },
  {
    name: 'block comment after a last "key"',
    before: '{\n  "name": "b",\n  "key": "a" /* k */\n}\n',
    after: '{\n  "name": "b",\n  "key": "a", /* k */\n  "forgeAppId": "X"\n}\n',
  },
  {
    name: 'block comment over several lines after the comma: inserted before it',
    before: '{\n  "key": "a", /* one\n  two */ "name": "b"\n}\n',
    after: '{\n  "key": "a", "forgeAppId": "X", /* one\n  two */ "name": "b"\n}\n',
  },
  {
    name: 'block comment over several lines on a later line than the comma: on its own line before it',
    before: '{\n  "key": "a",\n  /* one\n  two */ "name": "b"\n}\n',
    after: '{\n  "key": "a",\n  "forgeAppId": "X",\n  /* one\n  two */ "name": "b"\n}\n',
  },
  {
    name: 'every member after a block comment over lines: on its own line',
    before: '{\n  /* a\n     b */ "key": "a",\n  /* c\n     d */ "name": "b"\n}\n',
    after: '{\n  /* a\n     b */ "key": "a",\n  "forgeAppId": "X",\n  /* c\n     d */ "name": "b"\n}\n',
  },
  {
    name: "every member after a block comment over lines, the next one starting on the comma's line: inserted before it",
    before: '{\n  /* a\n     b */ "key": "a", /* c\n     d */ "name": "b"\n}\n',
    after: '{\n  /* a\n     b */ "key": "a", "forgeAppId": "X", /* c\n     d */ "name": "b"\n}\n',
  },
  {
    name: 'block comment over lines after a last "key" on a later line: on its own line',
    before: '{\n  "name": "b",\n  "key": "a"\n  /* one\n  two */\n}\n',
    after: '{\n  "name": "b",\n  "key": "a",\n  "forgeAppId": "X"\n  /* one\n  two */\n}\n',
  },
  {
    name: 'line comment, then a block comment over lines, after a last "key": the line comment stays on "key"\'s line',
    before: '{\n  "name": "b",\n  "key": "a" // the key\n  /* one\n  two */\n}\n',
    after: '{\n  "name": "b",\n  "key": "a", // the key\n  "forgeAppId": "X"\n  /* one\n  two */\n}\n',
  },
  {
    name: 'block comment over lines after a last "key" on its line: before it',
    before: '{\n  "name": "b",\n  "key": "a" /* one\n  two */\n}\n',
    after: '{\n  "name": "b",\n  "key": "a",\n  "forgeAppId": "X" /* one\n  two */\n}\n',
  },
  { name: 'one-line minified', before: '{"key":"a","name":"b"}', after: '{"key":"a","forgeAppId":"X","name":"b"}' },
  { name: 'one-line minified, "key" last', before: '{"name":"b","key":"a"}', after: '{"name":"b","key":"a","forgeAppId":"X"}' },
  { name: 'one line with spaces', before: '{ "key": "a", "name": "b" }\n', after: '{ "key": "a", "forgeAppId": "X", "name": "b" }\n' },
  {
    name: 'one line with spaces, "key" last',
    before: '{ "name": "b", "key": "a" }',
    after: '{ "name": "b", "key": "a", "forgeAppId": "X" }',
  },
  { name: 'empty object {}', before: '{}', after: '{\n  "forgeAppId": "X"\n}' },
  { name: 'empty object { }', before: '{ }\n', after: '{\n  "forgeAppId": "X"\n}\n' },
  { name: 'empty object over two lines, CRLF', before: '{\r\n}\r\n', after: '{\r\n  "forgeAppId": "X"\r\n}\r\n' },
  { name: 'empty object over two lines, CR only', before: '{\r}\r', after: '{\r  "forgeAppId": "X"\r}\r' },
  {
    name: 'empty object with an indented comment, CR only: its indentation unit',
    before: '{\r    // nothing yet\r}\r',
    after: '{\r    "forgeAppId": "X"\r    // nothing yet\r}\r',
  },
  { name: 'empty object with a comment', before: '{ // nothing yet\n}\n', after: '{\n  "forgeAppId": "X" // nothing yet\n}\n' },
  { name: 'a BOM', before: '\uFEFF{\n  "key": "a"\n}\n', after: '\uFEFF{\n  "key": "a",\n  "forgeAppId": "X"\n}\n' },
  {
    name: '"key" : spacing copied',
    before: '{\n  "key" : "a",\n  "name" : "b"\n}\n',
    after: '{\n  "key" : "a",\n  "forgeAppId" : "X",\n  "name" : "b"\n}\n',
  },
  {
    name: '"key":"a" without a space copied',
    before: '{\n  "key":"a",\n  "name":"b"\n}\n',
    after: '{\n  "key":"a",\n  "forgeAppId":"X",\n  "name":"b"\n}\n',
  },
  {
    name: 'tab-aligned values',
    before: '{\n\t"key":\t\t"a",\n\t"name":\t"b"\n}\n',
    after: '{\n\t"key":\t\t"a",\n\t"forgeAppId":\t\t"X",\n\t"name":\t"b"\n}\n',
  },
  {
    name: '"key" on the brace\'s line',
    before: '{ "key": "a",\n  "name": "b" }\n',
    after: '{ "key": "a",\n  "forgeAppId": "X",\n  "name": "b" }\n',
  },
  {
    name: 'trailing comma and closing brace on "key"\'s line',
    before: '{\n  "name": "b",\n  "key": "a",}',
    after: '{\n  "name": "b",\n  "key": "a", "forgeAppId": "X",}',
  },
  {
    name: 'closing brace on "key"\'s line',
    before: '{\n  "name": "b",\n  "key": "a" }',
    after: '{\n  "name": "b",\n  "key": "a",\n  "forgeAppId": "X" }',
  },
  {
    name: '5 spaces and an indented closing brace',
    before: '{\n     "key": "a",\n     "name": "b"\n     }\n',
    after: '{\n     "key": "a",\n     "forgeAppId": "X",\n     "name": "b"\n     }\n',
  },
  {
    name: 'two members on "key"\'s line',
    before: '{\n  "name": "b", "key": "a",\n  "baseUrl": "c"\n}\n',
    after: '{\n  "name": "b", "key": "a",\n  "forgeAppId": "X",\n  "baseUrl": "c"\n}\n',
  },
  {
    name: 'the key exists: its value is replaced',
    before: '{\n  "key": "a",\n  "forgeAppId" : "old", // keep\n  "name": "b"\n}\n',
    after: '{\n  "key": "a",\n  "forgeAppId" : "X", // keep\n  "name": "b"\n}\n',
  },
  { name: 'the key exists as null: replaced', before: '{"key":"a","forgeAppId":null}', after: '{"key":"a","forgeAppId":"X"}' },
];

/** removeProperty(…, "x"): with its comma, and its whole line when it had one to itself. */
const REMOVE_CASES: readonly ShapeCase[] = [
  { name: 'in the middle', before: '{\n  "key": "a",\n  "x": 1,\n  "name": "b"\n}\n', after: '{\n  "key": "a",\n  "name": "b"\n}\n' },
  { name: 'first', before: '{\n  "x": 1,\n  "key": "a"\n}\n', after: '{\n  "key": "a"\n}\n' },
  { name: 'last: the comma before it goes', before: '{\n  "key": "a",\n  "x": 1\n}\n', after: '{\n  "key": "a"\n}\n' },
  { name: 'last, CRLF', before: crlf('{\n  "key": "a",\n  "x": 1\n}\n'), after: crlf('{\n  "key": "a"\n}\n') },
  { name: 'last, CR only', before: cr('{\n  "key": "a",\n  "x": 1\n}\n'), after: cr('{\n  "key": "a"\n}\n') },
  {
    name: 'in the middle, CR only',
    before: cr('{\n  "key": "a",\n  "x": 1,\n  "name": "b"\n}\n'),
    after: cr('{\n  "key": "a",\n  "name": "b"\n}\n'),
  },
  {
    name: 'last, mixed line breaks: the line before keeps its own',
    before: '{\r\n  "key": "a",\r\n  "x": 1\n}\n',
    after: '{\r\n  "key": "a"\r\n}\n',
  },
  { name: 'the only member, mixed line breaks', before: '{\r\n  "x": 1\n}\n', after: '{\r\n}\n' },
  {
    name: 'last, with spaces after it: they go with its line',
    before: '{\n  "key": "a",\n  "x": 1  \n}\n',
    after: '{\n  "key": "a"\n}\n',
  },
  { name: 'the only member', before: '{\n  "x": 1\n}\n', after: '{\n}\n' },
  { name: 'the only member, CRLF', before: crlf('{\n\t"x": 1\n}\n'), after: crlf('{\n}\n') },
  { name: 'last with a trailing comma', before: '{\n  "key": "a",\n  "x": 1,\n}\n', after: '{\n  "key": "a",\n}\n' },
  { name: 'tabs', before: '{\n\t"key": "a",\n\t"x": 1,\n\t"name": "b"\n}\n', after: '{\n\t"key": "a",\n\t"name": "b"\n}\n' },
  { name: 'minified, middle', before: '{"key":"a","x":1,"name":"b"}', after: '{"key":"a","name":"b"}' },
  { name: 'minified, last', before: '{"key":"a","x":1}', after: '{"key":"a"}' },
  { name: 'minified, only', before: '{"x":1}', after: '{}' },
  { name: 'one line with spaces, middle', before: '{ "key": "a", "x": 1, "name": "b" }', after: '{ "key": "a", "name": "b" }' },
  { name: 'one line with spaces, last', before: '{ "key": "a", "x": 1 }', after: '{ "key": "a" }' },
  {
    name: 'a line comment after it stays',
    before: '{\n  "key": "a",\n  "x": 1, // about x\n  "name": "b"\n}\n',
    after: '{\n  "key": "a",\n  // about x\n  "name": "b"\n}\n',
  },
  {
    name: 'a line comment before it stays',
    before: '{\n  "key": "a",\n  // about x\n  "x": 1,\n  "name": "b"\n}\n',
    after: '{\n  "key": "a",\n  // about x\n  "name": "b"\n}\n',
  },
  {
    name: 'a block comment before it on its line stays',
    before: '{\n  "key": "a",\n  /* x */ "x": 1,\n  "name": "b"\n}\n',
    after: '{\n  "key": "a",\n  /* x */\n  "name": "b"\n}\n',
  },
  {
    name: 'the last member after a block comment on its line: no space is left at the end of the line',
    before: '{\n  "key": "a",\n  /* x */ "x": 1\n}\n',
    after: '{\n  "key": "a"\n  /* x */\n}\n',
  },
  {
    name: "over several lines after a block comment on its line, mixed line breaks: the comment keeps its line's",
    before: '{\r\n  "key": "a",\r\n  /* x */ "x": {\n    "b": 1\r\n  }\r\n}\r\n',
    after: '{\r\n  "key": "a"\r\n  /* x */\n}\r\n',
  },
  {
    name: "over several lines sharing a line with the previous member, mixed line breaks: that member keeps its line's",
    before: '{\r\n  "key": "a", "x": {\n    "b": 1\r\n  },\r\n  "name": "b"\r\n}\r\n',
    after: '{\r\n  "key": "a",\n  "name": "b"\r\n}\r\n',
  },
  {
    name: 'over several lines sharing a line with the previous member',
    before: '{\n  "key": "a", "x": {\n    "b": 1\n  },\n  "name": "b"\n}\n',
    after: '{\n  "key": "a",\n  "name": "b"\n}\n',
  },
  { name: "the previous member's line comment stays", before: '{\n  "key": "a", // k\n  "x": 1\n}\n', after: '{\n  "key": "a" // k\n}\n' },
  {
    name: 'a block comment before the previous comma stays',
    before: '{\n  "key": "a" /* k */,\n  "x": 1\n}\n',
    after: '{\n  "key": "a" /* k */\n}\n',
  },
  {
    name: 'sharing a line with the previous member',
    before: '{\n  "key": "a", "x": 1,\n  "name": "b"\n}\n',
    after: '{\n  "key": "a",\n  "name": "b"\n}\n',
  },
  { name: 'sharing a line with the previous member, last', before: '{\n  "key": "a", "x": 1\n}\n', after: '{\n  "key": "a"\n}\n' },
  {
    name: 'an object value over several lines',
    before: '{\n  "key": "a",\n  "x": {\n    "y": 1\n  },\n  "name": "b"\n}\n',
    after: '{\n  "key": "a",\n  "name": "b"\n}\n',
  },
  { name: 'after a BOM', before: '\uFEFF{"x":1,"key":"a"}', after: '\uFEFF{"key":"a"}' },
];

describe('edits', () => {
  describe('setRootProperty / insertRootProperty', () => {
    for (const c of INSERT_CASES) {
      it(c.name, () => {
        const after = checked(c.before, setRootProperty(c.before, rootOf(c.before), 'forgeAppId', 'X'));
        assert.equal(after, c.after);
        assert.equal(findProperty(rootOf(after), 'forgeAppId')?.valueNode?.value, 'X');
        // Setting the same value again changes nothing.
        assert.equal(applyEdits(after, setRootProperty(after, rootOf(after), 'forgeAppId', 'X')), after);
      });
    }

    it('serialises the value as JSON', () => {
      const before = '{"key":"a"}';
      assert.equal(
        applyEdits(before, setRootProperty(before, rootOf(before), 'forgeAppLink', 'a"b\\c')),
        '{"key":"a","forgeAppLink":"a\\"b\\\\c"}',
      );
    });
  });

  describe('removeProperty', () => {
    for (const c of REMOVE_CASES) {
      it(c.name, () => {
        const root = rootOf(c.before);
        const property = findProperty(root, 'x');
        assert.ok(property);
        assert.equal(checked(c.before, removeProperty(c.before, root, property)), c.after);
      });
    }

    it('removes a nested member from its own object', () => {
      const before = '{\n  "key": "a",\n  "vendor": {\n    "name": "v",\n    "x": 1\n  }\n}\n';
      const vendor = findProperty(rootOf(before), 'vendor')?.valueNode;
      const property = findProperty(vendor, 'x');
      assert.ok(vendor && property);
      assert.equal(checked(before, removeProperty(before, vendor, property)), '{\n  "key": "a",\n  "vendor": {\n    "name": "v"\n  }\n}\n');
    });
  });

  describe("moving a nested member to the root keeps its value's shape", () => {
    /** `atRoot` right after "key" (at 2 spaces), `nested` inside modules.webItems[0] (at 8). */
    const layout = (atRoot: readonly string[], nested: readonly string[]) =>
      [
        '{',
        '  "key": "my-app",',
        ...atRoot.map((line) => (line ? `  ${line}` : '')),
        '  "contexts": ["account"],',
        '  "modules": {',
        '    "webItems": [',
        '      {',
        ...nested.map((line) => (line ? `        ${line}` : '')),
        '        "key": "w"',
        '      }',
        '    ]',
        '  }',
        '}',
        '',
      ].join('\n');
    const nestedIn = (lines: readonly string[]) => layout([], lines);
    const movedOut = (lines: readonly string[]) => layout(lines, []);
    const tabs = (t: string) => t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2));
    const VALUES: readonly { name: string; lines: readonly string[] }[] = [
      { name: "an object over three lines (the issue's case)", lines: ['"forgeAppLink": {', '  "url": "x"', '},'] },
      { name: 'an array with a comment', lines: ['"forgeAppId": [', '  // the first', '  "a",', '  "b"', '],'] },
      { name: 'nested two levels', lines: ['"forgeAppLink": {', '  "a": {', '    "b": [1, 2]', '  }', '},'] },
      { name: 'a blank line stays blank', lines: ['"forgeAppLink": {', '', '  "url": "x"', '},'] },
      { name: 'a block comment over lines', lines: ['"forgeAppLink": { /* one', '     two */', '  "url": "x"', '},'] },
      { name: 'a value on one line (unchanged)', lines: ['"forgeAppLink": { "url": "x" },'] },
    ];
    const STYLES: readonly [string, (text: string) => string][] = [
      ['2 spaces', (t) => t],
      ['4 spaces', (t) => t.replace(/^( {2})+/gm, (m) => '    '.repeat(m.length / 2))],
      ['tabs', tabs],
      ['CRLF', crlf],
      ['CR only', cr],
    ];
    for (const value of VALUES) {
      for (const [styleName, style] of STYLES) {
        it(`${value.name}, ${styleName}`, () => {
          const before = style(nestedIn(value.lines));
          const finding = analyze(before).findings.find((f) => f.ruleId === 'forge-key-nested');
          assert.ok(finding, 'forge-key-nested reports the nested key');
          assert.match(finding.fixes[0].title, /^Move /);
          const after = checked(before, finding.fixes[0].edits());
          assert.equal(after, style(movedOut(value.lines)));
        });
      }
    }

    /** Other layouts, each with the nested member in "vendor". */
    const ODD: readonly ShapeCase[] = [
      {
        name: 'lines indented less than the member keep their distance to it',
        before: '{\n  "key": "a",\n  "contexts": ["account"],\n  "vendor": {\n      "forgeAppLink": {\n    "url": "x"\n      }\n  }\n}\n',
        after: '{\n  "key": "a",\n  "forgeAppLink": {\n"url": "x"\n  },\n  "contexts": ["account"],\n  "vendor": {\n  }\n}\n',
      },
      {
        name: "a member that shares its line: the value's shape is read from the line its closing brace starts",
        before:
          '{\n  "key": "a",\n  "contexts": ["account"],\n  "vendor": { "name": "v", "forgeAppLink": {\n      "url": "x"\n    } }\n}\n',
        after: '{\n  "key": "a",\n  "forgeAppLink": {\n    "url": "x"\n  },\n  "contexts": ["account"],\n  "vendor": { "name": "v" }\n}\n',
      },
      {
        name: 'a member whose line begins inside a block comment: the same',
        before:
          '{\n  "key": "a",\n  "contexts": ["account"],\n  "vendor": {\n    /* the link\n       */ "forgeAppLink": {\n      "url": "x"\n    }\n  }\n}\n',
        after:
          '{\n  "key": "a",\n  "forgeAppLink": {\n    "url": "x"\n  },\n  "contexts": ["account"],\n  "vendor": {\n    /* the link\n       */\n  }\n}\n',
      },
    ];
    for (const c of ODD) {
      it(c.name, () => {
        const finding = analyze(c.before).findings.find((f) => f.ruleId === 'forge-key-nested');
        assert.ok(finding);
        assert.equal(checked(c.before, finding.fixes[0].edits()), c.after);
      });
    }

    it('fix-all moves the value the same way', () => {
      const before = nestedIn(['"forgeAppLink": {', '  "url": "x"', '},']);
      assert.equal(fixAll(before).text, movedOut(['"forgeAppLink": {', '  "url": "x"', '},']));
    });
  });

  /**
   * Each fix that puts a member at the root, on one layout: the move from `move.before`, and the
   * insert from a matched manifest and the placeholder insert on `layout([])`, which must give
   * `layout(lines)` with the new member's line right after "key"'s.
   */
  function insertsAfterKey(layout: (lines: readonly string[]) => string, move: ShapeCase): void {
    it(move.name, () => {
      const finding = analyze(move.before).findings.find((f) => f.ruleId === 'forge-key-nested');
      assert.ok(finding);
      assert.equal(checked(move.before, finding.fixes[0].edits()), move.after);
      assert.equal(fixAll(move.before).text, move.after, 'fix-all moves it the same way');
    });

    it('so does the insert from a matched manifest', () => {
      const before = layout([]);
      const manifests = {
        searched: true,
        reason: 'it is the nearest manifest.yml',
        matches: [{ label: 'forge/manifest.yml', location: 'file:///w/forge/manifest.yml', appId: ARI, appIdUuid: UUID }],
      };
      const finding = analyze(before, { manifests }).findings.find((f) => f.ruleId === 'forge-app-id-missing');
      assert.ok(finding);
      assert.equal(checked(before, finding.fixes[0].edits()), layout([`  "forgeAppId": "${ARI}",`]));
    });

    it('so does the placeholder insert for the missing link', () => {
      const before = layout([]);
      const finding = analyze(before).findings.find((f) => f.ruleId === 'forge-app-link-missing');
      const placeholder = finding?.inputFix?.placeholder;
      assert.ok(placeholder !== undefined, 'editors that cannot ask get a placeholder');
      const after = checked(before, setRootProperty(before, rootOf(before), 'forgeAppLink', placeholder));
      assert.equal(after, layout([`  "forgeAppLink": ${JSON.stringify(placeholder)},`]));
    });
  }

  describe('inserting after a "key" whose line starts inside a block comment', () => {
    /** The issue's descriptor: the comment before "key" closes on "key"'s line. */
    const commented = (rest: readonly string[]) =>
      ['{', '  /* Connect', '     app */ "key": "my-app",', ...rest, '  "contexts": ["account"],', '}', ''].join('\n');
    insertsAfterKey(commented, {
      name: "the move takes the root members' indentation",
      before: commented([`  "modules": { "forgeAppId": "${ARI}" },`]),
      after: commented([`  "forgeAppId": "${ARI}",`, '  "modules": {},']),
    });
  });

  describe('inserting when every member before the next starts after a block comment over lines', () => {
    /** The audit's descriptor: the comment before "contexts" starts on a line of its own. */
    const commented = (rest: readonly string[], modules = '{}') =>
      [
        '{',
        '  /* a',
        '     b */ "key": "my-app",',
        ...rest,
        '  /* c',
        '     d */ "contexts": ["account"],',
        `  "modules": ${modules}`,
        '}',
        '',
      ].join('\n');
    insertsAfterKey(commented, {
      name: 'the move puts the member on a line of its own',
      before: commented([], `{ "forgeAppId": "${ARI}" }`),
      after: commented([`  "forgeAppId": "${ARI}",`]),
    });
  });

  describe('inserting in a file with mixed line breaks', () => {
    /** The audit's descriptor: CRLF after the brace, LF everywhere else. */
    const mixed = (rest: readonly string[], modules = '') =>
      `{\r\n  "key": "my-app",\n${rest.map((line) => `${line}\n`).join('')}  "contexts": ["account"]${modules && `,\n  "modules": ${modules}`}\n}\n`;
    insertsAfterKey(mixed, {
      name: 'the move: the new line ends as the "key" line does, which keeps its LF',
      before: mixed([], `{"forgeAppLink": "${LINK}"}`),
      after: mixed([`  "forgeAppLink": "${LINK}",`], '{}'),
    });
  });

  describe('renameKey', () => {
    const RENAMES: readonly ShapeCase[] = [
      { name: 'plain', before: '{\n  "forgeAppID": "x"\n}\n', after: '{\n  "forgeAppId": "x"\n}\n' },
      { name: 'spacing around the colon kept', before: '{ "forgeAppID" : "x" }', after: '{ "forgeAppId" : "x" }' },
      {
        name: 'CRLF, comment after',
        before: crlf('{\n  "forge_app_link": "x" // link\n}\n'),
        after: crlf('{\n  "forgeAppId": "x" // link\n}\n'),
      },
    ];
    for (const c of RENAMES) {
      it(c.name, () => {
        const root = rootOf(c.before);
        const property = root.children?.[0]?.children?.[0];
        assert.ok(property);
        const name = property.value as string;
        const found = findProperty(root, name);
        assert.ok(found);
        assert.equal(checked(c.before, [renameKey(found, 'forgeAppId')]), c.after);
      });
    }
  });

  describe('file style detection', () => {
    const STYLES: readonly [string, string, string, string][] = [
      ['2 spaces, LF', '{\n  "a": {\n    "b": 1\n  }\n}\n', '  ', '\n'],
      ['4 spaces, CRLF', '{\r\n    "a": 1\r\n}\r\n', '    ', '\r\n'],
      ['4 spaces, CR only', '{\r    "a": {\r        "b": 1\r    }\r}\r', '    ', '\r'],
      ['tabs, CR only', '{\r\t"a": 1\r}', '\t', '\r'],
      ['a CR inside the first line is still the first line break', '{"a": 1}\r\n', '  ', '\r\n'],
      ['tabs', '{\n\t"a": 1\n}', '\t', '\n'],
      ['one line', '{"a":1}', '  ', '\n'],
      ['5 spaces', '{\n     "a": 1\n     }', '     ', '\n'],
    ];
    for (const [name, text, unit, eol] of STYLES) {
      it(name, () => {
        assert.equal(detectIndentUnit(text), unit);
        assert.equal(detectEol(text), eol);
      });
    }

    it('minimalEdit finds the one changed span', () => {
      assert.deepEqual(minimalEdit('{"a":1}', '{"a":12}'), { start: 6, end: 6, newText: '2' });
      assert.equal(minimalEdit('same', 'same'), undefined);
    });

    it('applyEdits refuses overlapping edits and keeps inserts at one offset in order', () => {
      assert.throws(
        () =>
          applyEdits('abcdef', [
            { start: 1, end: 4, newText: '' },
            { start: 3, end: 5, newText: '' },
          ]),
        /Overlapping/,
      );
      assert.equal(
        applyEdits('ab', [
          { start: 1, end: 1, newText: 'x' },
          { start: 1, end: 1, newText: 'y' },
        ]),
        'axyb',
      );
    });
  });

  describe('each rule fix, one at a time, in every file style', () => {
    /** A 2-space LF descriptor with comments and trailing commas around the scenario's members. */
    const doc = (root: readonly string[], modules: readonly string[] = []) =>
      [
        '{',
        '  // the app',
        '  "key": "my-app", /* key */',
        ...root.map((line) => `  ${line}`),
        '  "name": "My app",',
        '  "contexts": ["account",],',
        '  "modules": {',
        ...modules.map((line) => `    ${line}`),
        '    "webItems": [],',
        '  },',
        '}',
        '',
      ].join('\n');
    const ampLink = LINK.replace('&product', '&amp;product');
    const SCENARIOS: readonly { name: string; rule: string; title: string; before: string; after: string }[] = [
      {
        name: 'move a nested key to the root',
        rule: 'forge-key-nested',
        title: 'Move forgeAppLink to the root of the descriptor',
        before: doc([], [`"forgeAppLink": "${LINK}",`]),
        after: doc([`"forgeAppLink": "${LINK}",`]),
      },
      {
        name: "remove a nested copy of the root's value",
        rule: 'forge-key-nested',
        title: 'Remove this copy of forgeAppId (the root has the same value)',
        before: doc([`"forgeAppId": "${ARI}",`], [`"forgeAppId": "${ARI}",`]),
        after: doc([`"forgeAppId": "${ARI}",`]),
      },
      {
        name: 'remove a shadowed duplicate',
        rule: 'forge-key-duplicate',
        title: 'Remove the shadowed forgeAppId',
        before: doc([`"forgeAppId": "${UUID}",`, `"forgeAppId": "${ARI}",`]),
        after: doc([`"forgeAppId": "${ARI}",`]),
      },
      {
        name: 'rename a misspelled key',
        rule: 'forge-key-misspelled',
        title: 'Rename to "forgeAppId"',
        before: doc([`"forge_app_id" : "${ARI}", // from the manifest`]),
        after: doc([`"forgeAppId" : "${ARI}", // from the manifest`]),
      },
      {
        name: 'replace a bare UUID with the ARI',
        rule: 'forge-app-id-invalid',
        title: `Make it the app ARI: "${ARI}"`,
        before: doc([`"forgeAppId": "${UUID}",`]),
        after: doc([`"forgeAppId": "${ARI}",`]),
      },
      {
        name: 'replace &amp; in the link',
        rule: 'forge-app-link-invalid',
        title: `Replace "&amp;" with "&": "${LINK.slice(0, 67)}…"`,
        before: doc([`"forgeAppLink": "${ampLink}",`]),
        after: doc([`"forgeAppLink": "${LINK}",`]),
      },
    ];
    const tabs = (t: string) => t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2));
    const STYLES: readonly [string, (text: string) => string][] = [
      ['2 spaces', (t) => t],
      ['4 spaces', (t) => t.replace(/^( {2})+/gm, (m) => '    '.repeat(m.length / 2))],
      ['tabs', tabs],
      ['CRLF', crlf],
      ['tabs, CRLF', (t) => crlf(tabs(t))],
      ['BOM', (t) => `\uFEFF${t}`],
      ['CR only', cr],
      ['tabs, CR only', (t) => cr(tabs(t))],
    ];
    for (const scenario of SCENARIOS) {
      for (const [styleName, style] of STYLES) {
        it(`${scenario.name}, ${styleName}`, () => {
          const before = style(scenario.before);
          const finding = analyze(before).findings.find(
            (f) => f.ruleId === scenario.rule && f.fixes.some((fix) => fix.title === scenario.title),
          );
          assert.ok(finding, `${scenario.rule} offers "${scenario.title}"`);
          const index = finding.fixes.findIndex((fix) => fix.title === scenario.title);
          assert.equal(finding.fixes[index].safe, true);
          const after = checked(before, finding.fixes[index].edits());
          assert.equal(after, style(scenario.after));
          const again = analyze(after).findings.filter(
            (f) => f.ruleId === scenario.rule && f.fixes.some((fix) => fix.title === scenario.title),
          );
          assert.deepEqual(again, [], 'nothing left for the same fix');
          assert.equal(fixAll(after).text, after, 'fix-all has nothing left to do');
        });
      }
    }

    const MINIFIED: readonly { name: string; before: string; after: string }[] = [
      {
        name: 'move',
        before: `{"key":"k","contexts":["account"],"modules":{"forgeAppLink":"${LINK}","webItems":[]}}`,
        after: `{"key":"k","forgeAppLink":"${LINK}","contexts":["account"],"modules":{"webItems":[]}}`,
      },
      {
        name: 'move from a one-member object',
        before: `{"key":"k","contexts":["account"],"vendor":{"forgeAppId":"${ARI}"}}`,
        after: `{"key":"k","forgeAppId":"${ARI}","contexts":["account"],"vendor":{}}`,
      },
      {
        name: 'remove a nested copy',
        before: `{"key":"k","forgeAppId":"${ARI}","contexts":["account"],"vendor":{"name":"v","forgeAppId":"${ARI}"}}`,
        after: `{"key":"k","forgeAppId":"${ARI}","contexts":["account"],"vendor":{"name":"v"}}`,
      },
      {
        name: 'remove a shadowed duplicate',
        before: `{"key":"k","forgeAppId":"${UUID}","contexts":["account"],"forgeAppId":"${ARI}"}`,
        after: `{"key":"k","contexts":["account"],"forgeAppId":"${ARI}"}`,
      },
      {
        name: 'rename',
        before: `{"key":"k","forgeAppID":"${ARI}","contexts":["account"]}`,
        after: `{"key":"k","forgeAppId":"${ARI}","contexts":["account"]}`,
      },
      {
        name: 'replace a value',
        before: `{"key":"k","forgeAppId":"${ARI.toUpperCase()}","contexts":["account"]}`,
        after: `{"key":"k","forgeAppId":"${ARI}","contexts":["account"]}`,
      },
    ];
    for (const c of MINIFIED) {
      it(`one-line minified: ${c.name}`, () => {
        const fixes = analyze(c.before).findings.flatMap((f) => f.fixes.filter((fix) => fix.safe));
        assert.equal(fixes.length, 1, 'one safe fix');
        assert.equal(checked(c.before, fixes[0].edits()), c.after);
      });
    }
  });

  describe('rule fixes in every file style', () => {
    /**
     * One descriptor with a misspelled key holding a bare UUID, a nested link with stray spaces
     * and a shadowed duplicate; the golden result of fix-all; both in 2-space LF, turned into the
     * other styles the same way.
     */
    const BROKEN = [
      '{',
      '  // Connect descriptor',
      '  "key": "my-app", /* the app key */',
      '  "name": "My app",',
      `  "forgeAppID": "${UUID}",`,
      '  "contexts": ["account"],',
      '  "scopes": ["repository"],',
      '  "modules": {',
      `    "forgeAppLink": " ${LINK.replace('&product', '&amp;product')}",`,
      '    "webItems": [',
      '      { "key": "w", "location": "org.bitbucket.repository.navigation", "url": "/w", "name": { "value": "W" } },',
      '    ],',
      '  },',
      '  "baseUrl": "https://old.example.com",',
      '  "baseUrl": "https://example.com"',
      '}',
      '',
    ].join('\n');
    const FIXED = [
      '{',
      '  // Connect descriptor',
      '  "key": "my-app", /* the app key */',
      `  "forgeAppLink": "${LINK}",`,
      '  "name": "My app",',
      `  "forgeAppId": "${ARI}",`,
      '  "contexts": ["account"],',
      '  "scopes": ["repository"],',
      '  "modules": {',
      '    "webItems": [',
      '      { "key": "w", "location": "org.bitbucket.repository.navigation", "url": "/w", "name": { "value": "W" } },',
      '    ],',
      '  },',
      '  "baseUrl": "https://old.example.com",',
      '  "baseUrl": "https://example.com"',
      '}',
      '',
    ].join('\n');
    const STYLES: readonly [string, (text: string) => string][] = [
      ['2 spaces, LF', (t) => t],
      ['4 spaces', (t) => t.replace(/^( {2})+/gm, (m) => '    '.repeat(m.length / 2))],
      ['tabs', (t) => t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2))],
      ['CRLF', crlf],
      ['tabs and CRLF', (t) => crlf(t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)))],
      ['CR only', cr],
    ];
    for (const [name, style] of STYLES) {
      it(`fix-all, ${name}`, () => {
        const before = style(BROKEN);
        const result = fixAll(before);
        assert.equal(result.text, style(FIXED));
        assert.deepEqual(
          [...result.applied].sort(),
          [
            'Move forgeAppLink to the root of the descriptor',
            'Rename to "forgeAppId"',
            `Make it the app ARI: "${ARI}"`,
            `Remove the spaces around the value: "${LINK.slice(0, 67)}…"`,
          ].sort(),
        );
        assertOtherLinesUnchanged(before, result.text, [
          { start: before.indexOf('"key"'), end: before.indexOf('"name"') },
          ...['"forgeAppID"', '"forgeAppLink"'].map((k) => ({ start: before.indexOf(k), end: before.indexOf(k) + 1 })),
        ]);
        if (name.includes('CRLF')) assert.ok(!hasBareLf(result.text));
        if (name.includes('CR only')) assert.ok(!result.text.includes('\n'), JSON.stringify(result.text));
        assert.equal(fixAll(result.text).text, result.text, 'idempotent');
        assert.deepEqual(fixAll(result.text).applied, []);
        // One edit per place: the move's insert, the rename, the ARI and the nested copy's removal.
        assert.equal(assertMinimalFixAllEdits(before, result).length, 4);
      });
    }

    it('fix-all, one-line minified', () => {
      const before = `{"key":"my-app","name":"My app","forgeAppID":"${UUID}","contexts":["account"],"modules":{"forgeAppLink":" ${LINK}","webItems":[]}}`;
      const after = `{"key":"my-app","forgeAppLink":"${LINK}","name":"My app","forgeAppId":"${ARI}","contexts":["account"],"modules":{"webItems":[]}}`;
      assert.equal(fixAll(before).text, after);
      assert.equal(fixAll(after).text, after);
    });

    it('fix-all, BOM and an empty modules object after the move', () => {
      const before = `\uFEFF{\n  "key": "my-app",\n  "contexts": ["account"],\n  "modules": {\n    "forgeAppId": "${ARI}"\n  }\n}\n`;
      const after = `\uFEFF{\n  "key": "my-app",\n  "forgeAppId": "${ARI}",\n  "contexts": ["account"],\n  "modules": {\n  }\n}\n`;
      assert.equal(fixAll(before).text, after);
    });

    it('fix-all removes shadowed duplicates, keeping the copy that is read', () => {
      const before = `{\n  "key": "k",\n  "forgeAppId": "${UUID}",\n  "contexts": ["account"],\n  "forgeAppId": "${ARI}"\n}\n`;
      assert.equal(fixAll(before).text, `{\n  "key": "k",\n  "contexts": ["account"],\n  "forgeAppId": "${ARI}"\n}\n`);
    });

    it('fix-all moves only one of two nested copies and drops the other when it is identical', () => {
      const before = `{\n  "key": "k",\n  "contexts": ["account"],\n  "vendor": { "forgeAppId": "${ARI}" },\n  "links": { "forgeAppId": "${ARI}" }\n}\n`;
      const after = `{\n  "key": "k",\n  "forgeAppId": "${ARI}",\n  "contexts": ["account"],\n  "vendor": {},\n  "links": {}\n}\n`;
      assert.equal(fixAll(before).text, after);
      assert.equal(findProperty(rootOf(after), 'forgeAppId')?.valueNode?.value, ARI);
    });

    describe('fix-all applies only safe fixes', () => {
      const UNSAFE: readonly [string, string][] = [
        ['an uncertain rename (alias)', `{\n  "key": "k",\n  "contexts": ["account"],\n  "forgeAppUrl": "${LINK}"\n}\n`],
        ['an uncertain rename (edit distance)', `{\n  "key": "k",\n  "contexts": ["account"],\n  "forgeAppLnk": "${LINK}"\n}\n`],
        [
          'a nested copy that differs from the root',
          `{\n  "key": "k",\n  "forgeAppId": "${ARI}",\n  "contexts": ["account"],\n  "vendor": { "forgeAppId": "${UUID}" }\n}\n`,
        ],
        [
          'two certain misspellings of one key',
          `{\n  "key": "k",\n  "ForgeAppLink": "a",\n  "forge_app_link": "b",\n  "contexts": ["account"]\n}\n`,
        ],
        [
          'a misspelling and a nested copy of one key',
          `{\n  "key": "k",\n  "forge_app_link": "a",\n  "contexts": ["account"],\n  "vendor": { "forgeAppLink": "b" }\n}\n`,
        ],
        ['the missing link (needs input)', '{\n  "key": "k",\n  "contexts": ["account"]\n}\n'],
        [
          'values no fix can know',
          `{\n  "key": "k",\n  "forgeAppLink": "http://example.com",\n  "forgeAppId": "not-an-ari",\n  "contexts": ["account"]\n}\n`,
        ],
      ];
      for (const [name, text] of UNSAFE) {
        it(name, () => {
          const analysis = analyze(text);
          assert.ok(analysis.findings.length > 0, 'there is something to report');
          assert.ok(
            analysis.findings.every((f) => f.fixes.every((fix) => !fix.safe)),
            'no safe fix offered',
          );
          assert.deepEqual(fixAll(text), { text, applied: [], edits: [] });
        });
      }
    });
  });
});
