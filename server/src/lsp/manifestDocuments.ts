/**
 * An open Forge manifest gets diagnostics for what blocks linking (a missing or malformed app.id,
 * or a file name the Forge CLI does not read) from the core's manifest rules, and their fixes,
 * both from the one analysis the document cache keeps per version. YAML syntax itself is left to
 * YAML tooling.
 */
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { AnalysisSettings, ManifestAnalysis, analyzeManifest, isForgeManifestName, isManifestVariantName } from '../core';
import type { ClientFeatures } from './capabilities';
import { isKindRequested } from './codeActionKinds';
import { findingOf, toDiagnostics, workspaceEdit } from './convert';

function basename(uri: string): string {
  const path = URI.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isManifestUri(uri: string): boolean {
  const name = basename(uri);
  return isForgeManifestName(name) || isManifestVariantName(name);
}

export function analyzeManifestDocument(document: TextDocument, settings: AnalysisSettings): ManifestAnalysis {
  return analyzeManifest(document.getText(), { fileName: basename(document.uri), settings });
}

export function manifestDiagnostics(document: TextDocument, analysis: ManifestAnalysis): Diagnostic[] {
  // Manifest findings point at nothing in other files, so related information does not matter.
  return toDiagnostics(document, analysis, false);
}

export function manifestCodeActions(
  document: TextDocument,
  analysis: ManifestAnalysis,
  params: CodeActionParams,
  features: ClientFeatures,
): CodeAction[] {
  if (!isKindRequested(params.context.only, CodeActionKind.QuickFix)) return [];
  return params.context.diagnostics.flatMap((diagnostic) => {
    const finding = findingOf(document, analysis, diagnostic);
    return (finding?.fixes ?? []).map((fix): CodeAction => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.isPreferred,
      edit: workspaceEdit(document, fix.edits(), features),
    }));
  });
}
