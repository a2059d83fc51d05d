/** initialize's answer, and the shutdown/exit handshake ending the process with code 0. */
import * as assert from 'node:assert/strict';
import { CodeActionKind, CodeActionOptions, CompletionOptions, TextDocumentSyncKind } from 'vscode-languageserver-protocol/node';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { WATCHED_FILE_GLOBS } from '../../server/src/core';
import { LspClient } from '../support/lspClient';

const VERSION = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

describe('LSP: lifecycle', () => {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('answers initialize with its capabilities and serverInfo', async () => {
    client = await LspClient.start();
    const result = client.initializeResult;
    assert.ok(result);
    const capabilities = result.capabilities;
    assert.equal(capabilities.textDocumentSync, TextDocumentSyncKind.Incremental);
    const codeActions = capabilities.codeActionProvider as CodeActionOptions;
    assert.equal(typeof codeActions, 'object');
    assert.ok(codeActions.codeActionKinds?.includes(CodeActionKind.QuickFix), 'quickfix');
    assert.ok(codeActions.codeActionKinds?.includes('source.fixAll.connectForgeLink'), 'source.fixAll.connectForgeLink');
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.definitionProvider, true);
    const completion = capabilities.completionProvider as CompletionOptions;
    assert.ok(completion, 'completion');
    assert.ok(completion.triggerCharacters?.includes('"'), 'completion is triggered by a quote');
    assert.equal(result.serverInfo?.name, 'connect-forge-link');
    assert.equal(result.serverInfo?.version, VERSION, 'the version written in package.json, injected at build time');
  });

  it('registers for configuration changes and manifest file events when the client allows it', async () => {
    client = await LspClient.start();
    // initialized() registers both; the requests may still be in flight: wait for the second.
    const registered = client;
    await registered.until(() => registered.registrations.length >= 2, 'two registrations');
    const methods = client.registrations.map((r) => r.method).sort();
    assert.deepEqual(methods, ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')?.registerOptions as {
      watchers: { globPattern: string }[];
    };
    // The core's one list (manifests, descriptor candidates, templates, Forge source), and deletions.
    assert.deepEqual(
      watchers.watchers.map((w) => w.globPattern),
      [...WATCHED_FILE_GLOBS, '**/*'],
    );
    for (const glob of ['**/manifest.{yml,yaml}', '**/*{.json,.jsonc}']) assert.ok(WATCHED_FILE_GLOBS.includes(glob), glob);
    assert.ok(
      WATCHED_FILE_GLOBS.some((glob) => glob.includes('.ts') && glob.includes('.js')),
      'Forge source files',
    );
  });

  it('exits with code 0 after shutdown and exit', async () => {
    client = await LspClient.start();
    const code = await client.shutdown();
    assert.equal(code, 0);
    assert.equal(client.running, false);
  });
});
