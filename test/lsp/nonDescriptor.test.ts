/**
 * Editors sync every JSON file to the server (VS Code's client does, for package.json,
 * tsconfig.json, settings files...). One that is not a descriptor costs the server a lookup: one
 * settings read when it opens, then nothing per change, and nothing is ever published for it.
 */
import * as assert from 'node:assert/strict';
import { LspClient, has } from '../support/lspClient';
import { bitbucketDescriptor, memoryUri } from '../support/lspFixtures';
import { ServerMessage, concerns, recordServerMessages, settledOn } from '../support/serverMessages';

const PACKAGE_JSON = '{\n  "name": "my-app",\n  "version": "1.0.0",\n  "scripts": { "test": "mocha" }\n}\n';
const CHANGES = 8;

describe('LSP: a JSON file that is not a descriptor', () => {
  let client: LspClient;
  let messages: ServerMessage[];

  before(async () => {
    client = await LspClient.start({ settings: { descriptorGlobs: ['**/descriptor/*.json'] } });
    messages = await recordServerMessages(client);
  });

  after(async () => {
    await client?.dispose();
  });

  /** Changes a descriptor after everything else and waits for its check: any debounced work queued before is done. */
  async function pastEveryDebounce(): Promise<void> {
    const barrier = memoryUri(`plain/barrier-${client.mark()}/atlassian-connect.json`);
    await client.openAndWait(barrier, bitbucketDescriptor());
    const version = await client.replace(barrier, 1, 1, ' ');
    await client.diagnostics(barrier, { version });
    await client.close(barrier);
  }

  it(`costs one settings read when opened, then nothing for ${CHANGES} changes and the close: no request, no publication`, async () => {
    const uri = memoryUri('plain/package.json');
    const first = messages.length;
    await client.open(uri, PACKAGE_JSON);
    await settledOn(client, uri);
    for (let i = 0; i < CHANGES; i++) {
      const at = client.text(uri).indexOf('my-app') + 2;
      await client.replace(uri, at, at, 'x');
    }
    await settledOn(client, uri);
    await pastEveryDebounce();
    await client.close(uri);
    await pastEveryDebounce();

    const about = messages.slice(first).filter((message) => concerns(message, uri));
    assert.deepEqual(
      about.map((m) => `${m.kind} ${m.method}`),
      ['request workspace/configuration'],
      JSON.stringify(about),
    );
    assert.deepEqual(client.publicationsFor(uri), []);
    // Nothing else came that the barriers did not ask for (no log line, no registration).
    const unexplained = messages.slice(first).filter((m) => !concerns(m, uri) && !JSON.stringify(m.params).includes('/barrier-'));
    assert.deepEqual(unexplained, []);
  });

  it('clears what it published for a file that stops being a descriptor, then publishes nothing more', async () => {
    const uri = memoryUri('plain/descriptor/connect.json');
    // A descriptor by the glob only: its content (a key, a name, a baseUrl) is not enough to be one.
    const opened = await client.openAndWait(uri, '{\n  "key": "my-app",\n  "name": "My app",\n  "baseUrl": "https://example.com"\n}\n');
    assert.ok(has('forge-app-link-missing')(opened.diagnostics));

    client.settings = { descriptorGlobs: [] };
    const since = client.mark();
    await client.changeConfiguration();
    const cleared = await client.diagnostics(uri, { since });
    assert.deepEqual(cleared.diagnostics, [], 'the diagnostics of the former descriptor are cleared');

    const version = await client.replace(uri, 1, 1, ' ');
    await settledOn(client, uri);
    await pastEveryDebounce();
    await client.close(uri);
    await pastEveryDebounce();
    assert.deepEqual(
      client.publicationsFor(uri).filter((p) => p.sequence > cleared.sequence),
      [],
      `nothing after the clearing (version ${version}, the close)`,
    );
  });
});

describe('LSP: a JSON file that is not a descriptor, with a client that pulls diagnostics', () => {
  let client: LspClient;
  let messages: ServerMessage[];

  before(async () => {
    client = await LspClient.start({ pull: true });
    messages = await recordServerMessages(client);
  });

  after(async () => {
    await client?.dispose();
  });

  it(`answers every pull with an empty report, then unchanged for ${CHANGES} changes, asking nothing but its settings once`, async () => {
    const uri = memoryUri('pulled/package.json');
    const first = messages.length;
    await client.open(uri, PACKAGE_JSON);
    const opened = await client.pullDocument(uri);
    assert.ok(opened.kind === 'full' && opened.resultId !== undefined, JSON.stringify(opened));
    assert.deepEqual(opened.items, []);
    for (let i = 0; i < CHANGES; i++) {
      const at = client.text(uri).indexOf('my-app') + 2;
      await client.replace(uri, at, at, 'x');
      assert.deepEqual(await client.pullDocument(uri, opened.resultId), { kind: 'unchanged', resultId: opened.resultId });
    }
    await client.close(uri);
    const report = await client.pullWorkspace();
    assert.deepEqual(report.items, [], 'nothing to clear for it once closed');
    const about = messages.slice(first).filter((message) => concerns(message, uri));
    assert.deepEqual(
      about.map((m) => `${m.kind} ${m.method}`),
      ['request workspace/configuration'],
      JSON.stringify(about),
    );
  });
});
