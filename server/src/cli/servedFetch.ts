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

/** A proxy variable as read: its name as spelled in the environment (https_proxy or HTTPS_PROXY) and its value. */
export interface ProxyVariable {
  readonly name: string;
  readonly value: string;
}

export interface ProxySettings {
  readonly httpProxy?: ProxyVariable;
  readonly httpsProxy?: ProxyVariable;
  readonly noProxy?: ProxyVariable;
}

export function proxySettings(env: Env): ProxySettings {
  const read = (name: string): ProxyVariable | undefined => {
    // The first one set wins, empty or not: an empty https_proxy turns HTTPS_PROXY off, as in curl.
    const spelled = [name.toLowerCase(), name].find((candidate) => env[candidate] !== undefined);
    const value = spelled === undefined ? '' : (env[spelled] ?? '').trim();
    return spelled !== undefined && value !== '' ? { name: spelled, value } : undefined;
  };
  return { httpProxy: read('HTTP_PROXY'), httpsProxy: read('HTTPS_PROXY'), noProxy: read('NO_PROXY') };
}

/** What a failure message adds when a proxy may have been in the way: the variables read, by the names they were read under. */
export function describeProxies(settings: ProxySettings): string | undefined {
  const used = [settings.httpsProxy, settings.httpProxy]
    .filter((variable): variable is ProxyVariable => variable !== undefined)
    .map((variable) => `${variable.name}=${withoutCredentials(variable.value)}`);
  if (used.length === 0) return undefined;
  return `${used.join(', ')}${settings.noProxy ? `, ${settings.noProxy.name}=${settings.noProxy.value}` : ''}`;
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
    httpProxy: settings.httpProxy?.value ?? '',
    httpsProxy: (settings.httpsProxy ?? settings.httpProxy)?.value ?? '',
    noProxy: settings.noProxy?.value ?? '',
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
