/**
 * Parses a Connect descriptor once (jsonc-parser tree: tolerant of comments, trailing commas and a
 * BOM) and exposes what the rules need: the root object, its properties, and why a file could not
 * be read when it cannot.
 */
import { Node, ParseError, ParseErrorCode, parseTree, printParseErrorCode } from 'jsonc-parser';
import { TEMPLATE_TAG, neutralTemplateText } from './templates';

/** Beyond this a file is not a descriptor someone edits by hand; we say so instead of parsing. */
export const MAX_DESCRIPTOR_BYTES = 10 * 1024 * 1024;

export type Unreadable =
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'too-deep' }
  | { readonly kind: 'not-object'; readonly start: number; readonly end: number };

export interface SyntaxProblem {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface ParsedDescriptor {
  readonly text: string;
  /**
   * The text the tree was read from: `text` itself, or for a template that is not JSON until
   * rendered its neutral reading (tags set aside, every offset kept). What scans the gaps between
   * the tree's nodes reads this one.
   */
  readonly readText: string;
  /** The root object, when the text has one (possibly recovered from syntax errors). */
  readonly root?: Node;
  readonly syntaxErrors: readonly SyntaxProblem[];
  /**
   * True when the text is a Go/ERB/Jinja template that is not JSON until rendered: a syntax error
   * lies inside a template tag. Tags inside string values (`{{localBaseUrl}}`) alone do not count.
   * The root is then read from the text with its tags set aside (neutralTemplateText: same
   * offsets), so that a `{{define}}` wrapper still shows its members; the syntax errors stay those
   * of the text itself.
   */
  readonly templated: boolean;
  readonly unreadable?: Unreadable;
}

const TEMPLATE_MARKERS = /\{\{|\{%|\{#|<%/;

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false };

export function parseDescriptor(text: string): ParsedDescriptor {
  const base = { text, readText: text, syntaxErrors: [], templated: false };
  if (text.length > MAX_DESCRIPTOR_BYTES) return { ...base, unreadable: { kind: 'too-large', size: text.length } };
  // jsonc-parser does not skip a byte order mark; a space in its place keeps every offset.
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  if (body.trim().length === 0) return { ...base, unreadable: { kind: 'empty' } };

  const errors: ParseError[] = [];
  let tree = parseOrTooDeep(body, errors);
  if (tree === TOO_DEEP) return { ...base, unreadable: { kind: 'too-deep' } };
  // Errors at the end of the text (unclosed comments, braces) must not reach past it.
  const syntaxErrors = errors.map((e) => ({
    message: syntaxMessage(e.error),
    start: Math.min(e.offset, text.length),
    end: Math.min(e.offset + Math.max(e.length, 1), text.length),
  }));
  const templated = syntaxErrors.length > 0 && breaksTemplateTag(text, syntaxErrors);
  let readText = text;
  if (templated) {
    const neutralBody = neutralTemplateText(body);
    const neutral = parseOrTooDeep(neutralBody, []);
    if (neutral === TOO_DEEP) return { ...base, unreadable: { kind: 'too-deep' } };
    if (neutral?.type === 'object') {
      tree = neutral;
      readText = body === text ? neutralBody : `${text[0]}${neutralBody.slice(1)}`;
    }
  }
  if (!tree || tree.type !== 'object') {
    const start = tree ? tree.offset : 0;
    const end = tree ? tree.offset + tree.length : text.length;
    return { ...base, readText, syntaxErrors, templated, unreadable: { kind: 'not-object', start, end } };
  }
  return { ...base, readText, root: tree, syntaxErrors, templated };
}

const TOO_DEEP = 'too-deep';

function parseOrTooDeep(text: string, errors: ParseError[]): Node | undefined | typeof TOO_DEEP {
  try {
    return parseTree(text, errors, PARSE_OPTIONS);
  } catch (error) {
    // jsonc-parser recurses once per nesting level and overflows the stack near 10,000 levels.
    if (error instanceof RangeError) return TOO_DEEP;
    throw error;
  }
}

/**
 * Whether a syntax error starts inside a template tag (`{{…}}`, `{%…%}`, `{#…#}`, `<%…%>`). An error that
 * only spans one (an unclosed comment or string running over `{{localBaseUrl}}`) does not count.
 */
function breaksTemplateTag(text: string, errors: readonly SyntaxProblem[]): boolean {
  if (!TEMPLATE_MARKERS.test(text)) return false;
  // Both lists are in document order: one pass over each.
  const starts = errors.map((e) => e.start).sort((a, b) => a - b);
  let i = 0;
  for (const tag of text.matchAll(TEMPLATE_TAG)) {
    const start = tag.index;
    const end = start + tag[0].length;
    while (i < starts.length && starts[i] < start) i++;
    if (i === starts.length) return false;
    if (starts[i] < end) return true;
  }
  return false;
}

function syntaxMessage(code: ParseErrorCode): string {
  const words = printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `JSON syntax error: ${words}.`;
}

/** A property of an object node: its key node and value node. */
export interface Property {
  readonly node: Node;
  readonly name: string;
  readonly keyNode: Node;
  readonly valueNode?: Node;
}

export function propertiesOf(object: Node | undefined): Property[] {
  if (!object || object.type !== 'object' || !object.children) return [];
  const result: Property[] = [];
  for (const child of object.children) {
    const keyNode = child.children?.[0];
    if (!keyNode || typeof keyNode.value !== 'string') continue;
    result.push({ node: child, name: keyNode.value, keyNode, valueNode: child.children?.[1] });
  }
  return result;
}

/**
 * The last property with that name (the one JSON readers keep), if any. Called many times per
 * analysis on the root: it reads the key nodes in place instead of building every property.
 */
export function findProperty(object: Node | undefined, name: string): Property | undefined {
  if (!object || object.type !== 'object' || !object.children) return undefined;
  let found: Node | undefined;
  for (const child of object.children) if (child.children?.[0]?.value === name) found = child;
  if (!found) return undefined;
  return { node: found, name, keyNode: found.children?.[0] as Node, valueNode: found.children?.[1] };
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * Maps an index in a string node's decoded value to a document offset, walking the literal's
 * escapes so that ranges inside strings with `\/` or `\u0026` still land on the right characters.
 */
export function valueIndexToOffset(text: string, stringNode: Node, index: number): number {
  let offset = stringNode.offset + 1;
  const end = stringNode.offset + stringNode.length - 1;
  for (let i = 0; i < index && offset < end; i++) {
    if (text[offset] === '\\') offset += text[offset + 1] === 'u' ? 6 : 2;
    else offset += 1;
  }
  return Math.min(offset, end);
}

/**
 * Depth-first visit of every property below the root (not the root's own), skipping nothing; with
 * `names`, only the properties of those names are handed to `visit`. The walk allocates nothing
 * per node (it runs over whole documents, so it must stay a small fraction of the parse): the
 * path to a property's object (keys and array indexes from the root) is built only when asked.
 *
 * With `names` and the document's `text`, subtrees whose text cannot hold one of the names are
 * not entered: a key decodes to a name only if its literal spells the name or has an escape, so
 * a subtree without either (found by native substring search) has none. The order of the visits
 * stays that of the full walk.
 */
export function visitNestedProperties(
  root: Node,
  visit: (property: Property, path: () => readonly (string | number)[]) => void,
  names?: ReadonlySet<string>,
  text?: string,
): void {
  const marks = names && text !== undefined ? markOffsets(text, [...names, '\\']) : undefined;
  const enter = (node: Node) => !marks || spansMark(marks, node);
  const stack: Node[] = [];
  for (const property of propertiesOf(root)) {
    if (property.valueNode && enter(property.valueNode)) stack.push(property.valueNode);
  }
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const children = node.children;
    if (!children) continue;
    if (node.type === 'object') {
      for (const child of children) {
        const keyNode = child.children?.[0];
        if (!keyNode || typeof keyNode.value !== 'string') continue;
        const valueNode = child.children?.[1];
        if (!names || names.has(keyNode.value)) visit({ node: child, name: keyNode.value, keyNode, valueNode }, () => pathTo(node, root));
        if (valueNode && enter(valueNode)) stack.push(valueNode);
      }
    } else if (node.type === 'array') {
      for (const child of children) if (enter(child)) stack.push(child);
    }
  }
}

/** Where each of the needles starts in the text, in ascending order. */
function markOffsets(text: string, needles: readonly string[]): number[] {
  const marks: number[] = [];
  for (const needle of needles) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) marks.push(at);
  }
  return marks.sort((a, b) => a - b);
}

/** Whether a mark lies inside the node's text (binary search for the first mark at or after its start). */
function spansMark(marks: readonly number[], node: Node): boolean {
  let low = 0;
  let high = marks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (marks[middle] < node.offset) low = middle + 1;
    else high = middle;
  }
  return low < marks.length && marks[low] < node.offset + node.length;
}

/** The keys and array indexes from the root down to `node`, read from the tree's parent links. */
function pathTo(node: Node, root: Node): (string | number)[] {
  const path: (string | number)[] = [];
  let current = node;
  while (current !== root) {
    const parent = current.parent;
    if (!parent) break;
    if (parent.type === 'property') {
      const key = parent.children?.[0]?.value;
      path.push(typeof key === 'string' ? key : '');
      if (!parent.parent) break;
      current = parent.parent;
    } else {
      path.push(parent.children ? parent.children.indexOf(current) : 0);
      current = parent;
    }
  }
  return path.reverse();
}
