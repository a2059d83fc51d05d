/**
 * The CLI's fetch for --served: undici's (bundled into the CLI only: neither the extension's client
 * nor its server imports this module) with a dispatcher that honours HTTPS_PROXY, HTTP_PROXY and
 * NO_PROXY (lower case first, as curl reads them) from the run's environment, not from
 * process.env, so that a test's run sees only what it was given.
 */
import type { LookupFunction } from 'node:net';
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import { FetchFunction, FetchResponse } from '../core';

type Env = Readonly<Record<string, string | undefined>>;

export interface ProxySettings {
  readonly httpProxy: string;
  readonly httpsProxy: string;
  readonly noProxy: string;
}

export function proxySettings(env: Env): ProxySettings {
  const read = (name: string) => (env[name.toLowerCase()] ?? env[name] ?? '').trim();
  return { httpProxy: read('HTTP_PROXY'), httpsProxy: read('HTTPS_PROXY'), noProxy: read('NO_PROXY') };
}

/** What a failure message adds when a proxy may have been in the way. */
export function describeProxies(settings: ProxySettings): string | undefined {
  const used = [
    settings.httpsProxy && `HTTPS_PROXY=${withoutCredentials(settings.httpsProxy)}`,
    settings.httpProxy && `HTTP_PROXY=${withoutCredentials(settings.httpProxy)}`,
  ].filter(Boolean);
  if (used.length === 0) return undefined;
  return `${used.join(', ')}${settings.noProxy ? `, NO_PROXY=${settings.noProxy}` : ''}`;
}

export interface CliFetch {
  readonly fetch: FetchFunction;
  readonly close: () => Promise<void>;
}

/**
 * `lookup` replaces the system's name resolution (the tests resolve their own names locally, so
 * that no query leaves the machine); the proxies are taken from `env` only.
 */
export function createCliFetch(env: Env, lookup?: LookupFunction): CliFetch {
  const settings = proxySettings(env);
  const dispatcher = new EnvHttpProxyAgent({
    // '' (not undefined) keeps undici from reading process.env itself.
    httpProxy: settings.httpProxy,
    httpsProxy: settings.httpsProxy || settings.httpProxy,
    noProxy: settings.noProxy,
    ...(lookup ? { connect: { lookup } } : {}),
  });
  return {
    fetch: async (url, init) => (await undiciFetch(url, { ...init, dispatcher })) as FetchResponse,
    close: () => dispatcher.close(),
  };
}

function withoutCredentials(proxy: string): string {
  try {
    const url = new URL(proxy);
    if (url.username || url.password) {
      url.username = '';
      url.password = '';
      return url.href;
    }
  } catch {
    // Not a URL: shown as given, undici says why it cannot use it.
  }
  return proxy;
}
