/** Serves the core's fixes as code actions: one quick fix per fix, and the safe ones as fix-all. */
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  Analysis,
  CHECK_SERVED_COMMAND,
  Finding,
  INSERT_APP_ID_COMMAND,
  SET_LINK_COMMAND,
  findProperty,
  fixAll,
  setRootProperty,
} from '../core';
import { ruleById } from '../core/rules';
import type { ClientFeatures } from './capabilities';
import { FIX_ALL_KIND, FIX_ALL_TITLE, isKindRequested } from './codeActionKinds';
import { findingOf, workspaceEdit } from './convert';

export function provideCodeActions(
  document: TextDocument,
  analysis: Analysis,
  params: CodeActionParams,
  features: ClientFeatures,
): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (isKindRequested(only, CodeActionKind.QuickFix)) {
    const fixes: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      const finding = findingOf(document, analysis, diagnostic);
      if (finding) fixes.push(...quickFixes(document, analysis, finding, diagnostic, features));
    }
    actions.push(...mergeCommands(fixes));
    // Fix-all runs the analysis again pass after pass: only when the light bulb will show it.
    const safeFindings = analysis.findings.filter((finding) => finding.fixes.some((fix) => fix.safe)).length;
    const edit = actions.length > 0 && safeFindings > 1 ? fixAllEdit(document, analysis, features) : undefined;
    if (edit) actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, edit });
  }
  if (isKindRequested(only, FIX_ALL_KIND)) {
    const edit = fixAllEdit(document, analysis, features);
    if (edit) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit });
  }
  const served = checkServedAction(document, analysis, params, features);
  if (served && isKindRequested(only, CodeActionKind.Empty)) actions.push(served);
  return actions;
}

export const CHECK_SERVED_TITLE = 'Check the Served Descriptor…';

/** On `baseUrl`, in an editor whose client can ask for the URL and fetch it: the served-descriptor check. */
function checkServedAction(
  document: TextDocument,
  analysis: Analysis,
  params: CodeActionParams,
  features: ClientFeatures,
): CodeAction | undefined {
  if (!features.checksServed) return undefined;
  const baseUrl = findProperty(analysis.parsed.root, 'baseUrl');
  if (!baseUrl) return undefined;
  const start = document.offsetAt(params.range.start);
  const end = document.offsetAt(params.range.end);
  const node = baseUrl.node;
  if (end < node.offset || start > node.offset + node.length) return undefined;
  return { title: CHECK_SERVED_TITLE, command: { title: CHECK_SERVED_TITLE, command: CHECK_SERVED_COMMAND, arguments: [document.uri] } };
}

function quickFixes(
  document: TextDocument,
  analysis: Analysis,
  finding: Finding,
  diagnostic: Diagnostic,
  features: ClientFeatures,
): CodeAction[] {
  const actions: CodeAction[] = finding.fixes.map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.isPreferred,
    edit: workspaceEdit(document, fix.edits(), features),
  }));
  if (features.interactiveFixes && ruleById(finding.ruleId)?.offersManifestPick) {
    const title = 'Insert forgeAppId from a manifest.yml…';
    actions.push({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title, command: INSERT_APP_ID_COMMAND, arguments: [document.uri] },
    });
  }
  const input = finding.inputFix;
  if (input) {
    const isPreferred = input.isPreferred ?? true;
    if (features.interactiveFixes) {
      actions.push({
        title: input.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred,
        command: { title: input.title, command: SET_LINK_COMMAND, arguments: [document.uri] },
      });
    } else if (analysis.parsed.root && input.placeholder !== undefined) {
      const present = (input.key === 'forgeAppLink' ? analysis.link : analysis.appId) !== undefined;
      actions.push({
        title: `${present ? 'Replace' : 'Insert'} ${input.key} (fill in the link from the developer console)`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred,
        edit: workspaceEdit(document, setRootProperty(document.getText(), analysis.parsed.root, input.key, input.placeholder), features),
      });
    }
  }
  return actions;
}

/**
 * The same command offered for several diagnostics (a link with two problems, each asking for the
 * link) is one action for all of them, as the light bulb would otherwise list it twice.
 */
function mergeCommands(actions: readonly CodeAction[]): CodeAction[] {
  const merged: CodeAction[] = [];
  for (const action of actions) {
    const same = action.command
      ? merged.find((other) => other.command && other.title === action.title && other.command.command === action.command?.command)
      : undefined;
    if (!same) merged.push(action);
    else {
      same.diagnostics = [...(same.diagnostics ?? []), ...(action.diagnostics ?? [])];
      same.isPreferred = same.isPreferred || action.isPreferred;
    }
  }
  return merged;
}

/** Every safe fix, as one edit per fixed place (as ESLint's fix-all), so that the editor keeps what lies between. */
function fixAllEdit(document: TextDocument, analysis: Analysis, features: ClientFeatures): WorkspaceEdit | undefined {
  if (!analysis.findings.some((finding) => finding.fixes.some((fix) => fix.safe))) return undefined;
  const { edits } = fixAll(document.getText(), { settings: analysis.settings, manifests: analysis.manifests }, analysis);
  return edits.length > 0 ? workspaceEdit(document, edits, features) : undefined;
}
