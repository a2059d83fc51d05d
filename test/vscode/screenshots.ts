/**
 * Takes the README's pictures in a real workbench (run by scripts/vscode/screenshots.mjs on a copy
 * of test/fixtures/vscode-workspace-screenshots): the Problems panel listing the closed
 * descriptors, the warning with its hover, the quick-fix menu, the command palette with our
 * commands, the manifest pick. Each step asks the runner for a picture once the workbench shows
 * what it is of (page.ts), and fails when it never did.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, fileIn, hasCode, open, waitForDiagnostics } from './helpers';
import { shot } from './page';

/**
 * A picture of what `selector` matches, which must have shown; all of it in view unless it is a
 * line cut to the panel's width on purpose (`cut`), where the picture is looked at instead.
 */
async function picture(name: string, selector: string, cut: 'may be cut' | 'whole' = 'whole'): Promise<void> {
  const seen = await shot(name, selector);
  if (seen === undefined) return;
  assert.ok(seen.shown, `${name}: ${selector} never showed`);
  assert.ok(seen.inView || cut === 'may be cut', `${name}: ${selector} is cut off`);
}

export async function run(): Promise<void> {
  for (const command of ['workbench.action.closePanel', 'workbench.action.closeAuxiliaryBar', 'notifications.clearAll']) {
    await vscode.commands.executeCommand(command);
  }
  // 0. The Problems panel, before any file is opened: the closed descriptors' problems, in a panel
  // as wide as the window (no sidebar) and maximized, so that the first sentences show whole.
  for (const descriptor of ['connect/atlassian-connect.json', 'connect-dev/connect.json']) {
    await waitForDiagnostics(fileIn(descriptor), 'problems of the closed descriptor', (ds) => ds.length > 0, 60_000);
  }
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');
  // Each line ends where the panel does: the picture shows whether the first sentences fit.
  await picture('problems-panel', '.markers-panel :text("No forgeAppLink: admins will not see")', 'may be cut');
  await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('workbench.view.explorer');

  // The descriptor as a new user opens it: every rule as by default.
  const document = await open(fileIn('connect/atlassian-connect.json'));
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor && editor.document === document);
  await waitForDiagnostics(
    document.uri,
    'forge-app-link-missing and forge-app-id-missing',
    (ds) => hasCode('forge-app-link-missing')(ds) && hasCode('forge-app-id-missing')(ds),
    60_000,
  );
  // The explorer shows the folders (the Connect app and two Forge apps), the file selected.
  await vscode.commands.executeCommand('workbench.files.action.showActiveFileInExplorer');
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');

  // 1. The two findings on the name of "key" (where root findings go), with their hover: one short
  // message each, and its Quick Fix link in view (once VS Code has found the fixes).
  const [missing] = vscode.languages.getDiagnostics(document.uri).filter((d) => codeOf(d) === 'forge-app-link-missing');
  assert.equal(document.getText(missing.range), '"key"');
  editor.selection = new vscode.Selection(missing.range.start.translate(0, 2), missing.range.start.translate(0, 2));
  await vscode.commands.executeCommand('editor.action.showHover');
  await picture(
    'diagnostic-hover',
    '.monaco-hover:has-text("No forgeAppLink"):has-text("No forgeAppId") .hover-row.status-bar :text-matches("^Quick Fix")',
  );
  await vscode.commands.executeCommand('editor.action.hideHover');

  // 2. The quick-fix menu on it, with the forgeAppId fixes too.
  editor.selection = new vscode.Selection(missing.range.start.translate(0, 1), missing.range.start.translate(0, 1));
  await vscode.commands.executeCommand('editor.action.quickFix');
  await picture('quick-fix', '.action-widget:has-text("Insert forgeAppId from forge/manifest.yml")');
  await vscode.commands.executeCommand('hideCodeActionWidget');

  // 3. The command palette, filtered to our commands.
  void vscode.commands.executeCommand('workbench.action.quickOpen', '>Connect Forge Link');
  await picture('commands', '.quick-input-widget:has-text("Insert forgeAppId from manifest.yml")');
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');

  // 4. The manifest pick: two manifests (production and staging) share the descriptor's key.
  const picked = vscode.commands.executeCommand<{ changed: boolean; message: string }>('connectForgeLink.insertForgeAppId');
  await picture('manifest-pick', '.quick-input-widget:has-text("Insert forgeAppId from which manifest.yml?")');
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  const result = await picked;
  assert.equal(result.changed, false, result.message);
  console.log(
    `pictures taken; diagnostics shown: ${vscode.languages
      .getDiagnostics(document.uri)
      .map((d) => `${d.source} ${codeOf(d)}`)
      .join(', ')}`,
  );
}
