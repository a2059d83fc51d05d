/**
 * Fix-all as one edit per fixed place (issue 15 §6), as ESLint's fix-all returns it: the editor
 * then changes only those places, so markers, folding and breakpoints between them stay, and undo
 * shows what was fixed. Both ways a client asks: source.fixAll (what fix-on-save sends) and the
 * quick fix "Fix all" beside a diagnostic; with plain and with versioned edits.
 */
import * as assert from 'node:assert/strict';
import { CodeAction, CodeActionKind, Range, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, actionsOf, applyTextEdits, editsFor, oneWithCode } from '../support/lspClient';
import { ARI, LINK, memoryUri } from '../support/lspFixtures';

const FIX_ALL = 'source.fixAll.connectForgeLink';

/**
 * Three places to fix, each far from the others: a misspelled key, a link with stray spaces, and a
 * nested copy of the link (removed once the root's link is fixed, by fix-all's second pass).
 */
const BEFORE = [
  '{',
  '  "key": "my-app",',
  `  "forgeAppID": "${ARI}",`,
  '  "name": "My app",',
  '  "contexts": ["account"],',
  `  "forgeAppLink": " ${LINK}",`,
  '  "scopes": ["repository"],',
  '  "vendor": {',
  '    "name": "Me",',
  `    "forgeAppLink": "${LINK}"`,
  '  }',
  '}',
  '',
].join('\n');
const AFTER = [
  '{',
  '  "key": "my-app",',
  `  "forgeAppId": "${ARI}",`,
  '  "name": "My app",',
  '  "contexts": ["account"],',
  `  "forgeAppLink": "${LINK}",`,
  '  "scopes": ["repository"],',
  '  "vendor": {',
  '    "name": "Me"',
  '  }',
  '}',
  '',
].join('\n');

function wholeDocument(text: string): Range {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

/** The edits give AFTER, do not overlap, each changes only what differs, and none spans two places. */
function assertOneEditPerPlace(document: TextDocument, edits: readonly TextEdit[]): void {
  const text = document.getText();
  assert.equal(applyTextEdits(text, edits), AFTER);
  const spans = edits
    .map((edit) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => a.start - b.start);
  assert.ok(spans.length >= 3, `one edit per place, got ${JSON.stringify(edits)}`);
  spans.forEach((span, i) => {
    if (i > 0) assert.ok(spans[i - 1].end <= span.start, 'the edits do not overlap');
    const replaced = text.slice(span.start, span.end);
    if (replaced && span.newText) {
      assert.notEqual(replaced[0], span.newText[0], `edit ${i} starts where the text changes`);
      assert.notEqual(replaced[replaced.length - 1], span.newText[span.newText.length - 1], `edit ${i} ends where it changes`);
    }
  });
  // The lines between the places are in no edit's range.
  for (const kept of ['  "name": "My app",', '  "contexts": ["account"],', '  "scopes": ["repository"],']) {
    const at = text.indexOf(kept);
    assert.ok(!spans.some((span) => span.start < at + kept.length && at < span.end), `no edit covers ${kept}`);
  }
}

for (const documentChanges of [false, true]) {
  describe(`LSP: fix-all as one edit per place${documentChanges ? ' (versioned edits)' : ''}`, () => {
    let client: LspClient;

    before(async () => {
      client = await LspClient.start({ documentChanges });
    });

    after(async () => {
      await client?.dispose();
    });

    it('source.fixAll, as fix-on-save asks for it', async () => {
      const uri = memoryUri(`fix-all-edits/${documentChanges}/save/atlassian-connect.json`);
      await client.openAndWait(uri, BEFORE);
      const actions = actionsOf(await client.codeActions(uri, wholeDocument(BEFORE), [], [CodeActionKind.SourceFixAll]));
      assert.deepEqual(
        actions.map((a) => a.kind),
        [FIX_ALL],
      );
      assertOneEditPerPlace(client.document(uri), editsFor(actions[0].edit, uri));
    });

    it('the quick fix "Fix all" beside a diagnostic', async () => {
      const uri = memoryUri(`fix-all-edits/${documentChanges}/quick/atlassian-connect.json`);
      const { diagnostics } = await client.openAndWait(uri, BEFORE);
      const misspelled = oneWithCode(diagnostics, 'forge-key-misspelled');
      const actions = actionsOf(await client.codeActions(uri, misspelled.range, [misspelled]));
      const fixAll = actions.find((a: CodeAction) => a.kind === CodeActionKind.QuickFix && /^Fix all/.test(a.title));
      assert.ok(fixAll, JSON.stringify(actions.map((a) => a.title)));
      assertOneEditPerPlace(client.document(uri), editsFor(fixAll.edit, uri));
    });
  });
}
