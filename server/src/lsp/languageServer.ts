/**
 * LSP wiring only: documents, settings, diagnostics, code actions, hover and completion, each
 * answered by the pure core. No rule logic lives here.
 */
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WatchKind,
  InitializeParams,
  InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, analyze } from '../core';
import { provideCodeActions, FIX_ALL_KIND } from './codeActions';
import { provideCompletion } from './completion';
import { toDiagnostic } from './diagnostics';
import { DEFAULT_DESCRIPTOR_NAME, isDescriptorUri } from '../workspace/documentSelection';
import { URI } from 'vscode-uri';
import { provideHover } from './hover';
import { FileChange, ManifestIndex } from '../workspace/manifestIndex';
import { provideDefinition } from './definition';
import { isManifestUri, manifestDiagnostics, manifestCodeActions } from './manifestDocuments';
import { runSafe } from './runSafe';
import { ClientFeatures } from './capabilities';
import { VERSION } from '../version';
import { DEFAULT_SERVER_SETTINGS, SETTINGS_SECTION, ServerSettings, normalizeSettings } from './settings';

/** Options an editor may pass in `initializationOptions`. */
export interface InitializationOptions {
  /** Settings to use when the client does not answer workspace/configuration. */
  readonly settings?: unknown;
  /** The client can ask the user for the install link (VS Code's client sets this). */
  readonly interactiveFixes?: boolean;
  /** The client sends watched-file events for manifests and deleted folders itself (VS Code's client does). */
  readonly watchesManifests?: boolean;
  /** The client's JSON language already describes and completes the two keys in files named
   * atlassian-connect.json (VS Code's client contributes a schema): the server then adds only
   * what the schema cannot say, so hovers and completions are not shown twice. */
  readonly schemaDescribesKeys?: boolean;
}

const CHANGE_DEBOUNCE_MS = 150;
const FILE_CHANGES: Record<FileChangeType, FileChange> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const state = new ServerState(connection, documents);
  connection.onInitialize((params) => state.initialize(params));
  connection.onInitialized(() => state.initialized());
  connection.onDidChangeConfiguration((change) => state.configurationChanged(change.settings));
  documents.onDidOpen((event) => state.validateNow(event.document));
  // TextDocuments also reports an opened document as changed: that version is already checked.
  documents.onDidChangeContent((event) => state.validateSoon(event.document));
  documents.onDidClose((event) => state.closed(event.document));
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes)
      state.manifestIndex?.fileChanged(change.uri, FILE_CHANGES[change.type]).catch(state.logFailure('A watched-file update'));
  });
  connection.onDefinition((params, token) =>
    runSafe(connection, 'definition', null, token, async () => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document && (await state.analysisOf(document));
      return document && analysis ? provideDefinition(document, analysis, params.position) : null;
    }),
  );
  connection.onCodeAction((params, token) =>
    runSafe(connection, 'code actions', [], token, async () => {
      const document = documents.get(params.textDocument.uri);
      if (document && isManifestUri(document.uri)) return manifestCodeActions(document, params, state.clientFeatures);
      const analysis = document && (await state.analysisOf(document));
      return document && analysis ? provideCodeActions(document, analysis, params, state.clientFeatures) : [];
    }),
  );
  connection.onHover((params, token) =>
    runSafe(connection, 'hover', null, token, async () => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document && (await state.analysisOf(document));
      return document && analysis ? provideHover(document, analysis, params.position, state.schemaCovers(document.uri)) : null;
    }),
  );
  connection.onCompletion((params, token) =>
    runSafe(connection, 'completion', [], token, async () => {
      const document = documents.get(params.textDocument.uri);
      const analysis = document && (await state.analysisOf(document));
      return document && analysis ? provideCompletion(document, analysis, params.position, state.schemaCovers(document.uri)) : [];
    }),
  );
  connection.onShutdown(() => state.dispose());
  documents.listen(connection);
  connection.listen();
}

interface CachedAnalysis {
  /** A document closed and opened again is a new object whose versions start again at 1. */
  readonly document: TextDocument;
  readonly version: number;
  readonly analysis: Analysis;
}

