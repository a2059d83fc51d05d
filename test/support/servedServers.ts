/**
 * Real servers on 127.0.0.1 for the served-descriptor tests: one HTTP and one HTTPS server (with a
 * self-signed certificate made by openssl when the tests start) answering every case of issue 12,
 * a forwarding proxy (absolute-form requests and CONNECT tunnels) that records what it carried,
 * and a port where nothing listens. Each server logs the requests it answered, so that tests can
 * see the headers that were (not) sent.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export const SERVED_UUID = '70df33c7-2f7f-4148-b923-bf8c15d7e874';
export const OTHER_SERVED_UUID = 'f29fdb13-c3ac-4e38-a7be-9ca0d8d5b6ac';
export const SERVED_ARI = `ari:cloud:ecosystem::app/${SERVED_UUID}`;
export const OTHER_SERVED_ARI = `ari:cloud:ecosystem::app/${OTHER_SERVED_UUID}`;
export const SERVED_LINK = `https://developer.atlassian.com/console/install/${SERVED_UUID}?signature=e1747bac288da54260584fe0e44a74c907e47d8f0870d4752d1c4e92ba663dfa&product=bitbucket`;

/** A Bitbucket descriptor as an app serves it, with the members given (undefined: left out). */
export function servedDescriptor(members: { key?: string; forgeAppLink?: string; forgeAppId?: string; baseUrl?: string } = {}): string {
  const descriptor: Record<string, unknown> = {
    key: members.key ?? 'acme-served',
    ...(members.forgeAppLink !== undefined ? { forgeAppLink: members.forgeAppLink } : {}),
    ...(members.forgeAppId !== undefined ? { forgeAppId: members.forgeAppId } : {}),
    name: 'Acme served',
    baseUrl: members.baseUrl ?? 'https://acme.example.com',
    authentication: { type: 'jwt' },
    contexts: ['account'],
    scopes: ['repository'],
    modules: { webItems: [{ key: 'w', location: 'org.bitbucket.repository.navigation', url: '/w', name: { value: 'W' } }] },
  };
  return `${JSON.stringify(descriptor, null, 2)}\n`;
}

export const CLEAN = servedDescriptor({ forgeAppLink: SERVED_LINK, forgeAppId: SERVED_ARI });

/** What each path answers. The same on both servers. */
export const PATHS = {
  clean: '/atlassian-connect.json',
  noLink: '/no-link.json',
  otherId: '/other-id.json',
  ace: '/ace/atlassian-connect.json',
  json5: '/json5.json',
  html: '/login',
  notFound: '/missing.json',
  serverError: '/error.json',
  chain: '/redirect/3',
  tooMany: '/redirect/6',
  loop: '/loop/a',
  slow: '/slow.json',
  large: '/large.json',
  largeDeclared: '/large-declared.json',
  gzip: '/gzip.json',
  deflate: '/deflate.json',
  brotli: '/br.json',
  empty: '/empty.json',
  invalid: '/invalid.json',
  cookie: '/cookie',
  toHttp: '/to-http',
  badGzip: '/bad-gzip.json',
  stalled: '/stalled.json',
  json5Syntax: '/json5-syntax.json',
  toBlockedPort: '/to-port-1',
  toOtherHost: '/to-other-host',
} as const;

/**
 * A host name the proxy tunnels to the HTTPS server (CONNECT misnamed.test:443) but that the
 * server's certificate is not for: a certificate for another host name.
 */
export const MISNAMED_HOST = 'misnamed.test';

