/**
 * --served: fetch the descriptor the app serves, check it with every rule and compare it with the
 * local descriptor (the one path given or found, or the one whose key the served one has).
 * The served text is reported under its final URL; it is never run or written anywhere.
 */
import type { LookupFunction } from 'node:net';
import {
  ComparedKey,
  FetchFailure,
  analyze,
  analyzeServed,
  fetchServed,
  findProperty,
  formatSeconds,
  isTemplated,
  parseDescriptor,
  servedUrlFromBaseUrl,
  stringValue,
  whichUrlToPass,
} from '../core';
import { PROGRAM } from './args';
import { CheckResult, analysisOptions, analysisSettings, rulesOf } from './check';
import { DescriptorTarget } from './discover';
import { FileReport } from './format';
import { CliOptions } from './options';
import { createCliFetch, describeProxies, proxySettings } from './servedFetch';

/** The served check cannot start (no URL to fetch): said in one line, exit code 2. */
export class ServedUsageError extends Error {}

export interface ServedRun {
  readonly report: FileReport;
  /** Said on stderr: redirects, credentials removed, which local descriptor was compared. */
  readonly notes: readonly string[];
  /** The local descriptor compared with (its display path), when there was one. */
  readonly comparedWith?: string;
  /** Why no comparison was made although local descriptors were found (an exit code 2 problem). */
  readonly comparisonError?: string;
  /** The compared keys that are templates in the local descriptor (not compared). */
  readonly templatedLocally: readonly ComparedKey[];
}

export interface ServedContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly version: string;
  readonly lookup?: LookupFunction;
}

interface Local {
  readonly target: DescriptorTarget;
  readonly display: string;
  readonly text: string;
}

export async function checkServed(
  options: CliOptions,
  targets: readonly DescriptorTarget[],
  results: readonly CheckResult[],
  context: ServedContext,
): Promise<ServedRun> {
  const locals: Local[] = targets
    .map((target, index) => ({ target, display: results[index].report.path, report: results[index].report }))
    .filter((local) => local.report.error === undefined)
    .map(({ target, display, report }) => ({ target, display, text: report.text }));
  const url = options.served?.url ?? derivedUrl(locals, options);

  const network = createCliFetch(context.env, context.lookup);
  let outcome;
  try {
    outcome = await fetchServed(url, {
      fetch: network.fetch,
      userAgent: `${PROGRAM}/${context.version} (+https://github.com/connect-forge-link/connect-forge-link)`,
      timeoutMs: options.timeoutMs,
      allowHttp: options.allowHttp,
    });
  } finally {
    await network.close();
  }
  if (!outcome.ok) return failed(url, withHints(outcome, options, context), []);
  const notes = [...outcome.notes];
  if (outcome.redirects.length > 0)
    notes.push(
      `${outcome.url} redirected to ${outcome.finalUrl} (${outcome.redirects.length} redirect${outcome.redirects.length === 1 ? '' : 's'})`,
    );

  const settings = analysisSettings(options);
  const servedKey = stringValue(findProperty(parseDescriptor(outcome.text).root, 'key')?.valueNode);
  const choice = chooseLocal(locals, servedKey);
  if (choice.note) notes.push(choice.note);
  const local = choice.local;
  const result = analyzeServed(outcome.text, {
    url: outcome.finalUrl,
    contentType: outcome.contentType,
    settings,
    local: local && {
      label: local.display,
      location: local.target.file,
      text: local.text,
      analysis: analyze(local.text, analysisOptions(local.target, settings)),
    },
  });
  if (!result.ok) return failed(outcome.finalUrl, result.message, notes);
  if (result.templatedLocally.length > 0 && local)
    notes.push(
      `${result.templatedLocally.join(', ')} ${result.templatedLocally.length === 1 ? 'is a template' : 'are templates'} in ${local.display}: the served ${result.templatedLocally.length === 1 ? 'value was' : 'values were'} checked instead`,
    );
  for (const failure of result.failures)
    notes.push(`internal error: rule ${failure.ruleId} failed on ${outcome.finalUrl}: ${failure.error}`);
  return {
    report: {
      kind: 'descriptor',
      path: outcome.finalUrl,
      source: { kind: 'url', url: outcome.finalUrl },
      ...rulesOf(result.analysis, result),
      text: outcome.text,
      product: result.analysis.product.product,
      manifests: result.analysis.manifests.matches.map((match) => match.label),
      findings: result.findings,
      served: {
        url: outcome.url,
        finalUrl: outcome.finalUrl,
        redirects: outcome.redirects,
        status: outcome.status,
        ...(local ? { comparedWith: local.display } : {}),
      },
    },
    notes,
    ...(local ? { comparedWith: local.display } : {}),
    ...(choice.error ? { comparisonError: choice.error } : {}),
    templatedLocally: result.templatedLocally,
  };
}

