/**
 * Formatting-preserving edits to a descriptor, shared by every fix: each edit touches only the
 * characters it must, reads indentation, separators and line endings from the file itself, and
 * never reorders or reformats anything else.
 */
import { Node, SyntaxKind, createScanner } from 'jsonc-parser';
import { Property, findProperty, propertiesOf } from './descriptor';

/** A replacement of document offsets [start, end) by newText. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The file's line break: its first one (CRLF, LF or a lone CR, as jsonc-parser's formatter reads it), LF when it has none. */
export function detectEol(text: string): string {
  return /\r\n?|\n/.exec(text)?.[0] ?? '\n';
}

/** The file's indentation unit: a tab, or the smallest indentation of an indented line. */
export function detectIndentUnit(text: string): string {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  let smallest: string | undefined;
  for (const match of sample.matchAll(/[\r\n]([ \t]+)\S/g)) {
    const indent = match[1];
    if (indent.startsWith('\t')) return '\t';
    if (!smallest || indent.length < smallest.length) smallest = indent;
  }
  return smallest ?? '  ';
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Last first, so earlier offsets stay valid; inserts at one offset keep their given order.
  const sorted = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => b.edit.start - a.edit.start || b.index - a.index)
    .map((e) => e.edit);
  let result = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error('Overlapping edits');
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

/** The smallest single edit that turns `before` into `after` (never splitting a surrogate pair). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
    endBefore++;
    endAfter++;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * `edits` (on `current`) after `composed` (on an earlier text, giving `current`), as one list of
 * edits on that earlier text: each new edit is mapped back through the earlier ones, and merged
 * with those whose text it overlaps (an insert also with one it touches, so that no two inserts
 * share an offset). The result is sorted and never overlaps.
 */
export function composeEdits(
  current: string,
  composed: readonly TextEdit[],
  edits: readonly TextEdit[],
): { readonly text: string; readonly edits: TextEdit[] } {
  let text = current;
  let result = [...composed];
  let limit = Number.POSITIVE_INFINITY;
  // Last first, as applyEdits: each edit's offsets stay those of the text it applies to.
  for (const edit of lastFirst(edits)) {
    if (edit.end > limit) throw new Error('Overlapping edits');
    limit = edit.start;
    result = composeOne(text, result, edit);
    text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  }
  return { text, edits: result };
}

function lastFirst(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => b.edit.start - a.edit.start || b.index - a.index)
    .map((e) => e.edit);
}

/** Where an earlier edit's new text lies in the current text. */
interface Image {
  readonly start: number;
  readonly end: number;
}

function mergesWith(image: Image, edit: TextEdit): boolean {
  if (edit.start === edit.end) return image.start <= edit.start && edit.start <= image.end;
  return image.start < edit.end && edit.start < image.end;
}

function composeOne(text: string, composed: readonly TextEdit[], edit: TextEdit): TextEdit[] {
  const delta = (earlier: TextEdit) => earlier.newText.length - (earlier.end - earlier.start);
  // How far the earlier edits before `index` moved the text after them.
  let shift = 0;
  let index = 0;
  const imageAt = (i: number): Image => ({ start: composed[i].start + shift, end: composed[i].start + shift + composed[i].newText.length });
  while (index < composed.length && imageAt(index).end <= edit.start && !mergesWith(imageAt(index), edit)) {
    shift += delta(composed[index]);
    index++;
  }
  const first = index;
  let start = edit.start - shift;
  let end = edit.end - shift;
  let mergedStart = edit.start;
  let mergedEnd = edit.end;
  for (; index < composed.length && mergesWith(imageAt(index), edit); index++) {
    const image = imageAt(index);
    if (image.start <= edit.start) {
      start = composed[index].start;
      mergedStart = image.start;
    }
    shift += delta(composed[index]);
    if (image.end >= edit.end) {
      end = composed[index].end;
      mergedEnd = image.end;
    } else {
      end = edit.end - shift;
    }
  }
  const newText = text.slice(mergedStart, edit.start) + edit.newText + text.slice(edit.end, mergedEnd);
  return [...composed.slice(0, first), { start, end, newText }, ...composed.slice(index)];
}

