/**
 * Reads a Forge app's `manifest.yml` the way the Forge CLI does, to learn the app id a Connect
 * descriptor's `forgeAppId` should carry. Pure: no file system, no process environment, never
 * throws. Offsets in the result are UTF-16 indices into the text passed in.
 *
 * CLI behaviour mirrored here (see docs/domain.md §3): the file is parsed with the `yaml` package
 * (v2, YAML 1.2 core schema, any parse error is fatal), then every string has its `${NAME}`
 * placeholders replaced, but only for names declared in `environment.variables`.
 */
import { Document, isAlias, isMap, isScalar, isSeq, parseDocument, Scalar, visit, YAMLMap } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { checkAppId, type IdProblem } from './forgeIds';
import { linePosition } from './lines';

/** The only name the Forge CLI reads: no `manifest.yaml`, no `manifest.*.yml` variants. */
export const MANIFEST_FILE_NAME = 'manifest.yml';
/** Names the Forge CLI does not read but people write; reported, never used. */
export const MANIFEST_NAME_VARIANTS: ReadonlySet<string> = new Set(['manifest.yaml']);
export const DEFAULT_MAX_MANIFEST_BYTES = 1024 * 1024;
/** Same limit as the `yaml` package's default, which the Forge CLI uses: a real manifest needs few aliases. */
const MAX_ALIAS_COUNT = 100;
/** Beyond this, more YAML errors only add noise: the first one already makes the file unusable. */
const MAX_REPORTED_SYNTAX_ERRORS = 20;

export type ManifestStatus = 'ok' | 'no-app-id' | 'unresolved' | 'invalid-app-id' | 'unreadable';

export type ManifestErrorCode =
  | 'too-large'
  | 'not-utf8'
  | 'empty'
  | 'yaml-syntax'
  | 'multiple-documents'
  | 'alias-limit'
  | 'too-deep'
  | 'not-a-mapping'
  | 'no-app'
  | 'no-app-id'
  | 'app-id-not-string'
  | 'app-id-unresolved'
  | 'app-id-invalid'
  | 'internal';

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** One reason the manifest cannot give a usable app id. */
export interface ManifestError extends TextRange {
  readonly code: ManifestErrorCode;
  /** One line, ready to show; starts with "manifest.yml" or "app.id". */
  readonly message: string;
  /** 1-based position of `start`. */
  readonly line?: number;
  readonly column?: number;
  /** For `app-id-invalid`: the checkAppId problem kind (`whitespace`, `not-ari`, …). */
  readonly kind?: string;
  /** Text to put in place of start..end, valid YAML there, when the fix is certain. */
  readonly replacement?: string;
}

/** A `${NAME}` used inside a string value. */
export interface VariableUse {
  readonly name: string;
  /** Listed in `environment.variables`; undeclared names are left as written by the CLI. */
  readonly declared: boolean;
  /** The declared default that was substituted; undefined when the value stays unresolved. */
  readonly value?: string;
}

/** A string value of the manifest, located, before and after `${NAME}` substitution. */
export interface ManifestString extends TextRange {
  /** After substitution of declared variables that have a default. */
  readonly value: string;
  /** As the YAML scalar reads, before substitution (e.g. `ari:cloud:ecosystem::app/${APP_ID}`). */
  readonly raw: string;
  readonly variables: readonly VariableUse[];
  /** Names whose `${NAME}` is still in `value`. */
  readonly unresolved: readonly string[];
}

export interface ManifestAppId extends ManifestString {
  /** The app UUID, only when `value` is a strict app ARI. */
  readonly uuid?: string;
  /** From checkAppId, offsets in the document; see ManifestError.replacement for `replacement`. */
  readonly problems: readonly IdProblem[];
}

export interface DeclaredVariable extends TextRange {
  readonly name: string;
  readonly default?: string;
}

export interface ManifestModules {
  /** Keys of `modules`, e.g. `bitbucket:mergeCheck`, `function`. */
  readonly types: readonly string[];
  /** Distinct prefixes of product module keys (`bitbucket`, `jira`, `jiraServiceManagement`…), in order of appearance. */
  readonly products: readonly string[];
  /** Declares a `bitbucket:*` module: the manifest is (also) a Bitbucket Forge app. */
  readonly bitbucket: boolean;
}

