/**
 * Uploads the Code Insights report from inside a Bitbucket Pipelines step, as Atlassian documents
 * it: plain-http requests for api.bitbucket.org sent through the step's proxy on localhost:29418,
 * which adds the step's credentials and forwards them over https. No token is read or sent here.
 * Node's own http client speaks to the proxy: Node 20's fetch cannot use a proxy without
 * bundling undici.
 *
 * The report is deleted first (a step re-run on the same commit would otherwise keep the
 * annotations of findings since fixed), then PUT, then its annotations POSTed 100 at a time.
 */
import * as http from 'node:http';
import { CODE_INSIGHTS_REPORT_ID, CodeInsightsDocument } from './formats/codeInsights';

/** The proxy every Pipelines step has. */
export const PIPELINES_PROXY = 'http://localhost:29418';
/** Points the upload at another proxy: the tests' stand-in server. Nothing else sets it. */
export const PROXY_VARIABLE = 'CONNECT_FORGE_LINT_PIPELINES_PROXY';
export const API_ORIGIN = 'http://api.bitbucket.org';
/** The Reports API takes at most 100 annotations a request. */
export const ANNOTATION_BATCH = 100;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Of an error response, this much is read (and the start of it shown). */
const MAX_ERROR_BODY = 64 * 1024;

export interface PipelinesStep {
  readonly workspace: string;
  readonly repoSlug: string;
  readonly commit: string;
}

export class UploadError extends Error {}

/** The repository and commit of the Pipelines step this runs in, from the variables Pipelines sets. */
export function pipelinesStep(env: Readonly<Record<string, string | undefined>>): PipelinesStep {
  const fullName = env.BITBUCKET_REPO_FULL_NAME?.trim();
  const commit = env.BITBUCKET_COMMIT?.trim();
  const missing = [!fullName && 'BITBUCKET_REPO_FULL_NAME', !commit && 'BITBUCKET_COMMIT'].filter(Boolean);
  if (missing.length > 0 || !fullName || !commit)
    throw new UploadError(
      `--code-insights-upload works inside a Bitbucket Pipelines step, but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`,
    );
  const parts = fullName.split('/');
  if (parts.length !== 2 || parts.some((part) => part === ''))
    throw new UploadError(`BITBUCKET_REPO_FULL_NAME must be <workspace>/<repository> (got '${fullName}')`);
  if (!/^[0-9a-f]{7,64}$/i.test(commit)) throw new UploadError(`BITBUCKET_COMMIT is not a commit hash (got '${commit}')`);
  return { workspace: parts[0], repoSlug: parts[1], commit };
}

export function reportPath(step: PipelinesStep): string {
  const segments = ['2.0', 'repositories', step.workspace, step.repoSlug, 'commit', step.commit, 'reports', CODE_INSIGHTS_REPORT_ID];
  return `/${segments.map(encodeURIComponent).join('/')}`;
}

export interface UploadOptions {
  /** The proxy's URL (default: Pipelines' own). */
  readonly proxy?: string;
  readonly userAgent: string;
  readonly timeoutMs?: number;
}

/** Uploads the report and its annotations; throws UploadError naming the request that failed. */
export async function uploadCodeInsights(document: CodeInsightsDocument, step: PipelinesStep, options: UploadOptions): Promise<void> {
  const proxyText = options.proxy ?? PIPELINES_PROXY;
  let proxy: URL;
  try {
    proxy = new URL(proxyText);
  } catch {
    throw new UploadError(`the Pipelines proxy address '${proxyText}' is not a URL`);
  }
  if (proxy.protocol !== 'http:') throw new UploadError(`the Pipelines proxy address must be an http: URL (got '${proxyText}')`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, path: string, body: unknown, accepted: readonly number[]): Promise<void> =>
    request({
      proxy,
      agent,
      method,
      path,
      body,
      accepted,
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
  try {
    const report = reportPath(step);
    await send('DELETE', report, undefined, [200, 204, 404]);
    await send('PUT', report, document.report, [200, 201]);
    for (let start = 0; start < document.annotations.length; start += ANNOTATION_BATCH) {
      await send('POST', `${report}/annotations`, document.annotations.slice(start, start + ANNOTATION_BATCH), [200, 201]);
    }
  } finally {
    agent.destroy();
  }
}

interface Request {
  readonly proxy: URL;
  readonly agent: http.Agent;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly accepted: readonly number[];
  readonly userAgent: string;
  readonly timeoutMs: number;
}

function request(options: Request): Promise<void> {
  const { proxy, method, path } = options;
  const target = new URL(path, API_ORIGIN);
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body), 'utf8');
  const what = `${method} ${target.pathname}`;
  return new Promise<void>((resolve, reject) => {
    const fail = (reason: string) => reject(new UploadError(`${what} failed: ${reason}`));
    const req = http.request(
      {
        // The proxy is asked for the absolute URL (absolute-form), as HTTP proxies are.
        host: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: proxy.port || 80,
        method,
        path: target.href,
        agent: options.agent,
        timeout: options.timeoutMs,
        headers: {
          host: target.host,
          accept: 'application/json',
          'user-agent': options.userAgent,
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_ERROR_BODY) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('error', (error) => fail(error.message));
        response.on('end', () => {
          if (options.accepted.includes(status)) return resolve();
          const text = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim();
          fail(`${status} ${response.statusMessage ?? ''}`.trim() + (text ? `: ${text.slice(0, 300)}` : ''));
        });
      },
    );
    req.on('timeout', () => {
      req.destroy();
      fail(`no answer from the Pipelines proxy at ${proxy.origin} within ${options.timeoutMs / 1000} s`);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN')
        fail(`cannot reach the Pipelines proxy at ${proxy.origin} (${error.code}): the upload works inside a Bitbucket Pipelines step`);
      else fail(error.message);
    });
    req.end(payload);
  });
}