/**
 * Edits trimmed to the characters they change (no-ops dropped), for sorted edits that do not
 * overlap; two that become inserts at one offset are joined, as their order would be unclear.
 */
export function trimEdits(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    const inner = minimalEdit(text.slice(edit.start, edit.end), edit.newText);
    if (!inner) continue;
    const trimmed = { start: edit.start + inner.start, end: edit.start + inner.end, newText: inner.newText };
    const previous = result[result.length - 1];
    if (previous && previous.start === previous.end && trimmed.start === trimmed.end && previous.end === trimmed.start) {
      result[result.length - 1] = { ...previous, newText: previous.newText + trimmed.newText };
    } else {
      result.push(trimmed);
    }
  }
  return result;
}

export function replaceNode(node: Node, newText: string): TextEdit {
  return { start: node.offset, end: node.offset + node.length, newText };
}

export function replaceString(node: Node, value: string): TextEdit {
  return replaceNode(node, JSON.stringify(value));
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function eolLengthAt(text: string, offset: number): number {
  if (text[offset] === '\r') return text[offset + 1] === '\n' ? 2 : 1;
  return text[offset] === '\n' ? 1 : 0;
}

function eolLengthBefore(text: string, offset: number): number {
  if (text[offset - 1] === '\n') return text[offset - 2] === '\r' ? 2 : 1;
  return text[offset - 1] === '\r' ? 1 : 0;
}

/**
 * The line break for a line inserted after the one `offset` is on: the one that ends that line, so
 * that both end as it did (in a file whose line endings are mixed too); on a last line with none,
 * the one before it; the file's when it has a single line.
 */
function lineBreakOf(text: string, offset: number): string {
  const end = lineEnd(text, offset);
  const start = lineStart(text, offset);
  const length = eolLengthAt(text, end);
  if (length > 0) return text.slice(end, end + length);
  const before = eolLengthBefore(text, start);
  return before > 0 ? text.slice(start - before, start) : detectEol(text);
}

function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}

function startsOwnLine(text: string, offset: number): boolean {
  return isBlank(text.slice(lineStart(text, offset), offset));
}

interface TokenAfter {
  /** The next significant token after the offset. */
  readonly kind: SyntaxKind;
  readonly offset: number;
  /** Whether a block comment that spans lines sits between the offset and the token. */
  readonly multiLineComment: boolean;
  /** Whether one starts on the offset's line: the end of that line is inside it. */
  readonly multiLineCommentOnLine: boolean;
}

function nextToken(text: string, offset: number): TokenAfter {
  const scanner = createScanner(text, false);
  scanner.setPosition(offset);
  let multiLineComment = false;
  let multiLineCommentOnLine = false;
  for (;;) {
    const kind = scanner.scan();
    if (
      kind === SyntaxKind.BlockCommentTrivia &&
      /[\r\n]/.test(text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength()))
    ) {
      multiLineCommentOnLine ||= !/[\r\n]/.test(text.slice(offset, scanner.getTokenOffset()));
      multiLineComment = true;
    }
    if (
      kind === SyntaxKind.Trivia ||
      kind === SyntaxKind.LineBreakTrivia ||
      kind === SyntaxKind.LineCommentTrivia ||
      kind === SyntaxKind.BlockCommentTrivia
    )
      continue;
    return { kind, offset: scanner.getTokenOffset(), multiLineComment, multiLineCommentOnLine };
  }
}

/** The separator between key and value the file uses (`: `, `:`, ` : `), read from a property. */
function separatorOf(text: string, property: Property | undefined): string {
  if (!property?.valueNode) return ': ';
  const between = text.slice(property.keyNode.offset + property.keyNode.length, property.valueNode.offset);
  return /^[ \t]*:[ \t]*$/.test(between) ? between : ': ';
}

/**
 * Sets a root property: replaces its value when present, otherwise inserts it right after `key`
 * (or after the last property when there is no `key`), in the file's own layout.
 */