export interface ManifestInfo {
  readonly status: ManifestStatus;
  /** Empty exactly when status is 'ok'. The first error explains the status. */
  readonly errors: readonly ManifestError[];
  /** Set when the manifest was readable and `app.id` is a string. */
  readonly appId?: ManifestAppId;
  readonly connectKey?: ManifestString;
  readonly licensingEnabled?: boolean;
  /** Range of the `licensing` key inside `app`. */
  readonly licensingRange?: TextRange;
  readonly modules: ManifestModules;
  readonly environmentVariables: readonly DeclaredVariable[];
}

export interface ReadManifestOptions {
  /** Larger texts are rejected unparsed. Default 1 MiB. */
  readonly maxBytes?: number;
}

/** The last segment of a path or URI path, with / or \ separators. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** True for the file name the Forge CLI reads; accepts a path, with / or \ separators. */
export function isForgeManifestName(path: string): boolean {
  // Exact case: the CLI opens 'manifest.yml', which only matches case-insensitively on some systems.
  return baseName(path) === MANIFEST_FILE_NAME;
}

/** True for a name people give a manifest that the Forge CLI does not read (`manifest.yaml`). */
export function isManifestVariantName(path: string): boolean {
  return MANIFEST_NAME_VARIANTS.has(baseName(path));
}

/** The one-line reason the manifest cannot supply an app id, or undefined when it can. */
export function describeManifestProblem(info: ManifestInfo): string | undefined {
  if (info.status === 'ok') return undefined;
  return info.errors[0]?.message ?? `manifest.yml cannot supply an app id (${info.status}).`;
}

const NO_MODULES: ManifestModules = { types: [], products: [], bitbucket: false };

export function readManifest(text: string, options: ReadManifestOptions = {}): ManifestInfo {
  try {
    return read(text, options.maxBytes ?? DEFAULT_MAX_MANIFEST_BYTES);
  } catch (error) {
    // Defensive: a bug here must not take the language server down with it.
    const detail = error instanceof Error ? error.message : String(error);
    return unreadable(text, [{ code: 'internal', message: `manifest.yml could not be read: ${detail}`, start: 0, end: 0 }]);
  }
}

/** Real manifests nest a dozen levels; the yaml parser recurses and would take seconds to overflow. */
const MAX_NESTING = 500;

/**
 * The offset where nesting passes MAX_NESTING, or -1. Counts block nesting by indentation (and
 * compact `- - -` sequences) and flow nesting by brackets; quotes are skipped roughly, which can
 * only over-count in strings full of brackets, far beyond any real manifest.
 */
function tooDeep(text: string): number {
  let flow = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text[i] === ' ') i++;
    let depth = (i - lineStart) / 2;
    while (i + 1 < lineEnd && text[i] === '-' && text[i + 1] === ' ') {
      depth++;
      i += 2;
      while (i < lineEnd && text[i] === ' ') i++;
    }
    if (depth > MAX_NESTING) return i;
    for (let j = i; j < lineEnd; j++) {
      const c = text[j];
      if (c === '#' && (j === lineStart || text[j - 1] === ' ')) break;
      if (c === '[' || c === '{') {
        if (++flow > MAX_NESTING) return j;
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
      }
    }
    lineStart = lineEnd + 1;
  }
  return -1;
}

