/**
 * Completion through the real server: the keys at the root with the commas their place needs
 * (every result parses), and their values as each kind of client gets them.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ParseError, parseTree } from 'jsonc-parser';
import { CompletionItem, CompletionItemKind, InsertTextFormat, Position } from 'vscode-languageserver-protocol/node';
import { LspClient, applyCompletion, coveredText, itemsOf } from '../support/lspClient';
import { ARI, LINK, OTHER_UUID, TempWorkspace, UUID, ari, bitbucketDescriptor, manifestText, memoryUri } from '../support/lspFixtures';

function parseErrors(text: string): ParseError[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: true });
  return errors;
}

/** The text without its `|` and the cursor's position there. */
function cursorAt(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the text marks the cursor');
  const before = marked.slice(0, offset).split('\n');
  return { text: marked.replace('|', ''), position: { line: before.length - 1, character: before[before.length - 1].length } };
}

describe('LSP: completion of the keys', () => {
  let client: LspClient;
  let count = 0;

  before(async () => {
    // As VS Code's client: its JSON schema describes the keys, and it still gets them completed here.
    client = await LspClient.start({ initializationOptions: { schemaDescribesKeys: true } });
  });

  after(async () => {
    await client?.dispose();
  });

  async function completeAt(marked: string): Promise<{ text: string; position: Position; items: CompletionItem[] }> {
    const { text, position } = cursorAt(marked);
    const uri = memoryUri(`completion/keys-${++count}/atlassian-connect.json`);
    await client.openAndWait(uri, text);
    return { text, position, items: itemsOf(await client.completion(uri, position)) };
  }

  // Every result must parse: [where, the text with its cursor, the text after accepting forgeAppLink].
  const table: [string, string, string][] = [
    [
      'as the first member',
      '{\n  |\n  "key": "a",\n  "contexts": ["account"]\n}',
      '{\n  "forgeAppLink": "",\n  "key": "a",\n  "contexts": ["account"]\n}',
    ],
    [
      'as a middle member',
      '{\n  "key": "a",\n  |\n  "contexts": ["account"]\n}',
      '{\n  "key": "a",\n  "forgeAppLink": "",\n  "contexts": ["account"]\n}',
    ],
    [
      'as the last member',
      '{\n  "key": "a",\n  "contexts": ["account"]\n  |\n}',
      '{\n  "key": "a",\n  "contexts": ["account"],\n  "forgeAppLink": ""\n}',
    ],
    ['in an empty object', '{\n  |\n}', '{\n  "forgeAppLink": ""\n}'],
    [
      'before a comment',
      '{\n  "key": "a",\n  |\n  // Bitbucket\n  "contexts": ["account"]\n}',
      '{\n  "key": "a",\n  "forgeAppLink": "",\n  // Bitbucket\n  "contexts": ["account"]\n}',
    ],
    [
      'in a file with trailing commas',
      '{\n  "key": "a",\n  "contexts": ["account",],\n  |\n}',
      '{\n  "key": "a",\n  "contexts": ["account",],\n  "forgeAppLink": ""\n}',
    ],
    [
      'after a member without a comma',
      '{\n  "key": "a"\n  |\n  "contexts": ["account"]\n}',
      '{\n  "key": "a",\n  "forgeAppLink": "",\n  "contexts": ["account"]\n}',
    ],
    [
      'after a typed quote',
      '{\n  "key": "a",\n  "|"\n  "contexts": ["account"]\n}',
      '{\n  "key": "a",\n  "forgeAppLink": "",\n  "contexts": ["account"]\n}',
    ],
  ];
  for (const [where, marked, expected] of table) {
    it(`inserts forgeAppLink ${where}, with the commas the place needs`, async () => {
      const { text, position, items } = await completeAt(marked);
      const link = items.find((i) => i.label === 'forgeAppLink');
      assert.ok(link, JSON.stringify(items.map((i) => i.label)));
      assert.equal(link.kind, CompletionItemKind.Property);
      assert.equal(link.insertTextFormat, InsertTextFormat.Snippet);
      assert.match(link.textEdit?.newText ?? '', /"forgeAppLink": "\$1",?$/, 'the cursor in the value');
      const after = applyCompletion(text, link, position);
      assert.equal(after, expected);
      assert.deepEqual(parseErrors(after), [], 'the result parses');
      const id = items.find((i) => i.label === 'forgeAppId');
      assert.ok(id);
      assert.deepEqual(parseErrors(applyCompletion(text, id, position)), [], 'forgeAppId too');
    });
  }

  it('replaces a key being typed, without a second value', async () => {
    const { text, position, items } = await completeAt('{\n  "key": "a",\n  "forgeA|": "",\n  "contexts": ["account"]\n}');
    const id = items.find((i) => i.label === 'forgeAppId');
    assert.ok(id?.textEdit && 'range' in id.textEdit, JSON.stringify(items));
    assert.equal(id.textEdit.newText, '"forgeAppId"');
    assert.equal(id.insertTextFormat, InsertTextFormat.PlainText);
    assert.equal(applyCompletion(text, id, position), '{\n  "key": "a",\n  "forgeAppId": "",\n  "contexts": ["account"]\n}');
  });

  it('offers only the key that is absent, and nothing when both are there', async () => {
    const link = await completeAt(`{\n  "key": "a",\n  "forgeAppLink": "${LINK}",\n  |\n}`);
    assert.deepEqual(
      link.items.map((i) => i.label),
      ['forgeAppId'],
    );
    const both = await completeAt(`{\n  "key": "a",\n  "forgeAppLink": "${LINK}",\n  "forgeAppId": "${ARI}",\n  |\n}`);
    assert.deepEqual(both.items, []);
  });

  it('offers nothing below the root', async () => {
    const { items } = await completeAt('{\n  "key": "a",\n  "modules": { "webItems": [{ "key": "w", | }] }\n}');
    assert.deepEqual(items, []);
  });
});

