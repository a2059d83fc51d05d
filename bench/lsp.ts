/**
 * Editor latency through stdio: didOpen → publishDiagnostics and didChange (one character) →
 * publishDiagnostics, for our built server against the bare server (bench/bareServer.ts), both
 * bundled by esbuild with the same options and run by the same node. And what a JSON file that
 * is not a descriptor costs the server: the messages it sends for one, its CPU time, a request.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Trace, TraceFormat } from 'vscode-languageserver-protocol/node';
import { BenchClient } from './lspClient';
import { bundleLikeOurs } from './sizes';
import { descriptorOfSize, typicalDescriptor } from './generate';
import { median, sleep } from './timing';
import { CHANGE_DEBOUNCE_MS } from '../server/src/lsp/validation';

export const OUR_SERVER = path.resolve(__dirname, '..', 'server', 'out', 'server.js');
export const READY_LOG = /^Found \d+ manifest\.yml file\(s\)/;
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

interface Subject {
  readonly client: BenchClient;
  readonly opens: number[];
  readonly changes: number[];
}

let sequence = 0;

/** One open + one change on a fresh document; the open's own debounced re-check is let settle. */
async function cycle(subject: Subject, text: string, record: boolean): Promise<void> {
  const uri = `file:///bench-lsp/${++sequence}/atlassian-connect.json`;
  const open = await subject.client.openTimed(uri, text);
  await sleep(CHANGE_DEBOUNCE_MS + 60);
  // One character typed inside the description (a string value): the findings stay the same.
  const at = text.indexOf('"description": "') + '"description": "'.length;
  const position = positionAt(text, at);
  const change = await subject.client.changeTimed(uri, 2, [{ range: { start: position, end: position }, text: 'x' }]);
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
  const ours: Subject = { client: await BenchClient.start(OUR_SERVER, { readyLog: READY_LOG }), opens: [], changes: [] };
  const bare: Subject = { client: await BenchClient.start(barePath), opens: [], changes: [] };
  const bareDebounced: Subject = {
    client: await BenchClient.start(barePath, { env: { BARE_DEBOUNCE_MS: String(CHANGE_DEBOUNCE_MS) } }),
    opens: [],
    changes: [],
  };
  const oursNoConfiguration: Subject = {
    client: await BenchClient.start(OUR_SERVER, { readyLog: READY_LOG, configuration: false }),
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
    for (const subject of subjects) await subject.client.dispose();
  }
  return rows;
}

export interface IdleMemory {
  readonly ours: number;
  readonly bare: number;
}

/** RSS of each server after initialize and a second of idling, median of three starts. */
export async function measureIdleMemory(barePath: string): Promise<IdleMemory> {
  const sample = async (serverPath: string, readyLog?: RegExp) => {
    const client = await BenchClient.start(serverPath, { readyLog });
    await sleep(1000);
    const rss = client.rss();
    await client.dispose();
    return rss;
  };
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 3; i++) {
    ours.push(await sample(OUR_SERVER, READY_LOG));
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
  const client = await BenchClient.start(serverPath, { readyLog: READY_LOG });
  const uri = 'file:///bench-lsp/plain/package-lock.json';
  const messages: Record<string, number> = {};
  await client.connection.trace(
    Trace.Verbose,
    {
      log: (data: unknown) => {
        const traced = data as { type?: string; message?: { method?: string; params?: unknown } };
        if ((traced.type === 'receive-request' || traced.type === 'receive-notification') && traced.message?.method) {
          if (!JSON.stringify(traced.message.params ?? null).includes(uri)) return;
          messages[traced.message.method] = (messages[traced.message.method] ?? 0) + 1;
        }
      },
    },
    { sendNotification: false, traceFormat: TraceFormat.JSON },
  );
  try {
    const text = lockFile(1024 * 1024);
    await client.open(uri, text);
    await sleep(CHANGE_DEBOUNCE_MS + 60);
    const before = cpuTicksMs(client);
    for (let version = 2; version <= changes + 1; version++) {
      const position = { line: 1, character: 3 };
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: position, end: position }, text: 'x' }],
      });
      await sleep(CHANGE_DEBOUNCE_MS + 20);
    }
    await sleep(CHANGE_DEBOUNCE_MS + 60);
    const cpuMs = cpuTicksMs(client) - before;
    const hovers: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } });
      hovers.push(performance.now() - started);
    }
    await client.close(uri);
    await sleep(CHANGE_DEBOUNCE_MS + 60);
    return { chars: text.length, changes, messages, cpuMs, hoverMs: median(hovers) };
  } finally {
    await client.dispose();
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
function cpuTicksMs(client: BenchClient): number {
  const fields = readFileSync(`/proc/${client.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
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
