/**
 * A code action for a diagnostic the client still holds after the server analysed the same
 * version again (issue 15 §1): it leads to that diagnostic's own finding's fixes, or to none,
 * never to the finding that now sits at its old place in the list. Each way the server analyses a
 * version again is taken: a settings change, a manifest created, changed and deleted, and a
 * manifest scan finishing.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CodeAction, CodeActionKind, Diagnostic, FileChangeType } from 'vscode-languageserver-protocol/node';
import { LspClient, Publication, actionsOf, applyTextEdits, coveredText, editsFor, withCode } from '../support/lspClient';
import { TempWorkspace, manifestText } from '../support/lspFixtures';

const UUID = '2e0e64a7-84ce-42bb-9c9e-3b5142eb499b';
const OTHER_UUID = 'f29fdb13-c3ac-4e38-a7be-9ca0d8d5b6ac';
/** The reproduction: a root forgeAppId in capitals, and both keys nested. */
const DESCRIPTOR = [
  '{',
  '  "key": "my-app",',
  '  "contexts": ["account"],',
  `  "forgeAppId": "${UUID.toUpperCase()}",`,
  `  "vendor": { "forgeAppLink": "https://developer.atlassian.com/console/install/${UUID}?signature=abc&product=bitbucket" },`,
  `  "modules": { "forgeAppId": "ari:cloud:ecosystem::app/${UUID}" }`,
  '}',
  '',
].join('\n');

const sameRange = (a: Diagnostic, b: Diagnostic) => JSON.stringify(a.range) === JSON.stringify(b.range);

