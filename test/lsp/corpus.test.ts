/**
 * Every descriptor of the real corpus, laid out under its original path, is found and checked by
 * the server with no option set: a pulling client gets a report for each without opening any, and
 * each Bitbucket one is asked for its forgeAppLink. The CLI's counterpart is in
 * test/cli/descriptorDiscovery.test.ts.
 */
import * as assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { CorpusEntry, corpusIndex, corpusText, requireCorpus } from '../support/corpus';
import { LspClient } from '../support/lspClient';
import { TempWorkspace } from '../support/lspFixtures';

describe('LSP: the corpus, under its original names', () => {
  let workspace: TempWorkspace | undefined;
  let client: LspClient | undefined;

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  it('reports every corpus descriptor without opening it, and asks each Bitbucket one for its forgeAppLink', async function () {
    requireCorpus(this, 'descriptors');
    workspace = new TempWorkspace('cfl-corpus-');
    const byUri = new Map<string, CorpusEntry>();
    for (const entry of corpusIndex().filter((e) => e.kind === 'descriptors')) {
      byUri.set(workspace.write(`${entry.repo}/${entry.path}`, corpusText('descriptors', entry.name)), entry);
    }
    client = await LspClient.start({ pull: true, ...workspace.asWorkspaceFolder() });

    const report = await client.pullWorkspace();
    const reported = new Map(report.items.map((item) => [item.uri, item.kind === 'full' ? item.items : undefined]));
    const missing = [...byUri].filter(([uri]) => !reported.has(uri)).map(([, entry]) => `${entry.repo}/${entry.path}`);
    assert.deepEqual(missing, [], 'every descriptor has a report');

    const bitbucket = [...byUri].filter(([, entry]) => entry.productGuess === 'bitbucket');
    assert.ok(bitbucket.length > 0, 'the corpus holds Bitbucket descriptors');
    for (const [uri, entry] of bitbucket) {
      const diagnostics: readonly Diagnostic[] = reported.get(uri) ?? [];
      assert.deepEqual(
        diagnostics.filter((d) => d.code === 'forge-app-link-missing').map((d) => d.severity),
        [2],
        `${entry.repo}/${entry.path} is asked for its forgeAppLink (as a warning): ${JSON.stringify(diagnostics.map((d) => d.code))}`,
      );
    }
  });
});
