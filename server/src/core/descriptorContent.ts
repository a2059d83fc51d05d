/**
 * Whether a JSON text is a Connect descriptor, from its top-level members alone: the content half
 * of the one decision (workspace/documentSelection.ts) the editor, the server and the CLI share.
 *
 * The test, derived from the real descriptors of every product in the corpus (see NOTES.md there
 * and test/unit/descriptorSelection.test.ts, which holds it as a table):
 * - a Connect descriptor (Jira, Confluence, Bitbucket) has a string `key`, a string `baseUrl`, and
 *   at least two of the members below with their kind of value (every real one has two or more;
 *   `key` and `baseUrl` with a single one of them is how API-client configs look). `modules`
 *   counts when it holds a module (a member whose value is a list or an object, not the strings of
 *   a translation file), `authentication` when its `type` is Connect's `jwt` or `none` (an API
 *   client's credentials are not);
 * - a Bitbucket descriptor may have `modules` alone beside them, when they carry what only
 *   Bitbucket has: a module type such as `repoPages`, or an `org.bitbucket.*` location;
 * - a HipChat descriptor has a string `key`, a `capabilities` object and a `links` object;
 * - a member no descriptor has but another format does (`compilerOptions`, `lockfileVersion`, a
 *   JSON Schema's `$schema`…) rules the file out at once, wherever it is.
 *
 * Cheap: it reads the root's member names and the first token of each value, skips nested values
 * without tokenizing them, and stops at the first member that rules the file out. Inside
 * `authentication` it reads the members of that small object, inside `modules` its members up to
 * the first module; the Bitbucket markers are looked for only when the other evidence is not enough.
 */
import { JSONScanner, SyntaxKind, createScanner } from 'jsonc-parser';
import { BITBUCKET_LOCATION_PREFIX, BITBUCKET_MODULES } from './product';

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
  /**
   * Set when the root has a string `key` or `baseUrl`, as a descriptor's does (whatever the
   * verdict): what the first bytes of a file too large to read must show for it to be named.
   */
  readonly startsAsDescriptor?: true;
}

export function descriptorContent(text: string): ContentVerdict {
  const scanner = createScanner(text, true);
  // jsonc-parser's scanner does not skip a byte order mark.
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);
  const token = scanner.scan();
  if (token !== SyntaxKind.OpenBraceToken) {
    return { descriptor: false, detail: 'its root is not an object', ...(token === SyntaxKind.EOF ? {} : { ruledOut: true as const }) };
  }

  const members = new Map<string, ValueKind | undefined>();
  /** Where the objects that are looked into begin (the offset of their `{`). */
  const objects = new Map<string, number>();
  const ruledOut = eachMember(text, scanner, (name, value): ContentVerdict | undefined => {
    const foreign = FOREIGN_MEMBERS[name];
    if (foreign !== undefined) return { descriptor: false, detail: `it has "${name}", as ${foreign} does`, ruledOut: true };
    members.set(name, kindOf(value));
    if (name === '$schema' && value === SyntaxKind.StringLiteral && META_SCHEMA.test(scanner.getTokenValue())) {
      return { descriptor: false, detail: 'it is a JSON Schema', ruledOut: true };
    }
    if (value === SyntaxKind.OpenBraceToken && (name === 'modules' || name === 'authentication'))
      objects.set(name, scanner.getTokenOffset());
    return undefined;
  });
  if (ruledOut) return ruledOut;
  const verdict = verdictOf(text, members, objects);
  return members.get('key') === 'string' || members.get('baseUrl') === 'string' ? { ...verdict, startsAsDescriptor: true } : verdict;
}

/**
 * Calls `visit` with each member of the object whose `{` the scanner has just read: its name and
 * the first token of its value (where the scanner stands), then skips the value without
 * tokenizing it. Stops at the object's end, or with what `visit` returns.
 */
function eachMember<T>(text: string, scanner: JSONScanner, visit: (name: string, value: SyntaxKind) => T | undefined): T | undefined {
  for (let token = scanner.scan(); token !== SyntaxKind.EOF && token !== SyntaxKind.CloseBraceToken;) {
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
    const value = scanner.scan();
    const result = visit(name, value);
    if (result !== undefined) return result;
    if (value === SyntaxKind.OpenBraceToken || value === SyntaxKind.OpenBracketToken) {
      scanner.setPosition(skipNested(text, scanner.getTokenOffset()) + 1);
    }
    // The value is read; what follows is a comma, the object's end or an error.
    token = scanner.scan();
    if (token === SyntaxKind.CommaToken) token = scanner.scan();
  }
  return undefined;
}

