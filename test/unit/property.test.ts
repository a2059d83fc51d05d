/**
 * Property test: thousands of descriptors mutated from a few seeds in different styles. Whatever
 * the input, the analysis does not throw, every fix's edits apply cleanly and parse at least as
 * well as before, fix-all settles in one call and its edits are minimal, and LF, CRLF and CR-only
 * files keep their line breaks; in files whose line endings are mixed, each line a fix adds or ends
 * ends as its neighbour does. Moved values keep their shape and inserted root members take the
 * root members' indentation; a second property builds the layouts that once broke those promises
 * (multi-line nested values, comments over lines before "key" or the member after it, CR-only
 * files). A third analyses a version twice with other settings or manifests, as the server does:
 * a diagnostic of the first analysis leads to its own finding in the second, or to none.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Node } from 'jsonc-parser';
import { Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AnalysisOptions,
  DEFAULT_SETTINGS,
  ManifestContext,
  NO_MANIFESTS,
  RULES,
  analyze,
  findProperty,
  fixAll,
  parseDescriptor,
} from '../../server/src/core';
import { findingOf, toDiagnostics, toRange } from '../../server/src/lsp/convert';
import {
  ARI,
  LINK,
  LONG_LINK,
  OTHER_UUID,
  UUID,
  applyChecked,
  assertMinimalFixAllEdits,
  hasBareLf,
  isPureCrlf,
  syntaxErrors,
} from '../support/core';
import {
  assertInsertedMembersIndented,
  assertLineBreaksKept,
  assertLineBreaksMatchNeighbours,
  assertMovedValueKeepsShape,
  lineBreakStyle,
} from '../support/layout';

/** Fixed so that runs repeat; PROPERTY_SEED / PROPERTY_RUNS explore further. */
const SEED = Number(process.env.PROPERTY_SEED ?? 20261129);
const RUNS = Number(process.env.PROPERTY_RUNS ?? 4000);

const SEEDS: readonly string[] = [
  // 2 spaces, LF, both keys at the root.
  `{\n  "key": "my-app",\n  "name": "My app",\n  "forgeAppLink": "${LINK}",\n  "forgeAppId": "${ARI}",\n  "baseUrl": "https://example.com",\n  "contexts": ["account"],\n  "scopes": ["account", "repository"],\n  "modules": {\n    "webItems": [{ "key": "w", "location": "org.bitbucket.repository.navigation", "url": "/w?repo={repo_uuid}" }]\n  }\n}\n`,
  // 4 spaces, CRLF, comments, no Forge keys yet.
  `{\r\n    // the app\r\n    "key": "crlf-app", /* key */\r\n    "name": "CRLF app",\r\n    "contexts": ["personal"],\r\n    "scopes": ["repository:write"],\r\n    "vendor": {\r\n        "name": "Me"\r\n    }\r\n}\r\n`,
  // Tabs and trailing commas, a nested link.
  `{\n\t"key": "tab-app",\n\t"contexts": ["account",],\n\t"modules": {\n\t\t"forgeAppLink": "${LONG_LINK}",\n\t\t"repoPages": [],\n\t},\n}\n`,
  // One-line minified, a misspelled key.
  `{"key":"min","forgeAppID":"${UUID}","contexts":["account"],"modules":{"webPanels":[]}}`,
  // ACE template values.
  '{\n  "key": "{{appKey}}",\n  "baseUrl": "{{localBaseUrl}}",\n  "forgeAppLink": "{{forgeAppLink}}",\n  "scopes": ["pullrequest"]\n}\n',
  // Nearly empty.
  '{}',
  '{ }\n',
  // A BOM, a duplicate and a bad value.
  `\uFEFF{\n  "key": "bom",\n  "forgeAppId": "${OTHER_UUID}",\n  "forgeAppId": "${ARI.toUpperCase()}",\n  "contexts": ["account"]\n}\n`,
  // A Jira descriptor carrying the keys.
  `{\n  "key": "jira-app",\n  "apiVersion": 1,\n  "forgeAppLink": "${LINK}",\n  "modules": { "jiraIssueGlances": [] }\n}\n`,
  // An unknown product with key last and the closing brace on its line.
  `{\n  "name": "u",\n  "forgeAppLink": " ${LINK.replace('&product', '&amp;product')} ",\n  "key": "u" }`,
];