export function setRootProperty(text: string, root: Node, name: string, value: string): TextEdit[] {
  const existing = findProperty(root, name);
  if (existing?.valueNode) return [replaceString(existing.valueNode, value)];
  return insertRootProperty(text, root, name, JSON.stringify(value));
}

/**
 * Inserts `name` with an already serialised JSON value at the root. `valueJson` may be a function
 * of the new member's indentation, for a value whose later lines follow it.
 */
export function insertRootProperty(
  text: string,
  root: Node,
  name: string,
  valueJson: string | ((memberIndent: string) => string),
): TextEdit[] {
  const properties = propertiesOf(root);
  const anchor = properties.find((p) => p.name === 'key') ?? properties[properties.length - 1];
  const index = anchor ? properties.indexOf(anchor) : -1;
  const indent = memberIndent(text, root, properties);
  const value = typeof valueJson === 'string' ? valueJson : valueJson(indent);
  const member = `${JSON.stringify(name)}${separatorOf(text, anchor)}${value}`;
  if (!anchor) return insertIntoEmptyObject(text, root, member);

  const anchorEnd = anchor.node.offset + anchor.node.length;
  const after = nextToken(text, anchorEnd);
  const hasComma = after.kind === SyntaxKind.CommaToken;
  const previous = properties[index - 1];
  const next = properties[index + 1];
  // One member per line unless the whole object sits on one line.
  const multiLine = lineStart(text, root.offset) !== lineStart(text, root.offset + root.length - 1);

  if (hasComma) {
    const commaEnd = after.offset + 1;
    const nextOnSameLine = next !== undefined && lineStart(text, next.node.offset) === lineStart(text, commaEnd);
    // After a trailing comma the closing brace may share the line: the end of the line is past it.
    const following = nextToken(text, commaEnd);
    const braceOnSameLine =
      following.kind === SyntaxKind.CloseBraceToken && lineStart(text, following.offset) === lineStart(text, commaEnd);
    // Inline too when the end of the comma's line is inside a comment: `"key": "x", /* a` closing lines below.
    if (!multiLine || nextOnSameLine || braceOnSameLine || following.multiLineCommentOnLine) {
      const space = nextOnSameLine
        ? (text.slice(commaEnd, next.node.offset).match(/^[ \t]*/)?.[0] ?? ' ')
        : inlineSpace(text, previous, anchor);
      return [{ start: commaEnd, end: commaEnd, newText: `${space}${member},` }];
    }
    const at = lineEnd(text, commaEnd);
    return [{ start: at, end: at, newText: `${lineBreakOf(text, commaEnd)}${indent}${member},` }];
  }
  const eol = lineBreakOf(text, anchorEnd);
  const closeOnSameLine = lineStart(text, root.offset + root.length - 1) === lineStart(text, anchorEnd);
  if (!multiLine || closeOnSameLine || after.multiLineCommentOnLine) {
    const newText = multiLine ? `,${eol}${indent}${member}` : `,${inlineSpace(text, previous, anchor)}${member}`;
    return [{ start: anchorEnd, end: anchorEnd, newText }];
  }
  const at = lineEnd(text, anchorEnd);
  if (at === anchorEnd) return [{ start: at, end: at, newText: `,${eol}${indent}${member}` }];
  return [
    { start: anchorEnd, end: anchorEnd, newText: ',' },
    { start: at, end: at, newText: `${eol}${indent}${member}` },
  ];
}

function leadingWhitespace(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return text.slice(start).match(/^[ \t]*/)?.[0] ?? '';
}

/**
 * The indentation before `offset` when nothing else precedes it on its line. (A line that begins
 * inside a block comment never qualifies: the comment's close comes before `offset` there.)
 */
function ownLineIndent(text: string, offset: number): string | undefined {
  return startsOwnLine(text, offset) ? text.slice(lineStart(text, offset), offset) : undefined;
}

