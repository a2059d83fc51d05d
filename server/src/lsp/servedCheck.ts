/**
 * The server's half of "Check the Served Descriptor…": the client fetched the text; here it goes
 * through the same analysis as the CLI's --served (every rule, the comparison with the descriptor
 * and its matched manifest) and the findings are placed on the descriptor's current version.
 * The server never fetches anything itself.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { Analysis, PlacedFinding, ServedCheckParams, ServedCheckResult, analyzeServed, placeOnLocal } from '../core';

export function checkServed(document: TextDocument, analysis: Analysis, params: ServedCheckParams, label: string): ServedCheckResult {
  if (!analysis.parsed.root) return { status: 'not-an-object' };
  const text = document.getText();
  const result = analyzeServed(params.text, {
    url: params.url,
    contentType: params.contentType,
    settings: analysis.settings,
    local: { label, location: document.uri, text, analysis },
  });
  if (!result.ok) return { status: 'unusable', message: result.message };
  const placed = placeOnLocal(result.findings, params.text, params.url, { text, parsed: analysis.parsed, location: document.uri });
  return {
    status: 'ok',
    version: document.version,
    findings: placed.map((finding): PlacedFinding => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      start: finding.start,
      end: finding.end,
      related: (finding.related ?? []).flatMap((related) =>
        related.file === undefined ? [] : [{ file: related.file, message: related.message, fileRange: related.fileRange }],
      ),
    })),
    templatedLocally: result.templatedLocally,
  };
}

/** The descriptor as the user knows it: relative to its workspace folder, else its file name. */
export function descriptorLabel(uri: string, folder: URI | undefined): string {
  const path = URI.parse(uri).path;
  if (folder && path.startsWith(`${folder.path.replace(/\/$/, '')}/`)) return path.slice(folder.path.replace(/\/$/, '').length + 1);
  return path.slice(path.lastIndexOf('/') + 1);
}