const VALUES: readonly string[] = [
  JSON.stringify(LINK),
  JSON.stringify(LONG_LINK),
  JSON.stringify(ARI),
  JSON.stringify(UUID),
  JSON.stringify(ARI.toUpperCase()),
  JSON.stringify(` ${ARI} `),
  JSON.stringify(`https://developer.atlassian.com/console/myapps/${OTHER_UUID}/overview`),
  JSON.stringify(LINK.replace('&product', '&amp;product')),
  JSON.stringify(`  ${LINK}`),
  JSON.stringify(LINK.replace('https:', 'http:')),
  JSON.stringify(LINK.replace(UUID, OTHER_UUID)),
  JSON.stringify('https://developer.atlassian.com/console/install/my-app-id?signature=1234567890&product=bitbucket'),
  JSON.stringify(`https://developer.atlassian.com/console/install/${UUID}?product=jira`),
  JSON.stringify('ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000'),
  JSON.stringify('{{forgeAppLink}}'),
  JSON.stringify('${FORGE_APP_ID}'),
  JSON.stringify(''),
  JSON.stringify(' '),
  `"${LINK.replace(/\//g, '\\/')}"`,
  `"https:\\/\\/developer.atlassian.com\\/console\\/install\\/${UUID}?signature=x\\u0026product=bitbucket"`,
  'null',
  '42',
  'true',
  '[]',
  '{}',
  `["${LINK}"]`,
];

const KEY_NAMES: readonly string[] = [
  'forgeAppLink',
  'forgeAppId',
  'forgeAppID',
  'ForgeAppLink',
  'forge_app_link',
  'forge-app-id',
  'forgeAppUrl',
  'forgeAppLnk',
  'forgeLink',
  'forgeAri',
  'key',
  'forgery',
];

/** Values over several lines, each line after the first as `[depth below the member, text]`. */
const MULTI_LINE_VALUES: readonly (readonly [string, readonly (readonly [number, string])[]])[] = [
  [
    '{',
    [
      [1, '"url": "x"'],
      [0, '}'],
    ],
  ],
  [
    '[',
    [
      [1, '// the first'],
      [1, '"a",'],
      [1, '"b"'],
      [0, ']'],
    ],
  ],
  [
    '{ /* one',
    [
      [1, '   two */'],
      [1, '"a": {'],
      [2, '"b": [1, 2]'],
      [1, '}'],
      [0, '}'],
    ],
  ],
  [
    '{',
    [
      [0, ''],
      [1, `"value": "${LINK}"`],
      [0, '}'],
    ],
  ],
];

type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'member'; readonly at: number; readonly name: string; readonly value: string }
  | { readonly kind: 'duplicate'; readonly which: number; readonly at: number }
  | { readonly kind: 'rename'; readonly which: number; readonly name: string }
  | { readonly kind: 'value'; readonly which: number; readonly value: string }
  | { readonly kind: 'remove'; readonly which: number }
  | { readonly kind: 'comment'; readonly at: number; readonly block: boolean }
  | { readonly kind: 'indent'; readonly unit: string }
  | { readonly kind: 'eol'; readonly eol: '\n' | '\r\n' | '\r' }
  | { readonly kind: 'mixedEol'; readonly eols: readonly ('\n' | '\r\n' | '\r')[] }
  | { readonly kind: 'multiLineMember'; readonly at: number; readonly name: string; readonly value: number }
  | { readonly kind: 'keyComment'; readonly comment: string };

