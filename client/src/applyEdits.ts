/** Applies edits computed by the core (on the server) to a document, as one undoable step. */
import * as vscode from 'vscode';
import type { TextEdit } from 'connect-forge-link-core';

export async function applyCoreEdits(document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean> {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) {
    workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
  }
  return vscode.workspace.applyEdit(workspaceEdit);
}

export type EditOutcome = 'applied' | 'refused' | 'changed';

/** Applies the server's edits for a version of the document: `changed` when the document moved on since. */
export async function applyForVersion(
  document: vscode.TextDocument,
  edit: { readonly version: number; readonly edits: readonly TextEdit[] },
): Promise<EditOutcome> {
  if (edit.version !== document.version) return 'changed';
  return (await applyCoreEdits(document, edit.edits)) ? 'applied' : 'refused';
}
