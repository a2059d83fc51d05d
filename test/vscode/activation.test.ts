/** Activation, and the Restricted Mode behaviour package.json declares (scenarios trusted, restricted). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  assertExtensionOrigin,
  fileIn,
  markServerSilent,
  hasCode,
  oneWithCode,
  open,
  quickFixesFor,
  scenario,
  waitFor,
  waitForDiagnostics,
} from './helpers';

describe('activation', () => {
  it('is declared for workspaces containing a descriptor by one of its names (atlassian-connect.json, connect.json, templates)', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    const events = extension.packageJSON.activationEvents as string[];
    assert.ok(events.includes('workspaceContains:**/atlassian-connect.json'), JSON.stringify(events));
    assert.ok(events.includes('workspaceContains:**/connect.json'), JSON.stringify(events));
    assert.ok(
      events.every((event) => event.startsWith('workspaceContains:')),
      JSON.stringify(events),
    );
    assertExtensionOrigin(extension);
  });

  it('is active once a descriptor is open, and its server reports on it', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const document = await open(fileIn('bitbucket-app/atlassian-connect.json'));
    await waitFor('the extension to be active', () => extension.isActive, { events: [vscode.extensions.onDidChange] });
    const { activationMs } = extension.exports as { activationMs: number };
    assert.ok(activationMs > 0);
    console.log(`activation: ${activationMs.toFixed(0)} ms (the language server's start included)`);
    try {
      await waitForDiagnostics(document.uri, 'forge-app-link-missing', hasCode('forge-app-link-missing'), 45_000);
    } catch (error) {
      markServerSilent(error instanceof Error ? error.message : String(error));
      throw error;
    }
  });
});

describe('workspace trust', () => {
  const restricted = scenario() === 'restricted';

  it(`the workspace is ${restricted ? 'untrusted (Restricted Mode)' : 'trusted'} in this run`, () => {
    assert.equal(vscode.workspace.isTrusted, !restricted);
  });

  it('package.json declares full support for untrusted workspaces', () => {
    const capabilities = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.capabilities;
    assert.deepEqual(capabilities?.untrustedWorkspaces, { supported: true });
  });

  it(`diagnostics and quick fixes work ${restricted ? 'in Restricted Mode' : 'when trusted'}`, async () => {
    const uri = fileIn('bitbucket-app/atlassian-connect.json');
    const missing = oneWithCode(
      await waitForDiagnostics(uri, 'forge-app-link-missing', hasCode('forge-app-link-missing')),
      'forge-app-link-missing',
    );
    // Asked with the quick-fix kind, as for the light bulb of a diagnostic. (Seen here: a kind-less
    // request, which also goes to the JSON extension's source actions, can come back empty the first
    // time in a fresh window.)
    const actions = await quickFixesFor(uri, missing);
    assert.ok(
      actions.some((a) => a.title === 'Set forgeAppLink…'),
      JSON.stringify(actions.map((a) => a.title)),
    );
  });
});
