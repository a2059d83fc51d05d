/**
 * "Set forgeAppLink…": asks for the Forge app's installation link (pre-filled with the current
 * value, else from the clipboard when it holds a link; checked as it is typed, against the app the
 * descriptor names too) and sets it at the descriptor's root with the edit the server computes.
 * Arguments (descriptor URI, link) skip the UI, for tests and other extensions: the result then
 * says what the box would have said of the link.
 */
import * as vscode from 'vscode';
import { CheckLinkResult, consoleDistributionUrl, SET_LINK_COMMAND } from 'connect-forge-link-core';
import { applyForVersion } from '../applyEdits';
import { notAnObjectMessage, notOpenMessage, resolveDescriptor } from '../descriptorTarget';
import { ServerRequests } from '../serverRequests';
import { WhenUnchecked, uncheckedStop, whenUncheckedOf } from '../uncheckedDescriptor';

/** The outcome, also returned to callers (tests, other extensions). */
export interface SetLinkResult {
  readonly changed: boolean;
  readonly message: string;
  /** What the input box warned of the link that was set (another app, http, …). */
  readonly warning?: string;
}

export function registerSetForgeAppLink(server: ServerRequests): vscode.Disposable {
  return vscode.commands.registerCommand(SET_LINK_COMMAND, (target?: unknown, link?: unknown, options?: unknown) =>
    setForgeAppLink(server, target, typeof link === 'string' ? link : undefined, whenUncheckedOf(options)),
  );
}

/**
 * `givenLink` skips the input box; `unchecked` says what the non-UI path does with a document the
 * server does not check as a descriptor (add it to the globs, or refuse: the default with a link).
 */
export async function setForgeAppLink(
  server: ServerRequests,
  target: unknown,
  givenLink: string | undefined,
  unchecked?: WhenUnchecked,
): Promise<SetLinkResult> {
  const document = await resolveDescriptor(target);
  if (!document) return { changed: false, message: 'No descriptor was chosen.' };
  const label = vscode.workspace.asRelativePath(document.uri);
  const state = await server.descriptorState(document);
  if (state.status !== 'ok') {
    return report(
      false,
      state.status === 'not-an-object'
        ? notAnObjectMessage(document, 'forgeAppLink cannot be set')
        : notOpenMessage(document, 'forgeAppLink was not set'),
      'error',
    );
  }
  // Before anything is asked or edited: a document that is not checked is said to be so.
  const stop = await uncheckedStop(document, state.checked, 'forgeAppLink', unchecked ?? (givenLink !== undefined ? 'refuse' : undefined));
  if (stop) return report(false, stop, 'error');
  const asked = givenLink === undefined ? await askForLink(server, document, state.link, state.appUuid) : { link: givenLink };
  if (asked === undefined) return { changed: false, message: 'No link was given.' };
  // The box's check of the accepted link stands; a link given as an argument is checked here.
  const checked = asked.checked ?? (await server.checkLink(document, asked.link));
  if (checked.status !== 'ok') return report(false, notOpenMessage(document, 'forgeAppLink was not set'), 'error');
  const { validation, normalized: value } = checked;
  if (validation?.severity === 'error') return report(false, `forgeAppLink was not set: ${validation.message}`, 'error');
  const warning = validation?.message;
  // Asked for now: the document may have changed while the input box was open.
  const edit = await server.rootValueEdit(document, 'forgeAppLink', value);
  if (edit.status !== 'ok')
    return report(false, `forgeAppLink was not set: ${label} is no longer a JSON object the server has open.`, 'error');
  const outcome = await applyForVersion(document, edit);
  if (outcome === 'applied') {
    // The box showed the warning before the link was taken; a caller without the box reads it here.
    const set = `forgeAppLink set in ${label}. Serve the updated descriptor and update the installations so that admins see "Get the Forge app".`;
    return { ...report(true, givenLink !== undefined && warning ? `${set} Note: ${warning}` : set, 'info'), warning };
  }
  return report(
    false,
    outcome === 'changed'
      ? 'forgeAppLink was not set: the descriptor changed while the edit was made. Run the command again.'
      : 'forgeAppLink could not be set: VS Code refused the edit (is the file read-only?).',
    'error',
  );
}

function report(changed: boolean, message: string, level: 'info' | 'error'): SetLinkResult {
  void (level === 'info' ? vscode.window.showInformationMessage(message) : vscode.window.showErrorMessage(message));
  return { changed, message };
}

const SEVERITIES = { error: vscode.InputBoxValidationSeverity.Error, warning: vscode.InputBoxValidationSeverity.Warning };

/** The input box: what it shows of the link is the server's check (connectForgeLink/checkLink), the latest typed value's. */
async function askForLink(
  server: ServerRequests,
  document: vscode.TextDocument,
  current: string | undefined,
  appUuid: string | undefined,
): Promise<{ readonly link: string; readonly checked?: CheckLinkResult } | undefined> {
  const input = vscode.window.createInputBox();
  input.title = 'Set forgeAppLink';
  input.prompt = "Paste the Forge app's installation link: developer console → your app → Distribution → share for Bitbucket.";
  input.placeholder = 'https://developer.atlassian.com/console/install/<app-id>?signature=…&product=bitbucket';
  input.ignoreFocusOut = true;
  // No answer (the server stopping) says nothing of the link: the command's own check still runs.
  const check = async (value: string) => {
    const result = await server.checkLink(document, value).then(undefined, () => undefined);
    return result?.status === 'ok' ? result : undefined;
  };
  if (current?.trim()) input.value = current;
  else {
    const clipboard = (await vscode.env.clipboard.readText()).trim();
    if (clipboard && (await check(clipboard))?.uuid) input.value = clipboard;
  }
  const openConsole: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('link-external'),
    tooltip: "Open the app's distribution page in the developer console",
  };
  if (appUuid) input.buttons = [openConsole];
  // Answers may come back out of order: only the one for the value now in the box is shown.
  const validate = async (value: string) => {
    const validation = (await check(value))?.validation;
    if (input.value !== value) return;
    input.validationMessage = validation && { message: validation.message, severity: SEVERITIES[validation.severity] };
  };
  validate(input.value).catch(() => undefined);
  return new Promise((resolve) => {
    const disposables: vscode.Disposable[] = [];
    const finish = (accepted: { readonly link: string; readonly checked?: CheckLinkResult } | undefined) => {
      disposables.forEach((d) => d.dispose());
      input.dispose();
      resolve(accepted);
    };
    disposables.push(
      input.onDidChangeValue((value) => validate(value).catch(() => undefined)),
      input.onDidTriggerButton(() => {
        if (appUuid) void vscode.env.openExternal(vscode.Uri.parse(consoleDistributionUrl(appUuid)));
      }),
      input.onDidAccept(async () => {
        const value = input.value;
        if (value.trim().length === 0) return;
        // A warning lets the link through (the user has read it); an error does not.
        const checked = await check(value);
        if (checked?.validation?.severity === 'error' || input.value !== value) return;
        finish({ link: value, checked });
      }),
      input.onDidHide(() => finish(undefined)),
    );
    input.show();
  });
}
