/**
 * Finds and reads Forge manifests on disk, for the server's index and the CLI alike. Bounded in
 * depth, folders and results; skips dependency and build folders; never follows symbolic links
 * (so a link loop cannot trap it); turns every I/O failure into a message, never an exception.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_MANIFEST_BYTES, MANIFEST_FILE_NAME, MANIFEST_NAME_VARIANTS, ManifestInfo, readManifest } from '../core/manifest';
import { sizeOverCap } from '../core/sizes';
import { isSkippedFolder } from '../core/skippedFolders';

/** Whether `file` is `folder` or below it. */
export function isWithin(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A path with '/' separators, as the core's matching compares paths. */
export function toSlashes(file: string): string {
  return file.split(path.sep).join('/');
}

/** Whether a path relative to a scanned root goes through a folder the scan skips. */
export function isInSkippedFolder(relativeFile: string): boolean {
  return toSlashes(relativeFile)
    .split('/')
    .slice(0, -1)
    .some((segment) => isSkippedFolder(segment));
}

export interface ScanLimits {
  readonly maxDepth: number;
  readonly maxFolders: number;
  readonly maxManifests: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxDepth: 12, maxFolders: 20000, maxManifests: 500 };

export interface ScanResult {
  /** Absolute paths of the manifest.yml files found. */
  readonly manifests: string[];
  /** Absolute paths of manifest.yaml files (which the Forge CLI ignores). */
  readonly variants: string[];
  /** Set when a limit stopped the scan early: what was found is still usable. */
  readonly truncated?: string;
}

export interface DescriptorScanOptions {
  /** Which files may be descriptors, from their path alone (documentSelection's mayBeDescriptor): collected for the decision to read. */
  readonly mayBeDescriptor?: (absolutePath: string) => boolean;
}

export interface TreeScan extends ScanResult {
  /** Absolute paths of the files that may be descriptors, when asked for. */
  readonly descriptorCandidates: string[];
}

/** Walks a folder tree breadth-first, collecting manifests (and descriptor candidates when asked). */
export async function scanTree(
  root: string,
  limits: ScanLimits = DEFAULT_SCAN_LIMITS,
  options: DescriptorScanOptions = {},
): Promise<TreeScan> {
  const manifests: string[] = [];
  const variants: string[] = [];
  const descriptorCandidates: string[] = [];
  let queue: string[] = [root];
  let folders = 0;
  for (let depth = 0; queue.length > 0; depth++) {
    if (depth > limits.maxDepth)
      return { manifests, variants, descriptorCandidates, truncated: `folders deeper than ${limits.maxDepth} levels were not searched` };
    const next: string[] = [];
    for (const folder of queue) {
      if (++folders > limits.maxFolders)
        return { manifests, variants, descriptorCandidates, truncated: `the search stopped after ${limits.maxFolders} folders` };
      let entries;
      try {
        entries = await fs.readdir(folder, { withFileTypes: true });
      } catch {
        continue; // unreadable folder: skip it, as the Forge CLI would never see it either
      }
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!isSkippedFolder(entry.name)) next.push(full);
        } else if (entry.isFile()) {
          if (entry.name === MANIFEST_FILE_NAME) manifests.push(full);
          else if (MANIFEST_NAME_VARIANTS.has(entry.name)) variants.push(full);
          else if (options.mayBeDescriptor?.(full)) descriptorCandidates.push(full);
          if (manifests.length > limits.maxManifests) {
            return {
              manifests,
              variants,
              descriptorCandidates,
              truncated: `more than ${limits.maxManifests} manifest.yml files were found; only the first were read`,
            };
          }
        }
      }
    }
    queue = next;
  }
  return { manifests, variants, descriptorCandidates };
}

export interface ReadManifestFileResult {
  readonly text: string;
  readonly info: ManifestInfo;
}

/** Reads a manifest from disk; size, type and read failures become the reader's own errors. */
export async function readManifestFile(file: string): Promise<ReadManifestFileResult> {
  const failure = (message: string): ReadManifestFileResult => ({
    text: '',
    info: {
      status: 'unreadable',
      errors: [{ code: 'internal', message, start: 0, end: 0 }],
      modules: { types: [], products: [], bitbucket: false },
      environmentVariables: [],
    },
  });
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return failure(`${path.basename(file)} is not a file.`);
    if (stat.size > DEFAULT_MAX_MANIFEST_BYTES) {
      return failure(`${path.basename(file)} is ${sizeOverCap(stat.size, DEFAULT_MAX_MANIFEST_BYTES)}, too large to be a Forge manifest.`);
    }
    const bytes = await fs.readFile(file);
    // Invalid UTF-8 decodes to U+FFFD, which the reader reports as such.
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    return { text, info: readManifest(text) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return failure(`${path.basename(file)} could not be read${code ? ` (${code})` : ''}.`);
  }
}
