/**
 * The workspace's Forge manifests: found by the server's scan, kept current by watched-file
 * notifications, matched to descriptors; definition, hover and completion from manifest data;
 * diagnostics in open manifest files. Real files in a temporary workspace.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CodeAction, Diagnostic, DiagnosticSeverity, FileChangeType, Location, MarkupContent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  LspClient,
  actionsOf,
  applyTextEdits,
  coveredText,
  editsFor,
  has,
  itemsOf,
  lacks,
  messageOf,
  oneWithCode,
} from '../support/lspClient';
import {
  ARI,
  FOURTH_UUID,
  LINK,
  OTHER_UUID,
  TempWorkspace,
  THIRD_UUID,
  UUID,
  ari,
  bitbucketDescriptor,
  manifestText,
} from '../support/lspFixtures';

/** The 0-based line of app.id in `manifestText`'s output. */
function appIdLine(text: string): number {
  return text.split('\n').findIndex((line) => line.startsWith('  id: '));
}

function offsetOf(document: TextDocument, needle: string, delta = 1) {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the document`);
  return document.positionAt(offset + delta);
}

async function fixesFor(client: LspClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const actions = actionsOf(await client.codeActions(uri, diagnostic.range, [diagnostic]));
  return actions.filter((a) => a.diagnostics?.some((d) => d.code === diagnostic.code));
}

describe('LSP: Forge manifests in sibling folders', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let descriptor: string;
  let manifest: string;

  /** Writes (or deletes) a manifest and tells the server, as an editor's file watcher would. */
  async function manifestOnDisk(relative: string, text: string | undefined, type: FileChangeType): Promise<number> {
    const uri = text === undefined ? workspace.remove(relative) : workspace.write(relative, text);
    const since = client.mark();
    await client.filesChanged([{ uri, type }]);
    return since;
  }

  before(async () => {
    workspace = new TempWorkspace();
    descriptor = workspace.write('connect/atlassian-connect.json', bitbucketDescriptor());
    manifest = workspace.write('forge/manifest.yml', manifestText(ARI));
    workspace.write('forge/node_modules/dep/manifest.yml', manifestText(ari(FOURTH_UUID)));
    client = await LspClient.start({
      rootUri: workspace.uri(),
      workspaceFolders: [{ uri: workspace.uri(), name: path.basename(workspace.root) }],
      initializationOptions: {},
    });
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it('found the manifest when it scanned the workspace (and skipped node_modules)', () => {
    assert.ok(
      client.logs.some((log) => /^Found 1 manifest\.yml file\(s\)/.test(log.message)),
      JSON.stringify(client.logs),
    );
  });

  it('notes a missing forgeAppId and inserts the one from forge/manifest.yml', async () => {
    const { diagnostics } = await client.openAndWait(descriptor, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    const missing = oneWithCode(diagnostics, 'forge-app-id-missing');
    assert.equal(missing.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(missing), /^No forgeAppId \(optional\)/);
    assert.match(messageOf(missing), /forge\/manifest\.yml/);
    assert.equal(coveredText(client.document(descriptor), missing.range), '"key"');
    const related = missing.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0].location.uri, manifest);
    assert.equal(related[0].location.range.start.line, appIdLine(manifestText(ARI)));

    const fixes = await fixesFor(client, descriptor, missing);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Insert forgeAppId from forge/manifest.yml'],
    );
    assert.equal(fixes[0].isPreferred, true);
    const edits = editsFor(fixes[0].edit, descriptor);
    const after = applyTextEdits(client.text(descriptor), edits);
    assert.equal(after, bitbucketDescriptor([`"forgeAppId": "${ARI}",`, `"forgeAppLink": "${LINK}",`]));

    const version = await client.applyEdits(descriptor, edits);
    const { diagnostics: fixed } = await client.diagnostics(descriptor, { version });
    assert.deepEqual(fixed, []);
  });

  it('warns when forgeAppId names another app than the manifest, and replaces it', async () => {
    const start = client.text(descriptor).indexOf(UUID);
    const version = await client.replace(descriptor, start, start + UUID.length, OTHER_UUID);
    const { diagnostics } = await client.diagnostics(descriptor, { version });
    const mismatch = oneWithCode(diagnostics, 'forge-app-id-manifest-mismatch');
    assert.equal(mismatch.severity, DiagnosticSeverity.Warning);
    assert.ok(messageOf(mismatch).startsWith("forgeAppId is not the app.id of the Forge app's manifest.yml. "), messageOf(mismatch));
    assert.ok(messageOf(mismatch).includes(`It is "${ari(OTHER_UUID)}"`), messageOf(mismatch));
    assert.ok(messageOf(mismatch).includes(`forge/manifest.yml with "${ARI}"`), messageOf(mismatch));
    assert.equal(coveredText(client.document(descriptor), mismatch.range), JSON.stringify(ari(OTHER_UUID)));

    const fixes = await fixesFor(client, descriptor, mismatch);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Replace with app.id from forge/manifest.yml'],
    );
    assert.equal(fixes[0].isPreferred, true);
    const edits = editsFor(fixes[0].edit, descriptor);
    assert.ok(applyTextEdits(client.text(descriptor), edits).includes(`"forgeAppId": "${ARI}",`));
    const fixedVersion = await client.applyEdits(descriptor, edits);
    const { diagnostics: fixed } = await client.diagnostics(descriptor, { version: fixedVersion });
    assert.deepEqual(fixed, []);
  });

  it('re-checks the open descriptor when the manifest changes on disk', async () => {
    const version = client.document(descriptor).version;
    const since = await manifestOnDisk('forge/manifest.yml', manifestText(ari(THIRD_UUID)), FileChangeType.Changed);
    const { diagnostics, version: published } = await client.diagnostics(descriptor, {
      since,
      where: has('forge-app-id-manifest-mismatch'),
    });
    assert.equal(published, version, 'without reopening or editing the descriptor');
    const mismatch = oneWithCode(diagnostics, 'forge-app-id-manifest-mismatch');
    assert.ok(messageOf(mismatch).includes(`with "${ari(THIRD_UUID)}"`), messageOf(mismatch));
  });

  it('offers each of two equally near manifests when a second one is created', async () => {
    const since = await manifestOnDisk('forge2/manifest.yml', manifestText(ari(FOURTH_UUID)), FileChangeType.Created);
    const { diagnostics } = await client.diagnostics(descriptor, {
      since,
      where: (d) => d.some((x) => String(x.message).includes('2 manifests')),
    });
    const mismatch = oneWithCode(diagnostics, 'forge-app-id-manifest-mismatch');
    assert.match(messageOf(mismatch), /2 manifests match equally well \([^)]*\): forge\/manifest\.yml with "[^"]*", forge2\/manifest\.yml/);
    assert.ok(
      messageOf(mismatch).includes(`with "${ari(THIRD_UUID)}", forge2/manifest.yml with "${ari(FOURTH_UUID)}"`),
      messageOf(mismatch),
    );
    const fixes = await fixesFor(client, descriptor, mismatch);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Replace with app.id from forge/manifest.yml', 'Replace with app.id from forge2/manifest.yml'],
    );
    assert.ok(
      fixes.every((f) => !f.isPreferred),
      "no fix is preferred when the choice is the user's",
    );
    assert.ok(
      applyTextEdits(client.text(descriptor), editsFor(fixes[1].edit, descriptor)).includes(`"forgeAppId": "${ari(FOURTH_UUID)}",`),
    );

    // A descriptor without forgeAppId, as near to both: one insert per manifest.
    const other = workspace.uri('other/atlassian-connect.json');
    const opened = await client.openAndWait(other, bitbucketDescriptor());
    const missing = oneWithCode(opened.diagnostics, 'forge-app-id-missing');
    // Its message stays short; the manifests are its related information.
    assert.match(messageOf(missing), /Insert app\.id from one of the 2 matching manifests\.$/);
    assert.deepEqual(
      missing.relatedInformation?.map((r) => [path.basename(path.dirname(r.location.uri)), r.message]),
      [
        ['forge', 'app.id of forge/manifest.yml'],
        ['forge2', 'app.id of forge2/manifest.yml'],
      ],
    );
    const inserts = await fixesFor(client, other, missing);
    const titles = inserts.map((f) => f.title).filter((t) => t.startsWith('Insert forgeAppId'));
    assert.deepEqual(titles, ['Insert forgeAppId from forge/manifest.yml', 'Insert forgeAppId from forge2/manifest.yml']);
    await client.close(other);
  });

  it('goes back to one manifest when the second is deleted', async () => {
    const since = await manifestOnDisk('forge2/manifest.yml', undefined, FileChangeType.Deleted);
    const { diagnostics } = await client.diagnostics(descriptor, {
      since,
      where: (d) => d.some((x) => x.code === 'forge-app-id-manifest-mismatch' && !String(x.message).includes('2 manifests')),
    });
    const mismatch = oneWithCode(diagnostics, 'forge-app-id-manifest-mismatch');
    assert.match(messageOf(mismatch), /forge\/manifest\.yml with "[^"]*" \(matched because it is the nearest manifest\.yml\)/);
    const fixes = await fixesFor(client, descriptor, mismatch);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Replace with app.id from forge/manifest.yml'],
    );
  });

  it('goes to app.id in the manifest from the forgeAppId value, and names the manifest in hovers', async () => {
    const since = await manifestOnDisk('forge/manifest.yml', manifestText(ARI), FileChangeType.Changed);
    await client.diagnostics(descriptor, { since, where: lacks('forge-app-id-manifest-mismatch') });
    const document = client.document(descriptor);
    const definition = await client.definition(descriptor, offsetOf(document, `"${ARI}"`, 10));
    assert.ok(Array.isArray(definition) && definition.length === 1, JSON.stringify(definition));
    const location = definition[0] as Location;
    assert.equal(location.uri, manifest);
    const line = appIdLine(manifestText(ARI));
    assert.deepEqual(location.range, { start: { line, character: 6 }, end: { line, character: 6 + ARI.length } });
    assert.equal(await client.definition(descriptor, offsetOf(document, '"forgeAppId"', 3)), null, 'not from the key');

    const hover = await client.hover(descriptor, offsetOf(document, '"forgeAppId"', 3));
    const text = (hover?.contents as MarkupContent).value;
    assert.ok(text.includes('Manifest `forge/manifest.yml` (it names the same Forge app): `app.id` matches'), text);
  });

  it("completes the forgeAppId value with the matched manifest's app.id", async () => {
    const document = client.document(descriptor);
    const items = itemsOf(await client.completion(descriptor, offsetOf(document, `"${ARI}"`, 1)));
    assert.deepEqual(
      items.map((i) => [i.label, i.detail]),
      [[ARI, 'app.id from forge/manifest.yml']],
    );
    const [item] = items;
    assert.ok(item.textEdit && 'range' in item.textEdit);
    assert.equal(coveredText(document, item.textEdit.range), JSON.stringify(ARI));
  });

  it('notes that a licensed app gets its link from the Marketplace', async () => {
    const since = await manifestOnDisk('forge/manifest.yml', manifestText(ARI, ['licensing:', '  enabled: true']), FileChangeType.Changed);
    const { diagnostics } = await client.diagnostics(descriptor, { since, where: has('forge-app-licensed') });
    const licensed = oneWithCode(diagnostics, 'forge-app-licensed');
    assert.equal(licensed.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(licensed), /forge\/manifest\.yml/);
    assert.match(messageOf(licensed), /Marketplace/);
    assert.equal(coveredText(client.document(descriptor), licensed.range), '"forgeAppLink"');
  });

  it('names the manifest and "forge register" when the manifest has no app.id', async () => {
    const since = await manifestOnDisk('forge/manifest.yml', manifestText(undefined), FileChangeType.Changed);
    const { diagnostics } = await client.diagnostics(descriptor, { since, where: has('manifest-unusable') });
    const unusable = oneWithCode(diagnostics, 'manifest-unusable');
    assert.equal(unusable.severity, DiagnosticSeverity.Warning);
    assert.match(messageOf(unusable), /^forgeAppId cannot be checked: forge\/manifest\.yml has no usable app\.id\. /);
    assert.match(messageOf(unusable), /forge register/);
    assert.equal(coveredText(client.document(descriptor), unusable.range), JSON.stringify(ARI));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['manifest-unusable'],
    );
  });

  it('reports a malformed app.id in an open manifest.yml, with a fix', async () => {
    const upper = `ari:cloud:ecosystem::app/${UUID.toUpperCase()}`;
    const text = manifestText(upper);
    const { diagnostics } = await client.openAndWait(manifest, text, 'yaml');
    const appId = oneWithCode(diagnostics, 'manifest-app-id');
    assert.equal(appId.severity, DiagnosticSeverity.Warning);
    assert.match(messageOf(appId), /lower case/);
    assert.equal(coveredText(client.document(manifest), appId.range), upper);
    const fixes = await fixesFor(client, manifest, appId);
    assert.deepEqual(
      fixes.map((f) => f.title),
      [`Correct app.id: ${ARI}`],
    );
    assert.equal(applyTextEdits(text, editsFor(fixes[0].edit, manifest)), manifestText(ARI));
    const version = await client.applyEdits(manifest, editsFor(fixes[0].edit, manifest));
    assert.deepEqual((await client.diagnostics(manifest, { version })).diagnostics, []);
    await client.close(manifest);
  });

  it('tells that the Forge CLI does not read an open manifest.yaml', async () => {
    const yaml = workspace.uri('forge3/manifest.yaml');
    const { diagnostics } = await client.openAndWait(yaml, manifestText(ARI), 'yaml');
    const name = oneWithCode(diagnostics, 'manifest-file-name');
    assert.equal(name.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(name), /reads only manifest\.yml/);
    assert.equal(diagnostics.length, 1);
  });
});

describe('LSP: Forge manifest in another folder of a multi-root workspace', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let descriptor: string;

  before(async () => {
    workspace = new TempWorkspace();
    descriptor = workspace.write('connect-app/atlassian-connect.json', bitbucketDescriptor());
    workspace.write('forge-app/manifest.yml', manifestText(ARI));
    client = await LspClient.start({
      workspaceFolders: [
        { uri: workspace.uri('connect-app'), name: 'connect-app' },
        { uri: workspace.uri('forge-app'), name: 'forge-app' },
      ],
    });
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it('matches the Forge app of the other folder, labelled with its folder name', async () => {
    const before = bitbucketDescriptor();
    const { diagnostics } = await client.openAndWait(descriptor, before);
    const missing = oneWithCode(diagnostics, 'forge-app-id-missing');
    assert.match(messageOf(missing), /forge-app\/manifest\.yml \(matched because it is the only manifest\.yml in the workspace\)/);
    const fixes = await fixesFor(client, descriptor, missing);
    const insert = fixes.find((f) => f.title === 'Insert forgeAppId from forge-app/manifest.yml');
    assert.ok(insert, JSON.stringify(fixes.map((f) => f.title)));
    assert.equal(applyTextEdits(before, editsFor(insert.edit, descriptor)), bitbucketDescriptor([`"forgeAppId": "${ARI}",`]));
  });

  it('goes to the manifest in the other folder', async () => {
    const version = await client.replace(
      descriptor,
      client.text(descriptor).indexOf('\n') + 1,
      client.text(descriptor).indexOf('\n') + 1,
      `  "forgeAppId": "${ARI}",\n`,
    );
    await client.diagnostics(descriptor, { version });
    const definition = await client.definition(descriptor, offsetOf(client.document(descriptor), `"${ARI}"`, 5));
    assert.ok(Array.isArray(definition) && definition.length === 1, JSON.stringify(definition));
    assert.equal((definition[0] as Location).uri, workspace.uri('forge-app/manifest.yml'));
  });
});

describe('LSP: a manifest.yaml the Forge CLI does not read', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let descriptor: string;

  before(async () => {
    workspace = new TempWorkspace();
    descriptor = workspace.write('connect/atlassian-connect.json', bitbucketDescriptor());
    workspace.write('forge/manifest.yaml', manifestText(ARI));
    client = await LspClient.start({ rootUri: workspace.uri() });
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it('tells the descriptor that forge/manifest.yaml must be renamed, until it is', async () => {
    const { diagnostics } = await client.openAndWait(descriptor, bitbucketDescriptor());
    const name = oneWithCode(diagnostics, 'manifest-file-name');
    assert.equal(name.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(name), /^forge\/manifest\.yaml is ignored: the Forge CLI reads only manifest\.yml\./);
    assert.deepEqual(
      name.relatedInformation?.map((r) => r.location.uri),
      [workspace.uri('forge/manifest.yaml')],
    );

    // The rename, as a file watcher reports it: the old name deleted, the new one created.
    workspace.remove('forge/manifest.yaml');
    workspace.write('forge/manifest.yml', manifestText(ARI));
    const since = client.mark();
    await client.filesChanged([
      { uri: workspace.uri('forge/manifest.yaml'), type: FileChangeType.Deleted },
      { uri: workspace.uri('forge/manifest.yml'), type: FileChangeType.Created },
    ]);
    const renamed = await client.diagnostics(descriptor, { since, where: has('forge-app-id-missing') });
    assert.ok(lacks('manifest-file-name')(renamed.diagnostics), JSON.stringify(renamed.diagnostics));
    assert.match(messageOf(oneWithCode(renamed.diagnostics, 'forge-app-id-missing')), /forge\/manifest\.yml/);
  });
});

describe("LSP: the manifest index follows the workspace's folders", () => {
  let connectApp: TempWorkspace;
  let forgeApp: TempWorkspace;
  let client: LspClient;
  let descriptor: string;
  const folder = (workspace: TempWorkspace) => ({ uri: workspace.uri(), name: path.basename(workspace.root) });
  const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));

  before(async () => {
    connectApp = new TempWorkspace();
    forgeApp = new TempWorkspace();
    descriptor = connectApp.write('atlassian-connect.json', bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    forgeApp.write('app/manifest.yml', manifestText(ARI));
    client = await LspClient.start({ rootUri: connectApp.uri(), workspaceFolders: [folder(connectApp)], initializationOptions: {} });
  });

  after(async () => {
    await client?.dispose();
    connectApp?.dispose();
    forgeApp?.dispose();
  });

  it('scans a folder added to the workspace and matches its manifest', async () => {
    const { diagnostics } = await client.openAndWait(descriptor, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    assert.ok(lacks('forge-app-id-missing')(diagnostics), 'no forge-app-id-missing before the folder is added');
    const since = client.mark();
    await client.workspaceFoldersChanged([folder(forgeApp)], []);
    const published = await client.diagnostics(descriptor, { since, where: (d) => codes(d).includes('forge-app-id-missing') });
    assert.match(
      messageOf(oneWithCode(published.diagnostics, 'forge-app-id-missing')),
      new RegExp(`${path.basename(forgeApp.root)}/app/manifest\\.yml`),
    );
  });

  it('forgets the manifests of a deleted folder, reported as the folder alone', async () => {
    const uri = forgeApp.remove('app');
    const since = client.mark();
    await client.filesChanged([{ uri, type: FileChangeType.Deleted }]);
    const published = await client.diagnostics(descriptor, { since, where: (d) => !codes(d).includes('forge-app-id-missing') });
    assert.ok(lacks('forge-app-id-missing')(published.diagnostics));
  });

  it('drops a removed workspace folder from the index', async () => {
    forgeApp.write('app/manifest.yml', manifestText(ARI));
    let since = client.mark();
    await client.filesChanged([{ uri: forgeApp.uri('app/manifest.yml'), type: FileChangeType.Created }]);
    await client.diagnostics(descriptor, { since, where: (d) => codes(d).includes('forge-app-id-missing') });
    since = client.mark();
    await client.workspaceFoldersChanged([], [folder(forgeApp)]);
    const published = await client.diagnostics(descriptor, { since, where: (d) => !codes(d).includes('forge-app-id-missing') });
    assert.ok(lacks('forge-app-id-missing')(published.diagnostics));
  });
});
