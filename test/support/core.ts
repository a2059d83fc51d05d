/**
 * Helpers shared by the core's unit tests: run the analysis with partial settings, apply a
 * finding's fix the way an editor would, and check what an edit may and may not change.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { ParseError, parseTree } from 'jsonc-parser';
import { AnalysisOptions, AnalysisSettings, DEFAULT_SETTINGS, Finding, TextEdit, analyze, applyEdits } from '../../server/src/core';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Every file below a folder, relative to it, '/'-separated, sorted. */
export function filesBelow(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export function settings(overrides: Partial<AnalysisSettings> = {}): AnalysisSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

export function options(overrides: Partial<AnalysisSettings> = {}): AnalysisOptions {
  return { settings: settings(overrides) };
}

/** The findings of one rule (all rules when ruleId is omitted), asserting that no rule threw. */
export function findingsOf(text: string, ruleId?: string, analysisOptions: AnalysisOptions = {}): Finding[] {
  const analysis = analyze(text, analysisOptions);
  assert.deepEqual(analysis.failures, [], 'no rule throws');
  return analysis.findings.filter((f) => ruleId === undefined || f.ruleId === ruleId);
}

/** The one finding of a rule, failing with the list when there are none or several. */
export function single(text: string, ruleId: string, analysisOptions: AnalysisOptions = {}): Finding {
  const found = findingsOf(text, ruleId, analysisOptions);
  assert.equal(found.length, 1, `exactly one ${ruleId} finding, got: ${JSON.stringify(found.map((f) => f.message))}`);
  return found[0];
}

/** The text a finding's range covers. */
export function covered(text: string, finding: { start: number; end: number }): string {
  return text.slice(finding.start, finding.end);
}

/** Applies a fix's edits after checking they do not overlap (touching is allowed, as in LSP). */
export function applyChecked(text: string, edits: readonly TextEdit[]): string {
  assertNoOverlap(edits);
  for (const edit of edits) {
    assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, `edit ${JSON.stringify(edit)} inside the text`);
  }
  return applyEdits(text, edits);
}

