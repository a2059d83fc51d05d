/**
 * Parses a Connect descriptor once (jsonc-parser tree: tolerant of comments, trailing commas and a
 * BOM) and exposes what the rules need: the root object, its properties, and why a file could not
 * be read when it cannot.
 */
import { Node, ParseError, ParseErrorCode, parseTree, printParseErrorCode } from 'jsonc-parser';

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
  /** The root object, when the text has one (possibly recovered from syntax errors). */
  readonly root?: Node;
  readonly syntaxErrors: readonly SyntaxProblem[];
  /**
   * True when the text is a Go/ERB/Jinja template that is not JSON until rendered: a syntax error
   * lies inside a template tag. Tags inside string values (`{{localBaseUrl}}`) alone do not count.
   */
  readonly templated: boolean;
  readonly unreadable?: Unreadable;
}

const TEMPLATE_MARKERS = /\{\{|\{%|<%/;
const TEMPLATE_TAGS = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|<%[\s\S]*?%>/g;

export function parseDescriptor(text: string): ParsedDescriptor {
  const base = { text, syntaxErrors: [], templated: false };
  if (text.length > MAX_DESCRIPTOR_BYTES) return { ...base, unreadable: { kind: 'too-large', size: text.length } };
  // jsonc-parser does not skip a byte order mark; a space in its place keeps every offset.
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  if (body.trim().length === 0) return { ...base, unreadable: { kind: 'empty' } };

  const errors: ParseError[] = [];
  let tree: Node | undefined;
  try {
    tree = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    // jsonc-parser recurses once per nesting level and overflows the stack near 10,000 levels.
    if (error instanceof RangeError) return { ...base, unreadable: { kind: 'too-deep' } };
    throw error;
  }
  // Errors at the end of the text (unclosed comments, braces) must not reach past it.
  const syntaxErrors = errors.map((e) => ({
    message: syntaxMessage(e.error),
    start: Math.min(e.offset, text.length),
    end: Math.min(e.offset + Math.max(e.length, 1), text.length),
  }));
  const templated = syntaxErrors.length > 0 && breaksTemplateTag(text, syntaxErrors);
  if (!tree || tree.type !== 'object') {
    const start = tree ? tree.offset : 0;
    const end = tree ? tree.offset + tree.length : text.length;
    return { ...base, syntaxErrors, templated, unreadable: { kind: 'not-object', start, end } };
  }
  return { ...base, root: tree, syntaxErrors, templated };
}

/**
 * Whether a syntax error starts inside a template tag (`{{…}}`, `{%…%}`, `<%…%>`). An error that
 * only spans one (an unclosed comment or string running over `{{localBaseUrl}}`) does not count.
 */
function breaksTemplateTag(text: string, errors: readonly SyntaxProblem[]): boolean {
  if (!TEMPLATE_MARKERS.test(text)) return false;
  // Both lists are in document order: one pass over each.
  const starts = errors.map((e) => e.start).sort((a, b) => a - b);
  let i = 0;
  for (const tag of text.matchAll(TEMPLATE_TAGS)) {
    const start = tag.index;
    const end = start + tag[0].length;
    while (i < starts.length && starts[i] < start) i++;
    if (i === starts.length) return false;
    if (starts[i] < end) return true;
  }
  return false;
}

function syntaxMessage(code: ParseErrorCode): string {
  const words = printParseErrorCode(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
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

/** The last property with that name (the one JSON readers keep), if any. */
export function findProperty(object: Node | undefined, name: string): Property | undefined {
  let found: Property | undefined;
  for (const property of propertiesOf(object)) if (property.name === name) found = property;
  return found;
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

/** Depth-first visit of every property below the root (not the root's own), skipping nothing. */
export function visitNestedProperties(root: Node, visit: (property: Property, path: readonly (string | number)[]) => void): void {
  const stack: { node: Node; path: (string | number)[] }[] = [];
  for (const property of propertiesOf(root)) {
    if (property.valueNode) stack.push({ node: property.valueNode, path: [property.name] });
  }
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: Node; path: (string | number)[] };
    if (node.type === 'object') {
      for (const property of propertiesOf(node)) {
        visit(property, path);
        if (property.valueNode) stack.push({ node: property.valueNode, path: [...path, property.name] });
      }
    } else if (node.type === 'array' && node.children) {
      node.children.forEach((child, index) => stack.push({ node: child, path: [...path, index] }));
    }
  }
}
