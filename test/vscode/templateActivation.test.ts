/**
 * Scenario template-only (test/fixtures/vscode-workspace-template-only): a workspace whose only
 * descriptor is app/views/bitbucket/manifest.json.erb. package.json activates on every descriptor
 * template name whatever its stem (the core's TEMPLATE_GLOB): VS Code starts the extension without
 * the file being opened, and the Problems panel lists what the template lacks.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, assertExtensionOrigin, fileIn, hasCode, markServerSilent, waitFor, waitForDiagnostics } from './helpers';

const TEMPLATE = 'app/views/bitbucket/manifest.json.erb';

describe('a workspace whose descriptor is a template of another stem (manifest.json.erb)', () => {
  it('activates the extension without any file being opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assertExtensionOrigin(extension);
    await waitFor('the extension to be active', () => extension.isActive, { events: [vscode.extensions.onDidChange], timeoutMs: 45_000 });
    assert.equal(vscode.workspace.textDocuments.filter((document) => document.uri.scheme === 'file').length, 0, 'no file is open');
  });

  it('lists the problems of the closed template', async () => {
    const uri = fileIn(TEMPLATE);
    try {
      await waitForDiagnostics(uri, 'forge-app-link-missing on the closed template', hasCode('forge-app-link-missing'), 45_000);
    } catch (error) {
      markServerSilent(error instanceof Error ? error.message : String(error));
      throw error;
    }
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), 'the file was not opened');
  });
});
