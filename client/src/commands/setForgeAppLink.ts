/**
 * "Set forgeAppLink…": asks for the Forge app's installation link (validated as it is typed,
 * pre-filled from the clipboard when it holds one) and sets it at the descriptor's root with the
 * edit the server computes. Arguments (descriptor URI, link) skip the UI, for tests and other
 * extensions.
 */
import * as vscode from 'vscode';
import {
  checkInstallLink,
  consoleDistributionUrl,
  isBlockingLinkProblem,
  normalizeInstallLink,
  SET_LINK_COMMAND,
} from 'connect-forge-link-core';
import { applyForVersion } from '../applyEdits';
import { resolveDescriptor } from '../descriptorTarget';
import { ServerRequests } from '../serverRequests';

export function registerSetForgeAppLink(server: ServerRequests): vscode.Disposable {
  return vscode.commands.registerCommand(SET_LINK_COMMAND, (target?: unknown, link?: unknown) =>
    setForgeAppLink(server, target, typeof link === 'string' ? link : undefined),
  );
}

export async function setForgeAppLink(server: ServerRequests, target: unknown, givenLink: string | undefined): Promise<boolean> {
  const document = await resolveDescriptor(target);
  if (!document) return false;
  const state = await server.descriptorState(document);
  if (state.status !== 'ok') {
    void vscode.window.showErrorMessage(
      state.status === 'not-an-object'
        ? `${vscode.workspace.asRelativePath(document.uri)} is not a JSON object, so forgeAppLink cannot be set. Fix the file first.`
        : `forgeAppLink was not set: the language server does not have ${vscode.workspace.asRelativePath(document.uri)} open (see Connect Forge Link: Show Output).`,
    );
    return false;
  }
  const link = givenLink ?? (await askForLink(state.appUuid, consoleHosts(document)));
  if (link === undefined) return false;
  const value = normalizeInstallLink(link);
  const blocking = checkInstallLink(value, { extraHosts: consoleHosts(document) }).problems.find(isBlockingLinkProblem);
  if (blocking) {
    void vscode.window.showErrorMessage(`forgeAppLink was not set: ${blocking.message}`);
    return false;
  }
  // Asked for now: the document may have changed while the input box was open.
  const edit = await server.rootValueEdit(document, 'forgeAppLink', value);
  if (edit.status !== 'ok') return false;
  const outcome = await applyForVersion(document, edit);
  if (outcome === 'applied') {
    void vscode.window.showInformationMessage(
      `forgeAppLink set in ${vscode.workspace.asRelativePath(document.uri)}. Serve the updated descriptor and update the installations so that admins see "Get the Forge app".`,
    );
  } else if (outcome === 'changed') {
    void vscode.window.showErrorMessage('forgeAppLink was not set: the descriptor changed while the edit was made. Run the command again.');
  } else {
    void vscode.window.showErrorMessage('forgeAppLink could not be set: VS Code refused the edit (is the file read-only?).');
  }
  return outcome === 'applied';
}

function consoleHosts(document: vscode.TextDocument): string[] {
  return vscode.workspace.getConfiguration('connectForgeLink', document.uri).get<string[]>('consoleHosts', []);
}
async function askForLink(appUuid: string | undefined, extraHosts: readonly string[]): Promise<string | undefined> {
  const clipboard = (await vscode.env.clipboard.readText()).trim();
  const input = vscode.window.createInputBox();
  input.title = 'Set forgeAppLink';
  input.prompt = "Paste the Forge app's installation link: developer console → your app → Distribution → share for Bitbucket.";
  input.placeholder = 'https://developer.atlassian.com/console/install/<app-id>?signature=…&product=bitbucket';
  input.ignoreFocusOut = true;
  if (checkInstallLink(normalizeInstallLink(clipboard), { extraHosts }).uuid) input.value = clipboard;
  const openConsole: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('link-external'),
    tooltip: "Open the app's distribution page in the developer console",
  };
  if (appUuid) input.buttons = [openConsole];
  const validate = (value: string) => {
    if (value.trim().length === 0) {
      input.validationMessage = undefined;
      return;
    }
    const problems = checkInstallLink(normalizeInstallLink(value), { extraHosts }).problems;
    const blocking = problems.find(isBlockingLinkProblem);
    input.validationMessage = blocking
      ? { message: blocking.message, severity: vscode.InputBoxValidationSeverity.Error }
      : problems[0]
        ? { message: problems[0].message, severity: vscode.InputBoxValidationSeverity.Warning }
        : undefined;
  };
  validate(input.value);
  return new Promise<string | undefined>((resolve) => {
    const disposables: vscode.Disposable[] = [];
    const finish = (value: string | undefined) => {
      disposables.forEach((d) => d.dispose());
      input.dispose();
      resolve(value);
    };
    disposables.push(
      input.onDidChangeValue(validate),
      input.onDidTriggerButton(() => {
        if (appUuid) void vscode.env.openExternal(vscode.Uri.parse(consoleDistributionUrl(appUuid)));
      }),
      input.onDidAccept(() => {
        const value = input.value;
        if (value.trim().length === 0 || checkInstallLink(normalizeInstallLink(value), { extraHosts }).problems.some(isBlockingLinkProblem))
          return;
        finish(value);
      }),
      input.onDidHide(() => finish(undefined)),
    );
    input.show();
  });
}
