/**
 * Before a command edits a JSON document that the server does not check as a descriptor (not
 * named atlassian-connect.json, named by no glob, not a descriptor by its content): it says so,
 * and offers to add the file to connectForgeLink.descriptorGlobs, so that what it writes is
 * checked (a link and an id for two different apps would otherwise go unnoticed). The server's
 * verdict (descriptorState's `checked`) is the one descriptor decision; nothing is decided here.
 */
import * as vscode from 'vscode';

/** What the command's non-UI path does with an unchecked document: add the glob and go on, or refuse (the default). */
export type WhenUnchecked = 'add-glob' | 'refuse';

export function whenUncheckedOf(options: unknown): WhenUnchecked | undefined {
  const value = typeof options === 'object' && options !== null ? (options as { unchecked?: unknown }).unchecked : undefined;
  return value === 'add-glob' || value === 'refuse' ? value : undefined;
}

/**
 * Undefined when the command may go on (the document is checked, or now named by a glob);
 * otherwise why it stopped. `answer` is the non-UI path's; without one the user is asked.
 */
export async function uncheckedStop(
  document: vscode.TextDocument,
  checked: boolean,
  key: 'forgeAppLink' | 'forgeAppId',
  answer: WhenUnchecked | undefined,
): Promise<string | undefined> {
  if (checked) return undefined;
  const label = vscode.workspace.asRelativePath(document.uri);
  const glob = globFor(document.uri);
  const stopped = `${key} was not set: ${label} is not checked as a Connect descriptor. Add it to connectForgeLink.descriptorGlobs first.`;
  if (answer === 'refuse') return stopped;
  if (answer === undefined) {
    const add = `Add "${glob}" to Descriptor Globs`;
    const choice = await vscode.window.showWarningMessage(
      `${label} is not checked as a Connect descriptor.`,
      {
        modal: true,
        detail: `It is not named atlassian-connect.json, no connectForgeLink.descriptorGlobs entry names it, and its content does not look like a descriptor's: a wrong ${key} in it would go unnoticed. Add it to the globs so that it is checked, then set ${key}?`,
      },
      add,
    );
    if (choice !== add) return stopped;
  }
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const settings = vscode.workspace.getConfiguration('connectForgeLink', document.uri);
  const globs = settings.get<string[]>('descriptorGlobs', []);
  if (!globs.includes(glob)) {
    await settings.update(
      'descriptorGlobs',
      [...globs, glob],
      folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global,
    );
  }
  return undefined;
}

/** The document's path in its workspace folder (else its absolute path), glob characters taken literally. */
function globFor(uri: vscode.Uri): string {
  const path = vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, false) : uri.path;
  return path.replace(/[*?[\]{}()!+@\\]/g, '\\$&');
}