const position = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    text: fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      ' ',
      '\n',
      '\r\n',
      '\t',
      '/',
      '*',
      'a',
      '1',
      '\\',
      '{{',
      '}}',
      '<%',
      '%>',
      '\uFEFF',
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('member' as const), at: position, name: fc.constantFrom(...KEY_NAMES), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('duplicate' as const), which: position, at: position }),
  fc.record({ kind: fc.constant('rename' as const), which: position, name: fc.constantFrom(...KEY_NAMES) }),
  fc.record({ kind: fc.constant('value' as const), which: position, value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('remove' as const), which: position }),
  fc.record({ kind: fc.constant('comment' as const), at: position, block: fc.boolean() }),
  fc.record({ kind: fc.constant('indent' as const), unit: fc.constantFrom('  ', '    ', '\t', ' ', '') }),
  fc.record({ kind: fc.constant('eol' as const), eol: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const) }),
  // A file edited on two systems: its line breaks in turn from a short list.
  fc.record({
    kind: fc.constant('mixedEol' as const),
    eols: fc.array(fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const), { minLength: 2, maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('multiLineMember' as const),
    at: position,
    name: fc.constantFrom('forgeAppLink', 'forgeAppId', 'forgeAppID'),
    value: fc.nat({ max: MULTI_LINE_VALUES.length - 1 }),
  }),
  fc.record({
    kind: fc.constant('keyComment' as const),
    // Over lines, ending at column 0, on one line, and a line comment: before "key", on its line.
    // (A line comment ends its line: "key" then goes on the next, at the same indentation.)
    comment: fc.constantFrom('/* Connect\n     app */ ', '/* Connect\n*/ ', '/* the key */ ', '// the key\n'),
  }),
);

/** Members whose key is a Forge key or a near miss, as text spans: `"name": value`. */
function forgeMembers(text: string): { start: number; end: number; keyEnd: number; valueStart: number }[] {
  const members = [];
  const pattern = /"(forge[A-Za-z_-]*|ForgeAppLink)"\s*:\s*("(?:[^"\\\n]|\\.)*"|null|true|false|-?\d+|\[[^\]\n]*\]|\{[^}\n]*\})/g;
  for (const match of text.matchAll(pattern)) {
    const start = match.index;
    members.push({
      start,
      end: start + match[0].length,
      keyEnd: start + match[1].length + 2,
      valueStart: start + match[0].length - match[2].length,
    });
  }
  return members;
}

/** Offsets just after a `{` or a `,`: where a member can go. */
function memberSlots(text: string): number[] {
  const slots: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '{' || text[i] === ',') slots.push(i + 1);
  return slots;
}

function pick<T>(items: readonly T[], n: number): T | undefined {
  return items.length === 0 ? undefined : items[n % items.length];
}

/** The text's first line break (LF when it has none). */
function eolOf(text: string): string {
  return /\r\n?|\n/.exec(text)?.[0] ?? '\n';
}

function indentationAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return /^[ \t]*/.exec(text.slice(start, offset))?.[0] ?? '';
}

