/**
 * The rules of open Forge manifests come from the core's registry: every severity setting (and
 * off, and VS Code's "information") applies to them as to the descriptor rules.
 */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { LspClient, actionsOf, applyTextEdits, coveredText, editsFor, has, messageOf, oneWithCode } from '../support/lspClient';
import { ARI, LINK, OTHER_UUID, TempWorkspace, UUID, ari, bitbucketDescriptor, manifestText, memoryUri } from '../support/lspFixtures';

const UPPER = `ari:cloud:ecosystem::app/${UUID.toUpperCase()}`;
const SETTINGS: readonly [string, DiagnosticSeverity | undefined][] = [
  ['error', DiagnosticSeverity.Error],
  ['warning', DiagnosticSeverity.Warning],
  ['info', DiagnosticSeverity.Information],
  ['information', DiagnosticSeverity.Information],
  ['hint', DiagnosticSeverity.Hint],
  ['off', undefined],
];

describe('LSP: severity settings of the manifest rules', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    await client?.dispose();
  });

  for (const [setting, expected] of SETTINGS) {
    it(`manifest-app-id set to "${setting}" in an open manifest.yml`, async () => {
      client.settings = { rules: { 'manifest-app-id': setting } };
      const uri = memoryUri(`manifest-rules/app-id-${setting}/manifest.yml`);
      const text = manifestText(UPPER);
      const { diagnostics } = await client.openAndWait(uri, text, 'yaml');
      if (expected === undefined) {
        assert.deepEqual(diagnostics, []);
      } else {
        const appId = oneWithCode(diagnostics, 'manifest-app-id');
        assert.equal(appId.severity, expected);
        assert.match(messageOf(appId), /must be lower case/);
        assert.equal(coveredText(client.document(uri), appId.range), UPPER);
        // The fix does not depend on the severity.
        const fixes = actionsOf(await client.codeActions(uri, appId.range, [appId]));
        assert.deepEqual(
          fixes.map((f) => [f.title, f.isPreferred]),
          [[`Correct app.id: ${ARI}`, true]],
        );
        assert.equal(applyTextEdits(text, editsFor(fixes[0].edit, uri)), manifestText(ARI));
      }
      await client.close(uri);
    });
  }

  it('answers only the kinds of code action asked for (the "only" filter), fix-all on save included', async () => {
    client.settings = {};
    const uri = memoryUri('manifest-rules/only/manifest.yml');
    const text = manifestText(UPPER);
    const { diagnostics } = await client.openAndWait(uri, text, 'yaml');
    const appId = oneWithCode(diagnostics, 'manifest-app-id');
    const kindsFor = async (only?: string[]) =>
      actionsOf(await client.codeActions(uri, appId.range, [appId], only)).map((action) => [action.kind, action.title]);
    const quickFix = ['quickfix', `Correct app.id: ${ARI}`];
    const everything = await kindsFor();
    assert.ok(
      everything.some(([kind, title]) => kind === quickFix[0] && title === quickFix[1]),
      JSON.stringify(everything),
    );
    assert.deepEqual(await kindsFor(['quickfix']), [quickFix]);
    assert.deepEqual(await kindsFor(['source.fixAll']), [['source.fixAll.connectForgeLink', 'Fix all auto-fixable Forge link problems']]);
    assert.deepEqual(await kindsFor(['source']), await kindsFor(['source.fixAll']));
    assert.deepEqual(await kindsFor(['refactor']), []);
    // On save: the edit is the CLI's --fix of the manifest, and nothing is offered once it is clean.
    const [fixAll] = actionsOf(await client.codeActions(uri, appId.range, [], ['source.fixAll']));
    assert.equal(applyTextEdits(text, editsFor(fixAll.edit, uri)), manifestText(ARI));
    await client.change(uri, [{ text: manifestText(ARI) }]);
    assert.deepEqual(actionsOf(await client.codeActions(uri, appId.range, [], ['source.fixAll'])), []);
    await client.close(uri);
  });

  it('a severity the rule chose itself is replaced too (an unresolved ${VAR}: information → error)', async () => {
    const uri = memoryUri('manifest-rules/unresolved/manifest.yml');
    client.settings = {};
    const opened = await client.openAndWait(uri, manifestText('${APP_ID}'), 'yaml');
    assert.equal(oneWithCode(opened.diagnostics, 'manifest-app-id').severity, DiagnosticSeverity.Information);
    client.settings = { rules: { 'manifest-app-id': 'error' } };
    const since = client.mark();
    await client.changeConfiguration();
    const { diagnostics } = await client.diagnostics(uri, { since });
    assert.equal(oneWithCode(diagnostics, 'manifest-app-id').severity, DiagnosticSeverity.Error, 'checked again with the new settings');
    await client.close(uri);
  });

  for (const [setting, expected] of [
    ['error', DiagnosticSeverity.Error],
    ['off', undefined],
  ] as const) {
    it(`manifest-file-name set to "${setting}" in an open manifest.yaml`, async () => {
      client.settings = { rules: { 'manifest-file-name': setting } };
      const uri = memoryUri(`manifest-rules/file-name-${setting}/manifest.yaml`);
      const { diagnostics } = await client.openAndWait(uri, manifestText(ARI), 'yaml');
      if (expected === undefined) assert.deepEqual(diagnostics, []);
      else assert.equal(oneWithCode(diagnostics, 'manifest-file-name').severity, expected);
      await client.close(uri);
    });
  }
});

describe('LSP: the rules settled by picking a manifest.yml by hand', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  const PICK = 'Insert forgeAppId from a manifest.yml…';

  before(async () => {
    workspace = new TempWorkspace();
    workspace.write('forge/manifest.yml', manifestText(ARI));
    workspace.write('lone/forge/manifest.yml', manifestText(undefined));
    client = await LspClient.start({ rootUri: workspace.uri(), initializationOptions: { interactiveFixes: true } });
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  /** The titles of the quick fixes for the descriptor's diagnostic of `code`, once the manifests are matched. */
  async function titlesFor(relative: string, extra: readonly string[], code: string): Promise<string[]> {
    const text = bitbucketDescriptor(extra);
    const uri = workspace.write(relative, text);
    await client.open(uri, text);
    const { diagnostics } = await client.diagnostics(uri, { where: has(code) });
    const diagnostic = oneWithCode(diagnostics, code);
    return actionsOf(await client.codeActions(uri, diagnostic.range, [diagnostic]))
      .filter((action) => action.diagnostics?.some((d) => d.code === code))
      .map((action) => action.title);
  }

  it('offers it beside the fixes of forge-app-id-missing, forge-app-id-manifest-mismatch and manifest-unusable', async () => {
    assert.deepEqual(await titlesFor('connect/atlassian-connect.json', [`"forgeAppLink": "${LINK}",`], 'forge-app-id-missing'), [
      'Insert forgeAppId from forge/manifest.yml',
      PICK,
    ]);
    assert.deepEqual(
      await titlesFor('other/atlassian-connect.json', [`"forgeAppId": "${ari(OTHER_UUID)}",`], 'forge-app-id-manifest-mismatch'),
      ['Replace with app.id from forge/manifest.yml', PICK],
    );
    assert.deepEqual(await titlesFor('lone/atlassian-connect.json', [], 'manifest-unusable'), [PICK]);
  });

  it('does not offer it for the other rules', async () => {
    assert.deepEqual(await titlesFor('invalid/atlassian-connect.json', [`"forgeAppId": "${UUID}",`], 'forge-app-id-invalid'), [
      `Make it the app ARI: "${ARI}"`,
    ]);
  });
});
