/** Applies edits computed by the core to a document, as one undoable step. */
import * as vscode from 'vscode';
import type { TextEdit } from 'connect-forge-link-core';

export async function applyCoreEdits(document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean> {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) {
    workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
  }
  return vscode.workspace.applyEdit(workspaceEdit);
}