function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'member': {
      const at = pick(memberSlots(text), m.at);
      if (at === undefined) return text;
      return `${text.slice(0, at)} "${m.name}": ${m.value},${text.slice(at)}`;
    }
    case 'duplicate': {
      const member = pick(forgeMembers(text), m.which);
      const at = pick(memberSlots(text), m.at);
      if (!member || at === undefined) return text;
      return `${text.slice(0, at)}${eolOf(text)}${text.slice(member.start, member.end)},${text.slice(at)}`;
    }
    case 'rename': {
      const member = pick(forgeMembers(text), m.which);
      return member ? `${text.slice(0, member.start)}"${m.name}"${text.slice(member.keyEnd)}` : text;
    }
    case 'value': {
      const member = pick(forgeMembers(text), m.which);
      return member ? text.slice(0, member.valueStart) + m.value + text.slice(member.end) : text;
    }
    case 'remove': {
      const member = pick(forgeMembers(text), m.which);
      if (!member) return text;
      const after = text.slice(member.end).match(/^\s*,/)?.[0].length ?? 0;
      return text.slice(0, member.start) + text.slice(member.end + after);
    }
    case 'comment': {
      const at = pick(memberSlots(text), m.at);
      if (at === undefined) return text;
      return text.slice(0, at) + (m.block ? ' /* note */ ' : ` // note${eolOf(text)}`) + text.slice(at);
    }
    case 'indent':
      return text.replace(/^[ \t]+/gm, (indent) => m.unit.repeat(Math.max(1, Math.round(indent.replace(/\t/g, '  ').length / 2))));
    case 'eol':
      return text.replace(/\r\n|\r|\n/g, m.eol);
    case 'mixedEol': {
      let line = 0;
      return text.replace(/\r\n|\r|\n/g, () => m.eols[line++ % m.eols.length]);
    }
    case 'multiLineMember': {
      // On its own line, one level below the slot's line, its value's lines below it.
      const at = pick(memberSlots(text), m.at);
      if (at === undefined) return text;
      const eol = eolOf(text);
      const indent = `${indentationAt(text, at)}  `;
      const [first, rest] = MULTI_LINE_VALUES[m.value];
      const lines = rest.map(([depth, line]) => (line ? `${eol}${indent}${'  '.repeat(depth)}${line}` : eol));
      return `${text.slice(0, at)}${eol}${indent}"${m.name}": ${first}${lines.join('')},${text.slice(at)}`;
    }
    case 'keyComment': {
      const at = text.indexOf('"key"');
      if (at < 0) return text;
      const comment = m.comment.replace(/\n$/, `\n${indentationAt(text, at)}`).replace(/\n/g, eolOf(text));
      return text.slice(0, at) + comment + text.slice(at);
    }
  }
}

const descriptor = fc
  .record({ seed: fc.nat({ max: SEEDS.length - 1 }), mutations: fc.array(mutation, { minLength: 0, maxLength: 10 }) })
  .map(({ seed, mutations }) => mutations.reduce(mutate, SEEDS[seed]));

/** The shapes issue 15 and the layout audit found, counted as the run reaches them: the suite checks it did. */
const reached = { multiLineMoves: 0, crOnlyFixes: 0, keyAfterMultiLineComment: 0, lineBreaksInMixedFiles: 0 };

/** Everything that must hold for any text. */
function checkText(text: string): void {
  const analysis = analyze(text);
  assert.deepEqual(analysis.failures, [], 'no rule throws');
  const errorsBefore = syntaxErrors(text).length;
  const clean = errorsBefore === 0 && analysis.parsed.root !== undefined;
  const crlf = isPureCrlf(text);
  for (const finding of analysis.findings) {
    assert.ok(
      finding.start >= 0 && finding.start <= finding.end && finding.end <= text.length,
      `range of ${finding.ruleId} inside the text`,
    );
    for (const related of finding.related ?? []) {
      if (related.file === undefined)
        assert.ok(
          related.start >= 0 && related.start <= related.end && related.end <= text.length,
          `related range of ${finding.ruleId} inside the text`,
        );
    }
    for (const fix of finding.fixes) {
      const after = applyChecked(text, fix.edits());
      const what = `"${fix.title}" (${finding.ruleId})`;
      assert.ok(syntaxErrors(after).length <= errorsBefore, `${what} adds no syntax error:\n${after}`);
      if (crlf) assert.ok(!hasBareLf(after), `${what} keeps CRLF: ${JSON.stringify(after)}`);
      assertLineBreaksKept(text, after, what);
      if (clean) assertLineBreaksMatchNeighbours(text, fix.edits(), what);
      if (clean && lineBreakStyle(text) === 'mixed' && fix.edits().some((edit) => /[\r\n]/.test(edit.newText)))
        reached.lineBreaksInMixedFiles++;
      if (clean && /^(Move|Insert) /.test(fix.title)) assertInsertedMembersIndented(text, after, what);
      if (clean && fix.title.startsWith('Move ')) {
        assertMovedValueKeepsShape(text, finding.start, after, what);
        if (
          /[\r\n]/.test(
            fix
              .edits()
              .map((edit) => edit.newText)
              .join(''),
          )
        )
          reached.multiLineMoves++;
      }
      if (lineBreakStyle(text) === 'cr') reached.crOnlyFixes++;
      if (/\/\*(?:(?!\*\/)[^])*[\r\n](?:(?!\*\/)[^])*\*\/[ \t]*"key"/.test(text) && /^(Move|Insert) /.test(fix.title))
        reached.keyAfterMultiLineComment++;
      assert.deepEqual(analyze(after).failures, [], 'the result analyses too');
    }
  }
  const once = fixAll(text);
  assert.equal(fixAll(once.text).text, once.text, 'fix-all twice equals fix-all once');
  assert.ok(syntaxErrors(once.text).length <= errorsBefore, 'fix-all adds no syntax error');
  if (crlf) assert.ok(!hasBareLf(once.text), 'fix-all keeps CRLF');
  assertLineBreaksKept(text, once.text, 'fix-all');
  if (clean) assertLineBreaksMatchNeighbours(text, once.edits, 'fix-all');
  assertMinimalFixAllEdits(text, once);
}

