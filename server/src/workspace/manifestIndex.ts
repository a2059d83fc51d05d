/**
 * The server's index of Forge manifests: built once per workspace folder by a bounded scan, then
 * kept current by watched-file events. Descriptors ask it which manifests match them.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  ClientKeyCall,
  DescriptorIdentity,
  IndexedManifest,
  ManifestContext,
  NO_MANIFESTS,
  indexManifest,
  manifestResolver,
} from '../core';
import { MANIFEST_NAME_VARIANTS, isForgeManifestName } from '../core/manifest';
import { isSourceFileName, mayCallBitbucket, relabel, searchForgeSource } from './forgeSourceSearch';
import { DEFAULT_SCAN_LIMITS, ScanLimits, isInSkippedFolder, isWithin, readManifestFile, scanTree, toSlashes } from './manifestFiles';

export type FileChange = 'created' | 'changed' | 'deleted';

export interface ManifestIndexOptions {
  /** Workspace folder URIs; only file: folders are scanned. */
  readonly folders: readonly string[];
  readonly limits?: ScanLimits;
  /** Called after the index changed, so that open descriptors are checked again. */
  readonly onChange: () => void;
  readonly log: (message: string) => void;
  /** Which other files the walk collects as possible descriptors (documentSelection's mayBeDescriptor). */
  readonly mayBeDescriptor?: (absolutePath: string) => boolean;
  /** Told what the walk of each folder found besides manifests, before the index is ready. */
  readonly onDescriptorCandidates?: (folder: string, files: readonly string[]) => void;
}

interface Folder {
  readonly uri: string;
  readonly fsPath: string;
  readonly name: string;
}

export class ManifestIndex {
  private readonly manifests = new Map<string, IndexedManifest>();
  private readonly variants = new Map<string, { label: string; location: string; root: string }>();
  private readonly folders: Folder[];
  private readonly pendingSearches = new Set<string>();
  private ready = false;
  private disposed = false;
  /** Serialises updates so that a quick create-then-delete cannot leave a stale entry. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: ManifestIndexOptions) {
    this.folders = options.folders
      .map((uri) => URI.parse(uri))
      .filter((uri) => uri.scheme === 'file')
      .map((uri) => ({ uri: uri.toString(), fsPath: uri.fsPath, name: path.basename(uri.fsPath) }));
  }

  /** Scans every folder; resolves when the first results are in. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      const started = Date.now();
      for (const folder of this.folders) {
        // One walk finds the manifests and the descriptor candidates.
        const scan = await scanTree(folder.fsPath, this.options.limits ?? DEFAULT_SCAN_LIMITS, {
          mayBeDescriptor: this.options.mayBeDescriptor,
        });
        if (scan.truncated) this.options.log(`Manifest search in ${folder.fsPath}: ${scan.truncated}.`);
        if (!this.disposed) this.options.onDescriptorCandidates?.(folder.fsPath, scan.descriptorCandidates);
        for (const file of scan.manifests) await this.load(file);
        for (const file of scan.variants) this.addVariant(file);
      }
      this.ready = true;
      this.options.log(`Found ${this.manifests.size} manifest.yml file(s) in ${Date.now() - started} ms.`);
    });
  }

  fileChanged(uri: string, change: FileChange): Promise<void> {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return Promise.resolve();
    const file = parsed.fsPath;
    const name = path.basename(file);
    if (!isForgeManifestName(name) && !MANIFEST_NAME_VARIANTS.has(name)) {
      // A deleted folder takes its manifests with it; editors report only the folder.
      if (change === 'deleted' && this.hasEntriesUnder(file)) return this.enqueue(() => Promise.resolve(this.forgetUnder(file)));
      // A folder created at once with its files (a checkout, a copy) may be reported alone: walk it.
      if (change === 'created' && !isSourceFileName(name)) return this.enqueue(() => this.walkCreated(file));
      // A source file (or folder) of a Forge app changed: search its code again.
      const folderGone = change === 'deleted' && path.extname(name) === '';
      return isSourceFileName(name) || folderGone ? this.searchAgain(file) : Promise.resolve();
    }
    const folder = this.folderOf(file);
    // The scan skips these folders; a watcher still reports files in them.
    if (!folder || isInSkippedFolder(path.relative(folder.fsPath, file))) return Promise.resolve();
    return this.enqueue(async () => {
      if (MANIFEST_NAME_VARIANTS.has(name)) {
        if (change === 'deleted') this.variants.delete(file);
        else this.addVariant(file);
      } else if (change === 'deleted') {
        this.manifests.delete(file);
      } else {
        await this.load(file);
      }
    });
  }

  /** How to match a descriptor, to be run on the tree the analysis parses anyway. */
  resolverFor(descriptorUri: string): ManifestContext | ((identity: DescriptorIdentity) => ManifestContext) {
    if (!this.ready) return NO_MANIFESTS;
    const parsed = URI.parse(descriptorUri);
    const file = parsed.scheme === 'file' ? parsed.fsPath : parsed.path;
    const folder = this.folderOf(file);
    const root = folder ? folder.fsPath : path.dirname(file);
    const manifests = [...this.manifests.values()];
    const variants = [...this.variants.entries()]
      .filter(([variant, entry]) => entry.root === root && isWithin(path.dirname(path.dirname(variant)), path.dirname(file)))
      .map(([, entry]) => ({ label: entry.label, location: entry.location }));
    return manifestResolver({ path: toSlashes(file), root: toSlashes(root), manifests, ignoredVariants: variants });
  }

