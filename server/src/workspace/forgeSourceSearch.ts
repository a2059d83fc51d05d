/**
 * Searches a Forge app's source for the Addon API's client-key route (core/clientKeyRoute.ts),
 * for the server's manifest index and the CLI alike. Bounded in depth, files and bytes; skips the
 * folders every search skips and the folders of other Forge apps (another manifest.yml); never
 * follows symbolic links; an unreadable file or folder is skipped, never an error.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  ClientKeyCall,
  FORGE_SOURCE_EXTENSIONS,
  ManifestInfo,
  capText,
  clientKeyCalls,
  MANIFEST_FILE_NAME,
  isSkippedFolder,
} from '../core';

const SOURCE_EXTENSIONS: ReadonlySet<string> = new Set(FORGE_SOURCE_EXTENSIONS);

export interface SourceSearchLimits {
  /** Folder levels below the manifest's folder. */
  readonly maxDepth: number;
  /** Source files looked at most. */
  readonly maxFiles: number;
  /** Larger files (bundles, generated code) are not read. */
  readonly maxFileBytes: number;
  /** Bytes read at most, over all files. */
  readonly maxTotalBytes: number;
}

export const DEFAULT_SOURCE_LIMITS: SourceSearchLimits = {
  maxDepth: 8,
  maxFiles: 2000,
  maxFileBytes: 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024,
};

export interface SourceSearch {
  /** The calls found, with absolute paths as locations and labels (the caller relabels them). */
  readonly calls: readonly FoundCall[];
  /** Set when a bound stopped the search: what was found is still right. */
  readonly truncated?: string;
}

export interface FoundCall {
  /** Absolute path of the source file. */
  readonly file: string;
  readonly call: ClientKeyCall;
}

export function isSourceFileName(name: string): boolean {
  return SOURCE_EXTENSIONS.has(path.extname(name).toLowerCase()) && !name.endsWith('.d.ts');
}

/** Only a Bitbucket Forge app (or one whose modules name no product yet) can call the Bitbucket Addon API. */
export function mayCallBitbucket(info: ManifestInfo): boolean {
  return info.modules.bitbucket || info.modules.products.length === 0;
}

/** Files read at once: a Forge app's source is hundreds of small files, and one read at a time waits on each. */
const READ_CONCURRENCY = 16;

/** Breadth-first through the manifest's folder, then reading the source files it may hold the call in. */
export async function searchForgeSource(manifestFolder: string, limits: SourceSearchLimits = DEFAULT_SOURCE_LIMITS): Promise<SourceSearch> {
  const { files, truncated } = await sourceFiles(manifestFolder, limits);
  const calls: FoundCall[] = [];
  let bytes = 0;
  for (let start = 0; start < files.length; start += READ_CONCURRENCY) {
    const batch = files.slice(start, start + READ_CONCURRENCY);
    const texts = await Promise.all(batch.map((file) => readSource(file, limits.maxFileBytes)));
    // In order, so that the byte bound stops at the same file whatever the timing of the reads.
    for (const [index, text] of texts.entries()) {
      if (text === undefined) continue;
      bytes += text.length;
      for (const call of clientKeyCalls(text, batch[index], batch[index])) calls.push({ file: batch[index], call });
      if (bytes >= limits.maxTotalBytes) return { calls, truncated: `the search stopped after ${capText(limits.maxTotalBytes)} of source` };
    }
  }
  return truncated === undefined ? { calls } : { calls, truncated };
}

/** The source files below the folder, breadth-first, within the depth and file bounds. */
async function sourceFiles(root: string, limits: SourceSearchLimits): Promise<{ files: string[]; truncated?: string }> {
  const files: string[] = [];
  let queue = [root];
  for (let depth = 0; queue.length > 0; depth++) {
    const next: string[] = [];
    for (const folder of queue) {
      let entries;
      try {
        entries = await fs.readdir(folder, { withFileTypes: true });
      } catch {
        continue;
      }
      // Below the app's own folder, a manifest.yml starts another Forge app: its code is its own.
      if (depth > 0 && entries.some((entry) => entry.isFile() && entry.name === MANIFEST_FILE_NAME)) continue;
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!isSkippedFolder(entry.name)) next.push(full);
        } else if (entry.isFile() && isSourceFileName(entry.name)) {
          if (files.length >= limits.maxFiles) return { files, truncated: `the search stopped after ${limits.maxFiles} source files` };
          files.push(full);
        }
      }
    }
    if (depth >= limits.maxDepth && next.length > 0) {
      return { files, truncated: `folders deeper than ${limits.maxDepth} levels below the manifest were not searched` };
    }
    queue = next;
  }
  return { files };
}

async function readSource(file: string, maxBytes: number): Promise<string | undefined> {
  try {
    // lstat: a file swapped for a link since the folder was read is not followed either.
    const stat = await fs.lstat(file);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The calls as the core takes them, named as the caller names files. */
export function relabel(search: SourceSearch, label: (file: string) => string, location: (file: string) => string): ClientKeyCall[] {
  return search.calls.map(({ file, call }) => ({ ...call, label: label(file), location: location(file) }));
}
