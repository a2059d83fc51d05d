/**
 * Editor latency through stdio: didOpen → publishDiagnostics and didChange (one character) →
 * publishDiagnostics, for our built server against the bare server (bench/bareServer.ts), both
 * bundled by esbuild with the same options and run by the same node.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BenchClient } from './lspClient';
import { descriptorOfSize, typicalDescriptor } from './generate';
import { median, sleep } from './timing';
import { CHANGE_DEBOUNCE_MS } from '../server/src/lsp/validation';

export const OUR_SERVER = path.resolve(__dirname, '..', 'server', 'out', 'server.js');
export const READY_LOG = /^Found \d+ manifest\.yml file\(s\)/;
export { CHANGE_DEBOUNCE_MS };

/** Bundles the bare server like scripts/bundle.mjs bundles ours; returns its path and a cleanup. */
export async function bundleBareServer(production: boolean): Promise<{ file: string; dispose: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cfl-bench-bare-'));
  const file = path.join(dir, 'bareServer.js');
  await build({
    entryPoints: [path.join(__dirname, 'bareServer.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
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

if (require.main === module) {
  (async () => {
    const bare = await bundleBareServer(false);
    try {
      await measureLatency(bare.file, latencySizes().slice(0, Number(process.argv[2] ?? 4)), console.log);
      console.log(await measureIdleMemory(bare.file));
    } finally {
      bare.dispose();
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
