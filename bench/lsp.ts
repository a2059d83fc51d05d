/**
 * Editor latency through stdio: didOpen → publishDiagnostics and didChange (one character) →
 * publishDiagnostics, for our built server against the bare server (bench/bareServer.ts), both
 * bundled by esbuild with the same options and run by the same node, driven by the tests' LSP
 * client (test/support/lspClient.ts). And what a JSON file that is not a descriptor costs the
 * server: the messages it sends for one, its CPU time, a request on it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { CHANGE_DEBOUNCE_MS } from '../server/src/lsp/validation';
import { LspClient, LspClientOptions, MANIFEST_SCAN_DONE, SERVER_PATH } from '../test/support/lspClient';
import { concerns, recordServerMessages } from '../test/support/serverMessages';
import { descriptorOfSize, typicalDescriptor } from './generate';
import { bundleLikeOurs } from './sizes';
import { median, sleep } from './timing';

export const OUR_SERVER = SERVER_PATH;
/** The bench waits longer than a test: a 5 MB document on a busy machine. */
const BENCH_TIMEOUT_MS = 120_000;
export { CHANGE_DEBOUNCE_MS };

/** Bundles the bare server like scripts/bundle.mjs bundles ours; returns its path and a cleanup. */
export async function bundleBareServer(production: boolean): Promise<{ file: string; dispose: () => void }> {
  return bundleLikeOurs(path.join(__dirname, 'bareServer.ts'), production);
}

export interface LatencySize {
  readonly label: string;
  readonly text: string;
  readonly samples: number;
}

export function latencySizes(): LatencySize[] {
  return [
    { label: 'typical (~3 KB)', text: typicalDescriptor(), samples: 40 },
    { label: '100 KB', text: descriptorOfSize(100 * 1024), samples: 15 },
    { label: '1 MB', text: descriptorOfSize(1024 * 1024), samples: 7 },
    { label: '5 MB', text: descriptorOfSize(5 * 1024 * 1024), samples: 5 },
  ];
}

export interface LatencyRow {
  readonly label: string;
  readonly chars: number;
  readonly samples: number;
  readonly oursOpen: number;
  /** Our server when the client does not announce workspace/configuration (no settings round trip). */
  readonly oursOpenNoConfiguration: number;
  readonly bareOpen: number;
  readonly oursChange: number;
  readonly bareChange: number;
  readonly bareDebouncedChange: number;
}

/**
 * Starts a server for measuring: our server once its first manifest scan is done, the bare one
 * (which logs nothing) right after initialized. BENCH_NODE_ARGS adds node options (a profiler).
 */
export function startServer(serverPath: string, options: LspClientOptions = {}): Promise<LspClient> {
  return LspClient.start({
    serverPath,
    nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    readyLog: serverPath === OUR_SERVER ? MANIFEST_SCAN_DONE : null,
    timeoutMs: BENCH_TIMEOUT_MS,
    ...options,
  });
}

/** Ends a server the way an editor does (shutdown, exit), then the client. */
export async function stopServer(client: LspClient): Promise<void> {
  try {
    await client.shutdown();
  } finally {
    await client.dispose();
  }
}

