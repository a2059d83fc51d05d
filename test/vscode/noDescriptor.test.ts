/**
 * Scenario no-descriptor (test/fixtures/vscode-workspace-no-descriptor): a workspace without any
 * file named as descriptors are. activationEvents are only workspaceContains: of those names
 * (atlassian-connect.json, connect.json and the descriptor templates named as real descriptors are, see package.json
 * and test/unit/package.test.ts) plus the implicit onCommand events of the contributed commands,
 * so opening JSON files, even a descriptor named otherwise, must not activate the extension.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, assertExtensionOrigin, fileIn, open, ours, waitFor } from './helpers';

const JSON_EXTENSION_ID = 'vscode.json-language-features';

describe('activation (workspace without a descriptor)', () => {
  it('is installed but not active when the window has opened', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assertExtensionOrigin(extension);
    assert.equal(extension.isActive, false);
  });

  it('stays inactive when JSON files (an unrelated one, a descriptor under another name) are opened', async () => {
    const other = await open(fileIn('other.json'));
    const descriptorLike = await open(fileIn('config/descriptor.json'));
    assert.equal(other.languageId, 'json');
    // onLanguage:json has been handled: the built-in JSON extension, activated by it, is active.
    const json = vscode.extensions.getExtension(JSON_EXTENSION_ID);
    assert.ok(json, `${JSON_EXTENSION_ID} is missing`);
    await waitFor(`${JSON_EXTENSION_ID} to be active`, () => json.isActive, { events: [vscode.extensions.onDidChange] });
    // And its language server has seen the documents: it answers for them.
    await waitFor('JSON document symbols', async () => {
      const symbols = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', other.uri);
      return symbols && symbols.length > 0;
    });
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, false, 'activated by opening a JSON file');
    assert.deepEqual(ours(other.uri), []);
    assert.deepEqual(ours(descriptorLike.uri), []);
  });

  it('activates when one of its commands runs (so the check above is about activation, not a broken install)', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await vscode.commands.executeCommand('connectForgeLink.showOutput');
    await waitFor('the extension to be active', () => extension.isActive, { events: [vscode.extensions.onDidChange] });
  });
});