/** The URL from the one local descriptor's baseUrl, or why there is none. */
function derivedUrl(locals: readonly Local[], options: CliOptions): string {
  if (locals.length === 0)
    throw new ServedUsageError(
      `--served needs a URL here: no descriptor was found in ${options.paths.join(', ')} to take its baseUrl from; ${whichUrlToPass()}`,
    );
  if (locals.length > 1)
    throw new ServedUsageError(
      `--served without a URL takes the local descriptor's baseUrl, but ${locals.length} descriptors were found (${locals.map((l) => l.display).join(', ')}): name one (${PROGRAM} --served <path>) or pass the URL`,
    );
  const local = locals[0];
  const derived = servedUrlFromBaseUrl(findProperty(parseDescriptor(local.text).root, 'baseUrl')?.valueNode?.value, local.display);
  if (!derived.ok) throw new ServedUsageError(`--served needs a URL: ${derived.message}`);
  return derived.url;
}

interface LocalChoice {
  readonly local?: Local;
  readonly note?: string;
  readonly error?: string;
}

/** The one local descriptor, or among several the one whose key is the served key. */
function chooseLocal(locals: readonly Local[], servedKey: string | undefined): LocalChoice {
  if (locals.length === 0) return { note: 'no local descriptor was found: the served descriptor is checked but not compared' };
  if (locals.length === 1) return { local: locals[0] };
  const list = locals.map((local) => local.display).join(', ');
  const sameKey =
    servedKey === undefined || isTemplated(servedKey)
      ? []
      : locals.filter((local) => stringValue(findProperty(parseDescriptor(local.text).root, 'key')?.valueNode) === servedKey);
  if (sameKey.length === 1)
    return { local: sameKey[0], note: `compared with ${sameKey[0].display}, whose key is the served key "${servedKey}"` };
  const why =
    servedKey === undefined
      ? 'the served descriptor has no key to tell them apart'
      : `${sameKey.length === 0 ? 'none' : 'several'} of them ${sameKey.length === 0 ? 'has' : 'have'} the served key "${servedKey}"`;
  return {
    error: `cannot tell which local descriptor to compare with: ${locals.length} were found (${list}) and ${why}; name the one to compare with`,
  };
}

function failed(url: string, message: string, notes: readonly string[]): ServedRun {
  return {
    report: {
      kind: 'descriptor',
      path: url,
      source: { kind: 'url', url },
      text: '',
      manifests: [],
      findings: [],
      rulesRun: [],
      ruleFailures: [],
      error: `cannot check the served descriptor: ${message}`,
    },
    notes,
    templatedLocally: [],
  };
}

/** The failure's message, with what to do about it here (an option, a variable). */
function withHints(failure: FetchFailure, options: CliOptions, context: ServedContext): string {
  switch (failure.kind) {
    case 'plain-http':
      return `${failure.message}; pass --allow-http to fetch it anyway`;
    case 'timeout':
      return `${failure.message} Wait longer with --timeout <seconds> (now ${formatSeconds(options.timeoutMs)}).`;
    case 'refused':
    case 'dns':
    case 'connection':
    case 'tls':
    case 'tls-self-signed':
    case 'tls-untrusted': {
      const proxies = describeProxies(proxySettings(context.env));
      return proxies ? `${failure.message} (proxies: ${proxies})` : failure.message;
    }
    default:
      return failure.message;
  }
}
