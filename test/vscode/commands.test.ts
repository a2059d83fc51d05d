/** The client's commands, run with arguments (no UI), as tests and other extensions call them. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  APP_ARI,
  APP_LINK,
  APP_UUID,
  fileIn,
  hasCode,
  lacksCode,
  open,
  ours,
  readText,
  rootKeys,
  saveAll,
  scratchCopy,
  waitForDiagnostics,
  writeText,
} from './helpers';

const FIXTURE = 'bitbucket-app/atlassian-connect.json';

interface SetLinkResult {
  readonly changed: boolean;
  readonly message: string;
  readonly warning?: string;
}

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

    const result = await vscode.commands.executeCommand<SetLinkResult>('connectForgeLink.setForgeAppLink', document.uri, APP_LINK);
    assert.equal(result.changed, true, result.message);
    assert.equal(result.warning, undefined, 'a link for the app the manifest names: nothing to warn of');
    const lines = document.getText().split('\n');
    assert.equal(lines[1], '  "key": "acme-pr-insights",');
    assert.equal(lines[2], `  "forgeAppLink": "${APP_LINK}",`);
    assert.equal(lines.filter((_, i) => i !== 2).join('\n'), before, 'only that line was added');
    await waitForDiagnostics(document.uri, 'no forge-app-link-missing', lacksCode('forge-app-link-missing'));
  });

  it("Set forgeAppLink… warns before it takes a link for another app than forgeAppId and the manifest name (the input box's message)", async () => {
    const document = await open(await scratchCopy(FIXTURE, 'set-other-app'));
    const inserted = await vscode.commands.executeCommand<InsertResult>('connectForgeLink.insertForgeAppId', document.uri);
    assert.equal(inserted.changed, true, inserted.message);
    const otherApp = '3f1c9d2e-7b4a-4c1d-9e8f-0a1b2c3d4e5f';
    const result = await vscode.commands.executeCommand<SetLinkResult>(
      'connectForgeLink.setForgeAppLink',
      document.uri,
      APP_LINK.replace(APP_UUID, otherApp),
    );
    assert.equal(result.warning, `This link installs the app ${otherApp}, but forgeAppId and forge-app/manifest.yml name ${APP_UUID}.`);
    assert.equal(result.changed, true, 'a warning, not a block');
    assert.ok(result.message.endsWith(`Note: ${result.warning}`), result.message);
    await waitForDiagnostics(document.uri, 'the mismatch the box warned of', hasCode('forge-ids-mismatch'));

    // For http it names the scheme, the most specific cause.
    const http = await vscode.commands.executeCommand<SetLinkResult>(
      'connectForgeLink.setForgeAppLink',
      document.uri,
      APP_LINK.replace('https:', 'http:'),
    );
    assert.equal(http.warning, 'forgeAppLink must use https, not "http".');
    // An http link for the other app: the scheme first, and still the other app, before the edit.
    const httpOther = await vscode.commands.executeCommand<SetLinkResult>(
      'connectForgeLink.setForgeAppLink',
      document.uri,
      APP_LINK.replace('https:', 'http:').replace(APP_UUID, otherApp),
    );
    assert.equal(
      httpOther.warning,
      `forgeAppLink must use https, not "http". This link installs the app ${otherApp}, but forgeAppId and forge-app/manifest.yml name ${APP_UUID}.`,
    );
    assert.equal(httpOther.changed, true, 'a warning, not a block');
    // And what cannot be a link is refused, the file untouched.
    const before = document.getText();
    const refused = await vscode.commands.executeCommand<SetLinkResult>(
      'connectForgeLink.setForgeAppLink',
      document.uri,
      'http://developer.atlassian.com/console/install/3f1c',
    );
    assert.equal(refused.changed, false);
    assert.match(refused.message, /^forgeAppLink was not set: forgeAppLink must use https, not "http"\. "3f1c" is not a Forge app UUID/);
    assert.equal(document.getText(), before);
  });

  it('on a JSON file the server does not check as a descriptor, says so and edits nothing; adding it to the globs, it edits and the file is checked', async () => {
    const uri = fileIn('scratch/unchecked/config.json');
    await writeText(uri, await readText(fileIn('other.json')));
    const document = await open(uri);
    const before = document.getText();
    const settings = vscode.workspace.getConfiguration('connectForgeLink', uri);
    try {
      // The non-UI path refuses (the UI asks, offering to add the glob), before it edits anything.
      const link = await vscode.commands.executeCommand<SetLinkResult>('connectForgeLink.setForgeAppLink', uri, APP_LINK);
      assert.equal(link.changed, false);
      assert.equal(
        link.message,
        'forgeAppLink was not set: scratch/unchecked/config.json is not checked as a Connect descriptor. Add it to connectForgeLink.descriptorGlobs first.',
      );
      const id = await vscode.commands.executeCommand<InsertResult>(
        'connectForgeLink.insertForgeAppId',
        uri,
        fileIn('forge-app/manifest.yml'),
      );
      assert.equal(id.changed, false);
      assert.match(id.message, /^forgeAppId was not set: scratch\/unchecked\/config\.json is not checked as a Connect descriptor\./);
      assert.equal(document.getText(), before, 'nothing edited');
      assert.deepEqual(ours(uri), [], 'not checked');

      // The answer "add the glob" (what the dialog offers): the glob is added, the link set, the file checked.
      const added = await vscode.commands.executeCommand<SetLinkResult>('connectForgeLink.setForgeAppLink', uri, APP_LINK, {
        unchecked: 'add-glob',
      });
      assert.equal(added.changed, true, added.message);
      assert.deepEqual(vscode.workspace.getConfiguration('connectForgeLink', uri).get('descriptorGlobs'), [
        'scratch/unchecked/config.json',
      ]);
      assert.equal(JSON.parse(document.getText()).forgeAppLink, APP_LINK);
      await waitForDiagnostics(uri, 'the file checked (its nested forgeAppId)', hasCode('forge-key-nested'));
    } finally {
      await settings.update('descriptorGlobs', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
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
