/** What the extension contributes besides its server: the descriptor schema (the walkthrough: walkthrough.test.ts). */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fileIn, open, saveAll, waitFor, writeText } from './helpers';

const DESCRIPTOR = '{\n  "key": "schema-check",\n  "contexts": ["account"],\n  "modules": {\n    \n  },\n  \n}\n';

async function labelsAt(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  try {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
  } catch (error) {
    // A request cancelled because the document or its diagnostics changed meanwhile: none yet.
    if (error instanceof Error && error.message === 'Canceled') return [];
    throw error;
  }
}

describe('contributions', () => {
  afterEach(saveAll);

  it('the two keys are completed at the root (by the server) and the Bitbucket modules (by the schema), each once', async () => {
    const uri = fileIn('schema-check/atlassian-connect.json');
    await writeText(uri, DESCRIPTOR);
    await open(uri);
    const root = new vscode.Position(6, 2);
    const atRoot = await waitFor('forgeAppLink in the root completions', async () => {
      const labels = await labelsAt(uri, root);
      return labels.includes('forgeAppLink') ? labels : undefined;
    });
    assert.ok(atRoot.includes('forgeAppId'), atRoot.join(', '));
    // The schema marks these keys doNotSuggest and the server completes them (with their commas), so each is offered once.
    assert.equal(atRoot.filter((label) => label === 'forgeAppLink').length, 1, atRoot.join(', '));
    const inModules = await waitFor('repoPages in the modules completions', async () => {
      const labels = await labelsAt(uri, new vscode.Position(4, 4));
      return labels.includes('repoPages') ? labels : undefined;
    });
    for (const module of ['repoPages', 'webhooks', 'fileViews'])
      assert.ok(inModules.includes(module), `${module} in ${inModules.join(', ')}`);
  });
});
