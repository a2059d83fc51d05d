/**
 * "Open Walkthrough": opens the extension's walkthrough, the Connect → Forge link step by step.
 *
 * VS Code creates its walkthroughs service only when something first needs it (usually a Welcome
 * page) and then registers the extensions' walkthroughs asynchronously (it waits for its
 * experiment service, at most 5 s). A page opened for ours before that shows another walkthrough
 * instead, VS Code's own "Get Started" (microsoft/vscode#232425). So the service is created at
 * activation, with no page (prepareWalkthrough), and the command opens ours directly; run within
 * those 5 s, it waits for the rest of them, showing that it is opening, instead of a wrong page.
 * A Welcome page in front that already shows a walkthrough ignores requests for another one: it
 * is replaced.
 */
import * as vscode from 'vscode';

export const OPEN_WALKTHROUGH_COMMAND = 'connectForgeLink.openWalkthrough';
/** `<publisher>.<name>#<walkthrough id>` as package.json declares them (a unit test keeps them in step). */
export const WALKTHROUGH_ID = 'connect-forge-link.connect-forge-link#linkConnectToForge';
const FIRST_STEP = 'shareForgeApp';
/** VS Code registers the extensions' walkthroughs within 5 s of creating its service. */
const REGISTRATION_WINDOW_MS = 5000;

let servicePreparedAt: number | undefined;

/**
 * Creates VS Code's walkthroughs service, which registers the extensions' walkthroughs, without
 * opening a page: "welcome.markStepIncomplete" gets the service before it looks the step up, and a
 * step that no walkthrough has is refused with nothing changed.
 */
export function prepareWalkthrough(): void {
  if (servicePreparedAt !== undefined) return;
  servicePreparedAt = Date.now();
  Promise.resolve(vscode.commands.executeCommand('welcome.markStepIncomplete', `${WALKTHROUGH_ID}#prepare`)).catch(() => undefined);
}

export function registerOpenWalkthrough(): vscode.Disposable {
  prepareWalkthrough();
  return vscode.commands.registerCommand(OPEN_WALKTHROUGH_COMMAND, () => openWalkthrough());
}

async function openWalkthrough(): Promise<void> {
  prepareWalkthrough();
  const wait = (servicePreparedAt ?? 0) + REGISTRATION_WINDOW_MS - Date.now();
  if (wait > 0) {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Opening the walkthrough…' },
      () => new Promise((resolve) => setTimeout(resolve, wait)),
    );
  }
  if (welcomePageInFront()) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', { category: WALKTHROUGH_ID, step: FIRST_STEP }, false);
}

/** A Welcome or walkthrough page: a tab whose input the API does not describe, with one of their titles. */
function welcomePageInFront(): boolean {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return tab !== undefined && tab.input === undefined && (tab.label === 'Welcome' || tab.label.startsWith('Walkthrough: '));
}