/**
 * The indentation of a root member put on its own line: the most common among the root's members
 * that begin their lines (the first of equals), else one unit deeper than the root's line.
 */
function memberIndent(text: string, root: Node, properties: readonly Property[]): string {
  const counts = new Map<string, number>();
  for (const property of properties) {
    const indent = ownLineIndent(text, property.node.offset);
    if (indent !== undefined) counts.set(indent, (counts.get(indent) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [indent, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = indent;
  return best ?? rootLineIndent(text, root) + detectIndentUnit(text);
}

function rootLineIndent(text: string, root: Node): string {
  return ownLineIndent(text, root.offset) ?? '';
}

/** The space the file puts after a comma between members on one line (none when minified). */
function inlineSpace(text: string, previous: Property | undefined, anchor: Property): string {
  if (!previous || lineStart(text, previous.node.offset) !== lineStart(text, anchor.node.offset))
    return /\s/.test(separatorOf(text, anchor)) ? ' ' : '';
  const comma = nextToken(text, previous.node.offset + previous.node.length);
  if (comma.kind !== SyntaxKind.CommaToken) return ' ';
  return text.slice(comma.offset + 1, anchor.node.offset).match(/^[ \t]*$/)?.[0] ?? ' ';
}

function insertIntoEmptyObject(text: string, object: Node, member: string): TextEdit[] {
  const innerStart = object.offset + 1;
  const innerEnd = object.offset + object.length - 1;
  const eol = lineBreakOf(text, innerStart);
  const indent = rootLineIndent(text, object);
  const unit = detectIndentUnit(text);
  if (/^\s*$/.test(text.slice(innerStart, innerEnd))) {
    return [{ start: innerStart, end: innerEnd, newText: `${eol}${indent}${unit}${member}${eol}${indent}` }];
  }
  return [{ start: innerStart, end: innerStart, newText: `${eol}${indent}${unit}${member}` }];
}

/**
 * Moves a member of `object` to the root, right after `key`: removed where it is, inserted with its
 * value's later lines keeping their shape relative to the member (an object over several lines
 * keeps its inner indentation one level below the new member, and its closing brace beside it).
 */
export function moveToRoot(text: string, root: Node, object: Node, property: Property): TextEdit[] {
  const value = property.valueNode;
  const valueText = value ? text.slice(value.offset, value.offset + value.length) : '""';
  const from = value ? valueIndent(text, property) : '';
  return [
    ...removeProperty(text, object, property),
    ...insertRootProperty(text, root, property.name, (to) => reindent(valueText, from, to)),
  ];
}

/**
 * The indentation a member's value is laid out against: the member's when it begins its line, else
 * that of the line the value closes on when its closing bracket begins it (as after a comment).
 */
function valueIndent(text: string, property: Property): string {
  const value = property.valueNode as Node;
  return (
    ownLineIndent(text, property.node.offset) ??
    ownLineIndent(text, value.offset + value.length - 1) ??
    leadingWhitespace(text, property.node.offset)
  );
}

/** Re-indents every line after the first from `from` to `to`, keeping each line's distance to it. */
function reindent(valueText: string, from: string, to: string): string {
  if (from === to) return valueText;
  return valueText.replace(/(\r\n|\r|\n)([ \t]*)(?=([^\r\n]?))/g, (_match, eol: string, leading: string, rest: string) => {
    if (rest === '') return `${eol}${leading}`;
    if (leading.startsWith(from)) return `${eol}${to}${leading.slice(from.length)}`;
    // Less indented than the member: as much less than the new indentation (not below none).
    if (from.startsWith(leading)) return `${eol}${to.slice(0, Math.max(0, to.length - (from.length - leading.length)))}`;
    return `${eol}${leading}`;
  });
}

/** Removes a property with its separating comma, and its whole line when it had one to itself. */
export function removeProperty(text: string, object: Node, property: Property): TextEdit[] {
  const start = property.node.offset;
  const end = start + property.node.length;
  const after = nextToken(text, end);
  const ownLine = startsOwnLine(text, start);
  if (after.kind === SyntaxKind.CommaToken) {
    const commaEnd = after.offset + 1;
    const restEnd = lineEnd(text, commaEnd);
    if (ownLine && isBlank(text.slice(commaEnd, restEnd)) && !after.multiLineComment) {
      return [{ start: lineStart(text, start), end: restEnd + eolLengthAt(text, restEnd), newText: '' }];
    }
    const spaces = text.slice(commaEnd).match(/^[ \t]*/)?.[0].length ?? 0;
    if (!ownLine && isBlank(text.slice(commaEnd, restEnd)) && !after.multiLineComment) {
      // The last member on a shared line: take the spaces before it, not the line break after it.
      const before = text.slice(lineStart(text, start), start).match(/[ \t]*$/)?.[0].length ?? 0;
      return removeToLineEnd(text, start - before, restEnd);
    }
    return [{ start, end: commaEnd + spaces, newText: '' }];
  }
  const siblings = propertiesOf(object);
  const previous = siblings[siblings.findIndex((p) => p.node === property.node) - 1];
  const innerEnd = object.offset + object.length - 1;
  if (!previous && /^[ \t]*$/.test(text.slice(object.offset + 1, start)) && /^[ \t]*$/.test(text.slice(end, innerEnd))) {
    // `{ "x": 1 }` → `{}`
    return [{ start: object.offset + 1, end: innerEnd, newText: '' }];
  }
  const edits: TextEdit[] = [];
  if (previous) {
    const comma = nextToken(text, previous.node.offset + previous.node.length);
    if (comma.kind === SyntaxKind.CommaToken) {
      // `"a": 1, "x": 2` on one line: one edit from the comma, leaving no space behind.
      if (/^[ \t]*$/.test(text.slice(comma.offset + 1, start))) return [{ start: comma.offset, end, newText: '' }];
      edits.push({ start: comma.offset, end: comma.offset + 1, newText: '' });
    }
  }
  const restEnd = lineEnd(text, end);
  const restOfLine = text.slice(end, restEnd);
  const lineBegin = lineStart(text, start);
  const eolAfter = eolLengthAt(text, restEnd);
  const eolBefore = eolLengthBefore(text, lineBegin);
  const firstEditEnd = edits[0]?.end ?? 0;
  if (ownLine && isBlank(restOfLine) && eolAfter > 0 && lineBegin >= firstEditEnd) {
    // The line with its own line break: the line before keeps its own (they may differ).
    edits.push({ start: lineBegin, end: restEnd + eolAfter, newText: '' });
  } else if (ownLine && isBlank(restOfLine) && lineBegin - eolBefore >= firstEditEnd) {
    edits.push({ start: lineBegin - eolBefore, end, newText: '' });
  } else if (isBlank(restOfLine)) {
    // After a comment on its line: the spaces before it go too, or they would end the line.
    const before = text.slice(lineBegin, start).match(/[ \t]*$/)?.[0].length ?? 0;
    edits.push(...removeToLineEnd(text, Math.max(start - before, firstEditEnd), end));
  } else {
    edits.push({ start, end, newText: '' });
  }
  return edits;
}

/**
 * Removes [from, to) where nothing but blanks follows `to` on its line. When that spans lines, the
 * line `from` is on keeps its own line break and the later lines go whole with theirs: what is left
 * of the first line ends as it did (in a file whose line endings are mixed too).
 */
function removeToLineEnd(text: string, from: number, to: number): TextEdit[] {
  const firstEnd = lineEnd(text, from);
  const lastEnd = lineEnd(text, to);
  const lastEol = eolLengthAt(text, lastEnd);
  if (firstEnd >= to || lastEol === 0) return [{ start: from, end: to, newText: '' }];
  return [
    { start: from, end: firstEnd, newText: '' },
    { start: firstEnd + eolLengthAt(text, firstEnd), end: lastEnd + lastEol, newText: '' },
  ];
}

export function renameKey(property: Property, newName: string): TextEdit {
  return replaceNode(property.keyNode, JSON.stringify(newName));
}
