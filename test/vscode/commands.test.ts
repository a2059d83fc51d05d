/** The client's commands, run with arguments (no UI), as tests and other extensions call them. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { APP_ARI, APP_LINK, fileIn, hasCode, lacksCode, open, rootKeys, saveAll, scratchCopy, waitForDiagnostics } from './helpers';

const FIXTURE = 'bitbucket-app/atlassian-connect.json';

interface InsertResult {
  readonly changed: boolean;
  readonly message: string;
  readonly manifestFrom?: string;
}

describe('commands', () => {
  afterEach(saveAll);

  it('connectForgeLink.setForgeAppLink with a link inserts it right after "key"', async () => {
    const document = await open(await scratchCopy(FIXTURE, 'set-link'));
    await waitForDiagnostics(document.uri, 'forge-app-link-missing', hasCode('forge-app-link-missing'));
    const before = document.getText();

    const applied = await vscode.commands.executeCommand<boolean>('connectForgeLink.setForgeAppLink', document.uri, APP_LINK);
    assert.equal(applied, true);
    const lines = document.getText().split('\n');
    assert.equal(lines[1], '  "key": "acme-pr-insights",');
    assert.equal(lines[2], `  "forgeAppLink": "${APP_LINK}",`);
    assert.equal(lines.filter((_, i) => i !== 2).join('\n'), before, 'only that line was added');
    await waitForDiagnostics(document.uri, 'no forge-app-link-missing', lacksCode('forge-app-link-missing'));
  });

  it('connectForgeLink.insertForgeAppId with a manifest inserts its app.id at the root', async () => {
    const document = await open(await scratchCopy(FIXTURE, 'insert-id'));
    const result = await vscode.commands.executeCommand<InsertResult>(
      'connectForgeLink.insertForgeAppId',
      document.uri,
      fileIn('forge-app/manifest.yml'),
    );
    assert.equal(result.changed, true, result.message);
    assert.match(
      result.message,
      /forgeAppId set to ari:cloud:ecosystem::app\/e8bf8e9c-bcd5-45ff-a3fb-68d39f175100 from forge-app\/manifest\.yml/,
    );
    const json = JSON.parse(document.getText());
    assert.equal(json.forgeAppId, APP_ARI);
    assert.deepEqual(rootKeys(document.getText()).slice(0, 2), ['key', 'forgeAppId']);

    // Run again: nothing to do, and it says so.
    const again = await vscode.commands.executeCommand<InsertResult>(
      'connectForgeLink.insertForgeAppId',
      document.uri,
      fileIn('forge-app/manifest.yml'),
    );
    assert.equal(again.changed, false);
    assert.match(again.message, /already is/);
  });

  it("connectForgeLink.insertForgeAppId without a manifest takes the server's match from its index (no prompt)", async () => {
    const document = await open(await scratchCopy(FIXTURE, 'insert-matched'));
    await waitForDiagnostics(document.uri, 'forge-app-link-missing', hasCode('forge-app-link-missing'));
    const result = await vscode.commands.executeCommand<InsertResult>('connectForgeLink.insertForgeAppId', document.uri);
    assert.equal(result.changed, true, result.message);
    assert.equal(result.manifestFrom, 'index', 'the candidates came from the server, which matched forge-app/ by app.connect.key');
    assert.match(
      result.message,
      /forgeAppId set to ari:cloud:ecosystem::app\/e8bf8e9c-bcd5-45ff-a3fb-68d39f175100 from forge-app\/manifest\.yml/,
    );
    assert.equal(JSON.parse(document.getText()).forgeAppId, APP_ARI);
    assert.deepEqual(rootKeys(document.getText()).slice(0, 2), ['key', 'forgeAppId'], 'the edit the quick fix makes: right after "key"');
  });

  it('connectForgeLink.insertForgeAppId with a manifest without app.id changes nothing and says why', async () => {
    const document = await open(await scratchCopy(FIXTURE, 'insert-no-id'));
    const before = document.getText();
    const result = await vscode.commands.executeCommand<InsertResult>(
      'connectForgeLink.insertForgeAppId',
      document.uri,
      fileIn('forge-app-no-id/manifest.yml'),
    );
    assert.equal(result.changed, false);
    assert.match(result.message, /^forgeAppId was not set: forge-app-no-id\/manifest\.yml: .*app\.id/);
    assert.equal(document.getText(), before);
    assert.equal(document.isDirty, false);
  });
});
