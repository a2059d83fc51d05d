/**
 * Takes the README's pictures in a real workbench (run by scripts/vscode/screenshots.mjs on a copy
 * of test/fixtures/vscode-workspace-screenshots): the Problems panel listing the closed
 * descriptors, the warning with its hover, the quick-fix menu, the command palette with our
 * commands, the manifest pick. Each step asks the runner for a
 * screenshot (`@@screenshot <name> <selector to wait for>`) and waits until the PNG exists.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, fileIn, hasCode, open, waitFor, waitForDiagnostics } from './helpers';

const SHOT_TIMEOUT_MS = 30_000;

async function shot(name: string, selector: string): Promise<void> {
  const dir = process.env.VSCODE_TEST_SCREENSHOT_DIR;
  console.log(`@@screenshot ${name} ${selector}`);
  if (!dir) return; // not run by scripts/vscode/run-tests.mjs: nothing will be taken
  const file = path.join(dir, `${name}.png`);
  await waitFor(`${file}`, () => fs.existsSync(file), { timeoutMs: SHOT_TIMEOUT_MS, pollMs: 100 });
}

export async function run(): Promise<void> {
  for (const command of ['workbench.action.closePanel', 'workbench.action.closeAuxiliaryBar', 'notifications.clearAll']) {
    await vscode.commands.executeCommand(command);
  }
  // 0. The Problems panel, before any file is opened: the closed descriptors' problems.
  for (const descriptor of ['connect/atlassian-connect.json', 'connect-dev/connect.json']) {
    await waitForDiagnostics(fileIn(descriptor), 'problems of the closed descriptor', (ds) => ds.length > 0, 60_000);
  }
  await vscode.commands.executeCommand('workbench.view.explorer');
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await shot('problems-panel', '.markers-panel:has-text("connect.json")');
  await vscode.commands.executeCommand('workbench.action.closePanel');

  // The hover picture shows the warning alone: the note that forgeAppId could be inserted (two
  // manifests match) is turned off in the user settings for it, then back on.
  const rules = vscode.workspace.getConfiguration('connectForgeLink');
  await rules.update('rules', { 'forge-app-id-missing': 'off' }, vscode.ConfigurationTarget.Global);
  const document = await open(fileIn('connect/atlassian-connect.json'));
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor && editor.document === document);
  await waitForDiagnostics(
    document.uri,
    'forge-app-link-missing alone',
    (ds) => ds.length === 1 && hasCode('forge-app-link-missing')(ds),
    60_000,
  );
  // The explorer shows the folders (the Connect app and two Forge apps), the file selected.
  await vscode.commands.executeCommand('workbench.files.action.showActiveFileInExplorer');
  await vscode.window.showTextDocument(document);

  // 1. The warning on the name of "key" (where root findings go), with its hover.
  const [missing] = vscode.languages.getDiagnostics(document.uri).filter((d) => codeOf(d) === 'forge-app-link-missing');
  assert.equal(document.getText(missing.range), '"key"');
  editor.selection = new vscode.Selection(missing.range.start.translate(0, 2), missing.range.start.translate(0, 2));
  await vscode.commands.executeCommand('editor.action.showHover');
  await shot('diagnostic-hover', '.monaco-hover:has-text("No forgeAppLink")');
  await vscode.commands.executeCommand('editor.action.hideHover');

  // 2. The quick-fix menu on it, with the forgeAppId fixes too.
  await rules.update('rules', undefined, vscode.ConfigurationTarget.Global);
  await waitForDiagnostics(document.uri, 'forge-app-id-missing back', hasCode('forge-app-id-missing'));
  editor.selection = new vscode.Selection(missing.range.start.translate(0, 1), missing.range.start.translate(0, 1));
  await vscode.commands.executeCommand('editor.action.quickFix');
  await shot('quick-fix', '.action-widget:has-text("Insert forgeAppId from forge/manifest.yml")');
  await vscode.commands.executeCommand('hideCodeActionWidget');

  // 3. The command palette, filtered to our commands.
  void vscode.commands.executeCommand('workbench.action.quickOpen', '>Connect Forge Link');
  await shot('commands', '.quick-input-widget:has-text("Insert forgeAppId from manifest.yml")');
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');

  // 4. The manifest pick: two manifests (production and staging) share the descriptor's key.
  const picked = vscode.commands.executeCommand<{ changed: boolean; message: string }>('connectForgeLink.insertForgeAppId');
  await shot('manifest-pick', '.quick-input-widget:has-text("Insert forgeAppId from which manifest.yml?")');
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