function read(text: string, maxBytes: number): ManifestInfo {
  const size = utf8Length(text, maxBytes);
  if (size > maxBytes) {
    return unreadable(text, [
      {
        code: 'too-large',
        message: `manifest.yml is too large to be a Forge manifest, so it was not read. It has more than ${maxBytes} bytes.`,
        start: 0,
        end: 0,
      },
    ]);
  }
  // Decoding invalid UTF-8 yields U+FFFD: the text is not what the author wrote, so do not trust it.
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    const { line, column } = lineColumn(text, bad);
    return unreadable(text, [
      {
        code: 'not-utf8',
        message: `manifest.yml is not valid UTF-8 (line ${line}, column ${column}). Save it as UTF-8.`,
        start: bad,
        end: bad + 1,
      },
    ]);
  }

  const deep = tooDeep(text);
  if (deep >= 0) {
    const { line, column } = lineColumn(text, deep);
    return unreadable(text, [
      {
        code: 'too-deep',
        message: `manifest.yml is nested too deeply to be a Forge manifest, so it was not read (line ${line}, column ${column}).`,
        start: deep,
        end: deep + 1,
      },
    ]);
  }

  // The yaml package skips a leading BOM and handles CRLF itself, keeping offsets into `text`.
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) return unreadable(text, syntaxErrors(text, doc));
  const aliasError = checkAliases(doc);
  if (aliasError) return unreadable(text, [aliasError]);

  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null && root.range[0] === root.range[1])) {
    return unreadable(text, [
      {
        code: 'empty',
        message: "manifest.yml is empty. Run forge create or forge register to write the app's manifest.",
        start: 0,
        end: text.length,
      },
    ]);
  }
  if (!isMap(root)) {
    const what = isSeq(root) ? 'a list' : 'a single value';
    return unreadable(text, [
      { code: 'not-a-mapping', message: `manifest.yml is ${what}, not a mapping with an app section.`, ...rangeOf(root) },
    ]);
  }
  return readRoot(text, doc, root);
}

function readRoot(text: string, doc: Document, root: YAMLMap): ManifestInfo {
  const environmentVariables = readVariables(doc, root);
  const declared = new Map(environmentVariables.map((v) => [v.name, v]));
  const modules = readModules(doc, root);
  const base = { modules, environmentVariables };

  const appPair = findPair(doc, root, 'app');
  const app = appPair && deref(doc, appPair.value);
  if (!appPair || !isMap(app)) {
    const at = appPair ? rangeOf(appPair.value ?? appPair.key) : { start: 0, end: 0 };
    const message = appPair
      ? 'manifest.yml has an app key that is not a mapping, so no app.id. Run forge register to write it.'
      : 'manifest.yml has no app section, so no app.id. Run forge register to create the app and write its id.';
    return finish(text, { ...base, errors: [{ code: 'no-app', message, ...at }] });
  }

  const connectKey = readString(doc, app, ['connect', 'key'], declared);
  const licensing = readLicensing(doc, app);
  const more = { ...base, ...licensing, ...(connectKey ? { connectKey } : {}) };

  const idPair = findPair(doc, app, 'id');
  const idNode = idPair && deref(doc, idPair.value);
  if (!idPair || idNode === undefined || (isScalar(idNode) && (idNode.value === null || idNode.value === ''))) {
    const at = idPair ? rangeOf(idPair.value ?? idPair.key) : rangeOf(appPair.key);
    const message = idPair
      ? 'app.id in manifest.yml is empty. Run forge register to create the app and write its id.'
      : 'manifest.yml has no app.id. Run forge register to create the app and write its id.';
    return finish(text, { ...more, errors: [{ code: 'no-app-id', message, ...at }] });
  }
  if (!isScalar(idNode) || typeof idNode.value !== 'string') {
    const at = rangeOf(idPair.value ?? idNode);
    const message = 'app.id in manifest.yml is not a string. It must be the app\'s ARI, "ari:cloud:ecosystem::app/<uuid>".';
    return finish(text, { ...more, errors: [{ code: 'app-id-not-string', message, ...at }] });
  }

  const id = locatedString(idPair.value, idNode, declared);
  const { appId, errors } = checkManifestAppId(text, id, idPair.value === idNode ? idNode : undefined);
  return finish(text, { ...more, appId, errors });
}

/** A result before its status, which `finish` derives from the first error. */
type Draft = Omit<ManifestInfo, 'status'>;

/** Adds line/column to the errors and derives the status from the first one. */
function finish(text: string, draft: Draft): ManifestInfo {
  const errors = draft.errors.map((e) => withPosition(text, e));
  return { ...draft, errors, status: statusOf(errors[0]?.code) };
}

function unreadable(text: string, errors: readonly ManifestError[]): ManifestInfo {
  return finish(text, { errors, modules: NO_MODULES, environmentVariables: [] });
}

