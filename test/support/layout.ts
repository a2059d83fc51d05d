/**
 * Oracles for the layout promises every fix makes, read from the text and its parse tree (not from
 * how edits.ts computes anything): a file's line breaks stay what they were, a member put at the
 * root takes the indentation of the root's members, and a moved value keeps the shape of its lines
 * relative to its member. The property and robustness suites run them over generated files.
 */
import * as assert from 'node:assert/strict';
import { Node, findNodeAtOffset, parseTree } from 'jsonc-parser';

const LINE_BREAK = /\r\n|\r|\n/;

function treeOf(text: string): Node | undefined {
  // A byte order mark as a space, as the core reads it: offsets stay the same.
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const root = parseTree(body, [], { allowTrailingComma: true, disallowComments: false });
  return root?.type === 'object' ? root : undefined;
}

/** What precedes `offset` on its line. */
function linePrefix(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return text.slice(start, offset);
}

const isIndentation = (prefix: string) => /^[ \t]*$/.test(prefix);

function nameOf(property: Node): string | undefined {
  const key = property.children?.[0]?.value as unknown;
  return typeof key === 'string' ? key : undefined;
}

/** Which line breaks a text uses: 'lf', 'crlf', 'cr', 'mixed', or 'none'. */
export function lineBreakStyle(text: string): 'lf' | 'crlf' | 'cr' | 'mixed' | 'none' {
  const kinds = new Set(Array.from(text.matchAll(/\r\n|\r|\n/g), (match) => match[0]));
  if (kinds.size === 0) return 'none';
  if (kinds.size > 1) return 'mixed';
  return kinds.has('\n') ? 'lf' : kinds.has('\r') ? 'cr' : 'crlf';
}

/** A file with one kind of line break still has only that kind (a file with none may gain LF). */
export function assertLineBreaksKept(before: string, after: string, what: string): void {
  const style = lineBreakStyle(before);
  if (style === 'mixed' || style === 'none') return;
  const now = lineBreakStyle(after);
  assert.ok(now === style || now === 'none', `${what}: a ${style.toUpperCase()} file now has ${now} line breaks: ${JSON.stringify(after)}`);
}

/** Where the line `offset` is on ends: the offset of its line break, or the text's end. */
function lineEndOf(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

/** The line break at `offset` ('' at the end of the text). */
function lineBreakAt(text: string, offset: number): string {
  return text.startsWith('\r\n', offset) ? '\r\n' : text.charAt(offset);
}

/** The text of each line that ends with `lineBreak`, its white space left out. */
function linesEndingWith(text: string, lineBreak: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    if (match[0] === lineBreak) lines.push(text.slice(start, match.index).replace(/\s/g, ''));
    start = match.index + match[0].length;
  }
  return lines;
}

/**
 * What edits do to line breaks, in any file (one with mixed line endings too): each line an edit
 * adds or ends ends as its neighbour, the line the edit starts on, did (the line before it when
 * that one has none), unless it ends as a line of the file did that had its own (a moved value's); and
 * an edit that joins lines leaves the line break of the line whose text is left.
 */
export function assertLineBreaksMatchNeighbours(
  before: string,
  edits: readonly { readonly start: number; readonly end: number; readonly newText: string }[],
  what: string,
): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const after = sorted.reduceRight((text, edit) => text.slice(0, edit.start) + edit.newText + text.slice(edit.end), before);
  let shift = 0;
  for (const edit of sorted) {
    const where = `${what}: the edit ${JSON.stringify(edit)} gave ${JSON.stringify(after)}`;
    const prefix = linePrefix(before, edit.start);
    const own = lineBreakAt(before, lineEndOf(before, edit.start));
    const neighbour = own || (/(\r\n|\r|\n)$/.exec(before.slice(0, edit.start - prefix.length))?.[1] ?? '');
    const breaks = Array.from(edit.newText.matchAll(/\r\n|\r|\n/g));
    breaks.forEach((match, i) => {
      if (match[0] === neighbour || neighbour === '') return;
      // What the edit puts before this line break, its white space left out: the end of a line of
      // the file that had this line break (a moved value's line, after a separator in the file's style).
      const added = edit.newText.slice(i === 0 ? 0 : breaks[i - 1].index + breaks[i - 1][0].length, match.index).replace(/\s/g, '');
      const lines = linesEndingWith(before, match[0]);
      // A blank line within it is one of the file's too (the edit's first line break starts its own line).
      const copied = added === '' ? i > 0 && lines.includes('') : lines.some((line) => line.endsWith(added));
      assert.ok(
        copied,
        `${where}: a line ends with ${JSON.stringify(match[0])} after ${JSON.stringify(added)}, not as its neighbour (${JSON.stringify(neighbour)})`,
      );
    });
    // An edit that joins lines: the line break goes with the text it ended, the start line's when
    // only that line's text is left (when both are, either will do).
    const end = lineEndOf(before, edit.start);
    const joinsOnlyItsText =
      edit.end > end && !/^[ \t]*$/.test(prefix) && /^[ \t]*$/.test(before.slice(edit.end, lineEndOf(before, edit.end)));
    if (breaks.length === 0 && own !== '' && joinsOnlyItsText)
      assert.equal(lineBreakAt(after, lineEndOf(after, edit.start + shift)), own, `${where}: the line it starts on keeps its line break`);
    shift += edit.newText.length - (edit.end - edit.start);
  }
}

