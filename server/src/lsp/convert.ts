/**
 * From the core's vocabulary (offsets into the text) to LSP's (UTF-16 line positions): ranges,
 * diagnostics and workspace edits. The only place the server converts either way.
 */
import {
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  DiagnosticTag,
  Location,
  TextEdit as LspTextEdit,
  Range,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding, Severity, TextEdit, ruleDocsUrl } from '../core';
import type { ClientFeatures } from './capabilities';

export const DIAGNOSTIC_SOURCE = 'connect-forge-link';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a code action request needs to find the finding a diagnostic came from. */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly index: number;
  readonly version: number;
}

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function toDiagnostic(document: TextDocument, finding: Finding, index: number, relatedSupported: boolean): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(document, finding.start, finding.end),
    severity: SEVERITIES[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    message: finding.message,
    data: { ruleId: finding.ruleId, index, version: document.version } satisfies DiagnosticData,
  };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (relatedSupported && finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) =>
      DiagnosticRelatedInformation.create(
        Location.create(
          related.file ?? document.uri,
          related.file
            ? (related.fileRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })
            : toRange(document, related.start, related.end),
        ),
        related.message,
      ),
    );
  }
  return diagnostic;
}

/** The finding a diagnostic of ours came from, in the analysis of the document's current version. */
export function findingOf(document: TextDocument, findings: readonly Finding[], diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data && data.version === document.version && typeof data.index === 'number') {
    const finding = findings[data.index];
    if (finding?.ruleId === data.ruleId) return finding;
  }
  // The diagnostic is from an older version (or a client dropped `data`): match by rule and range.
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  return findings.find((finding) => finding.ruleId === diagnostic.code && finding.start === start && finding.end === end);
}

/** Versioned document edits when the client takes them, so that an edit never lands on newer text. */
export function workspaceEdit(document: TextDocument, edits: readonly TextEdit[], features: ClientFeatures): WorkspaceEdit {
  const lspEdits = edits.map((edit): LspTextEdit => ({ range: toRange(document, edit.start, edit.end), newText: edit.newText }));
  if (features.documentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, lspEdits)] };
  }
  return { changes: { [document.uri]: lspEdits } };
}
