/**
 * Every wrong value has a way out (issue 14 §3), as clients get it over LSP: "Use https" for an
 * http link, "Set forgeAppLink…" for the other wrong links (a client that asks for the link), and
 * the mismatch of the two ids settled by the matched manifest, or both ways when nothing decides.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CodeAction, CodeActionKind, Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient, actionsOf, applyTextEdits, editsFor, oneWithCode, withCode } from '../support/lspClient';
import {
  ARI,
  LINK,
  OTHER_UUID,
  TempWorkspace,
  UUID,
  ari,
  bitbucketDescriptor,
  link,
  manifestText,
  memoryUri,
} from '../support/lspFixtures';

const FIX_ALL = 'source.fixAll.connectForgeLink';

async function fixesFor(client: LspClient, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  const range = diagnostics[0].range;
  return actionsOf(await client.codeActions(uri, range, diagnostics)).filter(
    (a) => a.kind === CodeActionKind.QuickFix && !a.title.startsWith('Fix all'),
  );
}

function summary(actions: readonly CodeAction[]): { title: string; preferred: boolean; command?: string }[] {
  return actions.map((a) => ({ title: a.title, preferred: a.isPreferred ?? false, ...(a.command ? { command: a.command.command } : {}) }));
}

describe('LSP: a way out of every wrong link', () => {
  let vscode: LspClient;
  let other: LspClient;

  before(async () => {
    vscode = await LspClient.start({ initializationOptions: { interactiveFixes: true } });
    other = await LspClient.start();
  });

  after(async () => {
    await vscode?.dispose();
    await other?.dispose();
  });

  it('http: "Use https", preferred and part of fix-all, in every client', async () => {
    const before = bitbucketDescriptor([`"forgeAppLink": "${LINK.replace('https:', 'http:')}",`]);
    for (const client of [vscode, other]) {
      const uri = memoryUri(`ways/http-${client === vscode ? 'vscode' : 'other'}/atlassian-connect.json`);
      const { diagnostics } = await client.openAndWait(uri, before);
      const invalid = oneWithCode(diagnostics, 'forge-app-link-invalid');
      const [https] = await fixesFor(client, uri, [invalid]);
      assert.ok(https?.title.startsWith('Use https: "https://developer.atlassian.com/console/install/'), https?.title);
      assert.equal(https.isPreferred, true);
      const fixed = bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]);
      assert.equal(applyTextEdits(before, editsFor(https.edit, uri)), fixed);
      const [fixAll] = actionsOf(await client.codeActions(uri, invalid.range, [], [FIX_ALL]));
      assert.equal(applyTextEdits(before, editsFor(fixAll?.edit, uri)), fixed, 'fix-all (on save) applies it');
    }
  });

  it('a link for another product: "Set forgeAppLink…" in a client that asks, one action for both of its problems', async () => {
    const jira = `https://developer.atlassian.com/console/install/${UUID}?product=jira`;
    const uri = memoryUri('ways/jira/atlassian-connect.json');
    const { diagnostics } = await vscode.openAndWait(uri, bitbucketDescriptor([`"forgeAppLink": "${jira}",`]));
    const invalid = withCode(diagnostics, 'forge-app-link-invalid');
    assert.equal(invalid.length, 2, 'no signature, and not for Bitbucket');
    const actions = await fixesFor(vscode, uri, invalid);
    assert.deepEqual(summary(actions), [{ title: 'Set forgeAppLink…', preferred: true, command: 'connectForgeLink.setForgeAppLink' }]);
    assert.deepEqual(actions[0].command?.arguments, [uri]);
    assert.equal(actions[0].diagnostics?.length, 2, 'the one action settles both');

    // Other clients get no placeholder in its place: it would only lose the link.
    const otherUri = memoryUri('ways/jira-other/atlassian-connect.json');
    const published = await other.openAndWait(otherUri, bitbucketDescriptor([`"forgeAppLink": "${jira}",`]));
    assert.deepEqual(await fixesFor(other, otherUri, withCode(published.diagnostics, 'forge-app-link-invalid')), []);
  });

  it('an empty link: "Set forgeAppLink…", or the placeholder where the client cannot ask', async () => {
    const before = bitbucketDescriptor(['"forgeAppLink": "",']);
    const uri = memoryUri('ways/empty/atlassian-connect.json');
    const { diagnostics } = await vscode.openAndWait(uri, before);
    assert.deepEqual(summary(await fixesFor(vscode, uri, withCode(diagnostics, 'forge-app-link-invalid'))), [
      { title: 'Set forgeAppLink…', preferred: true, command: 'connectForgeLink.setForgeAppLink' },
    ]);
    const otherUri = memoryUri('ways/empty-other/atlassian-connect.json');
    const published = await other.openAndWait(otherUri, before);
    const [placeholder] = await fixesFor(other, otherUri, withCode(published.diagnostics, 'forge-app-link-invalid'));
    assert.equal(placeholder?.title, 'Replace forgeAppLink (fill in the link from the developer console)');
    assert.equal(
      applyTextEdits(before, editsFor(placeholder.edit, otherUri)),
      bitbucketDescriptor([
        '"forgeAppLink": "https://developer.atlassian.com/console/install/<app-id>?signature=<signature>&product=bitbucket",',
      ]),
    );
  });
});

describe('LSP: forge-ids-mismatch settled by the matched manifest', () => {
  let workspace: TempWorkspace;
  let vscode: LspClient;
  let other: LspClient;

  before(async () => {
    workspace = new TempWorkspace();
    // The manifest names OTHER_UUID's app.
    workspace.write('forge/manifest.yml', manifestText(ari(OTHER_UUID)));
    const options = {
      rootUri: workspace.uri(),
      workspaceFolders: [{ uri: workspace.uri(), name: path.basename(workspace.root) }],
    };
    vscode = await LspClient.start({ ...options, initializationOptions: { interactiveFixes: true } });
    other = await LspClient.start({ ...options, initializationOptions: {} });
  });

  after(async () => {
    await vscode?.dispose();
    await other?.dispose();
    workspace?.dispose();
  });

  async function mismatchFixes(client: LspClient, name: string, text: string) {
    const uri = workspace.write(`${name}/atlassian-connect.json`, text);
    const { diagnostics } = await client.openAndWait(uri, text);
    return { uri, actions: await fixesFor(client, uri, [oneWithCode(diagnostics, 'forge-ids-mismatch')]) };
  }

  it('the manifest agrees with the link: replace forgeAppId with its app.id, preferred but not on save', async () => {
    const before = bitbucketDescriptor([`"forgeAppLink": "${link(OTHER_UUID)}",`, `"forgeAppId": "${ARI}",`]);
    const { uri, actions } = await mismatchFixes(vscode, 'link-agrees', before);
    assert.deepEqual(summary(actions), [{ title: 'Replace forgeAppId with app.id from forge/manifest.yml', preferred: true }]);
    assert.equal(
      applyTextEdits(before, editsFor(actions[0].edit, uri)),
      bitbucketDescriptor([`"forgeAppLink": "${link(OTHER_UUID)}",`, `"forgeAppId": "${ari(OTHER_UUID)}",`]),
    );
    const fixAll = actionsOf(
      await vscode.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [FIX_ALL]),
    );
    assert.deepEqual(fixAll, [], 'it chooses: never part of fix-all');
  });

  it("the manifest agrees with forgeAppId: Set forgeAppLink… for the manifest's app (VS Code), a placeholder link of that app elsewhere", async () => {
    const before = bitbucketDescriptor([`"forgeAppLink": "${LINK}",`, `"forgeAppId": "${ari(OTHER_UUID)}",`]);
    const inVscode = await mismatchFixes(vscode, 'id-agrees', before);
    assert.deepEqual(summary(inVscode.actions), [
      { title: 'Set forgeAppLink… (the app of forge/manifest.yml)', preferred: true, command: 'connectForgeLink.setForgeAppLink' },
    ]);
    const elsewhere = await mismatchFixes(other, 'id-agrees-other', before);
    assert.deepEqual(summary(elsewhere.actions), [
      { title: 'Replace forgeAppLink (fill in the link from the developer console)', preferred: true },
    ]);
    assert.equal(
      applyTextEdits(before, editsFor(elsewhere.actions[0].edit, elsewhere.uri)),
      bitbucketDescriptor([
        `"forgeAppLink": "https://developer.atlassian.com/console/install/${OTHER_UUID}?signature=<signature>&product=bitbucket",`,
        `"forgeAppId": "${ari(OTHER_UUID)}",`,
      ]),
    );
  });

  it('the manifest names neither: both ways, neither preferred', async () => {
    const third = '0b9a3c1e-5d2f-4e6a-8b7c-9d0e1f2a3b4c';
    const before = bitbucketDescriptor([`"forgeAppLink": "${LINK}",`, `"forgeAppId": "${ari(third)}",`]);
    const { actions } = await mismatchFixes(vscode, 'neither', before);
    assert.deepEqual(summary(actions.filter((a) => a.diagnostics?.[0].code === 'forge-ids-mismatch')), [
      { title: `Make forgeAppId the app of forgeAppLink: "${ARI}"`, preferred: false },
      { title: 'Set forgeAppLink… (the app forgeAppId names)', preferred: false, command: 'connectForgeLink.setForgeAppLink' },
    ]);
  });
});
