/** Hover on the two keys and their values (completion: completion.test.ts). */
import * as assert from 'node:assert/strict';
import { Hover, MarkupContent, MarkupKind, Position } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, coveredText } from '../support/lspClient';
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
});
