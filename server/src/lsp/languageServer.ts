/**
 * LSP wiring only: which handler answers which message. Each concern lives in its own module:
 * what the client can do (capabilities), settings (settingsStore), the workspace and its manifest
 * index (workspaceManifests), one cache of every document's analysis (documentCache),
 * diagnostics (validation: pushed, or pulled with pullDiagnostics), the answers to requests (codeActions, hover, completion, definition)
 * and to the client's own (clientRequests), all read from that cache. No rule logic lives here.
 */
import {
  CodeActionKind,
  Connection,
  InitializeParams,
  InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis } from '../core';
import { VERSION } from '../version';
import { ClientFeatures, InitializationOptions, readClientFeatures, schemaCovers } from './capabilities';
import { listenToClientRequests } from './clientRequests';
import { provideCodeActions } from './codeActions';
import { FIX_ALL_KIND } from './codeActionKinds';
import { provideCompletion } from './completion';
import { provideDefinition } from './definition';
import { DocumentCache } from './documentCache';
import { provideHover } from './hover';
import { manifestCodeActions } from './manifestDocuments';
import { runSafe } from './runSafe';
import { SettingsStore } from './settingsStore';
import { PULL_DIAGNOSTICS_IDENTIFIER, PullDiagnostics } from './pullDiagnostics';
import { DiagnosticsDelivery, PushDiagnostics } from './validation';
import { WorkspaceManifests } from './workspaceManifests';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  connection.onInitialize((params) => new LanguageServer(connection, documents, params).initializeResult());
  documents.listen(connection);
  connection.listen();
}

/** One session, from initialize on: its parts are built once the client has said what it can do. */
class LanguageServer {
  private readonly features: ClientFeatures;
  private readonly settings: SettingsStore;
  private readonly workspace: WorkspaceManifests;
  private readonly cache: DocumentCache;
  private readonly diagnostics: DiagnosticsDelivery;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    params: InitializeParams,
  ) {
    this.features = readClientFeatures(params);
    const init = params.initializationOptions as InitializationOptions | undefined;
    this.settings = new SettingsStore(connection, this.features, init?.settings);
    this.workspace = new WorkspaceManifests(connection, this.features, params, {
      onChange: () => this.recheckAll(),
      onDiskChange: () => this.diagnostics.recheckAll(),
      log: (message) => connection.console.info(message),
      logFailure: (what) => this.logFailure(what),
      indexWaitMs: typeof init?.manifestIndexWaitMs === 'number' && init.manifestIndexWaitMs >= 0 ? init.manifestIndexWaitMs : undefined,
      descriptorGlobs: async (folderUri) => (await this.settings.forDocument(folderUri)).descriptorGlobs,
    });
    this.cache = new DocumentCache(this.settings, this.workspace, (message) => connection.console.error(message));
    const logFailure = (what: string) => this.logFailure(what);
    // Pulled where the client can pull (the workspace's closed files too), else pushed for open documents.
    this.diagnostics = this.features.pullDiagnostics
      ? new PullDiagnostics(connection, documents, this.cache, this.settings, this.workspace, this.features, logFailure)
      : new PushDiagnostics(connection, documents, this.cache, this.features, logFailure);
    this.listen();
  }

  initializeResult(): InitializeResult {
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: ['"'], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        // A descriptor's diagnostics depend on manifests on disk, not on other open documents: a
        // change on disk is followed by workspace/diagnostic/refresh.
        ...(this.features.pullDiagnostics
          ? { diagnosticProvider: { identifier: PULL_DIAGNOSTICS_IDENTIFIER, interFileDependencies: false, workspaceDiagnostics: true } }
          : {}),
      },
      serverInfo: { name: 'connect-forge-link', version: VERSION },
    };
  }

  private listen(): void {
    const { connection, documents } = this;
    connection.onInitialized(() => {
      this.settings.registerForChanges().catch(this.logFailure('Registering for configuration changes'));
      this.workspace.start();
    });
    connection.onDidChangeConfiguration((change) => {
      this.settings.changed(change.settings);
      this.workspace.settingsChanged();
      this.recheckAll();
    });
    connection.onDidChangeWatchedFiles((params) => this.workspace.filesChanged(params));
    documents.onDidOpen((event) => this.diagnostics.opened(event.document));
    documents.onDidChangeContent((event) => this.diagnostics.changed(event.document));
    documents.onDidClose((event) => {
      this.diagnostics.closed(event.document);
      this.cache.forget(event.document);
    });
    connection.onCodeAction((params, token) =>
      runSafe(connection, 'code actions', [], token, async () => {
        const document = documents.get(params.textDocument.uri);
        if (!document) return [];
        const state = await this.cache.stateOf(document);
        if (state.kind === 'manifest') return manifestCodeActions(document, state.analysis, params, this.features);
        return state.kind === 'descriptor' ? provideCodeActions(document, state.analysis, params, this.features) : [];
      }),
    );
    connection.onDefinition((params, token) =>
      runSafe(connection, 'definition', null, token, () =>
        this.withDescriptor(params.textDocument.uri, null, (document, analysis) => provideDefinition(document, analysis, params.position)),
      ),
    );
    connection.onHover((params, token) =>
      runSafe(connection, 'hover', null, token, () =>
        this.withDescriptor(params.textDocument.uri, null, (document, analysis) =>
          provideHover(document, analysis, params.position, schemaCovers(this.features, document.uri)),
        ),
      ),
    );
    connection.onCompletion((params, token) =>
      runSafe(connection, 'completion', [], token, () =>
        this.withDescriptor(params.textDocument.uri, [], (document, analysis) =>
          provideCompletion(document, analysis, params.position, this.features),
        ),
      ),
    );
    listenToClientRequests(connection, documents, this.cache, this.settings, this.workspace);
    connection.onShutdown(() => {
      this.diagnostics.dispose();
      this.workspace.dispose();
    });
  }

  /** Answers from the cached analysis of an open descriptor; anything else gets `none`. */
  private async withDescriptor<T>(uri: string, none: T, answer: (document: TextDocument, analysis: Analysis) => T): Promise<T> {
    const document = this.documents.get(uri);
    if (!document) return none;
    const state = await this.cache.stateOf(document);
    return state.kind === 'descriptor' ? answer(document, state.analysis) : none;
  }

  /** Settings or manifests changed: every open document is analysed and checked again. */
  private recheckAll(): void {
    this.cache.invalidate();
    this.diagnostics.recheckAll();
  }

  /** A rejection handler for work nobody awaits: the failure goes to the log, never unhandled. */
  private logFailure(what: string): (error: unknown) => void {
    return (error) =>
      this.connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
