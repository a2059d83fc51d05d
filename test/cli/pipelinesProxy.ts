/**
 * A stand-in for the Pipelines proxy, on 127.0.0.1: records every request (method, the absolute
 * URL a proxy is asked for, headers, body) and answers it as the test says.
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface StandInProxy {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

/** `answer` gives the status (and body) of each request; undefined leaves it unanswered, a hung proxy. */
export async function standInProxy(answer: (request: Received) => { status: number; body?: string } | undefined): Promise<StandInProxy> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      const reply = answer(request);
      if (!reply) return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the Reports API answers when all goes well. */
export function answerOk(request: Pick<Received, 'method'>): { status: number } {
  return { status: request.method === 'DELETE' ? 204 : request.method === 'PUT' ? 200 : 201 };
}