/** 6 MB, more than the 5 MB the check reads. */
export const LARGE_BYTES = 6 * 1024 * 1024;

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface TestServer {
  readonly origin: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface ServedServers {
  readonly http: TestServer;
  readonly https: TestServer;
  /** The self-signed certificate of the HTTPS server (PEM), for NODE_EXTRA_CA_CERTS. */
  readonly certificateFile: string;
  readonly proxy: TestServer & { readonly tunnels: string[] };
  /** A port on 127.0.0.1 where nothing listens. */
  readonly refusedPort: number;
  close(): Promise<void>;
}

export interface ServedServersOptions {
  /** More host names the certificate is for (CONNECT tunnels for them end at the HTTPS server). */
  readonly hostNames?: readonly string[];
  /** Texts served at these paths instead of the cases' (both servers). */
  readonly routes?: Readonly<Record<string, string>>;
}

export async function startServedServers(options: ServedServersOptions = {}): Promise<ServedServers> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'served-tls-'));
  const certificateFile = path.join(folder, 'certificate.pem');
  const keyFile = path.join(folder, 'key.pem');
  // A self-signed certificate for 127.0.0.1 and localhost, valid for a day.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      `subjectAltName=${['IP:127.0.0.1', 'DNS:localhost', ...(options.hostNames ?? []).map((name) => `DNS:${name}`)].join(',')}`,
      '-keyout',
      keyFile,
      '-out',
      certificateFile,
    ],
    { stdio: 'pipe' },
  );
  const tls = { key: readFileSync(keyFile), cert: readFileSync(certificateFile) };

  const routes = options.routes ?? {};
  const plain = await listen(http.createServer(), 'http', routes);
  const secure = await listen(https.createServer(tls), 'https', routes);
  const tunnels = new Map(
    [...(options.hostNames ?? []), MISNAMED_HOST].map((name) => [`${name}:443`, `127.0.0.1:${new URL(secure.origin).port}`]),
  );
  const proxy = await startProxy(tunnels);
  const refusedPort = await freePort();
  return {
    http: plain,
    https: secure,
    certificateFile,
    proxy,
    refusedPort,
    async close() {
      await Promise.all([plain.close(), secure.close(), proxy.close()]);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function listen(server: http.Server, scheme: 'http' | 'https', routes: Readonly<Record<string, string>>): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const origin = `${scheme}://127.0.0.1:${port}`;
  server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    const route = routes[new URL(request.url ?? '/', 'http://127.0.0.1').pathname];
    if (route !== undefined) {
      response.writeHead(200, json);
      response.end(route);
    } else {
      answer(request, response);
    }
  });
  return { origin, requests, close: () => closeServer(server, sockets) };
}

