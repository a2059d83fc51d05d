/**
 * Turns the path arguments into the descriptors to check, each with the Forge manifests it may be
 * matched to. Folders are searched with the same bounded scan as the language server's index, and
 * each file that may be a descriptor goes through the decision the server makes (name, glob,
 * content, template), so a file means the same in the editor and in CI.
 */
import { closeSync, promises as fs, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { ClientKeyCall, IndexedManifest, ManifestInfo, indexManifest } from '../core';
import { DescriptorReason, DescriptorSelection, MAX_HEAD_BYTES, descriptorVerdict, mayBeDescriptor } from '../workspace/documentSelection';
import { mayCallBitbucket, relabel, searchForgeSource } from '../workspace/forgeSourceSearch';
import { DEFAULT_SCAN_LIMITS, isWithin, readManifestFile, scanTree, toSlashes } from '../workspace/manifestFiles';
import { CliOptions } from './options';

/** A path that cannot be read: the run stops with exit code 2. */
export class PathError extends Error {}

export interface DescriptorTarget {
  /** Absolute path. */
  readonly file: string;
  /** The folder whose tree was searched for this descriptor's manifests (absolute). */
  readonly root: string;
  /** The manifests to match against (all of the root's, or those named with --manifest). */
  readonly manifests: readonly IndexedManifest[];
  /** True when they were named with --manifest rather than found. */
  readonly explicit: boolean;
  /** `manifest.yaml` files near the descriptor (which the Forge CLI ignores), as the server finds them. */
  readonly ignoredVariants: readonly ManifestVariant[];
  /** Why it is checked: the decision's reason and detail, or a file named on the command line. */
  readonly selected: Selected;
}

export interface Selected {
  readonly reason: DescriptorReason | 'argument';
  readonly detail: string;
}

export interface ManifestVariant {
  readonly label: string;
  readonly location: string;
}

export interface Discovery {
  readonly targets: readonly DescriptorTarget[];
  /** Things worth telling on stderr (a scan that hit its limits). */
  readonly notes: readonly string[];
  /**
   * Files of the folders searched that may have been descriptors but were too large to read
   * (absolute paths), with why: their first bytes did not rule them out, and they were not given.
   */
  readonly tooLarge: readonly TooLarge[];
}

export interface DiscoverContext {
  readonly cwd: string;
  readonly progress: (message: string) => void;
}

/** How far up from a file argument to look for the repository's .git. */
const MAX_REPOSITORY_LEVELS = 10;

export async function discover(options: CliOptions, context: DiscoverContext): Promise<Discovery> {
  const { cwd } = context;
  const notes: string[] = [];
  const display = (file: string): string => displayPath(cwd, file);
  const searches = new Map<string, Promise<ClientKeyCall[] | undefined>>();
  /** The client-key calls in a manifest's Forge app, searched once per manifest. */
  const callsOf = (manifest: string, info: ManifestInfo): Promise<ClientKeyCall[] | undefined> => {
    let calls = searches.get(manifest);
    if (!calls) {
      calls = mayCallBitbucket(info)
        ? searchForgeSource(path.dirname(manifest)).then((search) => {
            if (search.truncated) notes.push(`in the Forge app of ${display(manifest)}: ${search.truncated}`);
            return relabel(search, display, (file) => file);
          })
        : Promise.resolve(undefined);
      searches.set(manifest, calls);
    }
    return calls;
  };
  const explicit = await readExplicitManifests(options.manifests, cwd, display, callsOf);

  const scans = new Map<string, Promise<ScannedTree>>();
  const manifestTexts = new Map<string, Promise<Awaited<ReturnType<typeof readManifestFile>>>>();
  const scan = (root: string): Promise<ScannedTree> => {
    let result = scans.get(root);
    if (!result) {
      context.progress(`Searching ${display(root) || '.'}…`);
      const selection: DescriptorSelection = { globs: options.descriptorGlobs, workspaceFolders: [URI.file(root).toString()] };
      result = scanTree(root, DEFAULT_SCAN_LIMITS, {
        mayBeDescriptor: (file) => mayBeDescriptor(URI.file(file).toString(), selection),
      }).then(async (tree) => {
        if (tree.truncated) notes.push(`in ${display(root) || '.'}: ${tree.truncated}`);
        const descriptors: SelectedFile[] = [];
        const tooLarge: TooLarge[] = [];
        for (const file of [...tree.descriptorCandidates].sort()) {
          const verdict = await decide(file, selection);
          if (verdict.descriptor && verdict.reason) descriptors.push({ file, reason: verdict.reason, detail: verdict.detail });
          else if (verdict.tooLarge)
            tooLarge.push({ file, detail: verdict.detail, startsAsDescriptor: verdict.startsAsDescriptor === true });
        }
        const manifests: IndexedManifest[] = [];
        if (explicit.length === 0) {
          for (const file of [...tree.manifests].sort()) {
            let read = manifestTexts.get(file);
            if (!read) manifestTexts.set(file, (read = readManifestFile(file)));
            const { text, info } = await read;
            manifests.push(indexManifest(file, toSlashes(file), display(file), toSlashes(root), text, info, await callsOf(file, info)));
          }
        }
        return { descriptors, tooLarge, manifests, variants: [...tree.variants].sort() };
      });
      scans.set(root, result);
    }
    return result;
  };

  const targets = new Map<string, DescriptorTarget>();
  const tooLarge = new Map<string, TooLarge>();
  for (const argument of options.paths) {
    const absolute = path.resolve(cwd, argument);
    const stat = await statOrThrow(absolute, argument);
    if (stat.isDirectory()) {
      const tree = await scan(absolute);
      for (const selected of tree.descriptors) {
        if (!targets.has(selected.file)) targets.set(selected.file, target(selected, absolute, tree, explicit, display));
      }
      for (const skipped of tree.tooLarge) tooLarge.set(skipped.file, skipped);
    } else if (stat.isFile()) {
      if (targets.has(absolute)) continue;
      const root = repositoryRoot(path.dirname(absolute));
      const tree = explicit.length > 0 ? NOTHING_FOUND : await scan(root);
      const named = { file: absolute, reason: 'argument' as const, detail: 'named on the command line' };
      targets.set(absolute, target(named, root, tree, explicit, display));
    } else {
      throw new PathError(`cannot check '${argument}': not a file or a folder`);
    }
  }
  // What was searched for, not what a file argument's tree holds; a file also given is checked.
  return { targets: [...targets.values()], notes, tooLarge: [...tooLarge.values()].filter((skipped) => !targets.has(skipped.file)) };
}

/** The decision, with the size from a stat and the text (or, over the cap, its first bytes) read only when the name and globs leave it open. */
async function decide(file: string, selection: DescriptorSelection) {
  let size: number | undefined;
  try {
    size = (await fs.stat(file)).size;
  } catch {
    // Gone or unreadable since the walk: the read below says so.
  }
  return descriptorVerdict({ uri: URI.file(file).toString(), size, text: () => readText(file), head: () => readHead(file) }, selection);
}

function readHead(file: string): string | undefined {
  try {
    const handle = openSync(file, 'r');
    try {
      const bytes = Buffer.alloc(MAX_HEAD_BYTES);
      return bytes.toString('utf8', 0, readSync(handle, bytes, 0, MAX_HEAD_BYTES, 0));
    } finally {
      closeSync(handle);
    }
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface SelectedFile extends Selected {
  readonly file: string;
}

interface TooLarge {
  readonly file: string;
  readonly detail: string;
  /** Whether its first bytes start as a descriptor's do (a string "key" or "baseUrl" at the root): worth naming on a check. */
  readonly startsAsDescriptor: boolean;
}

interface ScannedTree {
  readonly descriptors: readonly SelectedFile[];
  /** The files of the tree too large to be read for the decision (absolute paths). */
  readonly tooLarge: readonly TooLarge[];
  readonly manifests: readonly IndexedManifest[];
  /** Absolute paths of manifest.yaml files. */
  readonly variants: readonly string[];
}

const NOTHING_FOUND: ScannedTree = { descriptors: [], tooLarge: [], manifests: [], variants: [] };

function target(
  { file, reason, detail }: SelectedFile,
  root: string,
  tree: ScannedTree,
  explicit: readonly IndexedManifest[],
  display: (file: string) => string,
): DescriptorTarget {
  const selected = { reason, detail };
  if (explicit.length > 0) return { file, root, manifests: explicit, explicit: true, ignoredVariants: [], selected };
  // As the server does: a manifest.yaml in the descriptor's folder or in a folder beside it.
  const ignoredVariants = tree.variants
    .filter((variant) => isWithin(path.dirname(path.dirname(variant)), path.dirname(file)))
    .map((variant) => ({ label: display(variant), location: variant }));
  return { file, root, manifests: tree.manifests, explicit: false, ignoredVariants, selected };
}

async function readExplicitManifests(
  paths: readonly string[],
  cwd: string,
  display: (file: string) => string,
  callsOf: (manifest: string, info: ManifestInfo) => Promise<ClientKeyCall[] | undefined>,
): Promise<IndexedManifest[]> {
  const manifests: IndexedManifest[] = [];
  for (const given of paths) {
    const file = path.resolve(cwd, given);
    const stat = await statOrThrow(file, given);
    if (!stat.isFile()) throw new PathError(`cannot read manifest '${given}': not a file`);
    try {
      await fs.access(file, fs.constants.R_OK);
    } catch (error) {
      throw new PathError(`cannot read manifest '${given}': ${describeError(error)}`);
    }
    const { text, info } = await readManifestFile(file);
    manifests.push(
      indexManifest(file, toSlashes(file), display(file), toSlashes(path.dirname(file)), text, info, await callsOf(file, info)),
    );
  }
  return manifests;
}

async function statOrThrow(file: string, given: string): Promise<import('node:fs').Stats> {
  try {
    return await fs.stat(file);
  } catch (error) {
    throw new PathError(`cannot read '${given}': ${describeError(error)}`);
  }
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
    case 'EEXIST': // making a folder where a file is
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Where to search for the manifests of a descriptor given as a file: the nearest enclosing folder
 * with a .git (the repository, as an editor's workspace folder would be), else the file's folder.
 * The home folder and the file-system root are never searched as a whole.
 */
export function repositoryRoot(folder: string): string {
  const home = os.homedir();
  let current = folder;
  for (let level = 0; level <= MAX_REPOSITORY_LEVELS; level++) {
    const parent = path.dirname(current);
    if (current === home || parent === current) break;
    if (existsSync(path.join(current, '.git'))) return current;
    current = parent;
  }
  return folder;
}

/** Relative to the current folder with '/' separators; absolute when it is elsewhere on another drive. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return path.isAbsolute(relative) ? toSlashes(file) : toSlashes(relative);
}
