/**
 * The workspace's files that are not open in the editor, read from disk for workspace diagnostics:
 * the descriptor candidates that the manifest index's walk found, and the manifests matched to
 * descriptors. A file is read when first asked for (one over the size cap is skipped, with one
 * line in the log) and kept as a TextDocument whose version counts its readings, so that the
 * document cache holds one state per version of a closed file as it does for an open one.
 * Watched-file events keep it current: a change makes the next request read the file again, a
 * deletion (of the file or a folder above it) forgets it, a creation adds a candidate.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { isForgeManifestName, isManifestVariantName } from '../core/manifest';
import { capText, sizeOverCap } from '../core/sizes';
import { DescriptorSelection, MAX_CONTENT_TEST_BYTES, mayBeDescriptor } from './documentSelection';
import { isInSkippedFolder, isWithin } from './manifestFiles';
import type { FileChange } from './manifestIndex';

/** Closed files above this size are not read: the size up to which the descriptor decision reads content. */
export const MAX_DISK_DOCUMENT_BYTES = MAX_CONTENT_TEST_BYTES;

/**
 * Whether the walk keeps a file as a possible descriptor, from its path: JSON files and templates,
 * which the descriptor decision then judges by their content, and whatever the folder's
 * `descriptorGlobs` match.
 */
export function isDescriptorCandidate(file: string, selection: DescriptorSelection): boolean {
  return !isManifestFile(file) && mayBeDescriptor(URI.file(file).toString(), selection);
}

function isManifestFile(file: string): boolean {
  const name = path.basename(file);
  return isForgeManifestName(name) || isManifestVariantName(name);
}

/** A file the walk found that may be a descriptor. */
export interface DiskCandidate {
  readonly uri: string;
  readonly fsPath: string;
}

interface Entry extends DiskCandidate {
  /** Found as a possible descriptor (else a manifest, read on demand). */
  readonly candidate: boolean;
  /** The last version read (the document's version). */
  version: number;
  /** Counts change events, so that a reading that began before one is done again. */
  changes: number;
  document?: TextDocument;
  reading?: Promise<TextDocument | undefined>;
  /** The key under which the file was judged not ours: its text is dropped until it changes or the key does. */
  settledOther?: number;
  /** The size at which it was last skipped as too large, so that the log says so once. */
  skippedSize?: number;
}

/** How often a file is read again when it changes while it is read. */
const MAX_READS = 3;

export class DiskDocuments {
  private readonly entries = new Map<string, Entry>();
  /** The folders walked (absolute paths): a file created in one of them may become a candidate. */
  private roots: string[] = [];

  constructor(
    private readonly log: (message: string) => void,
    /** Whether a file created on disk may be a descriptor (isDescriptorCandidate, with its folder's settings). */
    private readonly isCandidate: (file: string) => boolean,
    private readonly maxBytes = MAX_DISK_DOCUMENT_BYTES,
  ) {}

  /** What the walk of a folder (a workspace folder, or one created in it) found; what was known under it before is replaced. */
  setCandidates(root: string, files: readonly string[]): void {
    if (!this.roots.some((known) => isWithin(known, root))) this.roots.push(root);
    for (const [file, entry] of this.entries) if (entry.candidate && isWithin(root, file)) this.entries.delete(file);
    for (const file of files) this.entries.set(file, newEntry(file, true));
  }

  /** The folders changed: everything is found again by the next walk. */
  clear(): void {
    this.entries.clear();
    this.roots = [];
  }

  candidates(): DiskCandidate[] {
    return [...this.entries.values()].filter((entry) => entry.candidate);
  }

  /** The file's current text as a document, or undefined when it cannot be read (gone, too large, not a file). */
  read(file: string): Promise<TextDocument | undefined> {
    let entry = this.entries.get(file);
    if (!entry) {
      entry = newEntry(file, false);
      this.entries.set(file, entry);
    }
    if (entry.document) return Promise.resolve(entry.document);
    const reading = entry;
    return (reading.reading ??= this.load(reading).finally(() => (reading.reading = undefined)));
  }

  /** Whether the file was judged not ours under `key` (the document cache's generation) and has not changed since. */
  isSettledOther(file: string, key: number): boolean {
    return this.entries.get(file)?.settledOther === key;
  }

  /** The file is not ours under `key`: its text is not kept. */
  settleOther(file: string, key: number): void {
    const entry = this.entries.get(file);
    if (!entry) return;
    entry.settledOther = key;
    entry.document = undefined;
  }

  /** A watched-file event; returns whether it concerns a file held here (or adds one), so that results may have changed. */
  fileChanged(file: string, change: FileChange): boolean {
    const entry = this.entries.get(file);
    if (change === 'deleted') {
      let known = this.entries.delete(file);
      // A deleted folder takes its files with it; editors report only the folder.
      for (const held of [...this.entries.keys()]) {
        if (isWithin(file, held)) known = this.entries.delete(held) || known;
      }
      return known;
    }
    if (entry) {
      entry.changes++;
      entry.document = undefined;
      entry.settledOther = undefined;
      return true;
    }
    if (change === 'created' && this.mayBeCandidate(file)) {
      this.entries.set(file, newEntry(file, true));
      return true;
    }
    return false;
  }

  private mayBeCandidate(file: string): boolean {
    if (!this.isCandidate(file)) return false;
    const root = this.roots.find((folder) => isWithin(folder, file));
    return root !== undefined && !isInSkippedFolder(path.relative(root, file));
  }

  private async load(entry: Entry): Promise<TextDocument | undefined> {
    for (let reads = 0; reads < MAX_READS; reads++) {
      const changes = entry.changes;
      const text = await this.readText(entry);
      if (changes !== entry.changes) continue;
      // Deleted (or found again by a new walk) while it was read.
      if (text === undefined || this.entries.get(entry.fsPath) !== entry) return undefined;
      entry.document = TextDocument.create(entry.uri, languageIdOf(entry.fsPath), ++entry.version, text);
      return entry.document;
    }
    return undefined;
  }

  private async readText(entry: Entry): Promise<string | undefined> {
    try {
      const stat = await fs.stat(entry.fsPath);
      if (!stat.isFile()) return undefined;
      if (stat.size > this.maxBytes) {
        if (entry.skippedSize !== stat.size) {
          entry.skippedSize = stat.size;
          this.log(
            `Skipped ${entry.fsPath}: ${sizeOverCap(stat.size, this.maxBytes)}, over the ${capText(this.maxBytes)} up to which files that are not open are read.`,
          );
        }
        return undefined;
      }
      const bytes = await fs.readFile(entry.fsPath);
      // As the manifest reader decodes: invalid UTF-8 becomes U+FFFD, a BOM stays where it is.
      return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    } catch {
      return undefined; // gone or unreadable: nothing to report until it is back
    }
  }
}

function newEntry(file: string, candidate: boolean): Entry {
  return { uri: URI.file(file).toString(), fsPath: file, candidate, version: 0, changes: 0 };
}

function languageIdOf(file: string): string {
  return /\.ya?ml$/i.test(file) ? 'yaml' : /\.jsonc$/i.test(file) ? 'jsonc' : 'json';
}
