/**
 * The workspace as the server sees it: its folders, followed as the client adds and removes them,
 * the index of the Forge manifests in them (server/src/workspace/manifestIndex.ts), built once
 * per set of folders, and the files on disk that workspace diagnostics read (the descriptor
 * candidates the same walk finds, workspace/diskDocuments.ts), both kept current by watched-file
 * events. The walk keeps the files each folder's `descriptorGlobs` match, so it is done again when
 * that setting changes. Answers that need the manifests wait for the first index, for a bounded time.
 */
import {
  Connection,
  DidChangeWatchedFilesNotification,
  DidChangeWatchedFilesParams,
  Disposable,
  FileChangeType,
  FileSystemWatcher,
  InitializeParams,
  WatchKind,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { DescriptorIdentity, IndexedManifest, ManifestContext, WATCHED_FILE_GLOBS } from '../core';
import { DiskDocuments, isDescriptorCandidate } from '../workspace/diskDocuments';
import { DescriptorSelection } from '../workspace/documentSelection';
import { FileChange, ManifestIndex } from '../workspace/manifestIndex';
import type { ClientFeatures } from './capabilities';

const FILE_CHANGES: Record<FileChangeType, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

/** How long the first answers wait for the manifest index before they go without it (then they are updated). */
export const DEFAULT_INDEX_WAIT_MS = 2000;

export interface WorkspaceManifestsOptions {
  /** Called when what the index says may have changed (the open documents are checked again). */
  readonly onChange: () => void;
  /** Called when a file on disk that workspace diagnostics read changed, appeared or went away. */
  readonly onDiskChange: () => void;
  readonly log: (message: string) => void;
  readonly logFailure: (what: string) => (error: unknown) => void;
  readonly indexWaitMs?: number;
  /** A workspace folder's `descriptorGlobs` (its resource-scoped settings), for the walk. */
  readonly descriptorGlobs: (folderUri: string) => Promise<readonly string[]>;
}

export class WorkspaceManifests {
  /** The closed files workspace diagnostics read: descriptor candidates and manifests. */
  readonly disk: DiskDocuments;
  private folders: string[];
  /** Each folder's descriptorGlobs (by folder URI), as the walk last read them. */
  private globs = new Map<string, readonly string[]>();
  /** The readings of the globs, one after another: a later one reads the settings as they are then. */
  private globsRead: Promise<unknown> = Promise.resolve();
  /** The client's watchers for the files the globs match (which other watchers may not cover, such as `**\/*.descriptor`). */
  private globWatchers: Promise<Disposable | undefined> = Promise.resolve(undefined);
  private started = false;
  private index: ManifestIndex | undefined;
  /** Settles when the current index has its first results. */
  private built: Promise<void> = Promise.resolve();
  /** Settles when what answers wait for is done: the current index, after any re-reading of the settings. */
  private indexed: Promise<void>;
  private readonly startIndex: (built: Promise<void>) => void;
  private isIndexed = false;
  /** Counts the waits begun (new folders, new settings): only the latest one's end makes answers go. */
  private waits = 0;
  private boundedWait: Promise<void> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly features: ClientFeatures,
    params: InitializeParams,
    private readonly options: WorkspaceManifestsOptions,
  ) {
    this.folders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (this.folders.length === 0 && params.rootUri) this.folders = [params.rootUri];
    this.disk = new DiskDocuments(options.log, (file) => this.isCandidate(file));
    let startIndex: (built: Promise<void>) => void = () => undefined;
    this.indexed = new Promise((resolve) => (startIndex = resolve));
    this.startIndex = startIndex;
  }

  /** The workspace folders' URIs, of any scheme (only file: folders are indexed). */
  get folderUris(): readonly string[] {
    return this.folders;
  }

  /** After `initialized`: asks for file events where the client does not send them unasked, and builds the index. */
  start(): void {
    this.started = true;
    if (this.features.dynamicWatchedFiles && !this.features.watchesManifests) {
      // Editors that do not watch files for us (VS Code's client does) are asked to; created and
      // deleted folders too, since those may be reported for the folder alone.
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            ...WATCHED_FILE_GLOBS.map((globPattern) => ({ globPattern })),
            { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
          ],
        })
        .catch(this.options.logFailure('Registering for watched files'));
    }
    if (this.features.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        this.folders = [...this.folders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
        this.rebuild();
      });
    }
    this.rebuild();
  }

  /**
   * The settings changed: when a folder's descriptorGlobs did, the folders are walked again (files
   * they now match become candidates, files they no longer match leave). Answers wait for that.
   */
  settingsChanged(): void {
    // Before start, there is nothing walked yet: start reads the settings as they are then.
    if (!this.started) return;
    this.waitFor(this.readGlobs().then((changed) => (changed ? this.newIndex() : undefined)));
  }

  filesChanged(params: DidChangeWatchedFilesParams): void {
    let diskChanged = false;
    for (const change of params.changes) {
      const type = FILE_CHANGES[change.type];
      this.index?.fileChanged(change.uri, type).catch(this.options.logFailure('A watched-file update'));
      const uri = URI.parse(change.uri);
      if (uri.scheme === 'file') diskChanged = this.disk.fileChanged(uri.fsPath, type) || diskChanged;
    }
    if (diskChanged) this.options.onDiskChange();
  }

  /**
   * Resolves once the first index of the current folders is built, or when the bound passes (a
   * huge workspace): the first diagnostics are then complete, or say in the log why they are not.
   */
  whenIndexed(): Promise<void> {
    if (this.isIndexed) return Promise.resolve();
    const boundMs = this.options.indexWaitMs ?? DEFAULT_INDEX_WAIT_MS;
    this.boundedWait ??= Promise.race([
      this.indexed,
      new Promise<void>((resolve) => {
        setTimeout(() => {
          if (!this.isIndexed) {
            this.options.log(
              `The manifest index is not ready after ${boundMs} ms: answering without the manifests for now; the diagnostics are updated when it is.`,
            );
          }
          resolve();
        }, boundMs).unref();
      }),
    ]);
    return this.boundedWait;
  }

  /** How the analysis of this descriptor finds its manifests. */
  resolverFor(descriptorUri: string): ManifestContext | ((identity: DescriptorIdentity) => ManifestContext) | undefined {
    return this.index?.resolverFor(descriptorUri);
  }

  /** Every manifest the index holds, or undefined when it holds none it could see (no folder on disk, not built yet). */
  manifests(): readonly IndexedManifest[] | undefined {
    return this.index?.list();
  }

  /** The workspace folder a document is in (the innermost one), of any scheme. */
  folderOf(uri: string): URI | undefined {
    const document = URI.parse(uri);
    let best: URI | undefined;
    for (const folder of this.folders.map((folderUri) => URI.parse(folderUri))) {
      const within =
        folder.scheme === document.scheme &&
        folder.authority === document.authority &&
        document.path.startsWith(folder.path.replace(/\/?$/, '/'));
      if (within && (!best || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  }

  dispose(): void {
    this.index?.dispose();
  }

  /** Whether the walk keeps a file: JSON files, templates, and what its folder's descriptorGlobs match. */
  private isCandidate(file: string): boolean {
    const folder = this.folderOf(URI.file(file).toString());
    const selection: DescriptorSelection = { globs: (folder && this.globs.get(folder.toString())) ?? [], workspaceFolders: this.folders };
    return isDescriptorCandidate(file, selection);
  }

  /** Reads each folder's descriptorGlobs (scoped as a closed file's settings are: by its folder); returns whether any changed. */
  private readGlobs(): Promise<boolean> {
    const reading = this.globsRead.then(() => this.readGlobsNow());
    this.globsRead = reading.catch(() => undefined);
    return reading;
  }

  private async readGlobsNow(): Promise<boolean> {
    const scopes = this.folders.map((folder) => URI.parse(folder).toString());
    const read = new Map(await Promise.all(scopes.map(async (scope) => [scope, await this.options.descriptorGlobs(scope)] as const)));
    const changed =
      read.size !== this.globs.size || [...read].some(([scope, globs]) => globs.join('\n') !== this.globs.get(scope)?.join('\n'));
    this.globs = read;
    if (changed) this.watchGlobs();
    return changed;
  }

  /** Asks the client to watch what the globs match, in place of what it watched for the globs before. */
  private watchGlobs(): void {
    if (!this.features.dynamicWatchedFiles) return;
    const watchers: FileSystemWatcher[] = [];
    const strings = new Set<string>();
    for (const [folder, globs] of this.globs) {
      for (const pattern of globs) {
        // A glob relative to the folder, as the descriptor decision matches it; an absolute one as it is.
        if (this.features.relativeWatchPatterns && !pattern.startsWith('/')) watchers.push({ globPattern: { baseUri: folder, pattern } });
        else strings.add(pattern);
      }
    }
    for (const pattern of strings) watchers.push({ globPattern: pattern });
    const logFailure = this.options.logFailure('Watching the files descriptorGlobs match');
    this.globWatchers = this.globWatchers
      .then(async (previous) => {
        previous?.dispose();
        return watchers.length === 0 ? undefined : this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      })
      .catch((error: unknown) => {
        logFailure(error);
        return undefined;
      });
  }

  /** New folders: their settings are read, then they are walked. */
  private rebuild(): void {
    this.waitFor(this.readGlobs().then(() => this.newIndex()));
  }

  /** A new index of the folders, with a new walk; resolves when it has its first results. */
  private newIndex(): Promise<void> {
    this.index?.dispose();
    this.disk.clear();
    const index = new ManifestIndex({
      folders: this.folders,
      onChange: this.options.onChange,
      log: this.options.log,
      mayBeDescriptor: (file) => this.isCandidate(file),
      onDescriptorCandidates: (folder, files) => this.disk.setCandidates(folder, files),
    });
    this.index = index;
    this.built = index.start().catch(this.options.logFailure('The manifest search'));
    return this.built;
  }

  /** Answers wait for `work`, then for the index as it is then (a newer walk may have started meanwhile). */
  private waitFor(work: Promise<void>): void {
    const wait = ++this.waits;
    this.isIndexed = false;
    this.boundedWait = undefined;
    this.indexed = (async () => {
      await work.catch(this.options.logFailure('Reading the descriptorGlobs setting'));
      for (let built = this.built; ; built = this.built) {
        await built;
        if (built === this.built) break;
      }
      if (wait === this.waits) this.isIndexed = true;
    })();
    // Answers that began to wait before the first walk started wait for it.
    this.startIndex(this.indexed);
  }
}
