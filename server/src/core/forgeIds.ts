/**
 * Parsing and validation of the two Forge identifiers a Bitbucket Connect descriptor carries:
 * the app ARI (`forgeAppId`) and the developer console installation link (`forgeAppLink`).
 * Pure string functions: offsets in the results are indices into the value passed in.
 */

/** The Forge CLI's strict app UUID (lowercase, version nibble 0-5, variant 0/8/9/a/b). */
export const STRICT_APP_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-5][0-9a-f]{3}-[089ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const LOOSE_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const APP_ARI_PREFIX = 'ari:cloud:ecosystem::app/';
export const DEFAULT_CONSOLE_HOST = 'developer.atlassian.com';
/** The placeholder app id of Atlassian's documentation. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export const LINK_DOCS_URL = 'https://developer.atlassian.com/cloud/bitbucket/link-connect-to-its-equivalent-forge-app/';

/** One thing wrong with an identifier, located inside the value. */
export interface IdProblem {
  /** Stable sub-code, e.g. `not-https`; part of the diagnostic's data. */
  readonly kind: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** The whole corrected value, when the correction is certain. */
  readonly replacement?: string;
}

export function appAri(uuid: string): string {
  return APP_ARI_PREFIX + uuid.toLowerCase();
}

export function consoleDistributionUrl(uuid: string, host = DEFAULT_CONSOLE_HOST): string {
  return `https://${host}/console/myapps/${uuid}/manage/distribution`;
}

/** The developer console's installation link of an app, as the console shares it for Bitbucket. */
export function installLinkOf(uuid: string, signature: string, host = DEFAULT_CONSOLE_HOST): string {
  return `https://${host}/console/install/${uuid}?signature=${signature}&product=bitbucket`;
}

/** Values the Connect frameworks fill in when they serve the descriptor (ACE, Spring, ERB, Django, Go). */
export function isTemplated(value: string): boolean {
  return /\{\{.*\}\}|\$\{.*\}|<%.*%>|\{%.*%\}/s.test(value);
}

/** The app UUID named by an ARI, or undefined when the value is not a strict app ARI. */
export function uuidOfAri(value: string): string | undefined {
  if (!value.startsWith(APP_ARI_PREFIX)) return undefined;
  const uuid = value.slice(APP_ARI_PREFIX.length);
  return STRICT_APP_UUID.test(uuid) ? uuid : undefined;
}

export interface AppIdCheck {
  /** The app UUID the value names, once any certain correction is applied. */
  readonly uuid?: string;
  readonly problems: readonly IdProblem[];
  readonly templated: boolean;
}

/** Checks a `forgeAppId` (or manifest `app.id`) value against the Forge CLI's strict ARI form. */
export function checkAppId(value: string): AppIdCheck {
  if (isTemplated(value)) return { problems: [], templated: true };
  const problems: IdProblem[] = [];
  const trimmed = value.trim();
  const lead = value.length - value.trimStart().length;
  const whole = { start: 0, end: value.length };
  if (trimmed.length === 0) {
    return {
      templated: false,
      problems: [
        {
          kind: 'empty',
          message: 'forgeAppId is empty. Set it to the app.id of the Forge app\'s manifest.yml, e.g. "ari:cloud:ecosystem::app/<uuid>".',
          ...whole,
        },
      ],
    };
  }
  const span = { start: lead, end: lead + trimmed.length };

  const corrected = correctedAri(trimmed);
  if (trimmed !== value) {
    problems.push({
      kind: 'whitespace',
      message: 'forgeAppId has spaces around the ARI. Remove them: Bitbucket compares the ARI exactly.',
      ...whole,
      replacement: corrected ?? trimmed,
    });
  }
  const uuid = corrected?.slice(APP_ARI_PREFIX.length);
  if (uuid === NIL_UUID) {
    problems.push({
      kind: 'placeholder',
      message: "forgeAppId is the all-zero placeholder from the documentation. Use the app.id of your Forge app's manifest.yml.",
      ...span,
    });
    return { problems, templated: false };
  }
  if (corrected === trimmed) return { uuid, problems, templated: false };
  if (corrected !== undefined) {
    problems.push({ ...describeAriCorrection(trimmed), ...span, replacement: corrected });
    return { uuid, problems, templated: false };
  }
  if (trimmed.toLowerCase().startsWith(APP_ARI_PREFIX)) {
    const start = lead + APP_ARI_PREFIX.length;
    problems.push({
      kind: 'bad-uuid',
      message: `"${trimmed.slice(APP_ARI_PREFIX.length)}" is not a Forge app UUID. forgeAppId must be "ari:cloud:ecosystem::app/" followed by the app's lowercase UUID, as in manifest.yml.`,
      start,
      end: span.end,
    });
  } else {
    problems.push({
      kind: 'not-ari',
      message: 'forgeAppId is not a Forge app ARI ("ari:cloud:ecosystem::app/<uuid>"). Copy app.id from the Forge app\'s manifest.yml.',
      ...span,
    });
  }
  return { problems, templated: false };
}

/** The strict ARI a value certainly means (itself when already strict), or undefined. */
function correctedAri(value: string): string | undefined {
  if (uuidOfAri(value)) return value;
  if (LOOSE_UUID.test(value)) return validAri(value);
  const lower = value.toLowerCase();
  if (lower.startsWith(APP_ARI_PREFIX) && LOOSE_UUID.test(value.slice(APP_ARI_PREFIX.length))) {
    return validAri(value.slice(APP_ARI_PREFIX.length));
  }
  const consoleUuid = /^https?:\/\/[^/]+\/console\/(?:install|myapps)\/([^/?#]+)/i.exec(value)?.[1];
  if (consoleUuid && LOOSE_UUID.test(consoleUuid)) return validAri(consoleUuid);
  return undefined;
}

function validAri(uuid: string): string | undefined {
  const lower = uuid.toLowerCase();
  return STRICT_APP_UUID.test(lower) ? appAri(lower) : undefined;
}

function describeAriCorrection(value: string): Pick<IdProblem, 'kind' | 'message'> {
  if (LOOSE_UUID.test(value)) {
    return { kind: 'bare-uuid', message: 'forgeAppId is a bare UUID. Bitbucket expects the full ARI: "ari:cloud:ecosystem::app/<uuid>".' };
  }
  if (/^https?:/i.test(value)) {
    return {
      kind: 'console-url',
      message: 'forgeAppId is a developer console URL. It must be the ARI of the app it names: "ari:cloud:ecosystem::app/<uuid>".',
    };
  }
  return { kind: 'upper-case', message: 'forgeAppId must be lower case, as the Forge CLI writes it in manifest.yml.' };
}

export interface InstallLinkCheck {
  /** The app UUID in the link's path, lower case, when the path has one. */
  readonly uuid?: string;
  readonly products: readonly string[];
  readonly signed: boolean;
  readonly problems: readonly IdProblem[];
  readonly templated: boolean;
}

export interface InstallLinkOptions {
  /** Console hosts accepted besides developer.atlassian.com. */
  readonly extraHosts?: readonly string[];
}

const PLACEHOLDER_APP_SEGMENTS = /^(my-app-id|app-id|<.*>|x{8}(-x{4}){3}-x{12}|\.\.\.|…)$/i;
const PLACEHOLDER_SIGNATURES = /^(1234567890|x+|\.\.\.|…|<.*>|signature|your-signature)$/i;

/**
 * Checks a `forgeAppLink` value: an https link to the developer console's install page of the
 * app, signed, for Bitbucket. The signature is opaque and never verified.
 */
export function checkInstallLink(value: string, options: InstallLinkOptions = {}): InstallLinkCheck {
  const empty = { products: [], signed: false, templated: false };
  if (isTemplated(value)) return { ...empty, problems: [], templated: true };
  const problems: IdProblem[] = [];
  let text = value;
  let base = 0;
  /** Where each `&amp;` sits in the unescaped text. */
  const escapes: number[] = [];

  const trimmed = value.trim();
  if (trimmed.length === 0) {
    return {
      ...empty,
      problems: [
        {
          kind: 'empty',
          message: "forgeAppLink is empty. Paste the installation link from the Forge app's distribution page in the developer console.",
          start: 0,
          end: value.length,
        },
      ],
    };
  }
  if (trimmed !== value) {
    problems.push({
      kind: 'whitespace',
      message: 'forgeAppLink has spaces around the link. Remove them.',
      start: 0,
      end: value.length,
      replacement: trimmed.replace(/&amp;/g, '&'),
    });
    base = value.length - value.trimStart().length;
    text = trimmed;
  }
  if (text.includes('&amp;')) {
    const at = base + text.indexOf('&amp;');
    problems.push({
      kind: 'html-escaped',
      message: 'forgeAppLink has "&amp;" where the link needs "&". It is an HTML escape copied from a web page.',
      start: at,
      end: at + 5,
      replacement: value.trim().replace(/&amp;/g, '&'),
    });
    // Check the rest as if it were already fixed, mapping offsets back across the escapes.
    for (let i = text.indexOf('&amp;'); i >= 0; i = text.indexOf('&amp;', i + 5)) escapes.push(i - 4 * escapes.length);
    text = text.replace(/&amp;/g, '&');
  }

  const parts = splitUrl(text);
  const original = (index: number) => index + 4 * escapes.filter((escape) => escape < index).length;
  const at = (start: number, end: number) => ({ start: base + original(start), end: base + original(end) });
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !parts.scheme || !parts.host) {
    problems.push({
      kind: 'not-url',
      message:
        'forgeAppLink is not an absolute URL. Paste the whole installation link, "https://developer.atlassian.com/console/install/<app-id>?signature=…&product=bitbucket".',
      ...at(0, text.length),
    });
    return { ...empty, problems };
  }
  const hosts = [DEFAULT_CONSOLE_HOST, ...(options.extraHosts ?? [])].map((h) => h.toLowerCase());
  const consoleHost = hosts.includes(url.hostname.toLowerCase()) && url.port === '' && url.username === '' && url.password === '';
  if (parts.scheme.text.toLowerCase() !== 'https') {
    problems.push({
      kind: 'not-https',
      message: `forgeAppLink must use https, not "${parts.scheme.text}".`,
      ...at(parts.scheme.start, parts.scheme.end),
      // The console serves its links over https only: http to a console host certainly means https.
      ...(consoleHost && parts.scheme.text.toLowerCase() === 'http' ? { replacement: `https${text.slice(parts.scheme.end)}` } : {}),
    });
  }
  if (!consoleHost) {
    problems.push({
      kind: 'wrong-host',
      message: `forgeAppLink must point at the developer console, not "${parts.host.text}". Its host is ${hosts.join(' or ')} (allow others with the setting connectForgeLink.consoleHosts).`,
      ...at(parts.host.start, parts.host.end),
    });
  }

  let uuid: string | undefined;
  const pathMatch = /^\/console\/install\/([^/]*)\/?$/.exec(parts.path.text);
  if (!pathMatch) {
    problems.push({
      kind: 'wrong-path',
      message:
        'forgeAppLink is not an installation link: its path must be "/console/install/<app-id>". Get it from the Forge app\'s distribution page in the developer console.',
      ...at(parts.path.start, parts.path.end === parts.path.start ? text.length : parts.path.end),
    });
  } else {
    const segment = pathMatch[1];
    const segStart = parts.path.start + '/console/install/'.length;
    const segSpan = at(segStart, segStart + segment.length);
    if (PLACEHOLDER_APP_SEGMENTS.test(segment) || segment.toLowerCase() === NIL_UUID) {
      problems.push({
        kind: 'placeholder-app',
        message: `"${segment}" is the documentation's placeholder, not your app's id. Use your app's own installation link from the developer console.`,
        ...segSpan,
      });
    } else if (!LOOSE_UUID.test(segment)) {
      problems.push({
        kind: 'bad-app-id',
        message: `"${segment}" is not a Forge app UUID. The link's path must be "/console/install/<app-uuid>".`,
        ...segSpan,
      });
    } else {
      uuid = segment.toLowerCase();
    }
  }

  const params = parts.query;
  const signatures = params.filter((p) => p.name === 'signature');
  const products = params.filter((p) => p.name === 'product').map((p) => p.value);
  const querySpan = parts.queryStart >= 0 ? at(parts.queryStart, text.length) : at(text.length, text.length);
  const signed = signatures.some((s) => s.value.length > 0);
  if (signatures.length === 0) {
    problems.push({
      kind: 'no-signature',
      message: 'forgeAppLink has no "signature", so the link does not install the app. Copy the whole link from the developer console.',
      ...querySpan,
    });
  } else {
    for (const signature of signatures) {
      const span = at(signature.valueStart, signature.valueEnd);
      if (signature.value.length === 0) {
        problems.push({
          kind: 'no-signature',
          message:
            'forgeAppLink has an empty "signature", so the link does not install the app. Copy the whole link from the developer console.',
          ...(span.start === span.end ? at(signature.start, signature.valueEnd) : span),
        });
      } else if (PLACEHOLDER_SIGNATURES.test(signature.value)) {
        problems.push({
          kind: 'placeholder-signature',
          message: `"${signature.value}" is the documentation's placeholder signature. Copy the link with its real signature from the developer console.`,
          ...span,
        });
      }
    }
  }
  if (!products.some((p) => p.toLowerCase() === 'bitbucket')) {
    const product = params.find((p) => p.name === 'product');
    problems.push({
      kind: 'no-bitbucket',
      message:
        products.length === 0
          ? 'forgeAppLink has no "product=bitbucket": it is not a link for Bitbucket. Share the Forge app for Bitbucket in the developer console and copy that link.'
          : `forgeAppLink installs the app in ${products.join(', ')}, not Bitbucket. Share the Forge app for Bitbucket and use a link with "product=bitbucket".`,
      ...(product ? at(product.start, product.valueEnd) : querySpan),
    });
  }
  return { uuid, products, signed, problems, templated: false };
}

interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface QueryParam {
  readonly name: string;
  readonly value: string;
  readonly start: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

interface UrlParts {
  readonly scheme?: Span;
  readonly host?: Span;
  readonly path: Span;
  readonly queryStart: number;
  readonly query: readonly QueryParam[];
}

/** Splits a URL into located parts, so that problems can point inside the string. */
function splitUrl(text: string): UrlParts {
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text);
  if (!schemeMatch) return { path: { text: '', start: 0, end: 0 }, queryStart: -1, query: [] };
  const scheme = { text: schemeMatch[1], start: 0, end: schemeMatch[1].length };
  const hostStart = schemeMatch[0].length;
  const hostEnd = firstIndexOf(text, '/?#', hostStart);
  const host = { text: text.slice(hostStart, hostEnd), start: hostStart, end: hostEnd };
  const pathEnd = firstIndexOf(text, '?#', hostEnd);
  const path = { text: text.slice(hostEnd, pathEnd), start: hostEnd, end: pathEnd };
  if (text[pathEnd] !== '?') return { scheme, host, path, queryStart: -1, query: [] };
  const queryEnd = firstIndexOf(text, '#', pathEnd + 1);
  const query: QueryParam[] = [];
  let start = pathEnd + 1;
  while (start <= queryEnd) {
    const end = firstIndexOf(text, '&', start, queryEnd);
    const pair = text.slice(start, end);
    if (pair.length > 0) {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      const valueStart = eq < 0 ? end : start + eq + 1;
      query.push({ name: safeDecode(rawName), value: safeDecode(text.slice(valueStart, end)), start, valueStart, valueEnd: end });
    }
    start = end + 1;
  }
  return { scheme, host, path, queryStart: pathEnd, query };
}

function firstIndexOf(text: string, chars: string, from: number, limit = text.length): number {
  for (let i = from; i < limit; i++) if (chars.includes(text[i])) return i;
  return limit;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Problems that make a pasted value unusable as an install link (others are warnings). */
const BLOCKING_LINK_PROBLEMS = new Set(['empty', 'not-url', 'wrong-path', 'bad-app-id', 'placeholder-app']);

export function isBlockingLinkProblem(problem: IdProblem): boolean {
  return BLOCKING_LINK_PROBLEMS.has(problem.kind);
}

/** The link as it should be stored: no surrounding spaces, no HTML-escaped ampersands. */
export function normalizeInstallLink(value: string): string {
  return value.trim().replace(/&amp;/g, '&');
}
