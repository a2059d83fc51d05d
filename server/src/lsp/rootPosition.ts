/**
 * Where an offset is among the root object's members, for completion: where a root key can be
 * written there (and which commas the member then needs), or at which root member's value. Read
 * from the tree the analysis already parsed; only the few tokens between the offset and the
 * nearest members are scanned (completion must not scan the whole text on every request).
 *
 * Unlike jsonc-parser's getLocation, a place after a member that has no comma yet is a place for a
 * key (the member before gets its comma): that is where a user adds a member below the last one.
 */
import { Node, SyntaxKind, createScanner } from 'jsonc-parser';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type RootPosition =
  | {
      readonly at: 'key';
      /** What the new member replaces: the key or word being typed, else nothing (at the offset). */
      readonly replace: Span;
      /** The key being typed already has its colon (and value): only the name is replaced. */
      readonly hasValue: boolean;
      /** Where the member before, which has no comma after it, needs one. */
      readonly commaBefore?: number;
      /** Another member follows without a comma: the new member needs one after it. */
      readonly commaAfter: boolean;
    }
  | {
      readonly at: 'value';
      /** The root member whose value this is. */
      readonly key: string;
      /** The literal value replaced (string, number, keyword or word being typed), else nothing. */
      readonly replace: Span;
      /** The string value being replaced, when it is one. */
      readonly node?: Node;
      /** How much of `replace` lies before the value (spaces, comments between the offset and it): kept before the new value. */
      readonly prefixLength: number;
      /** Another member follows without a comma. */
      readonly commaAfter: boolean;
    };

export function rootPositionAt(text: string, root: Node, offset: number): RootPosition | undefined {
  if (root.type !== 'object' || offset <= root.offset) return undefined;
  if (offset >= end(root) && closedByBracket(text, root)) return undefined;
  const members = root.children ?? [];
  let index = 0;
  while (index < members.length && end(members[index]) < offset) index++;
  const member = members[index];
  if (member && offset > member.offset) {
    const inside = inMember(text, member, offset);
    if (inside !== 'after') return inside === 'key' ? keyPosition(text, root, members, index, span(member.children?.[0])) : inside;
    index++;
  }
  return inGap(text, root, members, index, offset);
}

type InMember = RootPosition | 'key' | 'after' | undefined;

/** The offset lies in `member` (past its start, up to its end). */
function inMember(text: string, member: Node, offset: number): InMember {
  const key = member.children?.[0];
  if (!key) return undefined;
  if (offset <= end(key)) {
    if (!followedByColon(text, end(key))) return 'key';
    return { at: 'key', replace: span(key), hasValue: true, commaAfter: false };
  }
  const colon = member.colonOffset;
  if (colon === undefined || offset <= colon) return undefined;
  const name = keyOf(member);
  const value = member.children?.[1];
  // A string followed by a colon is the next member's key, which the parser took for this value.
  if (!value || (offset <= value.offset && isNextKey(text, value))) {
    if (inComment(text, colon + 1, offset)) return undefined;
    return valuePosition(text, name, { start: offset, end: offset }, 0);
  }
  if (offset < value.offset && inComment(text, colon + 1, offset)) return undefined;
  if (isContainer(value)) {
    if (offset <= value.offset || offset < end(value)) return undefined;
    // Right after its closing bracket: after the member. Cut off by the end of the text: inside it.
    return closedByBracket(text, value) ? 'after' : undefined;
  }
  if (isNextKey(text, value)) return undefined;
  // Right after a string's closing quote is after the member.
  if (offset === end(value) && value.type === 'string' && isClosed(text, value)) return 'after';
  // The range replaced holds the offset (a client requires it): from the offset when it is before the value.
  const start = Math.min(offset, value.offset);
  return valuePosition(text, name, { start, end: end(value) }, value.offset - start, value.type === 'string' ? value : undefined);
}

function valuePosition(text: string, key: string, replace: Span, prefixLength: number, node?: Node): RootPosition | undefined {
  const next = following(text, replace.end);
  return next === 'other' ? undefined : { at: 'value', key, replace, node, prefixLength, commaAfter: next === 'key' };
}

/**
 * Between members, before the first or after the last (members[index] is the first member after
 * the offset): a key goes here, unless the member before is waiting for its value after its colon.
 */
function inGap(text: string, root: Node, members: readonly Node[], index: number, offset: number): RootPosition | undefined {
  const before = members[index - 1];
  const from = before ? end(before) : root.offset + 1;
  const gap = scanGap(text, from, offset);
  if (!gap || gap.other) return undefined;
  const replace = gap.typed ?? { start: offset, end: offset };
  if (before && before.colonOffset !== undefined && !before.children?.[1]) {
    return valuePosition(text, keyOf(before), replace, 0);
  }
  return keyPosition(text, root, members, index, replace);
}

