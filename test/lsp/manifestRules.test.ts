/**
 * The rules of open Forge manifests come from the core's registry: every severity setting (and
 * off, and VS Code's "information") applies to them as to the descriptor rules.
 */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { LspClient, actionsOf, applyTextEdits, coveredText, editsFor, messageOf, oneWithCode } from '../support/lspClient';
import { ARI, UUID, manifestText, memoryUri } from '../support/lspFixtures';

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
