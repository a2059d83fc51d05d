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
import { randomUUID } from 'node:crypto';
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
  /** The analysis the finding is of (see `analysisId`). */
  readonly analysis: string;
}

/** What diagnostics are made from: one analysis of one version of a document. */
interface FindingsOf {
  readonly findings: readonly Finding[];
}

/**
 * A name for each analysis, unique in this server process and across its restarts. A version is
 * analysed again when settings or manifests change (and its findings shift), so a diagnostic names
 * its analysis, not only its version: its index is trusted only in that analysis.
 */
const analysisIds = new WeakMap<FindingsOf, string>();
const SESSION = randomUUID();
let analysesNamed = 0;

function analysisId(analysis: FindingsOf): string {
  let id = analysisIds.get(analysis);
  if (id === undefined) {
    id = `${SESSION}/${++analysesNamed}`;
    analysisIds.set(analysis, id);
  }
  return id;
}

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** The diagnostics of an analysis of the document's current version. */
export function toDiagnostics(document: TextDocument, analysis: FindingsOf, relatedSupported: boolean): Diagnostic[] {
  const id = analysisId(analysis);
  return analysis.findings.map((finding, index) =>
    toDiagnostic(document, finding, { ruleId: finding.ruleId, index, analysis: id }, relatedSupported),
  );
}

function toDiagnostic(document: TextDocument, finding: Finding, data: DiagnosticData, relatedSupported: boolean): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(document, finding.start, finding.end),
    severity: SEVERITIES[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    message: finding.message,
    data,
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

/**
 * The finding a diagnostic of ours came from, in the analysis of the document's current version:
 * by its index when the diagnostic is of this very analysis, else the finding of the same rule at
 * the same place with the same message (the diagnostic is of an earlier analysis or version, or a
 * client dropped `data`), or none. Never another finding's.
 */
export function findingOf(document: TextDocument, analysis: FindingsOf, diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data && data.analysis === analysisId(analysis) && typeof data.index === 'number') {
    const finding = analysis.findings[data.index];
    if (finding?.ruleId === data.ruleId) return finding;
  }
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  return analysis.findings.find(
    (finding) =>
      finding.ruleId === diagnostic.code && finding.start === start && finding.end === end && finding.message === diagnostic.message,
  );
}

/** Versioned document edits when the client takes them, so that an edit never lands on newer text. */
export function workspaceEdit(document: TextDocument, edits: readonly TextEdit[], features: ClientFeatures): WorkspaceEdit {
  const lspEdits = edits.map((edit): LspTextEdit => ({ range: toRange(document, edit.start, edit.end), newText: edit.newText }));
  if (features.documentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, lspEdits)] };
  }
  return { changes: { [document.uri]: lspEdits } };
}
