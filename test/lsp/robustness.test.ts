/** Files the parser cannot take: each gets at most one clear diagnostic, and the server lives on. */
import * as assert from 'node:assert/strict';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { LspClient, assertStillServing, coveredText, itemsOf, messageOf } from '../support/lspClient';
import { LINK, bitbucketDescriptor, memoryUri } from '../support/lspFixtures';

const DEPTH = 12000;

describe('LSP: robustness', () => {
  let client: LspClient;
  const healthy = memoryUri('robust/healthy/atlassian-connect.json');

  before(async () => {
    client = await LspClient.start();
    await client.openAndWait(healthy, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
  });

  after(async () => {
    await client?.dispose();
  });

  /** The one descriptor-unreadable note a file gets, in words a user understands. */
  function assertOneNote(diagnostics: Diagnostic[], message: RegExp): Diagnostic {
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    const [note] = diagnostics;
    assert.equal(note.code, 'descriptor-unreadable');
    assert.equal(note.severity, DiagnosticSeverity.Information);
    assert.equal(note.source, 'connect-forge-link');
    assert.match(messageOf(note), message);
    return note;
  }

  it(`says once that a ${DEPTH}-level nested object is too deep, and answers requests on it`, async () => {
    const uri = memoryUri('robust/deep/atlassian-connect.json');
    const text = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
    const { diagnostics } = await client.openAndWait(uri, text);
    const note = assertOneNote(diagnostics, /nested too deeply/);
    // On the name of the root's first member (it has no "key"), not on the brace at 1:1.
    assert.deepEqual(note.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 4 } });
    const middle = { line: 0, character: Math.floor(text.length / 2) };
    assert.equal(await client.hover(uri, middle), null);
    assert.deepEqual(itemsOf(await client.completion(uri, middle)), []);
    const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: text.length } };
    assert.deepEqual(await client.codeActions(uri, whole, diagnostics), []);
    assert.deepEqual(await client.codeActions(uri, whole, [], ['source.fixAll.connectForgeLink']), []);
    await assertStillServing(client, healthy, 'Signed: yes');
  });

  it(`says once that a ${DEPTH}-level nested array is too deep`, async () => {
    const uri = memoryUri('robust/deep-array/atlassian-connect.json');
    const { diagnostics } = await client.openAndWait(uri, `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`);
    assertOneNote(diagnostics, /nested too deeply/);
    await assertStillServing(client, healthy, 'Signed: yes');
  });

  it('publishes nothing for an empty document, and checks it once text is typed', async () => {
    const uri = memoryUri('robust/empty/atlassian-connect.json');
    const { diagnostics } = await client.openAndWait(uri, '');
    assert.deepEqual(diagnostics, []);
    await assertStillServing(client, healthy, 'Signed: yes');
    const version = await client.replace(uri, 0, 0, bitbucketDescriptor());
    const typed = await client.diagnostics(uri, { version });
    assert.deepEqual(
      typed.diagnostics.map((d) => d.code),
      ['forge-app-link-missing'],
    );
  });

  it('says a root array is not a descriptor', async () => {
    const uri = memoryUri('robust/array/atlassian-connect.json');
    const text = '[\n  { "key": "my-app" }\n]\n';
    const { diagnostics } = await client.openAndWait(uri, text);
    const note = assertOneNote(diagnostics, /root is not/);
    assert.equal(coveredText(client.document(uri), note.range), text.trimEnd());
    await assertStillServing(client, healthy, 'Signed: yes');
  });

  it('says a 12 MB document is too large to check', async () => {
    const uri = memoryUri('robust/large/atlassian-connect.json');
    const text = `{\n  "key": "my-app",\n  "data": "${'a'.repeat(12 * 1024 * 1024)}"\n}\n`;
    const { diagnostics } = await client.openAndWait(uri, text);
    assertOneNote(diagnostics, /12\.0 MB; descriptors over 10 MB are not checked/);
    await assertStillServing(client, healthy, 'Signed: yes');
  });

  it('logs no errors for any of them', () => {
    const errors = client.logs.filter((log) => log.type === 1);
    assert.deepEqual(errors, []);
  });
});
