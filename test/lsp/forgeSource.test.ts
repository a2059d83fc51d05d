/**
 * The Forge app's own code says whether forgeAppId is needed: the server's manifest index searches
 * the matched Forge app's source for the client-key route when it loads the manifest, and again
 * when a source file changes on disk. Real files in a temporary workspace.
 */
import * as assert from 'node:assert/strict';
import { Diagnostic, DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol/node';
import { LspClient, messageOf, oneWithCode } from '../support/lspClient';
import { ARI, LINK, TempWorkspace, bitbucketDescriptor, manifestText } from '../support/lspFixtures';
import { clientKeySource } from '../support/ruleTable';

describe('LSP: the Forge app calls the client-key route', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let descriptor: string;
  let source: string;

  /** Writes (or deletes) a source file and tells the server, as an editor's file watcher would; then the next diagnostics matching. */
  async function sourceOnDisk(text: string | undefined, type: FileChangeType, where: (diagnostics: Diagnostic[]) => boolean) {
    const uri = text === undefined ? workspace.remove('forge/src/index.js') : workspace.write('forge/src/index.js', text);
    const since = client.mark();
    await client.filesChanged([{ uri, type }]);
    return (await client.diagnostics(descriptor, { since, where })).diagnostics;
  }

  const severityOfMissing = (severity: DiagnosticSeverity) => (diagnostics: Diagnostic[]) =>
    diagnostics.some((d) => d.code === 'forge-app-id-missing' && d.severity === severity);

  before(async () => {
    workspace = new TempWorkspace();
    descriptor = workspace.write('connect/atlassian-connect.json', bitbucketDescriptor());
    workspace.write('forge/manifest.yml', manifestText(ARI));
    source = workspace.write('forge/src/index.js', clientKeySource());
    workspace.write('forge/node_modules/@forge/api/out/index.js', clientKeySource('some-other-app'));
    client = await LspClient.start({ ...workspace.asWorkspaceFolder(), initializationOptions: {} });
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it('a missing forgeAppId is a warning naming the call, with related information at it', async () => {
    const { diagnostics } = await client.openAndWait(descriptor, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    const missing = oneWithCode(diagnostics, 'forge-app-id-missing');
    assert.equal(missing.severity, DiagnosticSeverity.Warning);
    assert.match(
      messageOf(missing),
      /^No forgeAppId, so the Forge app's call for this installation's clientKey answers 404\. The call \(forge\/src\/index\.js:3\)/,
    );
    const related = missing.relatedInformation ?? [];
    assert.deepEqual(
      related.map((r) => [r.location.uri, r.location.range.start.line]),
      [
        [source, 2],
        [
          workspace.uri('forge/manifest.yml'),
          manifestText(ARI)
            .split('\n')
            .findIndex((line) => line.startsWith('  id: ')),
        ],
      ],
    );
    assert.equal(
      diagnostics.some((d) => d.code === 'forge-addon-key-mismatch'),
      false,
      'node_modules is not searched',
    );
  });

  it('goes back to information when the call is removed on disk', async () => {
    const diagnostics = await sourceOnDisk(
      'export const run = () => 1;\n',
      FileChangeType.Changed,
      severityOfMissing(DiagnosticSeverity.Information),
    );
    assert.match(messageOf(oneWithCode(diagnostics, 'forge-app-id-missing')), /^No forgeAppId \(optional\)/);
  });

  it('a created file naming another addon key: the warning, and the key mismatch', async () => {
    const diagnostics = await sourceOnDisk(
      clientKeySource('my-app-staging'),
      FileChangeType.Created,
      severityOfMissing(DiagnosticSeverity.Warning),
    );
    const mismatch = oneWithCode(diagnostics, 'forge-addon-key-mismatch');
    assert.equal(mismatch.severity, DiagnosticSeverity.Warning);
    assert.match(
      messageOf(mismatch),
      /clientKey of another key than this one\. Its call \(forge\/src\/index\.js:3\) names "my-app-staging", not "my-app"/,
    );
    assert.equal(mismatch.relatedInformation?.[0]?.location.uri, source);
  });

  it('a deleted source file takes its call with it', async () => {
    const diagnostics = await sourceOnDisk(undefined, FileChangeType.Deleted, severityOfMissing(DiagnosticSeverity.Information));
    assert.equal(
      diagnostics.some((d) => d.code === 'forge-addon-key-mismatch'),
      false,
    );
  });
});
