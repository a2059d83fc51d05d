/** Hover on the two keys and their values, and completion of the keys at the root. */
import * as assert from 'node:assert/strict';
import { CompletionItemKind, Hover, InsertTextFormat, MarkupContent, MarkupKind, Position } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, coveredText, itemsOf } from '../support/lspClient';
import { ARI, LINK, UUID, bitbucketDescriptor, memoryUri } from '../support/lspFixtures';

/** The position `delta` characters after the start of `needle` in the document. */
function positionOf(document: TextDocument, needle: string, delta = 1): Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the document`);
  return document.positionAt(offset + delta);
}

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown);
  return contents.value;
}

describe('LSP: hover', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    await client?.dispose();
  });

  it('decodes the forgeAppLink value: app id, products, signed', async () => {
    const uri = memoryUri('hover/link/atlassian-connect.json');
    await client.openAndWait(uri, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    const document = client.document(uri);
    const hover = await client.hover(uri, positionOf(document, 'console/install', 5));
    const text = markdown(hover);
    assert.match(text, /\*\*forgeAppLink\*\*/);
    assert.ok(text.includes(`App: \`${UUID}\``), text);
    assert.ok(text.includes('Products: `bitbucket`'), text);
    assert.ok(text.includes('Signed: yes'), text);
    assert.ok(text.includes(`https://developer.atlassian.com/console/myapps/${UUID}/manage/distribution`), text);
    assert.ok(hover?.range);
    assert.equal(coveredText(document, hover.range), JSON.stringify(LINK));
  });

  it('says an unsigned link for several products is not signed', async () => {
    const uri = memoryUri('hover/unsigned/atlassian-connect.json');
    const unsigned = `https://developer.atlassian.com/console/install/${UUID}?product=jira&product=bitbucket`;
    await client.openAndWait(uri, bitbucketDescriptor([`"forgeAppLink": "${unsigned}",`]));
    const text = markdown(await client.hover(uri, positionOf(client.document(uri), 'product=jira')));
    assert.ok(text.includes('Products: `jira`, `bitbucket`'), text);
    assert.ok(text.includes('Signed: no'), text);
  });

  it('explains the forgeAppId key and names its app', async () => {
    const uri = memoryUri('hover/id/atlassian-connect.json');
    await client.openAndWait(uri, bitbucketDescriptor([`"forgeAppId": "${ARI}",`]));
    const document = client.document(uri);
    const hover = await client.hover(uri, positionOf(document, '"forgeAppId"', 3));
    const text = markdown(hover);
    assert.match(text, /\*\*forgeAppId\*\*/);
    assert.ok(text.includes('manifest.yml'), text);
    assert.ok(text.includes('Addon API'), text);
    assert.ok(text.includes(`App: \`${UUID}\``), text);
    assert.ok(hover?.range);
    assert.equal(coveredText(document, hover.range), '"forgeAppId"');
  });

  it('has nothing to say about other keys or other files', async () => {
    const uri = memoryUri('hover/other/atlassian-connect.json');
    await client.openAndWait(uri, bitbucketDescriptor([`"forgeAppId": "${ARI}",`]));
    assert.equal(await client.hover(uri, positionOf(client.document(uri), '"name"')), null);
    // A package.json (its dependencies say it is not a descriptor) that happens to have the key.
    const other = memoryUri('hover/other/package.json');
    await client.open(other, `{\n  "name": "my-app",\n  "dependencies": {},\n  "forgeAppId": "${ARI}"\n}\n`);
    assert.equal(await client.hover(other, positionOf(client.document(other), '"forgeAppId"')), null);
  });
});