/** Inputs that once failed the property (found with the seed named), kept as rows. */
const REGRESSIONS: readonly (readonly [string, string])[] = [
  [
    'seed 20261129: a nested move next to a broken "key" value put the member after a stray comma',
    `{\n\t"key": tab-app",\n\t"contexts": ["account",],\n\t"modules": {\n\t\t"forgeAppLink": "${LONG_LINK}",\n\t\t"repoPages": [],\n\t},\n}\n`,
  ],
  [
    'seed 13: an unclosed block comment over {{…}} was taken for a template and its range ran past the end',
    '{\r\n    // the app\r\n    "key": "crlf-app", /* k/\r\n    "name": "CRLF app",\r\n"forge_app_link": "{{forgeAppLink}}", "forge_app_link": "{{forgeAppLink}}",\r\n    "contexts": ["personal"],\r\n    "scopes": ["repository:write"],\r\n    "vendor": {\r\n        "name": "Me"\r\n    }\r\n}\r\n',
  ],
  [
    'seed 14: a trailing comma with the closing brace on its line: the move went past the brace',
    `{ // note\n "forgeAppID": { "forgeAppLink": "${LINK}",},}`,
  ],
  [
    "seed 21: an unclosed comment in a value: jsonc-parser's node ends one past the text",
    '\uFEFF{\r\n  "key": "bom",\r\n  \r\n  "forgeAppId": { /* note / },\r\n  "contexts": ["account"]\r\n}\r\n',
  ],
  [
    'issue 15 §2 (fuzzing): a moved value over several lines kept its old indentation',
    '{\n  "key": "my-app",\n  "contexts": ["account"],\n  "modules": {\n    "webItems": [\n      {\n        "forgeAppLink": {\n          "url": "x"\n        },\n        "key": "w"\n      }\n    ]\n  }\n}\n',
  ],
  [
    'issue 15 §3 (fuzzing): after a "key" whose line begins in a block comment, the moved key took the comment\'s indentation',
    `{\n  /* Connect\n     app */ "key": "my-app",\n  "contexts": ["account"],\n  "modules": { "forgeAppId": "${ARI}" }\n}\n`,
  ],
  [
    'issue 15 §3 (fuzzing): the same with the comment closing at column 0',
    `{\n  /* Connect\napp */ "key": "my-app",\n  "contexts": ["account"],\n  "modules": { "forgeAppId": "${ARI}" }\n}\n`,
  ],
  [
    'issue 15 §4 (fuzzing): a CR-only file got LF line breaks from fixes',
    `{\r  "key": "my-app",\r  "contexts": ["account"],\r  "modules": { "forgeAppId": "${ARI}" }\r}\r`,
  ],
  [
    'layout audit: in a file with mixed line endings the "key" line took the first line break of the file',
    `{\r\n  "key": "my-app",\n  "contexts": ["account"],\n  "modules": {"forgeAppLink": "${LINK}"}\n}\n`,
  ],
  [
    "layout audit: removing the last member of its object gave the line above the removed line's line break",
    `{\r\n  "key": "my-app",\r\n  "contexts": ["account"],\r\n  "vendor": {\r\n    "name": "v",\r\n    "forgeAppId": "${ARI}"\n  }\n}\n`,
  ],
  [
    'layout audit: a member after a block comment over lines on a line of its own sent the insert onto the "key" line',
    `{\n  /* a\n     b */ "key": "my-app",\n  /* c\n     d */ "contexts": ["account"],\n  "modules": { "forgeAppId": "${ARI}" }\n}\n`,
  ],
];

