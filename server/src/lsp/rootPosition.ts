/**
 * Where an offset is among the root object's members, read from the tree the analysis already
 * parsed (completion must not scan the text again on every request). It answers exactly as
 * jsonc-parser's `getLocation` does at the root, quirks included (a unit test compares the two at
 * every offset of thousands of texts, broken ones above all): only the gaps between the tree's
 * nodes, which hold nothing but whitespace, comments and punctuation, are scanned for commas.
 *
 * getLocation keeps one flag, "at a property key", that every `{`, every comma between members and
 * every colon after a key sets, at any depth: after a member whose value holds objects, the flag
 * is what the last of those left it. The functions below compute that flag from the tree.
 */
import { Node, SyntaxKind, createScanner } from 'jsonc-parser';

export type RootPosition =
  /** Where a root key goes; `node` is the key string the offset is in or at. */
  | { readonly at: 'key'; readonly node?: Node }
  /** At the value of the root member `key`; `node` is the literal value the offset is in or at. */
  | { readonly at: 'value'; readonly key: string; readonly node?: Node };

export function rootPositionAt(text: string, root: Node, offset: number): RootPosition | undefined {
  if (root.type !== 'object' || offset <= root.offset) return undefined;
  if (offset >= root.offset + root.length && closedByBracket(text, root)) return undefined;
  const members = root.children ?? [];
  let index = 0;
  while (index < members.length && offset > end(members[index])) index++;
  // A member whose object or array closes right before the offset yields to one that starts there.
  if (offset === end(members[index] ?? root) && endsWithContainer(members[index]) && members[index + 1]?.offset === offset) index++;
  const member = members[index];
  if (member && offset >= member.offset) return inMember(text, member, offset, keyBefore(text, members, index));
  // Between members (or after the last): a comma starts a new key; without one, the member before goes on.
  const before = members[index - 1];
  if (!before || hasComma(text, end(before), offset)) return { at: 'key' };
  if (keyAfter(text, members, index - 1)) return { at: 'key' };
  const value = before.children?.[1];
  return { at: 'value', key: keyOf(before), node: value && !isContainer(value) ? value : undefined };
}

function inMember(text: string, member: Node, offset: number, keyExpected: boolean): RootPosition | undefined {
  const key = member.children?.[0];
  if (!key) return undefined;
  const name = keyOf(member);
  if (offset <= end(key)) return keyExpected ? { at: 'key', node: key } : { at: 'value', key: name };
  if (member.colonOffset === undefined || offset <= member.colonOffset) return keyExpected ? { at: 'key' } : { at: 'value', key: name };
  const value = member.children?.[1];
  if (!value || offset < value.offset) return { at: 'value', key: name };
  if (!isContainer(value)) return { at: 'value', key: name, node: value };
  if (offset === value.offset) return { at: 'value', key: name };
  // Inside an object or array (up to its closing bracket, or the end of the text) is not at the root.
  if (offset < end(value) || !closedByBracket(text, value)) return undefined;
  return flagIn(text, value) ? { at: 'key' } : { at: 'value', key: name };
}

/** The flag just before the key of `members[index]`: set by the `{` or a comma, else left by the member before. */
function keyBefore(text: string, members: readonly Node[], index: number): boolean {
  if (index === 0) return true;
  return hasComma(text, end(members[index - 1]), members[index].offset) || keyAfter(text, members, index - 1);
}

/** The flag just after `members[index]`: left by its value's last object, else cleared by its colon. */
function keyAfter(text: string, members: readonly Node[], index: number): boolean {
  const member = members[index];
  const value = member.children?.[1];
  const inValue = value && isContainer(value) ? flagIn(text, value) : undefined;
  if (inValue !== undefined) return inValue;
  return member.colonOffset === undefined ? keyBefore(text, members, index) : false;
}

/** What an object or array leaves the flag at, or undefined when it does not touch it (an array without objects). */
function flagIn(text: string, container: Node): boolean | undefined {
  const children = container.children ?? [];
  if (container.type === 'array') {
    for (let i = children.length - 1; i >= 0; i--) {
      const flag = isContainer(children[i]) ? flagIn(text, children[i]) : undefined;
      if (flag !== undefined) return flag;
    }
    return undefined;
  }
  if (children.length === 0) return true;
  const last = children.length - 1;
  return hasComma(text, end(children[last]), end(container)) || keyAfter(text, children, last);
}

function keyOf(member: Node): string {
  const value: unknown = member.children?.[0]?.value;
  return typeof value === 'string' ? value : '';
}

function endsWithContainer(member: Node | undefined): boolean {
  const value = member?.children?.[1];
  return value !== undefined && isContainer(value);
}

function isContainer(node: Node): boolean {
  return node.type === 'object' || node.type === 'array';
}

function end(node: Node): number {
  return node.offset + node.length;
}

/** Whether a comma token starts at or after `from` and before `to` (comments may hold commas of their own). */
function hasComma(text: string, from: number, to: number): boolean {
  const scanner = createScanner(text, false);
  scanner.setPosition(from);
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && scanner.getTokenOffset() < to; token = scanner.scan()) {
    if (token === SyntaxKind.CommaToken) return true;
  }
  return false;
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
