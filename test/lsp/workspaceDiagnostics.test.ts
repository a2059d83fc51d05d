/**
 * Problems of the whole workspace, open or not: LSP 3.17 pull diagnostics (textDocument/diagnostic
 * for open documents, workspace/diagnostic for the rest, result ids, refresh) with a client that
 * announces them, and today's pushed diagnostics for open documents with a client that does not.
 * Real files in temporary workspaces, changed on disk and announced with the watched-file
 * notification an editor sends.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  Diagnostic,
  FileChangeType,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { LspClient, has, lacks } from '../support/lspClient';
import { ARI, LINK, TempWorkspace, bitbucketDescriptor, manifestText } from '../support/lspFixtures';

const DESCRIPTOR = 'connect/atlassian-connect.json';
const MANIFEST = 'forge/manifest.yml';
/** Nearer to nothing than forge/ is to connect/: never matched, so never reported. */
const UNMATCHED_MANIFEST = 'tools/scripts/other/manifest.yml';

function codesOf(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

function itemFor(report: WorkspaceDiagnosticReport, uri: string): WorkspaceDocumentDiagnosticReport | undefined {
  return report.items.find((item) => item.uri === uri);
}

function fullItems(item: WorkspaceDocumentDiagnosticReport | undefined): Diagnostic[] {
  assert.ok(item?.kind === 'full', `a full report: ${JSON.stringify(item)}`);
  return item.items;
}

interface StartOptions {
  readonly pull: boolean;
  /** null: do not wait for the manifest scan. */
  readonly readyLog?: null;
  readonly initializationOptions?: unknown;
  readonly settings?: Record<string, unknown>;
}

function start(workspace: TempWorkspace, options: StartOptions): Promise<LspClient> {
  return LspClient.start({
    ...options,
    rootUri: workspace.uri(),
    workspaceFolders: [{ uri: workspace.uri(), name: path.basename(workspace.root) }],
  });
}

/** A server started on the workspace that gets the descriptor (with a link) opened at once, before its manifest scan can be done. */
async function openAtOnce(workspace: TempWorkspace, options: StartOptions): Promise<{ client: LspClient; uri: string; since: number }> {
  const client = await start(workspace, { ...options, readyLog: null });
  const uri = workspace.uri(DESCRIPTOR);
  const since = client.mark();
  await client.open(uri, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
  return { client, uri, since };
}

/** Writes (or deletes) a file and tells the server, as an editor's file watcher does. */
async function onDisk(client: LspClient, workspace: TempWorkspace, relative: string, text: string | undefined): Promise<string> {
  const existed = workspace.exists(relative);
  const uri = text === undefined ? workspace.remove(relative) : workspace.write(relative, text);
  const type = text === undefined ? FileChangeType.Deleted : existed ? FileChangeType.Changed : FileChangeType.Created;
  await client.filesChanged([{ uri, type }]);
  return uri;
}

/** Waits for the refresh that follows a change on disk, and pulls the workspace again. */
async function pullAfterRefresh(client: LspClient, refreshesBefore: number): Promise<WorkspaceDiagnosticReport> {
  await client.until(() => client.refreshRequests.length > refreshesBefore, 'workspace/diagnostic/refresh');
  return client.pullWorkspace();
}

describe('LSP: workspace diagnostics, pulled', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let descriptor: string;
  let manifest: string;
  let connectJson: string;
  let template: string;

  before(async () => {
    workspace = new TempWorkspace('cfl-pull-');
    descriptor = workspace.write(DESCRIPTOR, bitbucketDescriptor());
    // No app.id: the manifest rules have something to say about it.
    manifest = workspace.write(MANIFEST, manifestText(undefined));
    workspace.write(UNMATCHED_MANIFEST, manifestText(undefined));
    workspace.write('connect/package.json', '{ "name": "connect-app", "version": "1.0.0" }\n');
    // Descriptors named otherwise: by their content, and a template.
    connectJson = workspace.write('connect-app/connect.json', bitbucketDescriptor());
    template = workspace.write(
      'rails/app/views/bitbucket/descriptor.json.erb',
      bitbucketDescriptor().replace('"my-app"', '"my-app<%= "-" + Rails.env unless Rails.env.production? %>"'),
    );
    workspace.write('node_modules/some-dep/atlassian-connect.json', bitbucketDescriptor());
    client = await start(workspace, { pull: true });
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it('announces document and workspace pull diagnostics to a client that pulls', () => {
    assert.deepEqual(client.initializeResult?.capabilities.diagnosticProvider, {
      identifier: 'connect-forge-link',
      interFileDependencies: false,
      workspaceDiagnostics: true,
    });
  });

  it('reports the closed descriptors (whatever their names) and their matched manifests, nothing else', async () => {
    const report = await client.pullWorkspace();
    assert.deepEqual(
      report.items.map((item) => item.uri).sort(),
      [descriptor, manifest, connectJson, template].sort(),
      JSON.stringify(report.items.map((item) => item.uri)),
    );
    for (const uri of [connectJson, template]) {
      const item = itemFor(report, uri);
      assert.ok(item?.kind === 'full' && has('forge-app-link-missing')(item.items), `${uri}: ${JSON.stringify(item)}`);
    }
    const descriptorItem = itemFor(report, descriptor);
    assert.ok(descriptorItem?.kind === 'full' && descriptorItem.resultId, 'a full report with a result id');
    assert.equal(descriptorItem.version, null, 'a closed file has no version');
    assert.ok(has('forge-app-link-missing')(descriptorItem.items), JSON.stringify(descriptorItem.items));
    assert.ok(descriptorItem.items.every((d) => d.source === 'connect-forge-link'));
    const manifestItem = itemFor(report, manifest);
    assert.ok(manifestItem?.kind === 'full');
    assert.deepEqual(codesOf(manifestItem.items), ['manifest-app-id'], 'the manifest rules on the matched manifest');
  });

  it('answers a re-pull of unchanged files with unchanged reports and the same ids', async () => {
    const before = new Map([...client.pulled].map(([uri, file]) => [uri, file.resultId]));
    const report = await client.pullWorkspace();
    assert.deepEqual(
      report.items.map((item) => [item.uri, item.kind, item.resultId]).sort(),
      [...before].map(([uri, id]) => [uri, 'unchanged', id]).sort(),
    );
  });

  it('answers open documents by textDocument/diagnostic (unchanged on a re-pull) and leaves them out of the workspace report', async () => {
    const uri = workspace.write('open/atlassian-connect.json', bitbucketDescriptor());
    await client.filesChanged([{ uri, type: FileChangeType.Created }]);
    await client.open(uri, bitbucketDescriptor());
    const first = await client.pullDocument(uri);
    assert.ok(first.kind === 'full' && first.resultId);
    assert.ok(has('forge-app-link-missing')(first.items));
    const again = await client.pullDocument(uri, first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
    const version = await client.replace(uri, 1, 1, `\n  "forgeAppLink": "${LINK}",`);
    const edited = await client.pullDocument(uri, first.resultId);
    assert.ok(edited.kind === 'full' && edited.resultId !== first.resultId, `version ${version} is reported in full`);
    assert.ok(lacks('forge-app-link-missing')(edited.items), JSON.stringify(edited.items));
    const report = await client.pullWorkspace();
    assert.equal(itemFor(report, uri), undefined, 'the open document is the document pull’s');
    assert.equal(client.publications.length, 0, 'nothing is pushed to a client that pulls');
    await client.close(uri);
    // Closed, it is read from disk again (where it has no link).
    const closed = await client.pullWorkspace();
    const item = itemFor(closed, uri);
    assert.ok(item?.kind === 'full' && has('forge-app-link-missing')(item.items), JSON.stringify(item));
  });

  it('follows a descriptor changed on disk, with a refresh and then a full report', async () => {
    const refreshes = client.refreshRequests.length;
    const previous = client.pulled.get(descriptor)?.resultId;
    await onDisk(client, workspace, DESCRIPTOR, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    const report = await pullAfterRefresh(client, refreshes);
    const item = itemFor(report, descriptor);
    assert.ok(item?.kind === 'full' && item.resultId !== previous, JSON.stringify(item));
    assert.ok(lacks('forge-app-link-missing')(item.items), JSON.stringify(item.items));
  });

  it('follows a manifest changed on disk: its own report and the descriptor’s', async () => {
    const refreshes = client.refreshRequests.length;
    await onDisk(client, workspace, MANIFEST, manifestText(ARI));
    const report = await pullAfterRefresh(client, refreshes);
    const manifestItem = itemFor(report, manifest);
    assert.ok(manifestItem?.kind === 'full', JSON.stringify(manifestItem));
    assert.deepEqual(manifestItem.items, [], 'app.id is there now');
    const descriptorItem = itemFor(report, descriptor);
    assert.ok(descriptorItem?.kind === 'full' && has('forge-app-id-missing')(descriptorItem.items), JSON.stringify(descriptorItem));
  });

  it('reports a descriptor created on disk, and clears one deleted (then forgets it)', async () => {
    const created = await onDisk(client, workspace, 'staging/atlassian-connect.json', bitbucketDescriptor());
    const withIt = await client.pullWorkspace();
    const item = itemFor(withIt, created);
    assert.ok(item?.kind === 'full' && has('forge-app-link-missing')(item.items), JSON.stringify(item));

    await onDisk(client, workspace, 'staging/atlassian-connect.json', undefined);
    const without = await client.pullWorkspace();
    assert.deepEqual(itemFor(without, created), { kind: 'full', uri: created, version: null, items: [] }, 'cleared, without an id');
    const later = await client.pullWorkspace();
    assert.equal(itemFor(later, created), undefined, 'no longer mentioned');
  });

  it('clears the descriptors of a deleted folder, reported as the folder alone, and a renamed descriptor moves', async () => {
    const first = workspace.write('gone/a/atlassian-connect.json', bitbucketDescriptor());
    const second = workspace.write('gone/b/atlassian-connect.json', bitbucketDescriptor());
    await client.filesChanged([
      { uri: first, type: FileChangeType.Created },
      { uri: second, type: FileChangeType.Created },
    ]);
    const before = await client.pullWorkspace();
    assert.ok(itemFor(before, first) && itemFor(before, second));
    await onDisk(client, workspace, 'gone', undefined);
    const after = await client.pullWorkspace();
    for (const uri of [first, second]) assert.deepEqual(itemFor(after, uri), { kind: 'full', uri, version: null, items: [] });

    // A rename is a deletion and a creation.
    const renamedFrom = workspace.write('old-name/atlassian-connect.json', bitbucketDescriptor());
    await client.filesChanged([{ uri: renamedFrom, type: FileChangeType.Created }]);
    await client.pullWorkspace();
    workspace.remove('old-name');
    const renamedTo = workspace.write('new-name/atlassian-connect.json', bitbucketDescriptor());
    await client.filesChanged([
      { uri: renamedFrom, type: FileChangeType.Deleted },
      { uri: renamedTo, type: FileChangeType.Created },
    ]);
    const renamed = await client.pullWorkspace();
    assert.deepEqual(itemFor(renamed, renamedFrom), { kind: 'full', uri: renamedFrom, version: null, items: [] });
    assert.ok(itemFor(renamed, renamedTo)?.kind === 'full');
  });

  it('walks a folder created with its files and reported alone (a checkout): its descriptor and manifest are listed', async () => {
    const copied = workspace.write('checkout/connect/atlassian-connect.json', bitbucketDescriptor());
    const copiedManifest = workspace.write('checkout/forge/manifest.yml', manifestText(undefined));
    workspace.write('checkout/node_modules/dep/atlassian-connect.json', bitbucketDescriptor());
    await client.filesChanged([{ uri: workspace.uri('checkout'), type: FileChangeType.Created }]);
    // The walk is queued behind earlier updates: pull until it is in (as an editor's next pull would be).
    let report = await client.pullWorkspace();
    for (let pulls = 1; !itemFor(report, copiedManifest) && pulls < 100; pulls++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      report = await client.pullWorkspace();
    }
    assert.ok(
      itemFor(report, copied)?.kind === 'full',
      `the descriptor in the new folder: ${JSON.stringify(report.items.map((i) => i.uri))}`,
    );
    assert.deepEqual(codesOf(fullItems(itemFor(report, copiedManifest))), ['manifest-app-id'], 'its matched manifest');
    assert.equal(
      itemFor(report, workspace.uri('checkout/node_modules/dep/atlassian-connect.json')),
      undefined,
      'node_modules is not walked',
    );
    await onDisk(client, workspace, 'checkout', undefined);
    const after = await client.pullWorkspace();
    assert.deepEqual(itemFor(after, copied), { kind: 'full', uri: copied, version: null, items: [] });
  });

  it('reports a manifest while a descriptor is matched to it, and clears it when none is', async () => {
    const unmatched = workspace.uri(UNMATCHED_MANIFEST);
    assert.equal(client.pulled.get(unmatched), undefined, 'not matched yet');
    // A descriptor next to it: the nearest manifest is now this one.
    await onDisk(client, workspace, 'tools/scripts/other/connect/atlassian-connect.json', bitbucketDescriptor());
    const matched = await client.pullWorkspace();
    const item = itemFor(matched, unmatched);
    assert.ok(item?.kind === 'full', JSON.stringify(matched.items));
    assert.deepEqual(codesOf(item.items), ['manifest-app-id']);
    await onDisk(client, workspace, 'tools/scripts/other/connect/atlassian-connect.json', undefined);
    const cleared = await client.pullWorkspace();
    assert.deepEqual(itemFor(cleared, unmatched), { kind: 'full', uri: unmatched, version: null, items: [] });
  });

  it('skips a closed file above the size cap, saying so once in the log', async () => {
    const big = workspace.write('big/atlassian-connect.json', bitbucketDescriptor([`"padding": "${'x'.repeat(1024 * 1024)}",`]));
    await client.filesChanged([{ uri: big, type: FileChangeType.Created }]);
    await client.pullWorkspace();
    await client.pullWorkspace();
    const lines = client.logs.filter((entry) => entry.message.startsWith('Skipped ') && entry.message.includes('big'));
    assert.equal(lines.length, 1, JSON.stringify(lines));
    assert.match(lines[0].message, /1025 KB, over the 1 MB up to which files that are not open are read/);
    assert.equal(client.pulled.get(big), undefined, 'not reported');
  });
});

describe('LSP: workspace diagnostics of files that descriptorGlobs or the .jsonc extension make descriptors', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let byGlob: string;
  let jsonc: string;
  let notMatched: string;
  const GLOBS = ['**/*.descriptor', '**/*.jsonc'];

  before(async () => {
    workspace = new TempWorkspace('cfl-pull-globs-');
    // Named as no descriptor is, and not JSON by its extension: only a glob makes it one.
    byGlob = workspace.write('d/prod.descriptor', bitbucketDescriptor());
    jsonc = workspace.write('d/connect.jsonc', `// the development descriptor\n${bitbucketDescriptor()}`);
    notMatched = workspace.write('d/staging.conf', bitbucketDescriptor());
    workspace.write('node_modules/dep/dep.descriptor', bitbucketDescriptor());
    client = await start(workspace, { pull: true, settings: { descriptorGlobs: GLOBS } });
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it('reports the closed files the globs set at start match, and a .jsonc descriptor, as an open one would be', async () => {
    const report = await client.pullWorkspace();
    assert.deepEqual(report.items.map((item) => item.uri).sort(), [byGlob, jsonc].sort(), JSON.stringify(report.items));
    for (const uri of [byGlob, jsonc]) assert.ok(has('forge-app-link-missing')(fullItems(itemFor(report, uri))), uri);
    // The document pull of the same file, open, says the same.
    await client.open(byGlob, bitbucketDescriptor(), 'plaintext');
    const open = await client.pullDocument(byGlob);
    assert.ok(open.kind === 'full');
    assert.deepEqual(codesOf(open.items), codesOf(fullItems(itemFor(report, byGlob))));
    await client.close(byGlob);
  });

  it('asks the client to watch what the globs match, relative to the folder', () => {
    const registration = client.registrations.find(
      (r) =>
        r.method === 'workspace/didChangeWatchedFiles' &&
        JSON.stringify(r.registerOptions).includes('*.descriptor') &&
        !client.unregistrations.some((u) => u.id === r.id),
    );
    assert.deepEqual(
      (registration?.registerOptions as { watchers: unknown[] } | undefined)?.watchers,
      GLOBS.map((pattern) => ({ globPattern: { baseUri: workspace.uri(), pattern } })),
    );
  });

  it('follows a matched file changed on disk, and one created', async () => {
    let refreshes = client.refreshRequests.length;
    await onDisk(client, workspace, 'd/prod.descriptor', bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    const changed = await pullAfterRefresh(client, refreshes);
    assert.ok(lacks('forge-app-link-missing')(fullItems(itemFor(changed, byGlob))), JSON.stringify(itemFor(changed, byGlob)));
    refreshes = client.refreshRequests.length;
    const created = await onDisk(client, workspace, 'e/dev.descriptor', bitbucketDescriptor());
    const withIt = await pullAfterRefresh(client, refreshes);
    assert.ok(has('forge-app-link-missing')(fullItems(itemFor(withIt, created))));
  });

  it('walks again when the globs change: a file newly matched appears, one no longer matched is cleared', async () => {
    const before = await client.pullWorkspace();
    assert.equal(itemFor(before, notMatched), undefined, 'not matched yet');
    const registered = client.registrations.length;
    client.settings = { descriptorGlobs: ['**/*.conf'] };
    const refreshes = client.refreshRequests.length;
    await client.changeConfiguration();
    const after = await pullAfterRefresh(client, refreshes);
    assert.ok(has('forge-app-link-missing')(fullItems(itemFor(after, notMatched))), JSON.stringify(after.items));
    assert.deepEqual(itemFor(after, byGlob), { kind: 'full', uri: byGlob, version: null, items: [] }, 'cleared, without an id');
    assert.ok(has('forge-app-link-missing')(fullItems(itemFor(after, jsonc))), 'the .jsonc file stays, by its content');
    assert.equal(itemFor(await client.pullWorkspace(), byGlob), undefined, 'no longer mentioned');
    // The old watchers go, the new glob is watched.
    await client.until(() => client.registrations.length > registered && client.unregistrations.length > 0, 'the watchers replaced');
    const latest = client.registrations[client.registrations.length - 1];
    assert.deepEqual((latest.registerOptions as { watchers: unknown[] }).watchers, [
      { globPattern: { baseUri: workspace.uri(), pattern: '**/*.conf' } },
    ]);
  });
});

describe('LSP: workspace diagnostics off (connectForgeLink.workspaceDiagnostics: false)', () => {
  let workspace: TempWorkspace;
  let client: LspClient;

  before(async () => {
    workspace = new TempWorkspace('cfl-pull-off-');
    workspace.write(DESCRIPTOR, bitbucketDescriptor());
    workspace.write(MANIFEST, manifestText(undefined));
    client = await start(workspace, { pull: true });
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it('limits diagnostics to open files, clearing the closed ones reported before', async () => {
    const reported = await client.pullWorkspace();
    assert.equal(reported.items.length, 2);
    client.settings = { workspaceDiagnostics: false };
    const refreshes = client.refreshRequests.length;
    await client.changeConfiguration();
    const off = await pullAfterRefresh(client, refreshes);
    assert.deepEqual(
      off.items.map((item) => [item.kind, item.kind === 'full' ? item.items : undefined, item.resultId]),
      [
        ['full', [], undefined],
        ['full', [], undefined],
      ],
      'both cleared, without ids',
    );
    assert.deepEqual((await client.pullWorkspace()).items, []);

    // An open descriptor is still checked; once closed, what it showed is cleared.
    const uri = workspace.uri(DESCRIPTOR);
    await client.open(uri, bitbucketDescriptor());
    const open = await client.pullDocument(uri);
    assert.ok(open.kind === 'full' && has('forge-app-link-missing')(open.items));
    await client.close(uri);
    const closed = await client.pullWorkspace();
    assert.deepEqual(closed.items, [{ kind: 'full', uri, version: null, items: [] }]);
  });
});

describe('LSP: the first diagnostics are complete', () => {
  let workspace: TempWorkspace;

  before(() => {
    workspace = new TempWorkspace('cfl-first-');
    workspace.write(DESCRIPTOR, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    workspace.write(MANIFEST, manifestText(ARI));
  });

  after(() => workspace?.dispose());

  for (const pull of [true, false]) {
    it(`${pull ? 'pull' : 'push'}: the first answer for a descriptor next to a manifest already names the missing forgeAppId`, async () => {
      const { client, uri, since } = await openAtOnce(workspace, { pull });
      try {
        if (pull) {
          const first = await client.pullDocument(uri);
          assert.ok(first.kind === 'full');
          assert.deepEqual(codesOf(first.items), ['forge-app-id-missing']);
        } else {
          const first = await client.diagnostics(uri, { since });
          assert.equal(first.sequence, client.publicationsFor(uri)[0].sequence, 'the first publication');
          assert.deepEqual(codesOf(first.diagnostics), ['forge-app-id-missing']);
        }
      } finally {
        await client.dispose();
      }
    });
  }

  it('pull: the first workspace report already names it for the closed descriptor', async () => {
    const client = await start(workspace, { pull: true, readyLog: null });
    try {
      const report = await client.pullWorkspace();
      const item = itemFor(report, workspace.uri(DESCRIPTOR));
      assert.ok(item?.kind === 'full');
      assert.deepEqual(codesOf(item.items), ['forge-app-id-missing']);
    } finally {
      await client.dispose();
    }
  });
});

describe('LSP: the first diagnostics wait for the manifest index only so long', () => {
  let workspace: TempWorkspace;

  before(() => {
    workspace = new TempWorkspace('cfl-slow-index-');
    // Enough folders that the walk outlasts a 1 ms bound.
    for (let i = 0; i < 3000; i++) workspace.write(`src/pkg-${i % 30}/mod-${i}/index.ts`, '');
    workspace.write(DESCRIPTOR, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    workspace.write(MANIFEST, manifestText(ARI));
  });

  after(() => workspace?.dispose());

  for (const pull of [true, false]) {
    it(`${pull ? 'pull' : 'push'}: answers when the bound passes, says so in the log, and updates once the index is built`, async () => {
      const { client, uri, since } = await openAtOnce(workspace, { pull, initializationOptions: { manifestIndexWaitMs: 1 } });
      try {
        if (pull) {
          const first = await client.pullDocument(uri);
          assert.ok(first.kind === 'full' && first.items.length === 0, JSON.stringify(first));
          await client.log(/^The manifest index is not ready after 1 ms/);
          await client.until(() => client.refreshRequests.length > 0, 'a refresh once the index is built');
          const updated = await client.pullDocument(uri, first.resultId);
          assert.ok(updated.kind === 'full');
          assert.deepEqual(codesOf(updated.items), ['forge-app-id-missing']);
        } else {
          const first = await client.diagnostics(uri, { since });
          assert.deepEqual(first.diagnostics, []);
          await client.log(/^The manifest index is not ready after 1 ms/);
          const updated = await client.diagnostics(uri, { since, where: has('forge-app-id-missing') });
          assert.ok(updated.sequence > first.sequence);
        }
      } finally {
        await client.dispose();
      }
    });
  }
});

describe('LSP: workspace diagnostics with a client that only takes pushed diagnostics', () => {
  let workspace: TempWorkspace;
  let client: LspClient;

  before(async () => {
    workspace = new TempWorkspace('cfl-push-');
    workspace.write(DESCRIPTOR, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    workspace.write(MANIFEST, manifestText(undefined));
    workspace.write('other/atlassian-connect.json', bitbucketDescriptor());
    client = await start(workspace, { pull: false });
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it('announces no pull diagnostics and publishes nothing for closed files', async () => {
    assert.equal(client.initializeResult?.capabilities.diagnosticProvider, undefined);
    // A change on disk of a closed descriptor is not a reason to publish either.
    await onDisk(client, workspace, 'other/atlassian-connect.json', bitbucketDescriptor([`"forgeAppLink": "x",`]));
    const barrier = workspace.uri(DESCRIPTOR);
    await client.openAndWait(barrier, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    assert.deepEqual(
      client.publications.map((p) => p.uri),
      [barrier],
      'only the open document is published',
    );
    await client.close(barrier);
  });

  it('publishes for an open descriptor, and again when its manifest changes on disk', async () => {
    const uri = workspace.uri(DESCRIPTOR);
    const opened = await client.openAndWait(uri, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    assert.deepEqual(codesOf(opened.diagnostics), ['manifest-unusable'], 'the manifest has no app.id to insert');
    const since = client.mark();
    await onDisk(client, workspace, MANIFEST, manifestText(ARI));
    const updated = await client.diagnostics(uri, { since, where: has('forge-app-id-missing') });
    assert.deepEqual(codesOf(updated.diagnostics), ['forge-app-id-missing']);
    const deletedSince = client.mark();
    await onDisk(client, workspace, MANIFEST, undefined);
    const gone = await client.diagnostics(uri, { since: deletedSince, where: lacks('forge-app-id-missing') });
    assert.deepEqual(gone.diagnostics, [], 'the deleted manifest no longer matches');
    await client.close(uri);
  });
});