/** The indentation of the root's members that begin their lines (the most common one), if any. */
export function rootMemberIndent(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const property of treeOf(text)?.children ?? []) {
    const prefix = linePrefix(text, property.offset);
    if (isIndentation(prefix)) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [indent, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = indent;
  return best;
}

/**
 * Members `after` has at its root that `before` had not (counted by name): when one begins its
 * own line, it is indented like the root's members were.
 */
export function assertInsertedMembersIndented(before: string, after: string, what: string): void {
  const expected = rootMemberIndent(before);
  if (expected === undefined) return;
  const had = new Map<string, number>();
  for (const property of treeOf(before)?.children ?? []) {
    const name = nameOf(property);
    if (name !== undefined) had.set(name, (had.get(name) ?? 0) + 1);
  }
  for (const property of treeOf(after)?.children ?? []) {
    const name = nameOf(property);
    if (name === undefined) continue;
    const left = had.get(name) ?? 0;
    if (left > 0) {
      had.set(name, left - 1);
      continue;
    }
    const prefix = linePrefix(after, property.offset);
    if (isIndentation(prefix))
      assert.equal(
        prefix,
        expected,
        `${what}: the new root member ${name} is indented like the root's members in ${JSON.stringify(after)}`,
      );
  }
}

/**
 * The member whose key starts at `keyOffset` in `before` was moved to the root of `after`: each
 * line of its value after the first is as far from the member's indentation as it was (when the
 * member began its line before and after; blank lines stay blank).
 */
export function assertMovedValueKeepsShape(before: string, keyOffset: number, after: string, what: string): void {
  const key = findNodeAtOffset(treeOf(before) as Node, keyOffset);
  const nested = key?.parent;
  const name = nested && nameOf(nested);
  const value = nested?.children?.[1];
  assert.ok(name !== undefined && value, `${what}: a member at ${keyOffset}`);
  const moved = (treeOf(after)?.children ?? []).filter((p) => nameOf(p) === name).pop();
  const movedValue = moved?.children?.[1];
  assert.ok(moved && movedValue, `${what}: ${name} is at the root of ${JSON.stringify(after)}`);
  const from = linePrefix(before, nested.offset);
  const to = linePrefix(after, moved.offset);
  if (!isIndentation(from) || !isIndentation(to)) return;
  const beforeLines = before.slice(value.offset, value.offset + value.length).split(LINE_BREAK);
  const afterLines = after.slice(movedValue.offset, movedValue.offset + movedValue.length).split(LINE_BREAK);
  assert.equal(afterLines.length, beforeLines.length, `${what}: the moved value has as many lines`);
  beforeLines.forEach((line, i) => {
    if (i === 0) return assert.equal(afterLines[0], line, `${what}: the value's first line`);
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (indent === line) return assert.equal(afterLines[i], line, `${what}: blank line ${i} stays as it was`);
    if (indent.startsWith(from))
      assert.equal(afterLines[i], to + line.slice(from.length), `${what}: line ${i} keeps its distance to ${name}`);
    else assert.equal(afterLines[i].trimStart(), line.trimStart(), `${what}: line ${i} keeps its text`);
  });
}