/** A new member at `replace`: the commas it needs before and after. */
function keyPosition(text: string, root: Node, members: readonly Node[], index: number, replace: Span): RootPosition | undefined {
  const before = members[index - 1];
  const gap = scanGap(text, before ? end(before) : root.offset + 1, replace.start);
  if (!gap || gap.typed || gap.other) return undefined;
  // A word typed before a colon (`forgeA: 1`) is a name whose value is already there.
  if (replace.end > replace.start && followedByColon(text, replace.end)) return { at: 'key', replace, hasValue: true, commaAfter: false };
  const next = following(text, replace.end);
  if (next === 'other') return undefined;
  return { at: 'key', replace, hasValue: false, commaBefore: before && !gap.comma ? end(before) : undefined, commaAfter: next === 'key' };
}

/** What lies between two members: commas, the token being typed, or other tokens the tree does not hold. */
interface Gap {
  readonly comma: boolean;
  /** A token the tree has no member for (what the parser skipped after an error). */
  readonly other: boolean;
  /** The token being typed: the offset is in it or right after it. */
  readonly typed?: Span;
}

/** Tokens a user may be typing where a key or a value goes: a string, a word, a number. */
const TYPED = new Set([
  SyntaxKind.StringLiteral,
  SyntaxKind.Unknown,
  SyntaxKind.NumericLiteral,
  SyntaxKind.TrueKeyword,
  SyntaxKind.FalseKeyword,
  SyntaxKind.NullKeyword,
]);

/**
 * Scans from `from` (where the member before ends, or after the root's brace) to `offset`, or
 * returns undefined when the offset is inside a comment.
 */
function scanGap(text: string, from: number, offset: number): Gap | undefined {
  const scanner = createScanner(text, false);
  scanner.setPosition(from);
  let comma = false;
  let other = false;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    const tokenEnd = start + scanner.getTokenLength();
    if (start >= offset) break;
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      if (offset < tokenEnd || (offset === tokenEnd && !/\*\/$/.test(text.slice(start, tokenEnd)))) return undefined;
      continue;
    }
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    if (offset <= tokenEnd && TYPED.has(kind)) return { comma, other, typed: { start, end: tokenEnd } };
    if (kind === SyntaxKind.CommaToken) comma = true;
    else other = true;
  }
  return { comma, other };
}

/** Whether the offset is inside a comment that starts at or after `from`. */
function inComment(text: string, from: number, offset: number): boolean {
  return scanGap(text, from, offset) === undefined;
}

/**
 * What follows `offset`: another member's key (so a comma must come first), the end of a member
 * (a comma, the closing brace, the end of the text), or something else, before which no member
 * can go without adding a syntax error.
 */
function following(text: string, offset: number): 'key' | 'end' | 'other' {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  const kind = scanner.scan();
  if (kind === SyntaxKind.StringLiteral) return 'key';
  return kind === SyntaxKind.CommaToken || kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.EOF ? 'end' : 'other';
}

/** Whether a colon follows the offset (after whitespace). */
function followedByColon(text: string, offset: number): boolean {
  const colon = /\s*:/y;
  colon.lastIndex = offset;
  return colon.test(text);
}

function isNextKey(text: string, value: Node): boolean {
  return value.type === 'string' && followedByColon(text, end(value));
}

/** Whether a string literal ends with its closing quote (an unterminated one ends at its line's end). */
function isClosed(text: string, string: Node): boolean {
  if (string.length < 2 || text[end(string) - 1] !== '"') return false;
  let backslashes = 0;
  while (text[end(string) - 2 - backslashes] === '\\') backslashes++;
  return backslashes % 2 === 0;
}

function keyOf(member: Node): string {
  const value: unknown = member.children?.[0]?.value;
  return typeof value === 'string' ? value : '';
}

function isContainer(node: Node): boolean {
  return node.type === 'object' || node.type === 'array';
}

function end(node: Node): number {
  return node.offset + node.length;
}

function span(node: Node | undefined): Span {
  return node ? { start: node.offset, end: end(node) } : { start: 0, end: 0 };
}

/**
 * Whether an object or array ends with its own closing bracket. One cut off by the end of the text
 * ends where the text does, and its last character may then belong to a child or an unterminated
 * string: the gap after its last child tells.
 */
function closedByBracket(text: string, container: Node): boolean {
  const last = container.children?.[container.children.length - 1];
  const lastToken = container.type === 'object' ? last?.children?.[last.children.length - 1] : last;
  const closing = container.type === 'object' ? SyntaxKind.CloseBraceToken : SyntaxKind.CloseBracketToken;
  const scanner = createScanner(text, false);
  scanner.setPosition(lastToken ? end(lastToken) : container.offset + 1);
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && scanner.getTokenOffset() < end(container); token = scanner.scan()) {
    if (token === closing && scanner.getTokenOffset() === end(container) - 1) return true;
  }
  return false;
}