describe('LSP: completion of the values', () => {
  let workspace: TempWorkspace;
  let descriptor: string;

  before(() => {
    workspace = new TempWorkspace();
    descriptor = workspace.write('connect/atlassian-connect.json', bitbucketDescriptor());
    workspace.write('forge/manifest.yml', manifestText(ari(OTHER_UUID)));
  });

  after(() => workspace?.dispose());

  async function startIn(initializationOptions: object): Promise<LspClient> {
    return LspClient.start({
      rootUri: workspace.uri(),
      workspaceFolders: [{ uri: workspace.uri(), name: path.basename(workspace.root) }],
      initializationOptions,
    });
  }

  it('VS Code: "Set forgeAppLink…" on the link, which leaves the value to the command (no words of the file)', async () => {
    const client = await startIn({ interactiveFixes: true, watchesManifests: true, schemaDescribesKeys: true });
    try {
      const { text, position } = cursorAt(bitbucketDescriptor(['"forgeAppLink": "https://dev|",']));
      await client.openAndWait(descriptor, text);
      const items = itemsOf(await client.completion(descriptor, position));
      assert.deepEqual(
        items.map((i) => i.label),
        ['Set forgeAppLink…'],
      );
      assert.equal(items[0].command?.command, 'connectForgeLink.setForgeAppLink');
      assert.deepEqual(items[0].command?.arguments, [descriptor]);
      assert.equal(applyCompletion(text, items[0], position), text);
      const edit = items[0].textEdit;
      assert.ok(edit && 'range' in edit);
      assert.equal(coveredText(client.document(descriptor), edit.range), '"https://dev"');

      // forgeAppId takes app.id from the matched manifest.
      const id = cursorAt(bitbucketDescriptor(['"forgeAppId": "|",']));
      await client.change(descriptor, [{ text: id.text }]);
      const ids = itemsOf(await client.completion(descriptor, id.position));
      assert.deepEqual(
        ids.map((i) => i.label),
        [ari(OTHER_UUID)],
      );
      assert.equal(JSON.parse(applyCompletion(id.text, ids[0], id.position)).forgeAppId, ari(OTHER_UUID));
    } finally {
      await client.dispose();
    }
  });

  it("other clients: the console link of the matched manifest's app, with a placeholder signature to fill in", async () => {
    const client = await startIn({});
    try {
      const { text, position } = cursorAt(bitbucketDescriptor(['"forgeAppLink": |']));
      await client.openAndWait(descriptor, text);
      const items = itemsOf(await client.completion(descriptor, position));
      assert.equal(items.length, 1, JSON.stringify(items.map((i) => i.label)));
      assert.equal(items[0].insertTextFormat, InsertTextFormat.Snippet);
      assert.equal(
        items[0].textEdit?.newText,
        `"https://developer.atlassian.com/console/install/${OTHER_UUID}?signature=\${1:<signature>}&product=bitbucket",`,
      );
      const after = applyCompletion(text, items[0], position);
      assert.deepEqual(parseErrors(after), []);
      assert.equal(
        JSON.parse(after).forgeAppLink,
        `https://developer.atlassian.com/console/install/${OTHER_UUID}?signature=<signature>&product=bitbucket`,
      );
    } finally {
      await client.dispose();
    }
  });

  it('forgeAppId where no manifest matches: the ARI of the linked app (and the command in VS Code)', async () => {
    const client = await LspClient.start({ initializationOptions: { interactiveFixes: true } });
    try {
      const uri = memoryUri('completion/no-manifest/atlassian-connect.json');
      const { text, position } = cursorAt(bitbucketDescriptor([`"forgeAppLink": "${LINK}",`, '"forgeAppId": "|",']));
      await client.openAndWait(uri, text);
      const items = itemsOf(await client.completion(uri, position));
      assert.deepEqual(
        items.map((i) => i.label),
        [ARI, 'Insert forgeAppId from a manifest.yml…'],
      );
      assert.equal(JSON.parse(applyCompletion(text, items[0], position)).forgeAppId, ari(UUID));
      assert.equal(items[1].command?.command, 'connectForgeLink.insertForgeAppId');
    } finally {
      await client.dispose();
    }
  });
});
