/**
 * An open Forge manifest gets diagnostics for what blocks linking (a missing or malformed app.id,
 * or a file name the Forge CLI does not read) from the core's manifest rules, and their fixes,
 * both from the one analysis the document cache keeps per version. YAML syntax itself is left to
 * YAML tooling.
 */
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { AnalysisSettings, ManifestAnalysis, analyzeManifest, fixAllManifest, isForgeManifestName, isManifestVariantName } from '../core';
import type { ClientFeatures } from './capabilities';
import { FIX_ALL_KIND, FIX_ALL_TITLE, isKindRequested } from './codeActionKinds';
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
  const actions: CodeAction[] = [];
  if (isKindRequested(params.context.only, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      const finding = findingOf(document, analysis, diagnostic);
      for (const fix of finding?.fixes ?? []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.isPreferred,
          edit: workspaceEdit(document, fix.edits(), features),
        });
      }
    }
  }
  // On save or from the Source Action menu: the safe fixes, as the CLI's --fix makes them in a matched manifest.
  if (isKindRequested(params.context.only, FIX_ALL_KIND) && analysis.findings.some((finding) => finding.fixes.some((fix) => fix.safe))) {
    const { edits } = fixAllManifest(document.getText(), { fileName: analysis.fileName, settings: analysis.settings });
    if (edits.length > 0) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: workspaceEdit(document, edits, features) });
  }
  return actions;
}
