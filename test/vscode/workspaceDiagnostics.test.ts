/**
 * Scenario named-otherwise (test/fixtures/vscode-workspace-named-otherwise): a workspace whose
 * only file is connect-app/connect.json. The extension activates on it, the Problems panel lists
 * its problems without the file being opened, and follows it (and files created next to it) as
 * they change on disk; the language status item shows the server's verdict for a linked and an
 * unlinked descriptor.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  APP_ARI,
  APP_LINK,
  EXTENSION_ID,
  activatedWithoutOpening,
  codes,
  fileIn,
  hasCode,
  isOpen,
  lacksCode,
  open,
  readText,
  waitFor,
  waitForClosedFileDiagnostics,
  waitForDiagnostics,
  writeText,
} from './helpers';

/** The extension's API (client/src/extension.ts ConnectForgeLinkApi), as the tests read it. */
interface Api {
  readonly activationMs: number;
  linkStatus():
    | {
        readonly uri: string;
        readonly text: string;
        readonly detail: string;
        readonly severity: string;
        readonly command?: { readonly title: string; readonly command: string; readonly arguments: readonly string[] };
        readonly status: { readonly state: string; readonly manifests: readonly { readonly label: string }[] };
      }
    | undefined;
}

const DESCRIPTOR = 'connect-app/connect.json';

function api(): Api {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

/** Waits until the status item shows something for the active editor's document that satisfies `predicate`. */
function statusFor(uri: vscode.Uri, what: string, predicate: (shown: NonNullable<ReturnType<Api['linkStatus']>>) => boolean) {
  return waitFor(
    `the status item: ${what}`,
    () => {
      const shown = api().linkStatus();
      return shown && shown.uri === uri.toString() && predicate(shown) ? shown : undefined;
    },
    {
      events: [vscode.languages.onDidChangeDiagnostics, vscode.window.onDidChangeActiveTextEditor],
      describe: () => JSON.stringify(api().linkStatus()),
    },
  );
}

/** A manifest.yml with this app.id, for the only Forge app of the workspace. */
function manifest(appId: string): string {
  return `modules:\n  bitbucket:repoMainMenuPage:\n    - key: main\n      title: Main\napp:\n  id: ${appId}\n  runtime:\n    name: nodejs22.x\n`;
}

describe('a workspace whose descriptor is connect-app/connect.json', () => {
  it('activates the extension without any file being opened, and says how long activation took', async () => {
    const extension = await activatedWithoutOpening<Api>();
    assert.ok(extension.exports.activationMs > 0);
    console.log(`activation: ${extension.exports.activationMs.toFixed(0)} ms (the language server's start included)`);
  });

  it('lists the problems of the closed descriptor (vscode.languages.getDiagnostics)', async () => {
    await waitForClosedFileDiagnostics(
      fileIn(DESCRIPTOR),
      'forge-app-link-missing on the closed connect.json',
      hasCode('forge-app-link-missing'),
    );
  });

  it('follows the closed descriptor edited on disk (workspace.fs), and lists a matched manifest.yml', async () => {
    const uri = fileIn(DESCRIPTOR);
    const original = await readText(uri);
    await writeText(uri, original.replace('"name": "Acme Deploy Gate",', `"name": "Acme Deploy Gate",\n  "forgeAppLink": "${APP_LINK}",`));
    await waitForDiagnostics(uri, 'forge-app-link-missing gone after the edit on disk', lacksCode('forge-app-link-missing'));
    assert.equal(isOpen(uri), false);

    // A manifest appears next to it, with an app.id the Forge CLI would refuse: its problem is listed too.
    const forge = fileIn('forge/manifest.yml');
    await writeText(forge, manifest(APP_ARI.toUpperCase()));
    await waitForDiagnostics(forge, 'manifest-app-id on the closed, matched manifest.yml', hasCode('manifest-app-id'));
    assert.equal(isOpen(forge), false);
    await writeText(forge, manifest(APP_ARI));
    await waitForDiagnostics(forge, 'no problem once app.id is right', (diagnostics) => diagnostics.length === 0);
    // Matched to it, the descriptor is now asked for forgeAppId.
    await waitForDiagnostics(uri, 'forge-app-id-missing now that a manifest matches', hasCode('forge-app-id-missing'));
  });

  it('drops the problems of a deleted descriptor, and lists those of one created', async () => {
    const created = fileIn('staging-app/connect.json');
    await writeText(created, await readText(fileIn(DESCRIPTOR)).then((text) => text.replace(/\n\s*"forgeAppLink": "[^"]*",/, '')));
    await waitForDiagnostics(created, 'forge-app-link-missing on the new descriptor', hasCode('forge-app-link-missing'));
    await vscode.workspace.fs.delete(fileIn('staging-app'), { recursive: true });
    await waitForDiagnostics(created, 'nothing left for the deleted folder', (diagnostics) => diagnostics.length === 0);
  });

  it('shows the link state in the language status item: an unlinked descriptor, then a linked one', async () => {
    const unlinked = fileIn('unlinked/connect.json');
    await writeText(unlinked, await readText(fileIn(DESCRIPTOR)).then((text) => text.replace(/\n\s*"forgeAppLink": "[^"]*",/, '')));
    await open(unlinked);
    const missing = await statusFor(unlinked, 'forgeAppLink missing', (shown) => shown.status.state === 'incomplete');
    assert.match(missing.text, /Forge link: forgeAppLink missing/);
    assert.equal(missing.severity, 'warning');
    assert.deepEqual(missing.command, {
      title: 'Set forgeAppLink…',
      command: 'connectForgeLink.setForgeAppLink',
      arguments: [unlinked.toString()],
    });
    assert.match(missing.detail, /Matched to forge\/manifest\.yml\./);

    const linked = fileIn('linked/connect.json');
    const text = await readText(fileIn(DESCRIPTOR));
    await writeText(
      linked,
      text.replace(`"forgeAppLink": "${APP_LINK}",`, `"forgeAppLink": "${APP_LINK}",\n  "forgeAppId": "${APP_ARI}",`),
    );
    await open(linked);
    const shown = await statusFor(linked, 'linked', (status) => status.status.state === 'linked');
    assert.match(shown.text, /Forge link: linked/);
    assert.equal(shown.severity, 'information');
    assert.deepEqual(
      shown.status.manifests.map((m) => m.label),
      ['forge/manifest.yml'],
    );
    assert.deepEqual(shown.command, {
      title: 'Open manifest.yml',
      command: 'vscode.open',
      arguments: [fileIn('forge/manifest.yml').toString()],
    });
    assert.deepEqual(codes(linked), []);

    // Back on the first descriptor, the item follows the active editor.
    await open(unlinked);
    await statusFor(unlinked, 'forgeAppLink missing again', (status) => status.status.state === 'incomplete');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
