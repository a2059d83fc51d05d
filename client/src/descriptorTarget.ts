/** Finds the descriptor a command acts on: its argument, the active editor, or the user's pick. */
import * as vscode from 'vscode';
import { skippedFoldersGlob } from 'connect-forge-link-core';

const DESCRIPTOR_GLOB = '**/atlassian-connect.json';

/** What a command says when the server found its descriptor to be no JSON object: `consequence` is what cannot be done. */
export function notAnObjectMessage(document: vscode.TextDocument, consequence: string): string {
  return `${vscode.workspace.asRelativePath(document.uri)} is not a JSON object, so ${consequence}. Fix the file first.`;
}

/** What a command says when the server does not have its descriptor open: `outcome` is what did not happen. */
export function notOpenMessage(document: vscode.TextDocument, outcome: string): string {
  return `${outcome}: the language server does not have ${vscode.workspace.asRelativePath(document.uri)} open (see Connect Forge Link: Show Output).`;
}

export async function resolveDescriptor(argument: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = toUri(argument);
  if (uri) return vscode.workspace.openTextDocument(uri);
  const active = vscode.window.activeTextEditor?.document;
  if (active && (active.languageId === 'json' || active.languageId === 'jsonc')) return active;
  const found = await vscode.workspace.findFiles(DESCRIPTOR_GLOB, skippedFoldersGlob(), 200);
  if (found.length === 0) {
    void vscode.window.showWarningMessage(
      'No Connect descriptor (atlassian-connect.json) was found in the workspace. Open the descriptor and run the command again.',
    );
    return undefined;
  }
  if (found.length === 1) return vscode.workspace.openTextDocument(found[0]);
  const picked = await vscode.window.showQuickPick(
    found.map((file) => ({ label: vscode.workspace.asRelativePath(file), uri: file })),
    { title: 'Which Connect descriptor?', placeHolder: 'Pick the atlassian-connect.json to change' },
  );
  return picked ? vscode.workspace.openTextDocument(picked.uri) : undefined;
}

export function toUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  if (typeof argument === 'string' && argument.length > 0) return vscode.Uri.parse(argument);
  return undefined;
}
