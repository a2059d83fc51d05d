/**
 * The workspace as the server sees it: its folders, followed as the client adds and removes them,
 * and the index of the Forge manifests in them (server/src/workspace/manifestIndex.ts), built once
 * per set of folders and kept current by watched-file events.
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
import { DescriptorIdentity, IndexedManifest, ManifestContext } from '../core';
import { FileChange, ManifestIndex } from '../workspace/manifestIndex';
import type { ClientFeatures } from './capabilities';

const FILE_CHANGES: Record<FileChangeType, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

export interface WorkspaceManifestsOptions {
  /** Called when what the index says may have changed (the open documents are checked again). */
  readonly onChange: () => void;
  readonly log: (message: string) => void;
  readonly logFailure: (what: string) => (error: unknown) => void;
}

export class WorkspaceManifests {
  private folders: string[];
  private index: ManifestIndex | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly features: ClientFeatures,
    params: InitializeParams,
    private readonly options: WorkspaceManifestsOptions,
  ) {
    this.folders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (this.folders.length === 0 && params.rootUri) this.folders = [params.rootUri];
  }

  /** The workspace folders' URIs, of any scheme (only file: folders are indexed). */
  get folderUris(): readonly string[] {
    return this.folders;
  }

  /** After `initialized`: asks for file events where the client does not send them unasked, and builds the index. */
  start(): void {
    if (this.features.dynamicWatchedFiles && !this.features.watchesManifests) {
      // Editors that do not watch files for us (VS Code's client does) are asked to; deleted
      // folders too, since a folder's deletion is not reported for each manifest inside it.
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/manifest.{yml,yaml}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
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
    for (const change of params.changes) {
      this.index?.fileChanged(change.uri, FILE_CHANGES[change.type]).catch(this.options.logFailure('A watched-file update'));
    }
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
    this.index = new ManifestIndex({ folders: this.folders, onChange: this.options.onChange, log: this.options.log });
    this.index.start().catch(this.options.logFailure('The manifest search'));
  }
}
