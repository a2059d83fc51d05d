/**
 * What telling a descriptor by its content costs: the content test (core/descriptorContent.ts)
 * and the whole decision (workspace/documentSelection.ts, with its size cap) against one
 * jsonc-parser `parseTree` of the same text, on a large package lock (ruled out by its third
 * member), a large JSON object that no member rules out (the test reads to its end), and a large
 * descriptor (taken; it is parsed afterwards anyway).
 */
import { parseTree } from 'jsonc-parser';
import { descriptorContent } from '../server/src/core';
import { descriptorVerdict } from '../server/src/workspace/documentSelection';
import { descriptorOfSize } from './generate';
import { BatchTime, collectGarbage, median, timeBatch } from './timing';

export interface DiscoveryRow {
  readonly label: string;
  readonly chars: number;
  readonly descriptor: boolean;
  readonly detail: string;
  /** CPU medians per call. */
  readonly parseMs: number;
  readonly contentMs: number;
  readonly decisionMs: number;
  readonly samples: number;
}

const SIZE = 5 * 1024 * 1024;

/** An npm lock file (lockfileVersion 3) of about `bytes` characters, as `npm install` writes it. */
export function packageLockOfSize(bytes: number): string {
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', dependencies: { express: '^4.19.0' } } };
  const lock = { name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages };
  for (let i = 0; ;) {
    const text = JSON.stringify(lock, null, 2);
    if (text.length >= bytes) return text;
    for (const end = i + 1000; i < end; i++) {
      packages[`node_modules/package-${i}`] = {
        version: `1.${i % 17}.${i % 5}`,
        resolved: `https://registry.npmjs.org/package-${i}/-/package-${i}-1.0.0.tgz`,
        integrity: `sha512-${'A'.repeat(86)}==`,
        dev: i % 3 === 0,
        dependencies: { [`package-${i + 1}`]: '^1.0.0' },
      };
    }
  }
}

/** A JSON object of about `bytes` characters (written compact, as exports are) whose members rule nothing out: the test reads it to the end. */
export function dataObjectOfSize(bytes: number): string {
  const rows: unknown[] = [];
  const data = { name: 'export', generated: '2024-01-01', rows };
  for (let i = 0; ;) {
    const text = JSON.stringify(data);
    if (text.length >= bytes) return text;
    for (const end = i + 2000; i < end; i++)
      rows.push({ id: i, title: `Row ${i} with "quotes" and {braces}`, tags: ['a', 'b'], nested: { depth: [i] } });
  }
}

export async function measureDiscovery(samples: number, log: (line: string) => void = () => undefined): Promise<DiscoveryRow[]> {
  const subjects = [
    { label: '5 MB package-lock.json', file: 'package-lock.json', text: packageLockOfSize(SIZE) },
    { label: '5 MB JSON object, no member rules it out', file: 'export.json', text: dataObjectOfSize(SIZE) },
    { label: '5 MB descriptor (connect.json)', file: 'connect.json', text: descriptorOfSize(SIZE) },
  ];
  const rows: DiscoveryRow[] = [];
  for (const subject of subjects) {
    const uri = `file:///bench/${subject.file}`;
    const parse = () => parseTree(subject.text, [], { allowTrailingComma: true, disallowComments: false });
    const content = () => descriptorContent(subject.text);
    const decision = () => descriptorVerdict({ uri, text: subject.text }, { globs: [] });
    // Batches of a few calls: the cheap subjects would otherwise measure the timer.
    const batchOf = (work: () => unknown) => {
      const started = performance.now();
      work();
      return Math.max(1, Math.min(1000, Math.round(50 / Math.max(performance.now() - started, 0.001))));
    };
    const batches = { parse: batchOf(parse), content: batchOf(content), decision: batchOf(decision) };
    for (let i = 0; i < 2; i++) {
      await timeBatch(parse, batches.parse);
      await timeBatch(content, batches.content);
      await timeBatch(decision, batches.decision);
    }
    collectGarbage();
    const times = { parse: [] as BatchTime[], content: [] as BatchTime[], decision: [] as BatchTime[] };
    for (let i = 0; i < samples; i++) {
      times.parse.push(await timeBatch(parse, batches.parse));
      times.content.push(await timeBatch(content, batches.content));
      times.decision.push(await timeBatch(decision, batches.decision));
    }
    const verdict = content();
    const row: DiscoveryRow = {
      label: subject.label,
      chars: subject.text.length,
      descriptor: verdict.descriptor,
      detail: verdict.detail,
      parseMs: median(times.parse.map((t) => t.cpu)),
      contentMs: median(times.content.map((t) => t.cpu)),
      decisionMs: median(times.decision.map((t) => t.cpu)),
      samples,
    };
    log(
      `discovery ${row.label}: parseTree ${row.parseMs.toFixed(3)} ms, content ${row.contentMs.toFixed(4)} ms, decision ${row.decisionMs.toFixed(4)} ms`,
    );
    rows.push(row);
  }
  return rows;
}

if (require.main === module) {
  measureDiscovery(7, console.log).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
