/**
 * Fetches a served descriptor with the rules of issue 12: http(s) only, plain http only where
 * allowed, at most 5 redirects (the final URL kept, a loop named), a timeout over the whole
 * exchange, the body streamed and cut at 5 MB, no cookies or credentials, a User-Agent naming the
 * tool, gzip/deflate/br accepted, and every failure named in words a user can act on.
 *
 * The fetch function is given by the caller: the CLI's (Node's fetch with a proxy dispatcher
 * for HTTPS_PROXY/HTTP_PROXY/NO_PROXY) or VS Code's in the extension host (which applies the
 * editor's proxy settings). So this module does no I/O of its own and knows no front end. Nothing
 * fetched is executed or written anywhere: the text is returned to be analysed.
 */
import { capText, megabytes } from '../sizes';
import { UrlPolicy, checkServedUrl } from './servedUrl';
import { FetchFailure, describeBrokenEncoding, describeNetworkError, failure } from './fetchFailures';

export const MAX_REDIRECTS = 5;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** What this module reads of a response: the part of WHATWG fetch's Response that Node and VS Code share. */
export interface FetchResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  readonly body: ReadableStream<Uint8Array> | null;
}

export interface FetchRequest {
  readonly method: 'GET';
  readonly headers: Record<string, string>;
  readonly redirect: 'manual';
  readonly credentials: 'omit';
  readonly signal: AbortSignal;
}

export type FetchFunction = (url: string, init: FetchRequest) => Promise<FetchResponse>;

export interface FetchServedOptions extends UrlPolicy {
  readonly fetch: FetchFunction;
  /** `connect-forge-lint/0.1.0` or the extension's name and version. */
  readonly userAgent: string;
  readonly timeoutMs?: number;
}

export interface ServedResponse {
  readonly ok: true;
  /** The URL asked for (without credentials). */
  readonly url: string;
  /** Where the descriptor was found after the redirects: the URL findings are reported under. */
  readonly finalUrl: string;
  /** The URLs redirected from, in order (empty when there was no redirect). */
  readonly redirects: readonly string[];
  readonly status: number;
  readonly contentType?: string;
  readonly text: string;
  /** Worth telling the user (credentials removed from a URL). */
  readonly notes: readonly string[];
}

export type FetchOutcome = ServedResponse | FetchFailure;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function fetchServed(given: string, options: FetchServedOptions): Promise<FetchOutcome> {
  const first = checkServedUrl(given, options);
  if (!first.ok) return failure(first.kind, first.message);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const notes = [...first.notes];
  const visited = [first.url.href];
  let current = first.url;
  try {
    for (;;) {
      let response: FetchResponse;
      try {
        response = await options.fetch(current.href, {
          method: 'GET',
          headers: {
            accept: 'application/json, */*;q=0.5',
            'accept-encoding': ACCEPT_ENCODING,
            'user-agent': options.userAgent,
          },
          redirect: 'manual',
          credentials: 'omit',
          signal: controller.signal,
        });
      } catch (error) {
        if (timedOut) return timeoutFailure(current, timeoutMs);
        return afterRedirect(describeNetworkError(error, current), visited);
      }
      if (REDIRECT_STATUSES.has(response.status)) {
        await discard(response);
        const location = response.headers.get('location');
        if (!location)
          return failure(
            'http-status',
            `${current.href} answered HTTP ${statusLine(response)} without saying where to (no Location header)`,
          );
        let target: URL;
        try {
          target = new URL(location, current);
        } catch {
          return failure('redirect', `${current.href} redirects to '${location}', which is not a URL`);
        }
        const next = checkServedUrl(target, options);
        if (!next.ok) return failure(next.kind, `${current.href} redirects to ${target.href}, which is not fetched: ${next.message}`);
        notes.push(...next.notes);
        if (visited.includes(next.url.href)) {
          return failure('redirect-loop', `redirect loop: ${[...visited, next.url.href].join(' → ')}`);
        }
        if (visited.length > MAX_REDIRECTS) {
          return failure(
            'too-many-redirects',
            `more than ${MAX_REDIRECTS} redirects, stopped at ${next.url.href}: ${visited.join(' → ')} → …`,
          );
        }
        visited.push(next.url.href);
        current = next.url;
        continue;
      }
      const contentType = response.headers.get('content-type') ?? undefined;
      if (response.status < 200 || response.status > 299) {
        await discard(response);
        return statusFailure(response, current);
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
        await discard(response);
        return tooLarge(current, megabytes(declared));
      }
      const body = await readBody(response, controller);
      if (body === 'too-large') return tooLarge(current, `over ${capText(MAX_BODY_BYTES)}`);
      if (typeof body !== 'string') {
        if (timedOut) return stalledFailure(current, response, timeoutMs);
        const encoding = response.headers.get('content-encoding');
        return (encoding && describeBrokenEncoding(body.error, current, encoding)) || describeNetworkError(body.error, current);
      }
      return {
        ok: true,
        url: first.url.href,
        finalUrl: current.href,
        redirects: visited.slice(0, -1),
        status: response.status,
        ...(contentType !== undefined ? { contentType } : {}),
        text: body,
        notes,
      };
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Reads the body as a stream, stopping (and aborting the request) past the limit. */
async function readBody(response: FetchResponse, controller: AbortController): Promise<string | 'too-large' | { error: unknown }> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        controller.abort();
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch (error) {
    return { error };
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // JSON is UTF-8 (RFC 8259); a byte order mark is kept for the core, which reads past it.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** Lets the connection go without reading a body nobody needs. */
async function discard(response: FetchResponse): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function statusLine(response: FetchResponse): string {
  return response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
}

function statusFailure(response: FetchResponse, url: URL): FetchFailure {
  const status = response.status;
  const line = `${url.href} answered HTTP ${statusLine(response)}`;
  if (status === 404 || status === 410)
    return failure(
      'http-status',
      `${line}: nothing is served there. Is the path right? The frameworks serve the descriptor at ${'/atlassian-connect.json'}`,
      status,
    );
  if (status === 401 || status === 403 || status === 407)
    return failure(
      'http-status',
      `${line}: it asks for credentials, which are never sent. Bitbucket reads the descriptor without any, so it must be public`,
      status,
    );
  if (status >= 500)
    return failure('http-status', `${line}: the app (or a proxy in front of it) failed to serve the descriptor; see its logs`, status);
  return failure('http-status', line, status);
}

function tooLarge(url: URL, size: string): FetchFailure {
  return failure(
    'too-large',
    `the response from ${url.href} is larger than any descriptor (${size}; at most ${capText(MAX_BODY_BYTES)} is read)`,
  );
}

function timeoutFailure(url: URL, timeoutMs: number): FetchFailure {
  return failure(
    'timeout',
    `${url.href} did not answer within ${formatSeconds(timeoutMs)} (timeout): is the app running and the URL right?`,
  );
}

/** The headers came, the rest did not: not "did not answer", which would send the user looking at the wrong thing. */
function stalledFailure(url: URL, response: FetchResponse, timeoutMs: number): FetchFailure {
  return failure(
    'timeout',
    `${url.href} answered HTTP ${statusLine(response)}, but its body stalled: not complete within ${formatSeconds(timeoutMs)} (timeout); is the app, or a proxy in front of it, stuck?`,
  );
}

/** A network failure at a URL a redirect led to says so: the user typed the first URL, not this one. */
function afterRedirect(failed: FetchFailure, visited: readonly string[]): FetchFailure {
  if (visited.length < 2) return failed;
  return { ...failed, message: `${visited[visited.length - 2]} redirects to ${visited[visited.length - 1]}: ${failed.message}` };
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