/** The members of the object that opens at `offset`, as eachMember visits them. */
function eachMemberAt<T>(text: string, offset: number, visit: (name: string, value: SyntaxKind, scanner: JSONScanner) => T | undefined) {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  scanner.scan();
  return eachMember(text, scanner, (name, value) => visit(name, value, scanner));
}

/** Connect's authentication: `{ "type": "jwt" }` or `{ "type": "none" }`. */
const CONNECT_AUTHENTICATION = /^(jwt|none)$/i;

function isConnectAuthentication(text: string, offset: number): boolean {
  return (
    eachMemberAt(text, offset, (name, value, scanner) =>
      name === 'type' ? value === SyntaxKind.StringLiteral && CONNECT_AUTHENTICATION.test(scanner.getTokenValue()) : undefined,
    ) ?? false
  );
}

/** Whether `modules` holds a module: a member whose value is a list of modules or one module (not a string). */
function holdsModules(text: string, offset: number): boolean {
  return (
    eachMemberAt(text, offset, (_name, value) =>
      value === SyntaxKind.OpenBracketToken || value === SyntaxKind.OpenBraceToken ? true : undefined,
    ) ?? false
  );
}

/** What in `modules` only Bitbucket has, in a few words: a module type of its own, else one of its locations. */
function bitbucketMarker(text: string, offset: number): string | undefined {
  const type = eachMemberAt(text, offset, (name) => (BITBUCKET_MODULES.has(name) ? name : undefined));
  if (type !== undefined) return `a Bitbucket "${type}" module`;
  const end = skipNested(text, offset);
  const location = text.indexOf(`"${BITBUCKET_LOCATION_PREFIX}`, offset);
  return location !== -1 && location < end ? `the Bitbucket location "${text.slice(location + 1, stringEnd(text, location))}"` : undefined;
}

function verdictOf(
  text: string,
  members: ReadonlyMap<string, ValueKind | undefined>,
  objects: ReadonlyMap<string, number>,
): ContentVerdict {
  if (members.get('key') !== 'string')
    return { descriptor: false, detail: members.has('key') ? '"key" is not a string' : 'it has no "key"' };
  if (members.get('capabilities') === 'object' && members.get('links') === 'object') {
    return { descriptor: true, detail: 'key, capabilities and links (a HipChat descriptor)' };
  }
  if (members.get('baseUrl') !== 'string') return { descriptor: false, detail: 'it has no "baseUrl" string' };
  const looksRight = (name: string): boolean => {
    if (members.get(name) !== CONNECT_MEMBERS[name]) return false;
    const offset = objects.get(name);
    if (name === 'modules' && offset !== undefined) return holdsModules(text, offset);
    if (name === 'authentication' && offset !== undefined) return isConnectAuthentication(text, offset);
    return true;
  };
  const connect = Object.keys(CONNECT_MEMBERS).filter(looksRight);
  if (connect.length >= MIN_CONNECT_MEMBERS) return { descriptor: true, detail: ['key', 'baseUrl', ...connect].join(', ') };
  const modules = objects.get('modules');
  const marker = connect.includes('modules') && modules !== undefined ? bitbucketMarker(text, modules) : undefined;
  if (marker !== undefined) return { descriptor: true, detail: `key, baseUrl, modules (${marker})` };
  return {
    descriptor: false,
    detail: `key and baseUrl, but ${connect.length === 0 ? 'none' : `only ${connect[0]}`} of ${Object.keys(CONNECT_MEMBERS).join(', ')}${discounted(members, connect)}`,
  };
}

/** Why members of the right kind did not count, for the verdict's detail. */
function discounted(members: ReadonlyMap<string, ValueKind | undefined>, counted: readonly string[]): string {
  const reasons: string[] = [];
  if (members.get('modules') === 'object' && !counted.includes('modules')) reasons.push('its modules hold no module');
  if (members.get('authentication') === 'object' && !counted.includes('authentication')) {
    reasons.push('its authentication is not of type jwt or none');
  }
  return reasons.length === 0 ? '' : ` (${reasons.join('; ')})`;
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
