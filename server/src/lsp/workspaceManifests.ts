/**
 * The workspace as the server sees it: its folders, followed as the client adds and removes them,
 * the index of the Forge manifests in them (server/src/workspace/manifestIndex.ts), built once
 * per set of folders, and the files on disk that workspace diagnostics read (the descriptor
 * candidates the same walk finds, workspace/diskDocuments.ts), both kept current by watched-file
 * events. Answers that need the manifests wait for the first index, for a bounded time.
 */
import {
  Connection,
  DidChangeWatchedFilesNotification,
  DidChangeWatchedFilesParams,
  FileChangeType,
  InitializeParams,
  WatchKind,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { DescriptorIdentity, IndexedManifest, ManifestContext, WATCHED_FILE_GLOBS } from '../core';
import { DiskDocuments, isDescriptorCandidate } from '../workspace/diskDocuments';
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
}

export class WorkspaceManifests {
  /** The closed files workspace diagnostics read: descriptor candidates and manifests. */
  readonly disk: DiskDocuments;
  private folders: string[];
  private index: ManifestIndex | undefined;
  /** Settles when the current index has its first results (a new set of folders starts a new one). */
  private indexed: Promise<void>;
  private readonly startIndex: (built: Promise<void>) => void;
  private isIndexed = false;
  private boundedWait: Promise<void> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly features: ClientFeatures,
    params: InitializeParams,
    private readonly options: WorkspaceManifestsOptions,
  ) {
    this.folders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (this.folders.length === 0 && params.rootUri) this.folders = [params.rootUri];
    this.disk = new DiskDocuments(options.log);
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

  private rebuild(): void {
    this.index?.dispose();
    this.disk.clear();
    const index = new ManifestIndex({
      folders: this.folders,
      onChange: this.options.onChange,
      log: this.options.log,
      mayBeDescriptor: isDescriptorCandidate,
      onDescriptorCandidates: (folder, files) => this.disk.setCandidates(folder, files),
    });
    this.index = index;
    const built = index.start().then(() => {
      if (this.index === index) this.isIndexed = true;
    }, this.options.logFailure('The manifest search'));
    // A new set of folders: answers wait for its index as the first ones did.
    this.isIndexed = false;
    this.boundedWait = undefined;
    this.indexed = built;
    // Answers that began to wait before the first walk started wait for it.
    this.startIndex(built);
  }
}
