/** Converts the core's findings (offsets) into LSP diagnostics (UTF-16 positions). */
import { Diagnostic, DiagnosticSeverity, DiagnosticTag, DiagnosticRelatedInformation, Location, Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding, Severity, ruleDocsUrl } from '../core';

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
