/**
 * The corpus of real descriptors and manifests (`shared/corpus/` beside the repository, here and
 * in CI). Outside CI a missing corpus skips the tests that read it; under CI=true it fails them,
 * so that a run which checked nothing never passes as one that checked everything.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export type CorpusKind = 'descriptors' | 'manifests';

const DEFAULT_ROOT = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');

export function corpusDir(kind: CorpusKind): string {
  const override = kind === 'descriptors' ? process.env.CONNECT_DESCRIPTOR_CORPUS : undefined;
  return override ?? path.join(DEFAULT_ROOT, kind);
}

/** The corpus files of one kind (sorted), or [] when the corpus is absent outside CI. */
export function corpusFiles(kind: CorpusKind): string[] {
  const dir = corpusDir(kind);
  if (!existsSync(dir)) {
    if (process.env.CI === 'true') throw new Error(`The corpus is missing: ${dir} does not exist (CI=true requires it).`);
    return [];
  }
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort();
}

/** Skips the calling test when the corpus is absent outside CI; fails it under CI. */
export function requireCorpus(test: Mocha.Context, kind: CorpusKind): void {
  if (corpusFiles(kind).length === 0) test.skip();
}

export function corpusText(kind: CorpusKind, name: string): string {
  return readFileSync(path.join(corpusDir(kind), name), 'utf8');
}

export interface CorpusEntry {
  /** The corpus file's name in its folder (`owner__repo__path`). */
  readonly name: string;
  readonly kind: CorpusKind;
  readonly repo: string;
  /** The file's path in its repository: its original name. */
  readonly path: string;
  readonly productGuess: string;
}

/** INDEX.tsv's rows (beside the descriptors folder), or [] when the corpus is absent outside CI. */
export function corpusIndex(): CorpusEntry[] {
  const index = path.join(corpusDir('descriptors'), '..', 'INDEX.tsv');
  if (!existsSync(index)) {
    if (process.env.CI === 'true' || corpusFiles('descriptors').length > 0) throw new Error(`The corpus index is missing: ${index}.`);
    return [];
  }
  const [header, ...rows] = readFileSync(index, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const columns = header.split('\t');
  const column = (row: string[], name: string): string => row[columns.indexOf(name)] ?? '';
  return rows.map((line) => {
    const row = line.split('\t');
    const [kind, name] = column(row, 'file').split('/');
    return {
      name,
      kind: kind as CorpusKind,
      repo: column(row, 'repo'),
      path: column(row, 'path'),
      productGuess: column(row, 'product_guess'),
    };
  });
}