export function assertNoOverlap(edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    const bothInserts = a.start === a.end && b.start === b.end && a.start === b.start;
    assert.ok(a.end <= b.start && !bothInserts, `edits overlap: ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
  }
}

/** Every fix-all result must pass these; returns the edits as [replaced text, new text] pairs. */
export function assertMinimalFixAllEdits(before: string, result: { text: string; edits: readonly TextEdit[] }): [string, string][] {
  assertNoOverlap(result.edits);
  assert.equal(applyEdits(before, result.edits), result.text, "the edits give exactly fix-all's text");
  const sorted = [...result.edits].sort((a, b) => a.start - b.start);
  assert.deepEqual(result.edits, sorted, 'the edits are sorted');
  for (const [i, edit] of sorted.entries()) {
    const replaced = before.slice(edit.start, edit.end);
    assert.notEqual(replaced, edit.newText, `edit ${i} changes something`);
    // Minimal: no character at either end could be left out (unless that splits a surrogate pair).
    if (replaced.length > 0 && edit.newText.length > 0) {
      const [first, last] = [replaced.charCodeAt(0), replaced.charCodeAt(replaced.length - 1)];
      const lowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
      const highSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
      assert.ok(first !== edit.newText.charCodeAt(0) || highSurrogate(first), `edit ${i} starts with a kept character`);
      assert.ok(last !== edit.newText.charCodeAt(edit.newText.length - 1) || lowSurrogate(last), `edit ${i} ends with a kept character`);
    }
  }
  return sorted.map((edit) => [before.slice(edit.start, edit.end), edit.newText]);
}

/** Applies the fix at `index` of a finding (its first by default) and returns the new text. */
export function applyFix(text: string, finding: Finding, index = 0): string {
  const fix = finding.fixes[index];
  assert.ok(fix, `finding "${finding.message}" has a fix #${index}`);
  return applyChecked(text, fix.edits());
}

/** jsonc-parser's syntax errors, with the same options (and BOM handling) as the core. */
export function syntaxErrors(text: string): ParseError[] {
  const errors: ParseError[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
  return errors;
}

export function hasBareLf(text: string): boolean {
  return /(^|[^\r])\n/.test(text);
}

export function isPureCrlf(text: string): boolean {
  return text.includes('\r\n') && !hasBareLf(text) && !/\r(?!\n)/.test(text);
}

/** Line breaks that are all a lone CR (old Mac OS style). */
export function isPureCr(text: string): boolean {
  return text.includes('\r') && !text.includes('\n');
}

/**
 * Every line of `before` that no edit touches is still in `after`, unchanged and in order. A line
 * is touched when an edit's range starts, ends or lies on it (an insert touches its own line).
 */
export function assertOtherLinesUnchanged(
  before: string,
  after: string,
  edits: readonly { readonly start: number; readonly end: number }[],
): void {
  const starts = lineStarts(before);
  const lineOf = (offset: number) => {
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    return line;
  };
  const touched = new Set<number>();
  for (const edit of edits) for (let line = lineOf(edit.start); line <= lineOf(edit.end); line++) touched.add(line);
  const beforeLines = before.split(LINE_BREAK);
  const afterLines = after.split(LINE_BREAK);
  let cursor = 0;
  beforeLines.forEach((line, index) => {
    if (touched.has(index)) return;
    while (cursor < afterLines.length && afterLines[cursor] !== line) cursor++;
    assert.ok(cursor < afterLines.length, `line ${index + 1} ${JSON.stringify(line)} is kept, in order`);
    cursor++;
  });
}

/** CRLF, LF or a lone CR, as editors and the core count lines. */
const LINE_BREAK = /\r\n|\r|\n/;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

/** A fix's edits, its result, and the checks every fix must pass; returns the new text. */
export function applyFixChecked(text: string, finding: Finding, index = 0): string {
  const edits = finding.fixes[index]?.edits() ?? [];
  assert.ok(edits.length > 0, `finding "${finding.message}" has a fix #${index} with edits`);
  const after = applyChecked(text, edits);
  assert.ok(syntaxErrors(after).length <= syntaxErrors(text).length, `no new syntax errors in:\n${after}`);
  assertOtherLinesUnchanged(text, after, edits);
  if (isPureCrlf(text)) assert.ok(!hasBareLf(after), `no bare LF introduced in ${JSON.stringify(after)}`);
  if (isPureCr(text)) assert.ok(!after.includes('\n'), `no LF introduced in the CR-only ${JSON.stringify(after)}`);
  return after;
}

export const UUID = '70df33c7-2f7f-4148-b923-bf8c15d7e874';
export const OTHER_UUID = 'f29fdb13-c3ac-4e38-a7be-9ca0d8d5b6ac';
export const ARI = `ari:cloud:ecosystem::app/${UUID}`;
export const HEX_SIGNATURE = 'e1747bac288da54260584fe0e44a74c907e47d8f0870d4752d1c4e92ba663dfa';
/** The shape of a current signature: URL-encoded base64 starting `AYABe`, with %2B, %2F, %3D. */
export const LONG_SIGNATURE =
  'AYABeDBpVYOCwNheXdrLMHGk9zMAAAADAAdhd3Mta21z%2FEq3%2FfvrZguoGsXpNSaDveR%2FF%2Fo0Bt5hs1j%2Bx52K8v42vF0UdAwAAAH4wfAYJKoZIhvcNAQcGoG8wbQIBADBoBgkqhkiG9w0BBwEwHgYJYIZIAWUDBAEuMBEEDDcG56rhiJSmP9J%2FQwIBEIA7RT9QdtG%2BG9Lxi%2Beo74Putt2Yle%3D';
export const LINK = `https://developer.atlassian.com/console/install/${UUID}?signature=${HEX_SIGNATURE}&product=bitbucket`;
export const LONG_LINK = `https://developer.atlassian.com/console/install/${UUID}?signature=${LONG_SIGNATURE}&product=bitbucket`;

/** A Connect app key as long as real ones get (40 characters): messages that name keys must leave room for it. */
export const LONG_KEY = 'com.example.bitbucket.pull-request-stats';

/** A small Bitbucket descriptor (2-space indent, LF) with extra root members spliced in after "key". */
export function bitbucket(extra = '', eol = '\n'): string {
  const lines = [
    '{',
    '  "key": "my-app",',
    ...(extra ? extra.split('\n').map((line) => `  ${line}`) : []),
    '  "name": "My app",',
    '  "baseUrl": "https://example.com",',
    '  "contexts": ["account"],',
    '  "scopes": ["repository"],',
    '  "modules": {',
    '    "webItems": [{ "key": "w", "location": "org.bitbucket.repository.navigation", "url": "/w", "name": { "value": "W" } }]',
    '  }',
    '}',
    '',
  ];
  return lines.join(eol);
}

/** Lines joined with LF, ending in one. */
export const lines = (...rows: string[]) => [...rows, ''].join('\n');

/** Descriptors of the other products (and of none), with one extra root member after "key". */
export const JIRA = (extra = '') =>
  lines(
    '{',
    '  "key": "jira-app",',
    ...(extra ? [`  ${extra}`] : []),
    '  "apiVersion": 1,',
    '  "scopes": ["READ"],',
    '  "modules": { "jiraIssueGlances": [] }',
    '}',
  );
export const CONFLUENCE = (extra = '') =>
  lines('{', '  "key": "c-app",', ...(extra ? [`  ${extra}`] : []), '  "modules": { "dynamicContentMacros": [] }', '}');
export const HIPCHAT = (extra = '') =>
  lines('{', '  "key": "h-app",', ...(extra ? [`  ${extra}`] : []), '  "capabilities": { "hipchatApiConsumer": {} }', '}');
export const JIRA_OR_CONFLUENCE = (extra = '') =>
  lines('{', '  "key": "jc-app",', ...(extra ? [`  ${extra}`] : []), '  "apiVersion": 1', '}');
export const UNKNOWN = (extra = '') => lines('{', '  "key": "u-app",', ...(extra ? [`  ${extra}`] : []), '  "name": "Unknown"', '}');

/** A root member, with its trailing comma, as `bitbucket()` and the builders above take it. */
export const linkMember = (value: string) => `"forgeAppLink": ${JSON.stringify(value)},`;
export const idMember = (value: string) => `"forgeAppId": ${JSON.stringify(value)},`;
