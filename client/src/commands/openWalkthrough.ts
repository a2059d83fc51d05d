/**
 * "Open Walkthrough": opens the extension's walkthrough, the Connect → Forge link step by step.
 *
 * VS Code creates its walkthroughs service only when something first needs it (usually a Welcome
 * page) and then registers the extensions' walkthroughs asynchronously; a page opened for ours
 * before that shows another walkthrough instead ("Could not find category with ID",
 * microsoft/vscode#232425). And a Welcome page in front that already shows a walkthrough ignores
 * requests for another one. So the first time in a window the command opens the plain Welcome
 * page (which creates the service), gives VS Code a moment to register the walkthrough, and
 * replaces a Welcome page in front before asking for ours.
 */
import * as vscode from 'vscode';

export const OPEN_WALKTHROUGH_COMMAND = 'connectForgeLink.openWalkthrough';
/** `<publisher>.<name>#<walkthrough id>` as package.json declares them (a unit test keeps them in step). */
export const WALKTHROUGH_ID = 'connect-forge-link.connect-forge-link#linkConnectToForge';
const FIRST_STEP = 'shareForgeApp';
/** VS Code registers extension walkthroughs within about a second of creating its service (at most 5 s). */
const REGISTRATION_DELAY_MS = 1500;

let walkthroughsServiceCreated = false;

export function registerOpenWalkthrough(): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_WALKTHROUGH_COMMAND, () => openWalkthrough());
}

async function openWalkthrough(): Promise<void> {
  if (!walkthroughsServiceCreated) {
    walkthroughsServiceCreated = true;
    await vscode.commands.executeCommand('workbench.action.openWalkthrough');
    await new Promise((resolve) => setTimeout(resolve, REGISTRATION_DELAY_MS));
  }
  if (welcomePageInFront()) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', { category: WALKTHROUGH_ID, step: FIRST_STEP }, false);
}

/** A Welcome or walkthrough page: a tab whose input the API does not describe, with one of their titles. */
function welcomePageInFront(): boolean {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return tab !== undefined && tab.input === undefined && (tab.label === 'Welcome' || tab.label.startsWith('Walkthrough: '));
}