function statusOf(code: ManifestErrorCode | undefined): ManifestStatus {
  switch (code) {
    case undefined:
      return 'ok';
    case 'no-app':
    case 'no-app-id':
      return 'no-app-id';
    case 'app-id-unresolved':
      return 'unresolved';
    case 'app-id-not-string':
    case 'app-id-invalid':
      return 'invalid-app-id';
    default:
      return 'unreadable';
  }
}

// ---------------------------------------------------------------------------------------------
// app.id

function checkManifestAppId(
  text: string,
  id: ManifestString,
  scalar: Scalar | undefined,
): { appId: ManifestAppId; errors: ManifestError[] } {
  if (id.unresolved.length > 0) {
    const message = unresolvedMessage(id);
    return { appId: { ...id, problems: [] }, errors: [{ code: 'app-id-unresolved', message, start: id.start, end: id.end }] };
  }
  const check = checkAppId(id.value);
  if (check.templated) {
    // A `{{…}}`/`<%…%>` placeholder: some other tool must fill it in; the Forge CLI never does.
    const message = `app.id in manifest.yml is a template placeholder, "${id.value}". The Forge CLI fills in only \${NAME} variables declared in environment.variables.`;
    return {
      appId: { ...id, problems: [] },
      errors: [{ code: 'app-id-invalid', kind: 'template', message, start: id.start, end: id.end }],
    };
  }
  const problems = check.problems.map((p) => locateProblem(text, id, scalar, p));
  const errors = problems.map((p): ManifestError => ({ code: 'app-id-invalid', ...p }));
  const uuid = problems.length === 0 ? check.uuid : undefined;
  return { appId: { ...id, problems, ...(uuid ? { uuid } : {}) }, errors };
}

function unresolvedMessage(id: ManifestString): string {
  const name = id.unresolved[0];
  const use = id.variables.find((v) => v.name === name);
  if (use?.declared) {
    return `app.id in manifest.yml uses \${${name}}, which has no default in environment.variables. Its value exists only in the shell when the Forge CLI runs, so it cannot be checked.`;
  }
  return `app.id in manifest.yml uses \${${name}}, which environment.variables does not declare. The Forge CLI leaves it as written, so app.id is not an ARI.`;
}

/** checkAppId's wording is about forgeAppId in a descriptor; say the same things about app.id. */
const MANIFEST_ID_MESSAGES: Readonly<Record<string, string>> = {
  whitespace: 'app.id in manifest.yml has spaces inside its quotes. The Forge CLI and Bitbucket need the exact ARI.',
  placeholder: 'app.id in manifest.yml is the all-zero placeholder from the documentation. Run forge register to get a real app id.',
  'bad-uuid': 'app.id in manifest.yml does not end in a valid Forge app UUID. It must be "ari:cloud:ecosystem::app/<lowercase uuid>".',
  'not-ari':
    'app.id in manifest.yml is {value}, not an app ARI. Run forge register to write a real one ("ari:cloud:ecosystem::app/<uuid>").',
  'bare-uuid': 'app.id in manifest.yml is a bare UUID. The Forge CLI expects the full ARI, "ari:cloud:ecosystem::app/<uuid>".',
  'console-url':
    'app.id in manifest.yml is a developer console URL. It must be the ARI of the app it names, "ari:cloud:ecosystem::app/<uuid>".',
  'upper-case': 'app.id in manifest.yml must be lower case. The Forge CLI accepts only a lowercase UUID.',
};

/**
 * Moves a problem from value offsets to document offsets. Offsets inside the value are only
 * exact when the source text between the quotes is the value itself (no escapes, no folding,
 * no substitution); otherwise the problem covers the whole scalar.
 */