describe('LSP: completion', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    await client?.dispose();
  });

  /** Opens a descriptor with an empty line after "key" (plus `extra` lines) and completes there. */
  async function completeAtRoot(name: string, extra: string[]) {
    const uri = memoryUri(`completion/${name}/atlassian-connect.json`);
    await client.openAndWait(uri, bitbucketDescriptor(['', ...extra]));
    return itemsOf(await client.completion(uri, { line: 2, character: 2 }));
  }

  it('offers both keys at the root when both are absent', async () => {
    const items = await completeAtRoot('none', []);
    assert.deepEqual(items.map((i) => i.label).sort(), ['forgeAppId', 'forgeAppLink']);
    const link = items.find((i) => i.label === 'forgeAppLink');
    assert.equal(link?.kind, CompletionItemKind.Property);
    assert.equal(link?.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(link?.insertText, '"forgeAppLink": "$1"');
    assert.match(String(link?.documentation), /installation link/);
  });

  it('offers only the key that is absent', async () => {
    const items = await completeAtRoot('link', [`"forgeAppLink": "${LINK}",`]);
    assert.deepEqual(
      items.map((i) => i.label),
      ['forgeAppId'],
    );
  });

  it('offers nothing when both keys are present', async () => {
    const items = await completeAtRoot('both', [`"forgeAppLink": "${LINK}",`, `"forgeAppId": "${ARI}",`]);
    assert.deepEqual(items, []);
  });

  it('replaces a key being typed, without a second value', async () => {
    const uri = memoryUri('completion/typed/atlassian-connect.json');
    await client.openAndWait(uri, bitbucketDescriptor(['"forgeA": "",']));
    const document = client.document(uri);
    const items = itemsOf(await client.completion(uri, positionOf(document, '"forgeA"', 7)));
    const id = items.find((i) => i.label === 'forgeAppId');
    assert.ok(id?.textEdit && 'range' in id.textEdit, JSON.stringify(items));
    assert.equal(coveredText(document, id.textEdit.range), '"forgeA"');
    assert.equal(id.textEdit.newText, '"forgeAppId"');
    assert.equal(id.insertTextFormat, InsertTextFormat.PlainText);
  });

  it('replaces the empty key a typed quote leaves with the key and a value', async () => {
    const uri = memoryUri('completion/quote/atlassian-connect.json');
    const before = bitbucketDescriptor(['""']).replace('  ""\n  "name"', '  "",\n  "name"');
    await client.openAndWait(uri, before);
    const document = client.document(uri);
    const items = itemsOf(await client.completion(uri, { line: 2, character: 3 }));
    const link = items.find((i) => i.label === 'forgeAppLink');
    assert.ok(link?.textEdit && 'range' in link.textEdit, JSON.stringify(items));
    assert.equal(coveredText(document, link.textEdit.range), '""');
    assert.equal(link.textEdit.newText, '"forgeAppLink": "$1"');
    assert.equal(link.insertTextFormat, InsertTextFormat.Snippet);
  });

  it('offers nothing below the root', async () => {
    const uri = memoryUri('completion/nested/atlassian-connect.json');
    await client.openAndWait(uri, bitbucketDescriptor());
    const items = itemsOf(await client.completion(uri, positionOf(client.document(uri), '{ "key": "w"', 2)));
    assert.deepEqual(items, []);
  });
});

describe('LSP: a client whose JSON schema already describes the keys (VS Code)', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ initializationOptions: { schemaDescribesKeys: true } });
  });

  after(async () => {
    await client?.dispose();
  });

  it("leaves the key's hover to the schema and adds only what the value says", async () => {
    const uri = memoryUri('schema/hover/atlassian-connect.json');
    await client.openAndWait(uri, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
    const document = client.document(uri);
    assert.equal(await client.hover(uri, positionOf(document, '"forgeAppLink"', 3)), null);
    const text = markdown(await client.hover(uri, positionOf(document, 'console/install', 5)));
    assert.ok(text.includes(`App: \`${UUID}\``), text);
    assert.doesNotMatch(text, /\*\*forgeAppLink\*\*/);
  });

  it('leaves key completion in atlassian-connect.json to the schema', async () => {
    const uri = memoryUri('schema/complete/atlassian-connect.json');
    await client.openAndWait(uri, '{\n  "key": "a",\n  "contexts": ["account"],\n  ""\n}');
    const inside = positionOf(client.document(uri), '""', 1);
    assert.deepEqual(
      itemsOf(await client.completion(uri, inside)).map((item) => item.label),
      [],
    );
  });
});
