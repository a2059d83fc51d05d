/** The manifest index follows files changed on disk: open descriptors are checked again. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, codes, fileIn, hasCode, lacksCode, open, readText, waitFor, waitForDiagnostics, writeText } from './helpers';

const OLD_ID = 'ari:cloud:ecosystem::app/f29fdb13-c3ac-4e38-a7be-9ca0d8d5b6ac';
const NEW_ID = 'ari:cloud:ecosystem::app/0b9a3c1e-5d2f-4e6a-8b7c-9d0e1f2a3b4c';

describe('manifest edited on disk', () => {
  it("updates the open descriptor's diagnostics without reopening it", async () => {
    const manifest = fileIn('watched/forge/manifest.yml');
    const original = await readText(manifest);
    const document = await open(fileIn('watched/connect/atlassian-connect.json'));
    // The server has the descriptor and matched the manifest: its hover on the forgeAppId value says so.
    const at = document.positionAt(document.getText().indexOf(`"${OLD_ID}"`) + 5);
    await waitFor('our hover on the forgeAppId value naming the matched manifest', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /Manifest `watched\/forge\/manifest\.yml`.*matches/.test(text);
    });
    assert.deepEqual(codes(document.uri), []);

    try {
      await writeText(manifest, original.replace(OLD_ID, NEW_ID));
      const diagnostics = await waitForDiagnostics(
        document.uri,
        'forge-app-id-manifest-mismatch after the manifest changed',
        hasCode('forge-app-id-manifest-mismatch'),
      );
      const mismatch = diagnostics.find((d) => codeOf(d) === 'forge-app-id-manifest-mismatch');
      assert.ok(mismatch?.message.includes(NEW_ID), mismatch?.message);
    } finally {
      await writeText(manifest, original);
    }
    await waitForDiagnostics(document.uri, 'no mismatch once the manifest is restored', lacksCode('forge-app-id-manifest-mismatch'));
    assert.equal(document.isClosed, false, 'the descriptor stayed open');
  });
});
