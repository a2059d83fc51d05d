import { Node, SyntaxKind, createScanner } from 'jsonc-parser';
import { findProperty, propertiesOf } from '../descriptor';
import { ignoresForgeKeys } from '../product';
import { RuleContext } from './rule';

/** The value rules run where Bitbucket may read the keys: Bitbucket and unrecognised descriptors. */
export function checksForgeValues(context: RuleContext): boolean {
  return !ignoresForgeKeys(context.product.product);
}

/**
 * Fixes that add or remove members (moves, removals) need commas and braces where the tree says
 * they are: with syntax errors in the file the recovered tree may not match the text, so these
 * fixes wait until the file parses. Replacing one string token stays safe either way.
 */
export function structuralFixesAllowed(context: RuleContext): boolean {
  return context.parsed.syntaxErrors.length === 0;
}

/**
 * Where a finding about the whole descriptor goes: on the name of the root's `"key"` member (the
 * one read), else of its first member, where the eye goes and where a fix inserts a key; on the
 * whole object only when it has none. Never on the opening brace alone, where the cursor sits
 * when the file opens and the squiggle cannot be seen.
 */
export function rootAnchor(root: Node): { readonly start: number; readonly end: number } {
  const name = (findProperty(root, 'key') ?? propertiesOf(root)[0])?.keyNode;
  return name
    ? { start: name.offset, end: name.offset + name.length }
    : { start: root.offset, end: root.offset + Math.max(root.length, 1) };
}

/** How far into an unparsed file its anchor is looked for: a few screens, whatever the file's size. */
const UNPARSED_SCAN_CHARS = 64 * 1024;

/**
 * Where a note about a file that was not parsed (too large, too deeply nested) goes, by the same
 * policy as rootAnchor: the name of the root's `"key"` member, else of its first member, found by
 * scanning the tokens of the file's first 64 KiB (so a 50 MB file costs what a small one does);
 * else the text of the first line, run on to the next when it holds one character (a lone brace).
 */
export function unparsedRootAnchor(text: string): { readonly start: number; readonly end: number } {
  const head = text.slice(0, UNPARSED_SCAN_CHARS);
  const scanner = createScanner(head, true);
  let depth = 0;
  let rootIsObject = false;
  let name: { start: number; end: number; value: string } | undefined;
  let first: { start: number; end: number } | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    const atRoot = rootIsObject && depth === 1;
    if (token === SyntaxKind.ColonToken && atRoot && name) {
      if (name.value === 'key') return { start: name.start, end: name.end };
      first ??= { start: name.start, end: name.end };
    }
    name =
      token === SyntaxKind.StringLiteral && atRoot
        ? { start: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength(), value: scanner.getTokenValue() }
        : undefined;
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (depth === 0) rootIsObject = token === SyntaxKind.OpenBraceToken;
      depth++;
    } else if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) depth--;
  }
  return first ?? firstLineText(head);
}

function firstLineText(head: string): { readonly start: number; readonly end: number } {
  const start = Math.max(head.search(/[^\s\uFEFF]/), 0);
  const second = head.slice(start + 1).search(/\S/);
  const lineOf = second < 0 ? start : start + 1 + second;
  const lineEnd = head.slice(lineOf).search(/[\r\n]/);
  return { start, end: Math.max(lineEnd < 0 ? head.length : lineOf + lineEnd, start + 1) };
}
