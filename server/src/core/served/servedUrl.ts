/**
 * Which URLs the served-descriptor check may fetch, and which URL a descriptor's own `baseUrl`
 * points at. Pure: the CLI and the VS Code command ask the same questions with the same answers.
 */
import { isTemplated } from '../forgeIds';

/** Where atlassian-connect-express and atlassian-connect-spring-boot serve the descriptor. */
export const DESCRIPTOR_PATH = '/atlassian-connect.json';

/** The URLs a descriptor is usually served at on a developer's machine, for messages. */
export const USUAL_LOCAL_URLS: readonly { readonly framework: string; readonly url: string }[] = [
  { framework: 'atlassian-connect-express', url: `http://localhost:3000${DESCRIPTOR_PATH}` },
  { framework: 'Spring Boot', url: `http://localhost:8080${DESCRIPTOR_PATH}` },
];

export type UrlCheck =
  | {
      readonly ok: true;
      /** The URL to request: without user name and password. */
      readonly url: URL;
      /** Said to the user: what was changed or is worth knowing (credentials removed). */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly kind: 'not-a-url' | 'scheme' | 'plain-http'; readonly message: string };

export interface UrlPolicy {
  /** Plain http: to any host that is not this machine (the CLI's --allow-http). */
  readonly allowHttp: boolean;
  /** Plain http: to these hosts (`host:port`) only: the one whose URL the user confirmed in the editor. */
  readonly httpHosts?: readonly string[];
}

/**
 * Whether the URL may be fetched: http: or https: only, and plain http: only for loopback hosts
 * unless allowed. A user name or password in the URL is removed (credentials are never sent).
 */
export function checkServedUrl(text: string | URL, policy: UrlPolicy): UrlCheck {
  let url: URL;
  try {
    url = typeof text === 'string' ? new URL(text.trim()) : new URL(text.href);
  } catch {
    const given = String(text).trim();
    const host = /^([\w.-]+)(:\d+)?(\/|$)/.exec(given)?.[1];
    const hint = host ? ` (did you mean ${isLoopbackHost(host) ? 'http' : 'https'}://${given}?)` : '';
    return { ok: false, kind: 'not-a-url', message: `'${String(text)}' is not a URL${hint}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    const hint = /^(localhost|127\.|\[::1\])/.test(url.protocol) ? ` (did you mean http://${String(text).trim()}?)` : '';
    return {
      ok: false,
      kind: 'scheme',
      message: `${url.protocol.replace(/:$/, '')}: URLs are not fetched, only http: and https: ones (got '${String(text)}')${hint}`,
    };
  }
  const notes: string[] = [];
  if (url.username !== '' || url.password !== '') {
    url.username = '';
    url.password = '';
    notes.push(`the user name and password in the URL were removed: credentials are never sent (${url.href})`);
  }
  if (url.protocol === 'http:' && !policy.allowHttp && !isLoopbackHost(url.hostname) && !policy.httpHosts?.includes(url.host)) {
    return {
      ok: false,
      kind: 'plain-http',
      message: `${url.href} is plain http: and not on this machine; a production app is served over https`,
    };
  }
  return { ok: true, url, notes };
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1 (also as an IPv4-mapped address). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  const v4 = host.replace(/^::ffff:/, '');
  const octets = v4.split('.');
  if (octets.length === 4 && octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)) return octets[0] === '127';
  // WHATWG URLs write an IPv4-mapped IPv6 address in hex: ::ffff:7f00:1 is 127.0.0.1.
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(host);
  return mapped !== null && parseInt(mapped[1], 16) >> 8 === 127;
}

/** What to do when no URL can be derived: pass one, usually one of these. */
export function whichUrlToPass(): string {
  const usual = USUAL_LOCAL_URLS.map((entry) => `${entry.framework} ${entry.url}`).join(', ');
  return `pass the URL the app serves its descriptor at (on this machine usually: ${usual})`;
}

export type DerivedUrl =
  | { readonly ok: true; readonly url: string }
  | {
      readonly ok: false;
      /** Why no URL can be derived, ending with which URL to pass. */
      readonly message: string;
    };

/**
 * The served descriptor's URL from the local descriptor's `baseUrl`: `<baseUrl>/atlassian-connect.json`
 * when it is a literal https URL (or an http one on this machine). A template says which URL to pass
 * instead, naming the usual local ones.
 */
export function servedUrlFromBaseUrl(baseUrl: unknown, descriptorLabel: string): DerivedUrl {
  const pass = whichUrlToPass();
  if (baseUrl === undefined) return { ok: false, message: `${descriptorLabel} has no baseUrl: ${pass}` };
  if (typeof baseUrl !== 'string') return { ok: false, message: `${descriptorLabel}'s baseUrl is not a string: ${pass}` };
  if (isTemplated(baseUrl))
    return { ok: false, message: `${descriptorLabel}'s baseUrl is a template ("${baseUrl}"), filled in when the app runs: ${pass}` };
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return { ok: false, message: `${descriptorLabel}'s baseUrl "${baseUrl}" is not a URL: ${pass}` };
  }
  const literalHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !literalHttp)
    return { ok: false, message: `${descriptorLabel}'s baseUrl "${baseUrl}" is not an https URL: ${pass}` };
  url.search = '';
  url.hash = '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${DESCRIPTOR_PATH}`;
  return { ok: true, url: url.href };
}
