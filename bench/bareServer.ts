/**
 * The LSP floor for the editor-latency benchmark: a bare vscode-languageserver server with the
 * same connection and document sync as ours (ProposedFeatures.all, incremental TextDocuments)
 * that publishes one fixed diagnostic per document version and does nothing else. The benchmark
 * bundles it with the same esbuild options as our server, so both run in the same mode.
 *
 * BARE_DEBOUNCE_MS (default 0) delays the publication after a didChange the way our server does
 * (150 ms), for a like-for-like comparison of the change path.
 */
import { DiagnosticSeverity, ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const debounceMs = Number(process.env.BARE_DEBOUNCE_MS ?? '0');
const timers = new Map<string, NodeJS.Timeout>();
/** TextDocuments fires onDidChangeContent right after onDidOpen: the open is published once. */
const opening = new Set<string>();

function publish(document: TextDocument): void {
  connection
    .sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics: [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
          severity: DiagnosticSeverity.Warning,
          source: 'bare',
          message: 'One diagnostic.',
        },
      ],
    })
    .catch((error: unknown) => connection.console.error(String(error)));
}

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental }, serverInfo: { name: 'bare' } }));
documents.onDidOpen((event) => {
  opening.add(event.document.uri);
  publish(event.document);
});
documents.onDidChangeContent((event) => {
  if (opening.delete(event.document.uri)) return;
  clearTimeout(timers.get(event.document.uri));
  if (debounceMs === 0) return publish(event.document);
  timers.set(
    event.document.uri,
    setTimeout(() => publish(event.document), debounceMs),
  );
});
documents.onDidClose((event) => {
  clearTimeout(timers.get(event.document.uri));
  timers.delete(event.document.uri);
});
documents.listen(connection);
connection.listen();