/** The server's resident set size (Linux /proc), in bytes. */
export function serverRss(client: LspClient): number {
  const status = readFileSync(`/proc/${client.pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

// The timed notifications go out on the connection itself: the client's mirror of the document
// (an O(size) update on each change) would otherwise be timed with the server.

/** didOpen → publishDiagnostics of that version, in milliseconds. */
async function openTimed(client: LspClient, uri: string, text: string): Promise<number> {
  const since = client.mark();
  const started = performance.now();
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'json', version: 1, text },
  });
  return (await client.diagnostics(uri, { version: 1, since })).receivedAt - started;
}

/** didChange → publishDiagnostics of the new version, in milliseconds. */
async function changeTimed(client: LspClient, uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<number> {
  const since = client.mark();
  const started = performance.now();
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: changes,
  });
  return (await client.diagnostics(uri, { version, since })).receivedAt - started;
}

interface Subject {
  readonly client: LspClient;
  readonly opens: number[];
  readonly changes: number[];
}

let sequence = 0;

/** One open + one change on a fresh document; the open's own debounced re-check is let settle. */
async function cycle(subject: Subject, text: string, record: boolean): Promise<void> {
  const uri = `file:///bench-lsp/${++sequence}/atlassian-connect.json`;
  const open = await openTimed(subject.client, uri, text);
  await sleep(CHANGE_DEBOUNCE_MS + 60);
  // One character typed inside the description (a string value): the findings stay the same.
  const at = text.indexOf('"description": "') + '"description": "'.length;
  const position = positionAt(text, at);
  const change = await changeTimed(subject.client, uri, 2, [{ range: { start: position, end: position }, text: 'x' }]);
  await subject.client.close(uri);
  if (record) {
    subject.opens.push(open);
    subject.changes.push(change);
  }
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export async function measureLatency(
  barePath: string,
  sizes: readonly LatencySize[],
  log: (line: string) => void = () => undefined,
): Promise<LatencyRow[]> {
  const ours: Subject = { client: await startServer(OUR_SERVER), opens: [], changes: [] };
  const bare: Subject = { client: await startServer(barePath), opens: [], changes: [] };
  const bareDebounced: Subject = {
    client: await startServer(barePath, { env: { BARE_DEBOUNCE_MS: String(CHANGE_DEBOUNCE_MS) } }),
    opens: [],
    changes: [],
  };
  const oursNoConfiguration: Subject = {
    client: await startServer(OUR_SERVER, { configuration: false }),
    opens: [],
    changes: [],
  };
  const subjects = [ours, oursNoConfiguration, bare, bareDebounced];
  const rows: LatencyRow[] = [];
  try {
    for (const size of sizes) {
      for (const subject of subjects) {
        subject.opens.length = 0;
        subject.changes.length = 0;
      }
      for (let i = 0; i < 3; i++) for (const subject of subjects) await cycle(subject, size.text, false);
      // Interleaved: one cycle of each server in turn, never two at once.
      for (let i = 0; i < size.samples; i++) for (const subject of subjects) await cycle(subject, size.text, true);
      const row: LatencyRow = {
        label: size.label,
        chars: size.text.length,
        samples: size.samples,
        oursOpen: median(ours.opens),
        oursOpenNoConfiguration: median(oursNoConfiguration.opens),
        bareOpen: median(bare.opens),
        oursChange: median(ours.changes),
        bareChange: median(bare.changes),
        bareDebouncedChange: median(bareDebounced.changes),
      };
      log(
        `latency ${size.label}: open ${row.oursOpen.toFixed(2)} vs ${row.bareOpen.toFixed(2)} ms, change ${row.oursChange.toFixed(2)} vs ${row.bareDebouncedChange.toFixed(2)} (debounced) / ${row.bareChange.toFixed(2)} ms`,
      );
      rows.push(row);
    }
  } finally {
    // All at once: one that fails to shut down still lets the others be stopped.
    await Promise.all(subjects.map((subject) => stopServer(subject.client)));
  }
  return rows;
}

export interface IdleMemory {
  readonly ours: number;
  readonly bare: number;
}

/** RSS of each server after initialize and a second of idling, median of three starts. */
export async function measureIdleMemory(barePath: string): Promise<IdleMemory> {
  const sample = async (serverPath: string) => {
    const client = await startServer(serverPath);
    await sleep(1000);
    const rss = serverRss(client);
    await stopServer(client);
    return rss;
  };
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 3; i++) {
    ours.push(await sample(OUR_SERVER));
    bare.push(await sample(barePath));
  }
  return { ours: median(ours), bare: median(bare) };
}

export interface NonDescriptorCost {
  readonly chars: number;
  readonly changes: number;
  /** What the server sent about the file, by method, from its open to its close. */
  readonly messages: Readonly<Record<string, number>>;
  /** The server process's CPU time (user + system) over the changes, from /proc (10 ms ticks). */
  readonly cpuMs: number;
  /** Median time of a hover on the file: the request answered from the cached verdict. */
  readonly hoverMs: number;
}

/**
 * A 1 MB package-lock-like JSON file opened, changed `changes` times (each change after the
 * server's debounce, so that each one would be checked on its own), hovered and closed.
 */
export async function measureNonDescriptor(serverPath: string = OUR_SERVER, changes = 20): Promise<NonDescriptorCost> {
  const client = await startServer(serverPath, { readyLog: MANIFEST_SCAN_DONE });
  const uri = 'file:///bench-lsp/plain/package-lock.json';
  const sent = await recordServerMessages(client);
  try {
    const text = lockFile(1024 * 1024);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'json', version: 1, text },
    });
    await sleep(CHANGE_DEBOUNCE_MS + 60);
    const before = cpuMs(client);
    for (let version = 2; version <= changes + 1; version++) {
      const position = { line: 1, character: 3 };
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
      });
      await sleep(CHANGE_DEBOUNCE_MS + 20);
    }
    await sleep(CHANGE_DEBOUNCE_MS + 60);
    const used = cpuMs(client) - before;
    const hovers: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await client.hover(uri, { line: 1, character: 3 });
      hovers.push(performance.now() - started);
    }
    await client.close(uri);
    await sleep(CHANGE_DEBOUNCE_MS + 60);
    const messages: Record<string, number> = {};
    for (const message of sent.filter((m) => concerns(m, uri))) messages[message.method] = (messages[message.method] ?? 0) + 1;
    return { chars: text.length, changes, messages, cpuMs: used, hoverMs: median(hovers) };
  } finally {
    await stopServer(client);
  }
}

/** A package-lock.json-like text of about `bytes` characters. */
function lockFile(bytes: number): string {
  const packages: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const entry = `    "node_modules/pkg-${i}": {\n      "version": "1.${i % 10}.${i % 7}",\n      "resolved": "https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz",\n      "integrity": "sha512-${'a'.repeat(40)}"\n    }`;
    packages.push(entry);
    size += entry.length + 2;
  }
  return `{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {\n${packages.join(',\n')}\n  }\n}\n`;
}

/** User + system time of the server process so far, in milliseconds (Linux /proc, clock ticks of 10 ms). */
function cpuMs(client: LspClient): number {
  const fields = readFileSync(`/proc/${client.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

if (require.main === module) {
  (async () => {
    const bare = await bundleBareServer(false);
    try {
      await measureLatency(bare.file, latencySizes().slice(0, Number(process.argv[2] ?? 4)), console.log);
      console.log(await measureIdleMemory(bare.file));
      console.log(await measureNonDescriptor(process.env.BENCH_SERVER ?? OUR_SERVER));
    } finally {
      bare.dispose();
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
