/**
 * Diagnostics by LSP 3.17 pull, for clients that announce it (VS Code's does): the client asks,
 * the server answers from the document cache. `textDocument/diagnostic` answers for open
 * documents; `workspace/diagnostic` for the rest of the workspace: every descriptor on disk that
 * is not open, and every manifest.yml matched to a descriptor (open or not), read from disk.
 *
 * Each report carries a result id, a digest of its diagnostics: a re-pull whose previous id is the
 * current one gets `unchanged`, and the report is kept per document state (one version under one
 * generation of settings and manifests), so that a client's periodic pulls cost a lookup per file.
 * A file reported before that is gone (deleted, renamed, no longer a descriptor, no longer
 * matched) gets one empty report without an id, which clears it and ends its tracking.
 * `workspace/diagnostic/refresh` asks the client to pull again when a change elsewhere may alter
 * a result: settings, the manifest index, a file on disk.
 */
import { createHash } from 'node:crypto';
import {
  CancellationToken,
  Connection,
  Diagnostic,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  WorkspaceDiagnosticParams,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { ClientFeatures } from './capabilities';
import { DocumentCache, DocumentState } from './documentCache';
import { SettingsStore } from './settingsStore';
import { CHANGE_DEBOUNCE_MS, DiagnosticsDelivery, diagnosticsOf } from './validation';
import { WorkspaceManifests } from './workspaceManifests';

/** The identifier of our pull diagnostics (the client keeps one collection per identifier). */
export const PULL_DIAGNOSTICS_IDENTIFIER = 'connect-forge-link';

/** Requests for refreshes that come together are sent as one. */
const REFRESH_DEBOUNCE_MS = 50;

interface Report {
  readonly resultId: string;
  readonly items: readonly Diagnostic[];
}

const NO_DIAGNOSTICS: Report = { resultId: digest([]), items: [] };

/** What a report says, as an id: equal ids, equal diagnostics. */
function digest(items: readonly Diagnostic[]): string {
  return createHash('sha1').update(JSON.stringify(items)).digest('base64url');
}

export class PullDiagnostics implements DiagnosticsDelivery {
  /** The report of each document state, computed once. */
  private readonly reports = new WeakMap<DocumentState, Report>();
  /** When each open document last changed (not counting its opening): pulls wait for a pause in typing. */
  private readonly changedAt = new WeakMap<TextDocument, number>();
  private readonly openedVersions = new WeakMap<TextDocument, number>();
  /** Documents closed since the last workspace report, whose diagnostics it must clear unless it reports them. */
  private readonly closedSince = new Set<string>();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: SettingsStore,
    private readonly workspace: WorkspaceManifests,
    private readonly features: ClientFeatures,
    private readonly logFailure: (what: string) => (error: unknown) => void,
  ) {
    connection.languages.diagnostics.on((params, token) => this.documentReport(params, token));
    connection.languages.diagnostics.onWorkspace((params, token) => this.workspaceReport(params, token));
  }

  opened(document: TextDocument): void {
    this.openedVersions.set(document, document.version);
    this.closedSince.delete(document.uri);
  }

  changed(document: TextDocument): void {
    // TextDocuments also reports an opened document as changed.
    if (this.openedVersions.get(document) !== document.version) this.changedAt.set(document, Date.now());
  }

  closed(document: TextDocument): void {
    if (!this.cache.isSettledOther(document)) this.closedSince.add(document.uri);
  }

  /** Settings, manifests or files on disk changed: the client pulls again. */
  recheckAll(): void {
    if (!this.features.diagnosticRefresh || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.connection.languages.diagnostics.refresh().catch(this.logFailure('Asking the client to pull diagnostics again'));
    }, REFRESH_DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  private async documentReport(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const document = this.documents.get(uri);
    let report: Report;
    if (!document) {
      // A closed file (the client's last pull before a close, or a tab not loaded yet): as on disk.
      report = (await this.closedReport(uri)) ?? NO_DIAGNOSTICS;
    } else if (this.cache.isSettledOther(document)) {
      // Every JSON file is pulled: one that is not a descriptor costs this lookup.
      report = NO_DIAGNOSTICS;
    } else {
      await this.pauseInTyping(document, token);
      report = this.reportOf(document, await this.cache.stateOf(document));
    }
    return params.previousResultId === report.resultId
      ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId }
      : { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: [...report.items] };
  }

  private async workspaceReport(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    // The first answer is complete: it waits (bounded) for the walk that finds the files.
    await this.workspace.whenIndexed();
    const previous = new Map(params.previousResultIds.map((id) => [id.uri, id.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const reported = new Set<string>();
    const add = (uri: string, report: Report) => {
      reported.add(uri);
      items.push(
        previous.get(uri) === report.resultId
          ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId: report.resultId }
          : { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: report.resultId, items: [...report.items] },
      );
    };
    const matched = new Set<string>();
    for (const candidate of this.workspace.disk.candidates()) {
      if (token.isCancellationRequested) return { items: [] };
      if (this.documents.get(candidate.uri)) continue;
      const closed = await this.closedState(candidate.uri, candidate.fsPath);
      if (closed?.state.kind !== 'descriptor') continue;
      for (const match of closed.state.analysis.manifests.matches) matched.add(match.location);
      add(candidate.uri, this.reportOf(closed.document, closed.state));
    }
    // Open descriptors have matched manifests too.
    for (const document of this.documents.all()) {
      if (this.cache.isSettledOther(document)) continue;
      const state = await this.cache.stateOf(document);
      if (state.kind === 'descriptor') for (const match of state.analysis.manifests.matches) matched.add(match.location);
    }
    for (const uri of matched) {
      const location = URI.parse(uri);
      if (location.scheme !== 'file' || this.documents.get(uri)) continue;
      const closed = await this.closedState(uri, location.fsPath);
      if (closed?.state.kind === 'manifest') add(uri, this.reportOf(closed.document, closed.state));
    }
    const gone = new Set([...previous.keys(), ...this.closedSince]);
    for (const uri of gone) {
      // No id: the client clears the file and stops asking about it.
      if (!reported.has(uri) && !this.documents.get(uri))
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
    }
    if (!token.isCancellationRequested) this.closedSince.clear();
    return { items };
  }

  /** The report of a closed file, when workspace diagnostics cover it and it is a descriptor or a manifest. */
  private async closedReport(uri: string): Promise<Report | undefined> {
    const location = URI.parse(uri);
    if (location.scheme !== 'file') return undefined;
    const closed = await this.closedState(uri, location.fsPath);
    return closed && closed.state.kind !== 'other' ? this.reportOf(closed.document, closed.state) : undefined;
  }

  /** A closed file's state as read from disk, under its folder's settings; undefined when they leave it out or it cannot be read. */
  private async closedState(uri: string, file: string): Promise<{ document: TextDocument; state: DocumentState } | undefined> {
    const scope = this.workspace.folderOf(uri)?.toString() ?? uri;
    if (!(await this.settings.forDocument(scope)).workspaceDiagnostics) return undefined;
    const generation = this.cache.currentGeneration;
    const disk = this.workspace.disk;
    if (disk.isSettledOther(file, generation)) return undefined;
    const document = await disk.read(file);
    if (!document) return undefined;
    const state = await this.cache.stateOf(document, scope);
    // Not ours: only its verdict is kept, not its text, until it changes on disk or the settings do.
    if (state.kind === 'other') disk.settleOther(file, generation);
    return { document, state };
  }

  private reportOf(document: TextDocument, state: DocumentState): Report {
    let report = this.reports.get(state);
    if (!report) {
      const items = diagnosticsOf(document, state, this.features) ?? [];
      report = items.length === 0 ? NO_DIAGNOSTICS : { resultId: digest(items), items };
      this.reports.set(state, report);
    }
    return report;
  }

  /**
   * A pull right after a change waits for a pause in typing, as pushed diagnostics do: the client
   * cancels it when the next change comes, so that each pause costs one analysis.
   */
  private async pauseInTyping(document: TextDocument, token: CancellationToken): Promise<void> {
    const wait = (this.changedAt.get(document) ?? 0) + CHANGE_DEBOUNCE_MS - Date.now();
    if (wait <= 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
      const timer = setTimeout(done, wait);
      const listener = token.onCancellationRequested(done);
    });
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The document changed again.');
  }
}