  /** Every manifest indexed; undefined before the first scan and when no folder is on disk (the client then reads them). */
  list(): readonly IndexedManifest[] | undefined {
    return this.ready && this.folders.length > 0 ? [...this.manifests.values()] : undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.manifests.clear();
  }

  private hasEntriesUnder(folder: string): boolean {
    return [...this.manifests.keys(), ...this.variants.keys()].some((file) => file !== folder && isWithin(folder, file));
  }

  private forgetUnder(folder: string): void {
    for (const file of [...this.manifests.keys()]) if (isWithin(folder, file)) this.manifests.delete(file);
    for (const file of [...this.variants.keys()]) if (isWithin(folder, file)) this.variants.delete(file);
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).then(
      () => {
        if (!this.disposed && this.ready) this.options.onChange();
      },
      (error: unknown) => this.options.log(`Manifest index update failed: ${error instanceof Error ? error.message : String(error)}`),
    );
    return this.queue;
  }

  /** When `file` is a folder new to the index: what the first walk would have found in it. */
  private async walkCreated(file: string): Promise<void> {
    const folder = this.folderOf(file);
    // The folder itself counts: a created node_modules is not walked either.
    if (!folder || file === folder.fsPath || isInSkippedFolder(path.relative(folder.fsPath, path.join(file, 'entry')))) return;
    try {
      if (!(await fs.stat(file)).isDirectory()) return;
    } catch {
      return; // gone again, or unreadable: nothing to index
    }
    const scan = await scanTree(file, this.options.limits ?? DEFAULT_SCAN_LIMITS, { mayBeDescriptor: this.options.mayBeDescriptor });
    if (!this.disposed) this.options.onDescriptorCandidates?.(file, scan.descriptorCandidates);
    for (const manifest of scan.manifests) await this.load(manifest);
    for (const variant of scan.variants) this.addVariant(variant);
  }

  private async load(file: string): Promise<void> {
    const folder = this.folderOf(file);
    if (!folder) return;
    const { text, info } = await readManifestFile(file);
    const location = URI.file(file).toString();
    const calls = mayCallBitbucket(info) ? await this.searchSource(folder, file) : undefined;
    this.manifests.set(
      file,
      indexManifest(location, toSlashes(file), this.labelOf(folder, file), toSlashes(folder.fsPath), text, info, calls),
    );
  }

  /** The Forge app's calls of the client-key route, labelled as the workspace shows paths. */
  private async searchSource(folder: Folder, manifest: string): Promise<ClientKeyCall[]> {
    const search = await searchForgeSource(path.dirname(manifest));
    if (search.truncated) this.options.log(`Source search of the Forge app of ${manifest}: ${search.truncated}.`);
    return relabel(
      search,
      (file) => this.labelOf(folder, file),
      (file) => URI.file(file).toString(),
    );
  }

  /** Reloads the manifest whose Forge app holds `file` (the nearest above it), once however many events come. */
  private searchAgain(file: string): Promise<void> {
    const owner = [...this.manifests.keys()]
      .filter((manifest) => isWithin(path.dirname(manifest), file))
      .sort((a, b) => b.length - a.length)[0];
    if (owner === undefined) return Promise.resolve();
    // Already queued: the search still to come reads the files as they will be then.
    if (this.pendingSearches.has(owner)) return this.queue;
    if (isInSkippedFolder(path.relative(path.dirname(owner), file))) return Promise.resolve();
    this.pendingSearches.add(owner);
    return this.enqueue(async () => {
      this.pendingSearches.delete(owner);
      if (this.manifests.has(owner)) await this.load(owner);
    });
  }

  private addVariant(file: string): void {
    const folder = this.folderOf(file);
    if (folder) this.variants.set(file, { label: this.labelOf(folder, file), location: URI.file(file).toString(), root: folder.fsPath });
  }

  /** Workspace-relative, prefixed with the folder's name in a multi-root workspace, as VS Code shows paths. */
  private labelOf(folder: Folder, file: string): string {
    const relative = toSlashes(path.relative(folder.fsPath, file));
    return this.folders.length > 1 ? `${folder.name}/${relative}` : relative;
  }

  private folderOf(file: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      if (isWithin(folder.fsPath, file) && (!best || folder.fsPath.length > best.fsPath.length)) best = folder;
    }
    return best;
  }
}