describe('LSP: code actions for diagnostics of an earlier analysis of the same version', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let uri: string;

  beforeEach(() => {
    workspace = new TempWorkspace('cfl-reanalysis-');
  });

  afterEach(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  async function start(folders: readonly string[] = ['']): Promise<void> {
    client = await LspClient.start({
      workspaceFolders: folders.map((folder) => ({ uri: workspace.uri(folder), name: path.basename(workspace.path(folder)) })),
    });
  }

  /** Opens the descriptor and returns the diagnostics the client then holds. */
  async function open(): Promise<Publication> {
    uri = workspace.write('connect/atlassian-connect.json', DESCRIPTOR);
    return client.openAndWait(uri, DESCRIPTOR);
  }

  /** The next publication for the document's version (the same), after `change` made the server analyse it again. */
  async function reanalysed(change: () => Promise<void>, where: (diagnostics: Diagnostic[]) => boolean): Promise<Publication> {
    const since = client.mark();
    await change();
    return client.diagnostics(uri, { version: client.document(uri).version, since, where });
  }

  function quickFixesFor(actions: CodeAction[], diagnostic: Diagnostic): CodeAction[] {
    return actions.filter((a) => a.kind === CodeActionKind.QuickFix && a.diagnostics?.some((d) => d.code === diagnostic.code));
  }

  /**
   * Each nested-key diagnostic the client held before leads to its own key's fixes only, whose
   * edits move or remove that key and leave the other alone; the findings did move in the list.
   */
  async function assertOwnFixes(held: Publication, now: Publication): Promise<void> {
    const nested = withCode(held.diagnostics, 'forge-key-nested');
    assert.equal(nested.length, 2, JSON.stringify(held.diagnostics.map((d) => d.code)));
    const moved = nested.some((diagnostic) => {
      const index = now.diagnostics.findIndex((d) => d.code === diagnostic.code && sameRange(d, diagnostic));
      return index !== held.diagnostics.indexOf(diagnostic);
    });
    assert.ok(moved, 'the analysis again moved the nested-key findings in the list (else this test proves nothing)');
    const document = client.document(uri);
    for (const diagnostic of nested) {
      const key = JSON.parse(coveredText(document, diagnostic.range)) as string;
      const other = key === 'forgeAppLink' ? 'forgeAppId' : 'forgeAppLink';
      const fixes = quickFixesFor(actionsOf(await client.codeActions(uri, diagnostic.range, [diagnostic])), diagnostic);
      assert.ok(fixes.length > 0, `the ${key} diagnostic still has its own fix`);
      for (const fix of fixes) {
        assert.match(fix.title, new RegExp(`\\b${key}\\b`), `the ${key} diagnostic is offered "${fix.title}"`);
        assert.doesNotMatch(fix.title, new RegExp(`\\b${other}\\b`));
        const after = applyTextEdits(document.getText(), editsFor(fix.edit, uri));
        const nestedIn = key === 'forgeAppLink' ? '"vendor": { "forgeAppLink"' : '"modules": { "forgeAppId"';
        const otherIn = key === 'forgeAppLink' ? '"modules": { "forgeAppId"' : '"vendor": { "forgeAppLink"';
        assert.ok(!after.includes(nestedIn), `"${fix.title}" moves or removes the nested ${key}`);
        assert.ok(after.includes(otherIn), `"${fix.title}" leaves the nested ${other} alone`);
      }
    }
  }

  it('after a settings change (workspace/didChangeConfiguration), as in the issue', async () => {
    await start();
    const held = await open();
    assert.ok(withCode(held.diagnostics, 'forge-app-id-invalid').length > 0);
    client.settings = { ...client.settings, rules: { 'forge-app-id-invalid': 'off' } };
    const now = await reanalysed(
      () => client.changeConfiguration(),
      (diagnostics) => withCode(diagnostics, 'forge-app-id-invalid').length === 0,
    );
    await assertOwnFixes(held, now);
  });

  /** Another app's manifest: a mismatch finding comes before the nested keys'. */
  const OTHER_APP = manifestText(`ari:cloud:ecosystem::app/${OTHER_UUID}`);
  /** The descriptor's own app: the mismatch the other app's manifest caused goes. */
  const SAME_APP = manifestText(`ari:cloud:ecosystem::app/${UUID}`);
  const codes = (diagnostics: Diagnostic[]) => JSON.stringify(diagnostics.map((d) => d.code));

  /** Writes or deletes the manifest and tells the server, as an editor's file watcher would. */
  async function manifestFile(text: string | undefined, type: FileChangeType): Promise<void> {
    const manifestUri = text === undefined ? workspace.remove('forge/manifest.yml') : workspace.write('forge/manifest.yml', text);
    await client.filesChanged([{ uri: manifestUri, type }]);
  }

  for (const [event, first, then, type] of [
    ['created', undefined, OTHER_APP, FileChangeType.Created],
    ['changed', OTHER_APP, SAME_APP, FileChangeType.Changed],
    ['deleted', OTHER_APP, undefined, FileChangeType.Deleted],
  ] as const) {
    it(`after a manifest is ${event} (watched files)`, async () => {
      if (first !== undefined) workspace.write('forge/manifest.yml', first);
      await start();
      const held = await open();
      const now = await reanalysed(
        () => manifestFile(then, type),
        (diagnostics) => codes(diagnostics) !== codes(held.diagnostics),
      );
      await assertOwnFixes(held, now);
    });
  }

  it('after a manifest scan finishes (a workspace folder added, scanned as at start-up)', async () => {
    workspace.write('forge/manifest.yml', manifestText(`ari:cloud:ecosystem::app/${OTHER_UUID}`));
    // The descriptor's folder alone is the workspace at first: the manifest is not known yet.
    await start(['connect']);
    const held = await open();
    const before = held.diagnostics.length;
    const now = await reanalysed(
      () => client.workspaceFoldersChanged([{ uri: workspace.uri('forge'), name: 'forge' }], []),
      (diagnostics) => diagnostics.length !== before,
    );
    assert.ok(
      client.logs.filter((log) => /^Found \d+ manifest\.yml file\(s\)/.test(log.message)).length >= 2,
      'the added folder was scanned',
    );
    await assertOwnFixes(held, now);
  });
});
