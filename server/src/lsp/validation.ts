/**
 * Diagnostics: what a document's diagnostics are (`diagnosticsOf`, read from the document cache),
 * kept apart from how they reach the client, chosen by the client's capabilities: LSP 3.17 pull
 * (pullDiagnostics.ts: textDocument/diagnostic, workspace/diagnostic) where the client announces
 * it, else the push below, for open documents.
 *
 * Push (textDocument/publishDiagnostics): an open is checked at once, a change after a pause in
 * typing, every open document again when settings or manifests change. A document that is not
 * ours is never published to, unless to clear what was published for it when it was.
 */
import { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ClientFeatures } from './capabilities';
import { toDiagnostics } from './convert';
import { DocumentCache, DocumentState } from './documentCache';
import { manifestDiagnostics } from './manifestDocuments';

/** One check per pause in typing, not per keystroke. */
export const CHANGE_DEBOUNCE_MS = 150;

/** A document's diagnostics for the version of `state`, or undefined when the document is not ours. */
export function diagnosticsOf(document: TextDocument, state: DocumentState, features: ClientFeatures): readonly Diagnostic[] | undefined {
  switch (state.kind) {
    case 'descriptor':
      return toDiagnostics(document, state.analysis, features.relatedInformation);
    case 'manifest':
      return manifestDiagnostics(document, state.analysis);
    default:
      return undefined;
  }
}

/** How diagnostics reach the client, told of what happens to open documents. */
export interface DiagnosticsDelivery {
  opened(document: TextDocument): void;
  changed(document: TextDocument): void;
  closed(document: TextDocument): void;
  /** Settings, manifests or files on disk changed: results may have too. */
  recheckAll(): void;
  dispose(): void;
}

export class PushDiagnostics implements DiagnosticsDelivery {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The version of each open document last sent to be checked (keyed by the document object). */
  private readonly checkedVersions = new WeakMap<TextDocument, number>();
  /** Documents the client holds diagnostics of ours for (possibly none): closing one clears them. */
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly features: ClientFeatures,
    private readonly logFailure: (what: string) => (error: unknown) => void,
  ) {}

  opened(document: TextDocument): void {
    this.validateNow(document);
  }

  changed(document: TextDocument): void {
    // TextDocuments also reports an opened document as changed: that version is already checked.
    if (this.checkedVersions.get(document) === document.version) return;
    // Every JSON file is synced to the server: one that is not a descriptor costs this lookup, nothing more.
    if (this.cache.isSettledOther(document)) return;
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(
      document.uri,
      setTimeout(() => this.validateNow(document), CHANGE_DEBOUNCE_MS),
    );
  }

  closed(document: TextDocument): void {
    this.cancel(document.uri);
    if (!this.published.delete(document.uri)) return;
    this.connection
      .sendDiagnostics({ uri: document.uri, diagnostics: [] })
      .catch(this.logFailure(`Clearing the diagnostics of ${document.uri}`));
  }

  /** Settings or manifests changed: every open document is checked again. */
  recheckAll(): void {
    for (const document of this.documents.all()) this.validateNow(document);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private validateNow(document: TextDocument): void {
    this.checkedVersions.set(document, document.version);
    this.cancel(document.uri);
    this.publish(document).catch(this.logFailure(`Checking ${document.uri}`));
  }

  private cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  private async publish(document: TextDocument): Promise<void> {
    const state = await this.cache.stateOf(document);
    // The document may have closed, or closed and reopened as a new object (whose versions start
    // again at 1), while its settings were fetched: publish only for the open one. Changes update
    // this same object, so the state above is of its latest text.
    if (this.documents.get(document.uri) !== document) return;
    const diagnostics = diagnosticsOf(document, state, this.features);
    if (diagnostics === undefined) {
      // No longer ours (the settings changed): clear what was published while it was, else say nothing.
      if (!this.published.delete(document.uri)) return;
      await this.connection.sendDiagnostics({ uri: document.uri, version: state.version, diagnostics: [] });
      return;
    }
    this.published.add(document.uri);
    await this.connection.sendDiagnostics({ uri: document.uri, version: state.version, diagnostics: [...diagnostics] });
  }
}
