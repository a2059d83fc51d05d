/** Settings apply without a reload: a rule turned off in the workspace settings disappears. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, codes, hasCode, lacksCode, open, scratchCopy, waitForDiagnostics } from './helpers';

describe('settings', () => {
  it('"connectForgeLink.rules": {"forge-app-link-missing": "off"} removes that diagnostic, and only that one', async () => {
    const document = await open(await scratchCopy('bitbucket-app/atlassian-connect.json', 'settings'));
    await waitForDiagnostics(
      document.uri,
      'forge-app-link-missing',
      (ds) => hasCode('forge-app-link-missing')(ds) && hasCode('forge-key-nested')(ds),
    );
    const settings = vscode.workspace.getConfiguration('connectForgeLink', document.uri);
    try {
      await settings.update('rules', { 'forge-app-link-missing': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(document.uri, 'no forge-app-link-missing', lacksCode('forge-app-link-missing'));
      assert.deepEqual(codes(document.uri), ['forge-key-nested']);

      await settings.update('rules', { 'forge-app-link-missing': 'error' }, vscode.ConfigurationTarget.Workspace);
      const [missing] = (
        await waitForDiagnostics(document.uri, 'forge-app-link-missing as an error', hasCode('forge-app-link-missing'))
      ).filter((d) => codeOf(d) === 'forge-app-link-missing');
      assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const restored = await waitForDiagnostics(document.uri, 'forge-app-link-missing back as a warning', (ds) =>
      ds.some((d) => codeOf(d) === 'forge-app-link-missing' && d.severity === vscode.DiagnosticSeverity.Warning),
    );
    assert.equal(restored.length, 2);
  });
});
