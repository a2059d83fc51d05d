/**
 * The requests behind the VS Code client's commands (server/src/core/protocol.ts): the server
 * answers which manifests a descriptor may take app.id from (its index, or manifests the client
 * names, read by the server), the edit that sets a root key, for the document's version, and the
 * link's state for the language status item.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  CHECK_LINK_REQUEST,
  CheckLinkResult,
  DESCRIPTOR_STATE_REQUEST,
  DescriptorStateResult,
  LINK_STATUS_REQUEST,
  LinkStatusResult,
  MANIFEST_CANDIDATES_REQUEST,
  ManifestCandidatesParams,
  ManifestCandidatesResult,
  ROOT_VALUE_EDIT_REQUEST,
  RootValueEditParams,
  RootValueEditResult,
  SERVED_CHECK_REQUEST,
  ServedCheckParams,
  ServedCheckResult,
  applyEdits,
} from '../../server/src/core';
import { LspClient } from '../support/lspClient';
import { ARI, LINK, OTHER_UUID, TempWorkspace, UUID, ari, bitbucketDescriptor, manifestText, memoryUri } from '../support/lspFixtures';

function candidates(client: LspClient, params: ManifestCandidatesParams): Promise<ManifestCandidatesResult> {
  return client.connection.sendRequest(MANIFEST_CANDIDATES_REQUEST, params);
}

function rootValueEdit(client: LspClient, params: RootValueEditParams): Promise<RootValueEditResult> {
  return client.connection.sendRequest(ROOT_VALUE_EDIT_REQUEST, params);
}

function checkLink(client: LspClient, descriptor: string, link: string): Promise<CheckLinkResult> {
  return client.connection.sendRequest(CHECK_LINK_REQUEST, { descriptor, link });
}

function descriptorState(client: LspClient, descriptor: string): Promise<DescriptorStateResult> {
  return client.connection.sendRequest(DESCRIPTOR_STATE_REQUEST, { descriptor });
}

function linkStatus(client: LspClient, descriptor: string): Promise<LinkStatusResult> {
  return client.connection.sendRequest(LINK_STATUS_REQUEST, { descriptor });
}

describe('LSP: the requests of the client commands', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let descriptor: string;
  let matched: string;
  let other: string;
  let unregistered: string;

  before(async () => {
    workspace = new TempWorkspace();
    descriptor = workspace.write('connect/atlassian-connect.json', bitbucketDescriptor());
    matched = workspace.write('forge/manifest.yml', manifestText(ARI, ['connect:', '  key: my-app']));
    other = workspace.write('other-forge/manifest.yml', manifestText(ari(OTHER_UUID)));
    unregistered = workspace.write('unregistered/manifest.yml', manifestText(undefined));
    client = await LspClient.start({
      rootUri: workspace.uri(),
      workspaceFolders: [{ uri: workspace.uri(), name: path.basename(workspace.root) }],
    });
    await client.openAndWait(descriptor, bitbucketDescriptor());
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it("lists the index's manifests for a descriptor, the match first, with app.id or why there is none", async () => {
    const result = await candidates(client, { descriptor });
    assert.equal(result.status, 'ok');
    const manifests = result.status === 'ok' ? result.manifests : [];
    assert.deepEqual(
      manifests.map((m) => [m.uri, m.label, m.appId, m.connectKey, m.matched]),
      [
        [matched, 'forge/manifest.yml', ARI, 'my-app', true],
        [other, 'other-forge/manifest.yml', ari(OTHER_UUID), undefined, false],
        [unregistered, 'unregistered/manifest.yml', undefined, undefined, false],
      ],
    );
    assert.deepEqual(
      manifests.map((m) => m.problem !== undefined),
      [false, false, true],
    );
    assert.match(manifests[2].problem ?? '', /forge register/);
  });

  it('reads and matches the manifests the client names: texts it read, and files the server reads itself', async () => {
    const virtual = 'vscode-vfs://github/acme/app/forge/manifest.yml';
    const result = await candidates(client, {
      descriptor,
      manifests: [
        { uri: unregistered, label: 'unregistered/manifest.yml' },
        { uri: virtual, label: 'forge/manifest.yml (remote)', text: manifestText(ari(OTHER_UUID), ['connect:', '  key: my-app']) },
      ],
    });
    assert.equal(result.status, 'ok');
    const manifests = result.status === 'ok' ? result.manifests : [];
    assert.deepEqual(
      manifests.map((m) => [m.uri, m.label, m.appId, m.matched]),
      [
        // Matched by app.connect.key, which beats the other's being nearer.
        [virtual, 'forge/manifest.yml (remote)', ari(OTHER_UUID), true],
        [unregistered, 'unregistered/manifest.yml', undefined, false],
      ],
    );
    assert.match(manifests[1].problem ?? '', /forge register/);
  });

  it('says which file could not be read', async () => {
    const missing = workspace.uri('gone/manifest.yml');
    const result = await candidates(client, { descriptor, manifests: [{ uri: missing, label: 'gone/manifest.yml' }] });
    assert.equal(result.status, 'ok');
    const [choice] = result.status === 'ok' ? result.manifests : [];
    assert.equal(choice.appId, undefined);
    assert.match(choice.problem ?? '', /manifest\.yml could not be read \(ENOENT\)/);
  });

  it('computes the edit that sets a root key for the current version, keeping the formatting', async () => {
    const result = await rootValueEdit(client, { descriptor, key: 'forgeAppLink', value: LINK });
    assert.equal(result.status, 'ok');
    if (result.status !== 'ok') return;
    assert.equal(result.version, client.document(descriptor).version);
    assert.equal(result.current, undefined);
    const lines = applyEdits(client.text(descriptor), result.edits).split('\n');
    assert.equal(lines[2], `  "forgeAppLink": "${LINK}",`);
    assert.equal(lines.filter((_, i) => i !== 2).join('\n'), client.text(descriptor), 'only that line was added');

    const version = await client.applyEdits(
      descriptor,
      result.edits.map((edit) => ({
        range: { start: client.document(descriptor).positionAt(edit.start), end: client.document(descriptor).positionAt(edit.end) },
        newText: edit.newText,
      })),
    );
    const again = await rootValueEdit(client, { descriptor, key: 'forgeAppLink', value: LINK });
    assert.equal(again.status === 'ok' && again.version, version, 'for the new version');
    assert.equal(again.status === 'ok' && again.current, LINK, 'and says the key already has the value');
  });

  it('tells the link and the app forgeAppId names (for the input box), and that a JSON array is no object', async () => {
    const withId = memoryUri('requests/with-id/atlassian-connect.json');
    const link = LINK.replace(UUID, OTHER_UUID);
    await client.openAndWait(withId, bitbucketDescriptor([`"forgeAppLink": "${link}",`, `"forgeAppId": "${ARI}",`]));
    assert.deepEqual(await descriptorState(client, withId), {
      status: 'ok',
      checked: true,
      appUuid: UUID,
      link,
      servedUrl: { ok: true, url: 'https://example.com/atlassian-connect.json' },
    });

    const array = memoryUri('requests/array/atlassian-connect.json');
    await client.openAndWait(array, '[1, 2]\n');
    assert.deepEqual(await descriptorState(client, array), { status: 'not-an-object' });
    assert.deepEqual(await rootValueEdit(client, { descriptor: array, key: 'forgeAppId', value: ARI }), { status: 'not-an-object' });
    assert.deepEqual(await candidates(client, { descriptor: array }), { status: 'not-an-object' });
  });

  it('checks a link for the input box against the apps forgeAppId and the matched manifests name', async () => {
    const withId = memoryUri('requests/check-link/atlassian-connect.json');
    await client.openAndWait(withId, bitbucketDescriptor([`"forgeAppId": "${ARI}",`]));
    const third = '0b9a3c1e-5d2f-4e6a-8b7c-9d0e1f2a3b4c';
    assert.deepEqual(await checkLink(client, withId, ` ${LINK.replace(UUID, third)}`), {
      status: 'ok',
      normalized: LINK.replace(UUID, third),
      uuid: third,
      validation: {
        message: `This link installs the app ${third}, but forgeAppId and forge/manifest.yml name ${UUID}.`,
        severity: 'warning',
      },
    });
    assert.deepEqual(await checkLink(client, withId, LINK), { status: 'ok', normalized: LINK, uuid: UUID });
    const http = await checkLink(client, withId, LINK.replace('https:', 'http:'));
    assert.equal(http.status === 'ok' && http.validation?.message, 'forgeAppLink must use https, not "http".');
    // A link that can be taken but has a problem of its own still says it is for another app.
    const httpOther = await checkLink(client, withId, LINK.replace('https:', 'http:').replace(UUID, third));
    assert.deepEqual(httpOther.status === 'ok' && httpOther.validation, {
      message: `forgeAppLink must use https, not "http". This link installs the app ${third}, but forgeAppId and forge/manifest.yml name ${UUID}.`,
      severity: 'warning',
    });
    const broken = await checkLink(client, withId, 'http://developer.atlassian.com/console/install/3f1c');
    assert.equal(broken.status === 'ok' && broken.validation?.severity, 'error');
    assert.deepEqual(await checkLink(client, memoryUri('requests/never-opened-2/atlassian-connect.json'), LINK), {
      status: 'unknown-document',
    });
  });

  it('works on any open JSON document, and answers for one it does not have', async () => {
    const plain = memoryUri('requests/plain/descriptor.json');
    await client.open(plain, '{\n  "key": "my-app"\n}\n');
    // Not a descriptor by its name, a glob or its content: the commands say so before they edit it.
    const state = await descriptorState(client, plain);
    assert.equal(state.status === 'ok' && state.checked, false);
    const result = await rootValueEdit(client, { descriptor: plain, key: 'forgeAppId', value: ARI });
    assert.equal(result.status, 'ok');
    assert.equal(
      result.status === 'ok' ? applyEdits(client.text(plain), result.edits) : '',
      `{\n  "key": "my-app",\n  "forgeAppId": "${ARI}"\n}\n`,
    );
    const closed = memoryUri('requests/never-opened/atlassian-connect.json');
    assert.deepEqual(await descriptorState(client, closed), { status: 'unknown-document' });
  });
});

describe('LSP: the served-descriptor check of the client command', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let descriptor: string;
  let manifest: string;
  const URL_ = 'https://example.com/atlassian-connect.json';
  const local = bitbucketDescriptor([`"forgeAppLink": "${LINK}",`, `"forgeAppId": "${ARI}",`]);
  const servedCheck = (params: ServedCheckParams): Promise<ServedCheckResult> =>
    client.connection.sendRequest(SERVED_CHECK_REQUEST, params);

  before(async () => {
    workspace = new TempWorkspace();
    descriptor = workspace.write('connect/atlassian-connect.json', local);
    manifest = workspace.write('forge/manifest.yml', manifestText(ARI));
    client = await LspClient.start({
      rootUri: workspace.uri(),
      workspaceFolders: [{ uri: workspace.uri(), name: path.basename(workspace.root) }],
    });
    await client.openAndWait(descriptor, local);
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it("places the served text's findings on the descriptor's version: the comparison where the file has the key, the manifest as related", async () => {
    const served = bitbucketDescriptor([`"forgeAppId": "${ari(OTHER_UUID)}",`]);
    const result = await servedCheck({ descriptor, url: URL_, text: served });
    assert.equal(result.status, 'ok');
    if (result.status !== 'ok') return;
    assert.equal(result.version, client.document(descriptor).version);
    const text = client.text(descriptor);
    const byRule = (id: string) => result.findings.filter((f) => f.ruleId === id);
    const [noLink] = byRule('served-descriptor-differs').filter((f) => f.message.includes('has no forgeAppLink'));
    assert.ok(noLink, JSON.stringify(result.findings.map((f) => f.message)));
    assert.equal(text.slice(noLink.start, noLink.end), `"forgeAppLink": "${LINK}"`);
    assert.match(noLink.message, /Deploy connect\/atlassian-connect\.json before you update the installations/);
    const [otherId] = byRule('served-descriptor-differs').filter((f) => f.message.includes('forgeAppId differs'));
    assert.equal(text.slice(otherId.start, otherId.end), `"forgeAppId": "${ARI}"`);
    const [manifestMismatch] = byRule('forge-app-id-manifest-mismatch');
    assert.ok(manifestMismatch, 'the served forgeAppId is compared with the matched manifest');
    assert.match(manifestMismatch.message, /^Served at https:\/\/example\.com\/atlassian-connect\.json \(line 3\): /);
    assert.deepEqual(
      manifestMismatch.related.map((r) => r.file),
      [manifest],
    );
  });

  it('an agreeing served descriptor leaves nothing; an HTML page is unusable, with why', async () => {
    const agreeing = await servedCheck({ descriptor, url: URL_, text: local });
    assert.deepEqual(agreeing.status === 'ok' && agreeing.findings, []);
    const html = await servedCheck({ descriptor, url: URL_, text: '<html><title>Sign in</title></html>', contentType: 'text/html' });
    assert.equal(html.status, 'unusable');
    assert.match(html.status === 'unusable' ? html.message : '', /served an HTML page \("Sign in"\), not JSON/);
    assert.deepEqual(await servedCheck({ descriptor: memoryUri('never/atlassian-connect.json'), url: URL_, text: local }), {
      status: 'unknown-document',
    });
  });

  it("says which URL the descriptor's baseUrl gives, or why none", async () => {
    const templated = memoryUri('served/templated/atlassian-connect.json');
    await client.openAndWait(templated, bitbucketDescriptor().replace('"https://example.com"', '"{{localBaseUrl}}"'));
    const state = await descriptorState(client, templated);
    assert.ok(state.status === 'ok' && !state.servedUrl.ok);
    assert.match(
      state.status === 'ok' && !state.servedUrl.ok ? state.servedUrl.message : '',
      /baseUrl is a template .*http:\/\/localhost:3000/,
    );
  });
});

describe('LSP: the link status of the language status item', () => {
  let workspace: TempWorkspace;
  let client: LspClient;

  before(async () => {
    workspace = new TempWorkspace();
    workspace.write('forge/manifest.yml', manifestText(ARI));
    client = await LspClient.start({
      rootUri: workspace.uri(),
      workspaceFolders: [{ uri: workspace.uri(), name: path.basename(workspace.root) }],
    });
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it('is the verdict of the analysis the diagnostics come from: unlinked, then linked to the matched manifest', async () => {
    const uri = workspace.write('connect/atlassian-connect.json', bitbucketDescriptor());
    const opened = await client.openAndWait(uri, bitbucketDescriptor());
    const unlinked = await linkStatus(client, uri);
    assert.ok(unlinked.status === 'ok');
    assert.equal(unlinked.state, 'incomplete');
    assert.equal(unlinked.summary, 'forgeAppLink missing');
    assert.equal(unlinked.action, 'set-link');
    assert.deepEqual(
      [...unlinked.ruleIds].sort(),
      opened.diagnostics.map((d) => String(d.code)).sort(),
      'the findings the diagnostics show',
    );
    assert.deepEqual(
      unlinked.manifests.map((m) => [m.label, m.location, m.appId]),
      [['forge/manifest.yml', workspace.uri('forge/manifest.yml'), ARI]],
    );

    const version = await client.replace(uri, 1, 1, `\n  "forgeAppLink": "${LINK}",\n  "forgeAppId": "${ARI}",`);
    await client.diagnostics(uri, { version });
    const linked = await linkStatus(client, uri);
    assert.ok(linked.status === 'ok');
    assert.deepEqual([linked.state, linked.summary, linked.action, linked.severity], ['linked', 'linked', 'open-manifest', 'info']);
    assert.match(linked.detail, /Matched to forge\/manifest\.yml\./);
  });

  it('is none for a document that is not a descriptor, or not open', async () => {
    const other = memoryUri('status/package.json');
    await client.open(other, '{ "name": "x" }');
    assert.deepEqual(await linkStatus(client, other), { status: 'not-a-descriptor' });
    assert.deepEqual(await linkStatus(client, memoryUri('status/closed/atlassian-connect.json')), { status: 'unknown-document' });
  });
});

describe('LSP: the requests of the client commands in a virtual workspace', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ workspaceFolders: [{ uri: 'vscode-vfs://github/acme/app', name: 'app' }] });
  });

  after(async () => {
    await client?.dispose();
  });

  it('says it has no index, so that the client finds and sends the manifests', async () => {
    const descriptor = 'vscode-vfs://github/acme/app/connect/atlassian-connect.json';
    await client.openAndWait(descriptor, bitbucketDescriptor());
    assert.deepEqual(await candidates(client, { descriptor }), { status: 'not-indexed' });
    const manifest = 'vscode-vfs://github/acme/app/forge/manifest.yml';
    const result = await candidates(client, {
      descriptor,
      manifests: [{ uri: manifest, label: 'forge/manifest.yml', text: manifestText(ARI) }],
    });
    assert.deepEqual(result, {
      status: 'ok',
      manifests: [{ uri: manifest, label: 'forge/manifest.yml', appId: ARI, matched: true }],
    });
  });
});