function closeServer(server: net.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

const json = { 'content-type': 'application/json; charset=utf-8' };

function answer(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const redirect = (location: string, status = 302) => {
    response.writeHead(status, { location });
    response.end();
  };
  const chain = /^\/redirect\/(\d+)$/.exec(url.pathname);
  if (chain) {
    const left = Number(chain[1]);
    return redirect(left <= 1 ? PATHS.clean : `/redirect/${left - 1}`, left % 2 === 0 ? 301 : 307);
  }
  switch (url.pathname) {
    case PATHS.clean:
      response.writeHead(200, json);
      return void response.end(CLEAN);
    case PATHS.noLink:
      response.writeHead(200, json);
      return void response.end(servedDescriptor({ forgeAppId: SERVED_ARI }));
    case PATHS.otherId:
      response.writeHead(200, json);
      return void response.end(servedDescriptor({ forgeAppLink: SERVED_LINK, forgeAppId: OTHER_SERVED_ARI }));
    case PATHS.ace:
      // What atlassian-connect-express serves for the template in test/fixtures/cli/served-ace:
      // {{localBaseUrl}} and {{appKey}} filled in, the JSON5 file served as JSON.
      response.writeHead(200, json);
      return void response.end(
        JSON.stringify(
          JSON.parse(
            servedDescriptor({
              key: 'acme-served-dev',
              forgeAppLink: SERVED_LINK,
              forgeAppId: SERVED_ARI,
              baseUrl: 'https://dev.acme.example.com',
            }),
          ),
        ),
      );
    case PATHS.json5:
      response.writeHead(200, json);
      return void response.end(CLEAN.replace('{\n', '{\n  // served as the file is, comments and all\n'));
    case PATHS.html:
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void response.end('<!DOCTYPE html>\n<html><head><title>Sign in to Acme</title></head><body><form></form></body></html>\n');
    case PATHS.notFound:
      response.writeHead(404, { 'content-type': 'text/html' });
      return void response.end('<html><body>Not here</body></html>');
    case PATHS.serverError:
      response.writeHead(500, { 'content-type': 'text/plain' });
      return void response.end('boom');
    case '/loop/a':
      return redirect('/loop/b');
    case '/loop/b':
      return redirect('/loop/a');
    case PATHS.slow: {
      // Answers only after far longer than any test waits; the connection is cut when the test ends.
      const timer = setTimeout(() => {
        response.writeHead(200, json);
        response.end(CLEAN);
      }, 60_000);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    case PATHS.large:
    case PATHS.largeDeclared: {
      const declared = url.pathname === PATHS.largeDeclared;
      response.writeHead(200, { ...json, ...(declared ? { 'content-length': String(LARGE_BYTES) } : {}) });
      // The start of a JSON string, then padding, written as fast as the client reads.
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let written = 0;
      const write = () => {
        while (written < LARGE_BYTES) {
          const piece = written === 0 ? Buffer.concat([Buffer.from('{"pad": "'), chunk.subarray(9)]) : chunk;
          const size = Math.min(piece.length, LARGE_BYTES - written);
          written += size;
          if (!response.write(piece.subarray(0, size))) {
            response.once('drain', write);
            return;
          }
        }
        response.end();
      };
      response.on('error', () => undefined);
      return write();
    }
    case PATHS.gzip:
      response.writeHead(200, { ...json, 'content-encoding': 'gzip' });
      return void response.end(zlib.gzipSync(CLEAN));
    case PATHS.deflate:
      response.writeHead(200, { ...json, 'content-encoding': 'deflate' });
      return void response.end(zlib.deflateSync(CLEAN));
    case PATHS.brotli:
      response.writeHead(200, { ...json, 'content-encoding': 'br' });
      return void response.end(zlib.brotliCompressSync(CLEAN));
    case PATHS.empty:
      response.writeHead(200, json);
      return void response.end();
    case PATHS.invalid:
      response.writeHead(200, json);
      return void response.end('{\n  "key": "acme-served",\n  "name": "Acme" "x"\n}\n');
    case PATHS.cookie:
      // Sets a cookie, then sends the client on: a client that kept cookies would send it back.
      response.writeHead(302, { 'set-cookie': 'session=secret; Path=/', location: PATHS.clean });
      return void response.end();
    case PATHS.toHttp:
      return redirect(`http://acme.example.com${PATHS.clean}`);
    case PATHS.toOtherHost:
      // Plain http to a host that is not this machine by its name (served.test: localLookup makes it 127.0.0.1).
      return redirect(`http://served.test:${request.socket.localPort}${PATHS.clean}`);
    case PATHS.toBlockedPort:
      // Port 1 (tcpmux) is one of the fetch standard's blocked ports: no request is made to it.
      return redirect(`http://127.0.0.1:1${PATHS.clean}`);
    case PATHS.badGzip:
      response.writeHead(200, { ...json, 'content-encoding': 'gzip' });
      return void response.end(CLEAN);
    case PATHS.stalled: {
      // The headers and the start of the body, then nothing until the client gives up.
      response.writeHead(200, json);
      response.write(CLEAN.slice(0, 20));
      return;
    }
    case PATHS.json5Syntax:
      // A JSON5 file served as it is: unquoted keys, single quotes, a comment.
      response.writeHead(200, json);
      return void response.end(
        "{\n  // the app's descriptor, JSON5 as atlassian-connect-express reads it\n  key: 'acme-served',\n  name: 'Acme served'\n}\n",
      );
    default:
      response.writeHead(404);
      response.end();
  }
}

/**
 * A forwarding proxy: absolute-form http requests are passed on, CONNECT opens a tunnel to this
 * machine, or for the host names in `redirected` to the address given there (the test's server).
 */
async function startProxy(redirected: ReadonlyMap<string, string>): Promise<TestServer & { tunnels: string[] }> {
  const requests: RecordedRequest[] = [];
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400);
      return void response.end('absolute-form requests only');
    }
    // Only this machine: the proxy of a test never reaches out.
    if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') {
      response.writeHead(403);
      return void response.end();
    }
    const headers = { ...request.headers };
    delete headers['proxy-connection'];
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: request.method, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    requests.push({ method: 'CONNECT', url: request.url ?? '', headers: request.headers });
    const [host, port] = (redirected.get(request.url ?? '') ?? request.url ?? '').split(':');
    // Only this machine: the proxy of a test never reaches out.
    if (host !== '127.0.0.1' && host !== 'localhost') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, tunnels, close: () => closeServer(server, sockets) };
}

/** A port that was free a moment ago: listened on, then closed. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A name resolver that knows only the tests' names (`*.test` → 127.0.0.1) and fails the others as
 * DNS does (ENOTFOUND), without asking any server.
 */
export function localLookup(
  hostname: string,
  options: unknown,
  callback: (error: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void,
): void {
  const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
  if (hostname.endsWith('.test')) {
    if (all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
    return;
  }
  const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    syscall: 'getaddrinfo',
    hostname,
  });
  callback(error, all ? [] : '', 4);
}