function locateProblem(text: string, id: ManifestString, scalar: Scalar | undefined, problem: IdProblem): IdProblem {
  const message = (MANIFEST_ID_MESSAGES[problem.kind] ?? problem.message).replace('{value}', () => quoteShort(id.value));
  const quote = scalar?.type === Scalar.QUOTE_DOUBLE || scalar?.type === Scalar.QUOTE_SINGLE ? 1 : 0;
  const inner = text.slice(id.start + quote, id.end - quote);
  const exact = scalar !== undefined && id.raw === id.value && inner === id.value && (quote === 1 || scalar.type === Scalar.PLAIN);
  if (exact) {
    const at = id.start + quote;
    return { ...problem, message, start: at + problem.start, end: at + problem.end };
  }
  // A value built from a variable's default must be fixed in the default, not here.
  const replacement = problem.replacement !== undefined && id.raw === id.value ? JSON.stringify(problem.replacement) : undefined;
  return { kind: problem.kind, message, start: id.start, end: id.end, ...(replacement !== undefined ? { replacement } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Variables, strings, other fields

/** `environment.variables`: each entry a name, or `{ key, default }`. */
function readVariables(doc: Document, root: YAMLMap): DeclaredVariable[] {
  const env = deref(doc, findPair(doc, root, 'environment')?.value);
  const list = isMap(env) ? deref(doc, findPair(doc, env, 'variables')?.value) : undefined;
  if (!isSeq(list)) return [];
  const out: DeclaredVariable[] = [];
  for (const item of list.items) {
    const entry = deref(doc, item);
    if (isScalar(entry) && typeof entry.value === 'string') {
      out.push({ name: entry.value, ...rangeOf(entry) });
    } else if (isMap(entry)) {
      const key = deref(doc, findPair(doc, entry, 'key')?.value);
      if (!isScalar(key) || typeof key.value !== 'string') continue;
      const value = deref(doc, findPair(doc, entry, 'default')?.value);
      // The CLI splices the default into a string, so a number or boolean default reads as its text.
      const fallback = isScalar(value) && value.value !== null && typeof value.value !== 'object' ? String(value.value) : undefined;
      out.push({ name: key.value, ...rangeOf(entry), ...(fallback !== undefined ? { default: fallback } : {}) });
    }
  }
  return out;
}

const PLACEHOLDER = /\$\{([^}]+)\}/g;

/** Substitutes `${NAME}` like the CLI's EnvironmentVariableInterpolator, using defaults only. */
function interpolate(
  raw: string,
  declared: ReadonlyMap<string, DeclaredVariable>,
): Pick<ManifestString, 'value' | 'variables' | 'unresolved'> {
  const variables: VariableUse[] = [];
  const unresolved: string[] = [];
  const value = raw.replace(PLACEHOLDER, (whole, name: string) => {
    const variable = declared.get(name);
    const fallback = variable?.default;
    variables.push({ name, declared: variable !== undefined, ...(fallback !== undefined ? { value: fallback } : {}) });
    if (fallback !== undefined) return fallback;
    if (!unresolved.includes(name)) unresolved.push(name);
    return whole;
  });
  return { value, variables, unresolved };
}

/** A string scalar with its location: the written node (an alias stays where it is written). */
function locatedString(written: unknown, scalar: Scalar, declared: ReadonlyMap<string, DeclaredVariable>): ManifestString {
  const raw = String(scalar.value);
  const at = isNode(written) ? rangeOf(written) : rangeOf(scalar);
  return { ...at, raw, ...interpolate(raw, declared) };
}

function readString(
  doc: Document,
  map: YAMLMap,
  path: readonly string[],
  declared: ReadonlyMap<string, DeclaredVariable>,
): ManifestString | undefined {
  let current: YAMLMap = map;
  for (let i = 0; i < path.length - 1; i++) {
    const next = deref(doc, findPair(doc, current, path[i])?.value);
    if (!isMap(next)) return undefined;
    current = next;
  }
  const pair = findPair(doc, current, path[path.length - 1]);
  const node = deref(doc, pair?.value);
  if (!pair || !isScalar(node) || typeof node.value !== 'string') return undefined;
  return locatedString(pair.value, node, declared);
}

function readLicensing(doc: Document, app: YAMLMap): { licensingEnabled?: boolean; licensingRange?: TextRange } {
  const pair = findPair(doc, app, 'licensing');
  if (!pair) return {};
  const licensing = deref(doc, pair.value);
  const enabled = isMap(licensing) ? deref(doc, findPair(doc, licensing, 'enabled')?.value) : undefined;
  const licensingRange = rangeOf(pair.key);
  return isScalar(enabled) && typeof enabled.value === 'boolean' ? { licensingEnabled: enabled.value, licensingRange } : { licensingRange };
}

function readModules(doc: Document, root: YAMLMap): ManifestModules {
  const modules = deref(doc, findPair(doc, root, 'modules')?.value);
  if (!isMap(modules)) return NO_MODULES;
  const types: string[] = [];
  const products: string[] = [];
  for (const pair of modules.items) {
    const key = deref(doc, pair.key);
    if (!isScalar(key) || typeof key.value !== 'string') continue;
    types.push(key.value);
    // Product modules are `<product>:<type>`; core ones (function, webtrigger, trigger…) have no prefix.
    const colon = key.value.indexOf(':');
    const product = colon > 0 ? key.value.slice(0, colon) : undefined;
    if (product && !products.includes(product)) products.push(product);
  }
  return { types, products, bitbucket: products.includes('bitbucket') };
}

// ---------------------------------------------------------------------------------------------
// YAML helpers

interface FoundPair {
  readonly key: YamlNode;
  readonly value: unknown;
}

/** The pair of `map` whose key is the plain string `name`. */
function findPair(doc: Document, map: YAMLMap, name: string): FoundPair | undefined {
  for (const pair of map.items) {
    const key = deref(doc, pair.key);
    if (isScalar(key) && key.value === name && isNode(pair.key)) return { key: pair.key, value: pair.value };
  }
  return undefined;
}

/** The node itself, or the node an alias points at. */
function deref(doc: Document, node: unknown): YamlNode | undefined {
  if (isAlias(node)) return node.resolve(doc);
  return isNode(node) ? node : undefined;
}

function isNode(value: unknown): value is YamlNode {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

function rangeOf(node: unknown): TextRange {
  const range = isNode(node) ? node.range : undefined;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

function syntaxErrors(text: string, doc: Document): ManifestError[] {
  return doc.errors.slice(0, MAX_REPORTED_SYNTAX_ERRORS).map((error): ManifestError => {
    // At the end of the text the yaml package may point one past it; keep ranges inside the text.
    const start = Math.min(error.pos[0], text.length);
    const end = Math.min(Math.max(error.pos[1], start), text.length);
    const { line, column } = lineColumn(text, start);
    if (error.code === 'MULTIPLE_DOCS') {
      return {
        code: 'multiple-documents',
        message: `manifest.yml holds more than one YAML document, which the Forge CLI refuses. Another starts at line ${line}: keep one document and remove the "---" separator.`,
        start,
        end,
      };
    }
    const detail = error.message.split('\n')[0].replace(/\.$/, '');
    return { code: 'yaml-syntax', message: `manifest.yml is not valid YAML (line ${line}, column ${column}). ${detail}.`, start, end };
  });
}

/**
 * Expands the document as the CLI's `yaml.parse` does, to catch alias bombs ("billion laughs")
 * with the same alias limit; the expansion stops early, so this stays fast.
 */
function checkAliases(doc: Document): ManifestError | undefined {
  let hasAlias = false;
  let first: TextRange = { start: 0, end: 0 };
  visit(doc, {
    Alias(_, node) {
      hasAlias = true;
      first = rangeOf(node);
      return visit.BREAK;
    },
  });
  if (!hasAlias) return undefined;
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return undefined;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const message = /alias/i.test(detail)
      ? `manifest.yml expands YAML aliases too many times, which the Forge CLI refuses. That is a "billion laughs" attack (limit ${MAX_ALIAS_COUNT}).`
      : `manifest.yml could not be read as YAML. ${detail}.`;
    return { code: /alias/i.test(detail) ? 'alias-limit' : 'yaml-syntax', message, ...first };
  }
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** UTF-8 size of `text`, counting no further than just past `limit`. */
function utf8Length(text: string, limit: number): number {
  // Every UTF-16 unit is 1 to 3 bytes (a surrogate pair is 4 bytes for 2 units): decide cheaply first.
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** 1-based line and column (in UTF-16 units) of an offset, for messages: the lines an editor shows. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const { line, character } = linePosition(text, offset);
  return { line: line + 1, column: character + 1 };
}

/** The value in quotes for a message, cut short so the message stays one readable line. */
function quoteShort(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

function withPosition(text: string, error: ManifestError): ManifestError {
  if (error.line !== undefined) return error;
  return { ...error, ...lineColumn(text, error.start) };
}
