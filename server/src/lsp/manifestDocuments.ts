/**
 * An open Forge manifest gets diagnostics for what blocks linking (a missing or malformed app.id,
 * or a file name the Forge CLI does not read) from the core's manifest rules, and their fixes.
 * YAML syntax itself is left to YAML tooling.
 */
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { AnalysisSettings, ManifestAnalysis, analyzeManifest, isForgeManifestName, isManifestVariantName } from '../core';
import { workspaceEdit } from './codeActions';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';
import type { ClientFeatures } from './capabilities';
import { ServerSettings } from './settings';

function basename(uri: string): string {
  const path = URI.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isManifestUri(uri: string): boolean {
  const name = basename(uri);
  return isForgeManifestName(name) || isManifestVariantName(name);
}

function analysisOf(document: TextDocument, settings?: AnalysisSettings): ManifestAnalysis {
  return analyzeManifest(document.getText(), { fileName: basename(document.uri), settings });
}

export function manifestDiagnostics(document: TextDocument, settings: ServerSettings): Diagnostic[] {
  // Manifest findings point at nothing in other files, so related information does not matter.
  return analysisOf(document, settings).findings.map((finding, index) => toDiagnostic(document, finding, index, false));
}

export function manifestCodeActions(document: TextDocument, params: CodeActionParams, features: ClientFeatures): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
  if (ours.length === 0) return [];
  // Default settings: severities do not change fixes, and a rule turned off sent no diagnostic.
  const { findings } = analysisOf(document);
  return ours.flatMap((diagnostic) => {
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    const finding = findings.find((f) => f.ruleId === diagnostic.code && f.start === start && f.end === end);
    return (finding?.fixes ?? []).map((fix): CodeAction => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.isPreferred,
      edit: workspaceEdit(document, fix.edits(), features),
    }));
  });
}
