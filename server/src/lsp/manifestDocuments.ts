/**
 * An open Forge manifest gets diagnostics for what blocks linking: a missing or malformed app.id,
 * or a file name the Forge CLI does not read. YAML syntax itself is left to YAML tooling.
 */
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { ManifestError, readManifest, ruleDocsUrl } from '../core';
import { MANIFEST_FILE_NAME } from '../core/manifest';
import { MANIFEST_NAME_VARIANTS } from '../workspace/manifestFiles';
import type { ClientFeatures } from './capabilities';
import { isKindRequested } from './codeActionKinds';
import { DIAGNOSTIC_SOURCE, toRange, workspaceEdit } from './convert';
import { ServerSettings } from './settings';

export const MANIFEST_APP_ID_RULE = 'manifest-app-id';
export const MANIFEST_FILE_NAME_RULE = 'manifest-file-name';
/** The rules of manifest documents, described like the descriptor rules (for the README's table). */
export const MANIFEST_DOCUMENT_RULES = [
  {
    id: MANIFEST_APP_ID_RULE,
    defaultSeverity: 'warning',
    description:
      'In an open `manifest.yml`: `app.id` is missing (run `forge register`), not a string, not a strict ARI, or a `${VAR}` without a default (information).',
    fix: 'Corrects a quoted `app.id` that has stray spaces or upper case.',
  },
] as const;
const APP_ID_ERRORS = new Set(['no-app', 'no-app-id', 'app-id-not-string', 'app-id-unresolved', 'app-id-invalid']);

function basename(uri: string): string {
  const path = URI.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isManifestUri(uri: string): boolean {
  const name = basename(uri);
  return name === MANIFEST_FILE_NAME || MANIFEST_NAME_VARIANTS.has(name);
}

/** What the server keeps of one version of an open manifest: its diagnostics and the app.id errors behind them. */
export interface ManifestDocumentAnalysis {
  readonly diagnostics: readonly Diagnostic[];
  readonly appIdErrors: readonly ManifestError[];
}

/** Reads the manifest once per version; its diagnostics and code actions both come from this. */
export function analyzeManifestDocument(document: TextDocument, settings: ServerSettings): ManifestDocumentAnalysis {
  if (MANIFEST_NAME_VARIANTS.has(basename(document.uri))) return { diagnostics: fileNameDiagnostics(document, settings), appIdErrors: [] };
  const appIdErrors = appIdErrorsOf(document);
  return { diagnostics: appIdDiagnostics(document, appIdErrors, settings), appIdErrors };
}

function fileNameDiagnostics(document: TextDocument, settings: ServerSettings): Diagnostic[] {
  if (settings.rules[MANIFEST_FILE_NAME_RULE] === 'off') return [];
  return [
    {
      range: toRange(document, 0, 0),
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      code: MANIFEST_FILE_NAME_RULE,
      codeDescription: { href: ruleDocsUrl(MANIFEST_FILE_NAME_RULE) },
      message: `The Forge CLI reads only a file named ${MANIFEST_FILE_NAME}; it ignores ${basename(document.uri)}. Rename it to ${MANIFEST_FILE_NAME}.`,
    },
  ];
}

function appIdDiagnostics(document: TextDocument, errors: readonly ManifestError[], settings: ServerSettings): Diagnostic[] {
  if (settings.rules[MANIFEST_APP_ID_RULE] === 'off') return [];
  return errors.map((error) => ({
    range: toRange(document, error.start, Math.max(error.end, error.start)),
    severity: error.code === 'app-id-unresolved' ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: MANIFEST_APP_ID_RULE,
    codeDescription: { href: ruleDocsUrl(MANIFEST_APP_ID_RULE) },
    message: error.message,
  }));
}

function appIdErrorsOf(document: TextDocument): ManifestError[] {
  return readManifest(document.getText()).errors.filter((error) => APP_ID_ERRORS.has(error.code));
}

export function manifestCodeActions(
  document: TextDocument,
  manifest: ManifestDocumentAnalysis,
  params: CodeActionParams,
  features: ClientFeatures,
): CodeAction[] {
  if (!isKindRequested(params.context.only, CodeActionKind.QuickFix)) return [];
  const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === MANIFEST_APP_ID_RULE);
  if (ours.length === 0) return [];
  return manifest.appIdErrors.flatMap((error) => {
    if (error.replacement === undefined) return [];
    const diagnostic = ours.find((d) => document.offsetAt(d.range.start) === error.start);
    if (!diagnostic) return [];
    return [
      {
        title: `Correct app.id: ${error.replacement}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: workspaceEdit(document, [{ start: error.start, end: error.end, newText: error.replacement }], features),
      },
    ];
  });
}