class ServerState {
  clientFeatures: ClientFeatures = {
    interactiveFixes: false,
    schemaDescribesKeys: false,
    documentChanges: false,
    relatedInformation: false,
  };
  private configurationSupported = false;
  private dynamicConfiguration = false;
  private fallbackSettings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  private workspaceFolders: string[] = [];
  private readonly settingsCache = new Map<string, Promise<ServerSettings>>();
  private readonly analyses = new Map<string, CachedAnalysis>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The version of each open document last sent to be checked (keyed by the document object). */
  private readonly checkedVersions = new WeakMap<TextDocument, number>();
  manifestIndex: ManifestIndex | undefined;
  private watchedFilesDynamic = false;
  private clientWatchesManifests = false;
  private workspaceFoldersSupported = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  initialize(params: InitializeParams): InitializeResult {
    const capabilities = params.capabilities;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    this.configurationSupported = capabilities.workspace?.configuration === true;
    this.dynamicConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    this.watchedFilesDynamic = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.clientWatchesManifests = init.watchesManifests === true;
    this.workspaceFoldersSupported = capabilities.workspace?.workspaceFolders === true;
    this.fallbackSettings = normalizeSettings(init.settings);
    this.workspaceFolders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (this.workspaceFolders.length === 0 && params.rootUri) this.workspaceFolders = [params.rootUri];
    this.clientFeatures = {
      interactiveFixes: init.interactiveFixes === true,
      schemaDescribesKeys: init.schemaDescribesKeys === true,
      documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      relatedInformation: capabilities.textDocument?.publishDiagnostics?.relatedInformation === true,
    };
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: ['"'], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'connect-forge-link', version: VERSION },
    };
  }

  /** Whether the client's schema already describes the keys in this document. */
  schemaCovers(uri: string): boolean {
    return this.clientFeatures.schemaDescribesKeys && URI.parse(uri).path.endsWith(`/${DEFAULT_DESCRIPTOR_NAME}`);
  }

  initialized(): void {
    if (this.dynamicConfiguration) {
      this.connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch(this.logFailure('Registering for configuration changes'));
    }
    if (this.watchedFilesDynamic && !this.clientWatchesManifests) {
      // Editors that do not watch files for us (VS Code's client does) are asked to; deleted
      // folders too, since a folder's deletion is not reported for each manifest inside it.
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/manifest.{yml,yaml}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
        })
        .catch(this.logFailure('Registering for watched files'));
    }
    if (this.workspaceFoldersSupported) {
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => folder.uri));
        this.workspaceFolders = [...this.workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
        this.startManifestIndex();
      });
    }
    this.startManifestIndex();
  }

  /** (Re)builds the manifest index for the current workspace folders. */
  private startManifestIndex(): void {
    this.manifestIndex?.dispose();
    this.manifestIndex = new ManifestIndex({
      folders: this.workspaceFolders,
      onChange: () => this.recheckAll(),
      log: (message) => this.connection.console.info(message),
    });
    this.manifestIndex.start().catch(this.logFailure('The manifest search'));
  }

  configurationChanged(pushed: unknown): void {
    this.settingsCache.clear();
    // Clients without workspace/configuration push their settings here instead.
    if (!this.configurationSupported && typeof pushed === 'object' && pushed !== null) {
      this.fallbackSettings = normalizeSettings((pushed as Record<string, unknown>)[SETTINGS_SECTION], this.fallbackSettings);
    }
    this.recheckAll();
  }

  recheckAll(): void {
    this.analyses.clear();
    for (const document of this.documents.all()) this.validateNow(document);
  }

  settingsFor(uri: string): Promise<ServerSettings> {
    if (!this.configurationSupported) return Promise.resolve(this.fallbackSettings);
    let settings = this.settingsCache.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw) => normalizeSettings(raw, this.fallbackSettings),
        () => this.fallbackSettings,
      );
      this.settingsCache.set(uri, settings);
    }
    return settings;
  }

  /** The analysis of the document's current version, computed at most once per version. */
  async analysisOf(document: TextDocument): Promise<Analysis | undefined> {
    const settings = await this.settingsFor(document.uri);
    if (!isDescriptorUri(document.uri, settings.descriptorGlobs, this.workspaceFolders)) return undefined;
    const cached = this.analyses.get(document.uri);
    if (cached && cached.document === document && cached.version === document.version) return cached.analysis;
    const analysis = analyze(document.getText(), { settings, manifests: this.manifestIndex?.resolverFor(document.uri) });
    for (const failure of analysis.failures)
      this.connection.console.error(`Rule ${failure.ruleId} failed on ${document.uri}: ${failure.error}`);
    // A closed document's late analysis must not answer for the document reopened in its place.
    if (this.documents.get(document.uri) === document) this.analyses.set(document.uri, { document, version: document.version, analysis });
    return analysis;
  }

  validateSoon(document: TextDocument): void {
    if (this.checkedVersions.get(document) === document.version) return;
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(
      document.uri,
      setTimeout(() => this.validateNow(document), CHANGE_DEBOUNCE_MS),
    );
  }

  validateNow(document: TextDocument): void {
    this.checkedVersions.set(document, document.version);
    clearTimeout(this.timers.get(document.uri));
    this.timers.delete(document.uri);
    this.publish(document).catch(this.logFailure(`Checking ${document.uri}`));
  }

  private async publish(document: TextDocument): Promise<void> {
    if (isManifestUri(document.uri)) {
      const diagnostics = manifestDiagnostics(document, await this.settingsFor(document.uri));
      if (this.documents.get(document.uri) !== document) return;
      await this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
      return;
    }
    const analysis = await this.analysisOf(document);
    // The document may have closed, or closed and reopened as a new object (whose versions start
    // again at 1), while settings were fetched: publish only for the open one. Changes update this
    // same object, so the analysis above is of its latest text.
    const current = this.documents.get(document.uri);
    if (current !== document) return;
    const diagnostics = analysis
      ? analysis.findings.map((finding, index) => toDiagnostic(document, finding, index, this.clientFeatures.relatedInformation))
      : [];
    await this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  closed(document: TextDocument): void {
    clearTimeout(this.timers.get(document.uri));
    this.timers.delete(document.uri);
    this.analyses.delete(document.uri);
    this.settingsCache.delete(document.uri);
    this.connection
      .sendDiagnostics({ uri: document.uri, diagnostics: [] })
      .catch(this.logFailure(`Clearing the diagnostics of ${document.uri}`));
  }

  /** A rejection handler for work nobody awaits: the failure goes to the log, never unhandled. */
  logFailure(what: string): (error: unknown) => void {
    return (error) =>
      this.connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.manifestIndex?.dispose();
  }
}
