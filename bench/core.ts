/**
 * The core against its floor and its peer, in one process: `analyze` (the whole check, every rule)
 * vs jsonc-parser's `parseTree` on the same text (the floor: the core parses with it once) vs
 * vscode-json-languageservice parsing and validating the text against a top-level schema (the peer).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseTree } from 'jsonc-parser';
import { JSONSchema, getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../server/src/core';
import { DESCRIPTOR_SCHEMA } from './descriptorSchema';
import { descriptorOfSize } from './generate';
import { BatchTime, collectGarbage, median, timeBatch } from './timing';

export interface CoreSize {
  readonly label: string;
  readonly bytes: number;
}

export const CORE_SIZES: readonly CoreSize[] = [
  { label: '1 KB', bytes: 1024 },
  { label: '100 KB', bytes: 100 * 1024 },
  { label: '1 MB', bytes: 1024 * 1024 },
  { label: '5 MB', bytes: 5 * 1024 * 1024 },
];

export interface CoreResult {
  readonly label: string;
  readonly chars: number;
  readonly findings: number;
  /** Medians of CPU time per call (see timeBatch). */
  readonly floorMs: number;
  readonly analyzeMs: number;
  readonly peerMs: number;
  /** Medians of wall-clock time per call. */
  readonly floorWallMs: number;
  readonly analyzeWallMs: number;
  readonly peerWallMs: number;
  readonly peerProblems: number;
  /** The peer with the schema this extension ships for VS Code's JSON support, when present. */
  readonly shippedPeerMs?: number;
  readonly samples: number;
  readonly batch: number;
  /** CPU and wall medians of the baseline analysis, when one was given (bench/compare.ts). */
  readonly baselineMs?: number;
  readonly baselineWallMs?: number;
}

export interface CoreOptions {
  /** Another `analyze` (e.g. an older commit's) measured in the same interleaved loop. */
  readonly baseline?: (text: string) => unknown;
  readonly log?: (line: string) => void;
}

const SCHEMA_URI = 'bench://schemas/bitbucket-connect-descriptor.json';
export const SHIPPED_SCHEMA = path.resolve(__dirname, '..', 'schemas', 'bitbucket-connect-descriptor.schema.json');

function peerService(schema: JSONSchema) {
  const service = getLanguageService({});
  service.configure({
    validate: true,
    allowComments: true,
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['**/atlassian-connect.json'], schema }],
  });
  return service;
}

export async function measureCore(sizes: readonly CoreSize[] = CORE_SIZES, options: CoreOptions = {}): Promise<CoreResult[]> {
  const log = options.log ?? (() => undefined);
  const baselineAnalyze = options.baseline;
  const service = peerService(DESCRIPTOR_SCHEMA);
  const shippedService = existsSync(SHIPPED_SCHEMA)
    ? peerService(JSON.parse(readFileSync(SHIPPED_SCHEMA, 'utf8')) as JSONSchema)
    : undefined;
  const results: CoreResult[] = [];
  for (const size of sizes) {
    const text = descriptorOfSize(size.bytes);
    const document = TextDocument.create('file:///bench/atlassian-connect.json', 'json', 1, text);
    const floor = () => parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    const ours = () => analyze(text);
    const peer = () =>
      service.doValidation(document, service.parseJSONDocument(document), { comments: 'ignore', trailingCommas: 'ignore' });
    const shipped = shippedService
      ? () =>
          shippedService.doValidation(document, shippedService.parseJSONDocument(document), {
            comments: 'ignore',
            trailingCommas: 'ignore',
          })
      : undefined;
    const baseline = baselineAnalyze ? () => baselineAnalyze(text) : undefined;
    const findings = ours().findings.length;
    const peerProblems = (await peer()).length;
    // About 4 MB of text per sample: each batch pays for its own garbage (a batch of one or two
    // calls on a small text mostly pays for whichever collection the previous subject left due).
    const batch = Math.max(1, Math.round(4_000_000 / text.length));
    const samples = text.length > 2_000_000 ? 9 : 15;
    for (let i = 0; i < 3; i++) {
      await timeBatch(floor, batch);
      await timeBatch(ours, batch);
      await timeBatch(peer, batch);
      if (baseline) await timeBatch(baseline, batch);
      if (shipped) await timeBatch(shipped, batch);
    }
    const times = {
      floor: [] as BatchTime[],
      ours: [] as BatchTime[],
      peer: [] as BatchTime[],
      baseline: [] as BatchTime[],
      shipped: [] as BatchTime[],
    };
    // One full collection per size (not per sample: a forced GC shrinks the young generation and
    // makes the next samples pay for growing it again).
    collectGarbage();
    for (let i = 0; i < samples; i++) {
      // Interleaved, so that a slow moment of the machine hits all three alike.
      times.floor.push(await timeBatch(floor, batch));
      times.ours.push(await timeBatch(ours, batch));
      times.peer.push(await timeBatch(peer, batch));
      if (baseline) times.baseline.push(await timeBatch(baseline, batch));
      if (shipped) times.shipped.push(await timeBatch(shipped, batch));
    }
    const result: CoreResult = {
      label: size.label,
      chars: text.length,
      findings,
      floorMs: median(times.floor.map((t) => t.cpu)),
      analyzeMs: median(times.ours.map((t) => t.cpu)),
      peerMs: median(times.peer.map((t) => t.cpu)),
      floorWallMs: median(times.floor.map((t) => t.wall)),
      analyzeWallMs: median(times.ours.map((t) => t.wall)),
      peerWallMs: median(times.peer.map((t) => t.wall)),
      peerProblems,
      shippedPeerMs: shipped ? median(times.shipped.map((t) => t.cpu)) : undefined,
      samples,
      batch,
      baselineMs: baseline ? median(times.baseline.map((t) => t.cpu)) : undefined,
      baselineWallMs: baseline ? median(times.baseline.map((t) => t.wall)) : undefined,
    };
    log(
      `core ${size.label}: cpu floor ${result.floorMs.toFixed(3)} ms, analyze ${result.analyzeMs.toFixed(3)} ms (${(result.analyzeMs / result.floorMs).toFixed(2)}x), peer ${result.peerMs.toFixed(3)} ms (${(result.peerMs / result.analyzeMs).toFixed(1)}x); wall ${result.floorWallMs.toFixed(3)} / ${result.analyzeWallMs.toFixed(3)} / ${result.peerWallMs.toFixed(3)}`,
    );
    results.push(result);
  }
  return results;
}

if (require.main === module) {
  measureCore(CORE_SIZES, { log: console.log }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