describe('property: mutated descriptors', () => {
  it('every seed passes on its own', () => {
    for (const seed of SEEDS) checkText(seed);
  });

  for (const [name, text] of REGRESSIONS) {
    it(`regression: ${name}`, () => checkText(text));
  }

  it(`${RUNS} mutated descriptors (seed ${SEED})`, function () {
    this.timeout(60_000);
    try {
      fc.assert(
        fc.property(descriptor, (text) => checkText(text)),
        { seed: SEED, numRuns: RUNS, endOnFailure: false },
      );
    } catch (error) {
      console.error(`property failed with seed ${SEED}: add the counterexample to REGRESSIONS`);
      throw error;
    }
    // The mutations must reach the shapes that once broke fixes, or the run proves little there.
    for (const [shape, count] of Object.entries(reached)) assert.ok(count >= RUNS / 200, `${shape} reached ${count} times`);
  });
});

/** A value over several lines, each line after the first as `[depth below its member, text]`. */
interface Lines {
  readonly first: string;
  readonly rest: readonly (readonly [number, string])[];
}

type Value = string | { readonly object: readonly (readonly [string, Value])[] } | { readonly array: readonly Value[] };

const { value: valueArbitrary } = fc.letrec<{ value: Value; container: Value }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('"x"', '1', 'true', 'null', '"a // not a comment"', '"/* nor this */"', '"{"', '[]', '{}'),
    tie('container'),
  ),
  container: fc.oneof(
    fc
      .array(fc.tuple(fc.constantFrom('url', 'name', 'key', 'a'), tie('value')), { minLength: 1, maxLength: 3 })
      .map((object) => ({ object })),
    fc.array(tie('value'), { minLength: 1, maxLength: 3 }).map((array) => ({ array })),
  ),
}));

/** Pretty-prints a value, with a line comment or a blank line before its first entry when asked. */
function linesOf(value: Value, extra: '' | 'comment' | 'blank'): Lines {
  if (typeof value === 'string') return { first: value, rest: [] };
  const entries: Lines[] =
    'object' in value
      ? value.object.map(([key, item]) => {
          const inner = linesOf(item, '');
          return { first: `${JSON.stringify(key)}: ${inner.first}`, rest: inner.rest };
        })
      : value.array.map((item) => linesOf(item, ''));
  const rest: (readonly [number, string])[] = [];
  if (extra === 'comment') rest.push([1, '// a note']);
  if (extra === 'blank') rest.push([0, '']);
  entries.forEach((entry, i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    const lines: (readonly [number, string])[] = [[0, entry.first], ...entry.rest];
    lines[lines.length - 1] = [lines[lines.length - 1][0], lines[lines.length - 1][1] + comma];
    for (const [depth, text] of lines) rest.push([depth + 1, text]);
  });
  rest.push([0, 'object' in value ? '}' : ']']);
  return { first: 'object' in value ? '{' : '[', rest };
}

