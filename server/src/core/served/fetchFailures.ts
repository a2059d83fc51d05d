/**
 * Why a served descriptor could not be had, named so that a user can act on it. Node's fetch (and
 * VS Code's, which is Node's with a proxy) reports a network error as `TypeError: fetch failed`
 * whose `cause` chain carries the system's or OpenSSL's code: that code decides the wording.
 */

export type FetchFailureKind =
  | 'not-a-url'
  | 'scheme'
  | 'plain-http'
  | 'refused'
  | 'dns'
  | 'tls-self-signed'
  | 'tls-untrusted'
  | 'tls'
  | 'timeout'
  | 'connection'
  | 'redirect'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'http-status'
  | 'too-large'
  | 'encoding'
  | 'empty'
  | 'html'
  | 'invalid-json';

export interface FetchFailure {
  readonly ok: false;
  readonly kind: FetchFailureKind;
  /** One sentence, without the front end's hints (an option, a setting). */
  readonly message: string;
  /** The HTTP status, for an http-status failure. */
  readonly status?: number;
}

export function failure(kind: FetchFailureKind, message: string, status?: number): FetchFailure {
  return { ok: false, kind, message, ...(status !== undefined ? { status } : {}) };
}

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const UNTRUSTED = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT']);

export const EXTRA_CA_HINT =
  'If you trust it (a local or test server, a company proxy), add the certificate of the CA that issued it to NODE_EXTRA_CA_CERTS';

export function describeNetworkError(error: unknown, url: URL): FetchFailure {
  const codes = errorCodes(error);
  const has = (...wanted: string[]) => wanted.find((code) => codes.includes(code));
  const host = url.host;
  if (has('ECONNREFUSED')) {
    const refuser = refusedAddress(error);
    if (refuser && refuser !== host && refuser !== `${url.hostname}:${defaultPort(url)}`)
      return failure('refused', `connection refused by ${refuser} on the way to ${host}: is the proxy running?`);
    return failure('refused', `connection refused by ${host}: is the app running?`);
  }
  if (has('ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA'))
    return failure('dns', `the host name ${url.hostname} was not found (DNS): is it spelled right?`);
  if (has('EAI_AGAIN', 'EAI_FAIL'))
    return failure('dns', `the host name ${url.hostname} could not be looked up (DNS failed): is the network up?`);
  const selfSigned = has(...SELF_SIGNED);
  if (selfSigned)
    return failure(
      'tls-self-signed',
      `the TLS certificate of ${host} is self-signed, so it is not trusted (${selfSigned}). ${EXTRA_CA_HINT}`,
    );
  const untrusted = has(...UNTRUSTED);
  if (untrusted)
    return failure(
      'tls-untrusted',
      `the TLS certificate of ${host} was issued by a CA that is not trusted (${untrusted}). ${EXTRA_CA_HINT}`,
    );
  if (has('CERT_HAS_EXPIRED')) return failure('tls', `the TLS certificate of ${host} has expired`);
  if (has('ERR_TLS_CERT_ALTNAME_INVALID')) {
    const names = certificateNames(error);
    return failure(
      'tls',
      `the TLS certificate of ${host} is for another host name${names.length > 0 ? `: it is for ${listed(names)}` : ''}`,
    );
  }
  const tls = codes.find(
    (code) => code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO' || code.includes('CERT'),
  );
  if (tls) {
    const plain = /wrong.version.number|packet.length.too.long|http.request/i.test(messages(error).join(' '));
    return failure('tls', `the TLS handshake with ${host} failed (${tls})${plain ? ': does it speak https? Try http://' : ''}`);
  }
  if (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT')) return failure('timeout', `connecting to ${host} timed out: is the host reachable?`);
  if (has('ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED'))
    return failure('connection', `${host} closed the connection before the response was complete`);
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'))
    return failure('connection', `${host} cannot be reached from this machine (${codes[0]})`);
  if (messages(error).includes('bad port'))
    return failure(
      'connection',
      `port ${defaultPort(url)} is not fetched, as it belongs to another protocol (the fetch standard's blocked ports)`,
    );
  const detail = messages(error).filter((text) => text !== 'fetch failed');
  return failure('connection', `fetching ${url.href} failed: ${detail[detail.length - 1] ?? String(error)}`);
}

/**
 * A body that could not be decompressed, named as such: zlib's codes (Z_DATA_ERROR…) and
 * brotli's (ERR__ERROR_FORMAT_…) in the cause chain of the stream's error. Undefined for any
 * other error while reading the body.
 */
export function describeBrokenEncoding(error: unknown, url: URL, contentEncoding: string): FetchFailure | undefined {
  const broken = errorCodes(error).some((code) => /^Z_[A-Z_]+$|^ERR__ERROR_FORMAT|^ERR_BROTLI/.test(code));
  if (!broken && !messages(error).includes('Decompression failed')) return undefined;
  const detail = messages(error).filter((text) => text !== 'terminated' && text !== 'fetch failed');
  return failure(
    'encoding',
    `the response from ${url.href} says it is compressed (Content-Encoding: ${contentEncoding}), but the compressed body is broken${
      detail.length > 0 ? ` (${detail[detail.length - 1]})` : ''
    }: does a proxy or the app compress it twice, or label a plain body as compressed?`,
  );
}

/** The host names and addresses a certificate is for (its subjectAltName, else its CN), as the TLS error carries them. */
function certificateNames(error: unknown): string[] {
  let names: string[] = [];
  walk(error, (e) => {
    const cert = (e as { cert?: { subjectaltname?: unknown; subject?: { CN?: unknown } } }).cert;
    if (names.length > 0 || typeof cert !== 'object' || cert === null) return;
    if (typeof cert.subjectaltname === 'string')
      names = cert.subjectaltname
        .split(',')
        .map((entry) => entry.trim().replace(/^(DNS|IP Address):/, ''))
        .filter(Boolean);
    else if (typeof cert.subject?.CN === 'string') names = [cert.subject.CN];
  });
  return names;
}

function listed(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Who refused: the address and port the system error names, when it names them. */
function refusedAddress(error: unknown): string | undefined {
  let found: string | undefined;
  walk(error, (e) => {
    const { code, address, port } = e as { code?: unknown; address?: unknown; port?: unknown };
    if (found === undefined && code === 'ECONNREFUSED' && typeof address === 'string' && typeof port === 'number')
      found = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
  });
  return found;
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** The `code` of the error and of each cause (and, for a failed happy-eyeballs connect, each attempt). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  walk(error, (e) => {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  });
  return codes;
}

function messages(error: unknown): string[] {
  const texts: string[] = [];
  walk(error, (e) => {
    if (e instanceof Error && e.message) texts.push(e.message);
  });
  return texts;
}

function walk(error: unknown, visit: (error: object) => void, depth = 0): void {
  if (typeof error !== 'object' || error === null || depth > 8) return;
  visit(error);
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  walk(cause, visit, depth + 1);
  if (Array.isArray(errors)) for (const inner of errors) walk(inner, visit, depth + 1);
}
