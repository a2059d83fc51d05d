/**
 * Whether a JSON text is a Connect descriptor, from its top-level members alone: the content half
 * of the one decision (workspace/documentSelection.ts) the editor, the server and the CLI share.
 *
 * The test, derived from the real descriptors of every product in the corpus (see NOTES.md there
 * and test/unit/descriptorSelection.test.ts, which holds it as a table):
 * - a Connect descriptor (Jira, Confluence, Bitbucket) has a string `key`, a string `baseUrl`, and
 *   at least two of the members below with their kind of value (every real one has two or more;
 *   `key` and `baseUrl` with a single one of them is how API-client configs look);
 * - a HipChat descriptor has a string `key`, a `capabilities` object and a `links` object;
 * - a member no descriptor has but another format does (`compilerOptions`, `lockfileVersion`, a
 *   JSON Schema's `$schema`…) rules the file out at once, wherever it is.
 *
 * Cheap: it reads the root's member names and the first token of each value, skips nested values
 * without tokenizing them, and stops at the first member that rules the file out.
 */
import { SyntaxKind, createScanner } from 'jsonc-parser';

type ValueKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** Connect members that count as evidence, with the kind of value descriptors give them. */
export const CONNECT_MEMBERS: Readonly<Record<string, ValueKind>> = {
  modules: 'object',
  authentication: 'object',
  lifecycle: 'object',
  scopes: 'array',
  contexts: 'array',
  apiVersion: 'number',
  apiMigrations: 'object',
  enableLicensing: 'boolean',
  vendor: 'object',
};

/** How many of CONNECT_MEMBERS a descriptor with `key` and `baseUrl` has at least. */
export const MIN_CONNECT_MEMBERS = 2;

/** Members of other formats that no descriptor has, with the format they mark. */
export const FOREIGN_MEMBERS: Readonly<Record<string, string>> = {
  lockfileVersion: 'a package lock',
  compilerOptions: 'a TypeScript or JavaScript project',
  dependencies: 'a package manifest',
  devDependencies: 'a package manifest',
  peerDependencies: 'a package manifest',
  engines: 'a package manifest',
  contributes: 'a VS Code extension manifest',
  activationEvents: 'a VS Code extension manifest',
  manifest_version: 'a browser extension manifest',
  openapi: 'an OpenAPI document',
  swagger: 'an OpenAPI document',
  asyncapi: 'an AsyncAPI document',
  require: 'a Composer manifest',
  'require-dev': 'a Composer manifest',
  autoload: 'a Composer manifest',
  configurations: 'a launch configuration',
  hosting: 'a Firebase configuration',
  rewrites: 'a hosting configuration',
  extends: 'a configuration that extends another',
};

/** `$schema` values that make the file a JSON Schema (a Connect schema describes descriptors, it is not one). */
const META_SCHEMA = /^https?:\/\/json-schema\.org\//;

export interface ContentVerdict {
  readonly descriptor: boolean;
  /** What decided, in a few words: the members that make it one, or what rules it out. */
  readonly detail: string;
  /**
   * Set when what was read rules the file out whatever follows (a member of another format, a
   * JSON Schema, a root that is not an object), so that the first bytes of a file can settle it.
   */
  readonly ruledOut?: true;
}

export function descriptorContent(text: string): ContentVerdict {
  const scanner = createScanner(text, true);
  // jsonc-parser's scanner does not skip a byte order mark.
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);
  let token = scanner.scan();
  if (token !== SyntaxKind.OpenBraceToken) {
    return { descriptor: false, detail: 'its root is not an object', ...(token === SyntaxKind.EOF ? {} : { ruledOut: true as const }) };
  }

  const members = new Map<string, ValueKind | undefined>();
  for (token = scanner.scan(); token !== SyntaxKind.EOF && token !== SyntaxKind.CloseBraceToken;) {
    if (token !== SyntaxKind.StringLiteral) {
      // Not a member name (a template artefact, a stray token): go on with the next token.
      token = scanner.scan();
      continue;
    }
    const name = scanner.getTokenValue();
    if (scanner.scan() !== SyntaxKind.ColonToken) {
      token = scanner.getToken();
      continue;
    }
    const foreign = FOREIGN_MEMBERS[name];
    if (foreign !== undefined) return { descriptor: false, detail: `it has "${name}", as ${foreign} does`, ruledOut: true };
    token = scanner.scan();
    const kind = kindOf(token);
    members.set(name, kind);
    if (name === '$schema' && token === SyntaxKind.StringLiteral && META_SCHEMA.test(scanner.getTokenValue())) {
      return { descriptor: false, detail: 'it is a JSON Schema', ruledOut: true };
    }
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      scanner.setPosition(skipNested(text, scanner.getTokenOffset()) + 1);
    }
    // The value is read; what follows is a comma, the root's end or an error.
    token = scanner.scan();
    if (token === SyntaxKind.CommaToken) token = scanner.scan();
  }
  return verdictOf(members);
}

function verdictOf(members: ReadonlyMap<string, ValueKind | undefined>): ContentVerdict {
  if (members.get('key') !== 'string')
    return { descriptor: false, detail: members.has('key') ? '"key" is not a string' : 'it has no "key"' };
  if (members.get('capabilities') === 'object' && members.get('links') === 'object') {
    return { descriptor: true, detail: 'key, capabilities and links (a HipChat descriptor)' };
  }
  if (members.get('baseUrl') !== 'string') return { descriptor: false, detail: 'it has no "baseUrl" string' };
  const connect = Object.keys(CONNECT_MEMBERS).filter((name) => members.get(name) === CONNECT_MEMBERS[name]);
  if (connect.length < MIN_CONNECT_MEMBERS) {
    return {
      descriptor: false,
      detail: `key and baseUrl, but ${connect.length === 0 ? 'none' : `only ${connect[0]}`} of ${Object.keys(CONNECT_MEMBERS).join(', ')}`,
    };
  }
  return { descriptor: true, detail: ['key', 'baseUrl', ...connect].join(', ') };
}

function kindOf(token: SyntaxKind): ValueKind | undefined {
  switch (token) {
    case SyntaxKind.OpenBraceToken:
      return 'object';
    case SyntaxKind.OpenBracketToken:
      return 'array';
    case SyntaxKind.StringLiteral:
      return 'string';
    case SyntaxKind.NumericLiteral:
      return 'number';
    case SyntaxKind.TrueKeyword:
    case SyntaxKind.FalseKeyword:
      return 'boolean';
    case SyntaxKind.NullKeyword:
      return 'null';
    default:
      return undefined;
  }
}

/**
 * The offset of the last character of the object or array that opens at `start` (or the text's
 * end). A hand-written skip instead of the scanner's tokens: it only has to find the matching
 * bracket past strings and comments, and does so at a fifth of the scanner's cost (see the content
 * test's figures in docs/benchmarks.md), which is what keeps a large file's verdict cheap.
 */
function skipNested(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === QUOTE) {
      i = stringEnd(text, i);
    } else if (char === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (char === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (char === OPEN_BRACE || char === OPEN_BRACKET) {
      depth++;
    } else if (char === CLOSE_BRACE || char === CLOSE_BRACKET) {
      if (--depth === 0) return i;
    }
  }
  return text.length;
}

/** The offset of the quote that closes the string opening at `start` (or the text's end). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; ;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    i = quote + 1;
  }
}

const QUOTE = 0x22;
const SLASH = 0x2f;
const STAR = 0x2a;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