interface Layout {
  readonly unit: string;
  readonly eol: string;
  /** Before "key" on its line (a line comment goes on the line above). */
  readonly keyComment: string;
  /** Before the member after "key" on its line (the layout audit's comment over lines). */
  readonly nextComment: string;
  readonly keyAt: number;
  readonly name: 'forgeAppLink' | 'forgeAppId';
  readonly container: 'vendor' | 'modules' | 'webItem';
  /** Before the nested member on its line. */
  readonly memberComment: string;
  readonly value: Value;
  readonly extra: '' | 'comment' | 'blank';
}

const layout: fc.Arbitrary<Layout> = fc.record({
  unit: fc.constantFrom('  ', '    ', '\t'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  keyComment: fc.constantFrom('', '/* the key */ ', '/* Connect\n   app */ ', '/* Connect\n*/ ', '// the key\n'),
  nextComment: fc.constantFrom('', '/* next */ ', '/* the next\n   member */ '),
  keyAt: fc.nat({ max: 3 }),
  name: fc.constantFrom('forgeAppLink' as const, 'forgeAppId' as const),
  container: fc.constantFrom('vendor' as const, 'modules' as const, 'webItem' as const),
  memberComment: fc.constantFrom('', '/* moved */ ', '/* moved\n   from here */ '),
  value: valueArbitrary.filter((v) => typeof v !== 'string'),
  extra: fc.constantFrom('' as const, 'comment' as const, 'blank' as const),
});

/** Lines as `[depth, text]`, joined with the layout's indentation unit and line break. */
function render(lines: readonly (readonly [number, string])[], l: Layout): string {
  // Comments over lines carry a \n: the layout's line break there too.
  return lines.map(([depth, text]) => (text ? `${l.unit.repeat(depth)}${text.replace(/\n/g, l.eol)}` : '')).join(l.eol) + l.eol;
}

/** The descriptor of a layout, and the lines the moved member must have at the root. */
function build(l: Layout): { text: string; moved: string[] } {
  const value = linesOf(l.value, l.extra);
  const member = (depth: number, comment: string): [number, string][] => [
    [depth, `${comment}"${l.name}": ${value.first}`],
    ...value.rest.map(([d, text]): [number, string] => [depth + d, text]),
  ];
  const keyLines: [number, string][] = l.keyComment.startsWith('//')
    ? [
        [1, l.keyComment.trimEnd()],
        [1, '"key": "my-app"'],
      ]
    : [[1, `${l.keyComment}"key": "my-app"`]];
  const depth = l.container === 'webItem' ? 4 : 2;
  const nested = member(depth, l.memberComment);
  nested[nested.length - 1][1] += ',';
  const container: [number, string][] =
    l.container === 'webItem'
      ? [[1, '"modules": {'], [2, '"webItems": ['], [3, '{'], ...nested, [4, '"key": "w"'], [3, '}'], [2, ']'], [1, '}']]
      : [[1, `"${l.container}": {`], ...nested, [2, '"name": "n"'], [1, '}']];
  const others: [number, string][][] = [[[1, '"name": "My app"']], [[1, '"contexts": ["account"]']], container];
  const next = others[l.keyAt]?.[0];
  if (next) next[1] = `${l.nextComment}${next[1]}`;
  const members = [...others.slice(0, l.keyAt), keyLines, ...others.slice(l.keyAt)];
  members.forEach((lines, i) => {
    if (i < members.length - 1) lines[lines.length - 1][1] += ',';
  });
  const text = render([[0, '{'], ...members.flat(), [0, '}']], l);
  const moved = member(1, '').map(([d, t]) => (t ? `${l.unit.repeat(d)}${t}` : ''));
  return { text, moved };
}

describe('property: the layouts issue 15 and the layout audit found (moved values over lines, comments over lines around "key", CR-only files)', () => {
  it("moving a nested member keeps its value's shape, takes the root members' indentation and the file's line breaks", () => {
    fc.assert(
      fc.property(layout, (l) => {
        const { text, moved } = build(l);
        const parsed = parseDescriptor(text);
        assert.deepEqual(parsed.syntaxErrors, [], `the layout parses: ${JSON.stringify(text)}`);
        const result = fixAll(text);
        assert.deepEqual(result.applied, [`Move ${l.name} to the root of the descriptor`], JSON.stringify(text));
        const after = parseDescriptor(result.text);
        assert.deepEqual(after.syntaxErrors, [], `the result parses: ${JSON.stringify(result.text)}`);
        const property = findProperty(after.root, l.name);
        assert.ok(property?.valueNode);
        // The member from the start of its line to the end of its value, line by line.
        const start = result.text.lastIndexOf(l.eol, property.node.offset) + l.eol.length;
        const end = property.valueNode.offset + property.valueNode.length;
        assert.deepEqual(result.text.slice(start, end).split(l.eol), moved, JSON.stringify(result.text));
        assert.equal(countMembers(after.root, l.name), 1, 'the nested copy is gone');
        assert.equal(lineBreakStyle(result.text), lineBreakStyle(text), "the file's line breaks only");
        assert.equal(fixAll(result.text).text, result.text, 'idempotent');
        assertMinimalFixAllEdits(text, result);
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 4) },
    );
  });
});

function countMembers(node: Node | undefined, name: string): number {
  if (!node) return 0;
  const own = node.type === 'property' && node.children?.[0]?.value === name ? 1 : 0;
  return own + (node.children ?? []).reduce((sum, child) => sum + countMembers(child, name), 0);
}

/** What the server's analysis of one version may be told between two analyses of it. */
const MANIFEST_CONTEXTS: readonly ManifestContext[] = [
  NO_MANIFESTS,
  { searched: true, matches: [] },
  ...[ARI, `ari:cloud:ecosystem::app/${OTHER_UUID}`].flatMap((appId) =>
    [false, true].map((licensingEnabled): ManifestContext => ({
      searched: true,
      reason: 'it is the nearest manifest.yml',
      matches: [{ label: 'forge/manifest.yml', location: 'file:///w/forge/manifest.yml', appId, licensingEnabled }],
    })),
  ),
];

const analysisOptions: fc.Arbitrary<AnalysisOptions> = fc
  .record({
    off: fc.subarray(RULES.map((rule) => rule.id)),
    product: fc.constantFrom('auto' as const, 'bitbucket' as const, 'jira' as const),
    manifests: fc.constantFrom(...MANIFEST_CONTEXTS),
  })
  .map(({ off, product, manifests }) => ({
    settings: { ...DEFAULT_SETTINGS, product, rules: Object.fromEntries(off.map((id) => [id, 'off' as const])) },
    manifests,
  }));

describe('property: diagnostics of one analysis, asked about after another of the same version', () => {
  it('lead to their own finding (the same rule, place and message) or to none', () => {
    fc.assert(
      fc.property(descriptor, analysisOptions, analysisOptions, (text, first, second) => {
        const document = TextDocument.create('file:///w/atlassian-connect.json', 'json', 1, text);
        const earlier = analyze(text, first);
        const later = analyze(text, second);
        const diagnostics = toDiagnostics(document, earlier, true);
        diagnostics.forEach((diagnostic, index) => {
          // Asked of its own analysis: exactly its finding.
          assert.equal(findingOf(document, earlier, diagnostic), earlier.findings[index]);
          const found = findingOf(document, later, diagnostic);
          const own = later.findings.find(
            (f) =>
              f.ruleId === diagnostic.code &&
              f.message === diagnostic.message &&
              sameRange(toRange(document, f.start, f.end), diagnostic.range),
          );
          assert.equal(found === undefined, own === undefined, `${diagnostic.code}: found exactly when it is still there`);
          if (found) {
            assert.equal(found.ruleId, diagnostic.code);
            assert.equal(found.message, diagnostic.message);
            assert.ok(sameRange(toRange(document, found.start, found.end), diagnostic.range), `${diagnostic.code}: at its place`);
          }
        });
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 4) },
    );
  });
});

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
