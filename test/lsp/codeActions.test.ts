/** Quick fixes and fix-all served as code actions, their edits applied the way an editor does. */
import * as assert from 'node:assert/strict';
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-protocol/node';
import { LspClient, messageOf, actionsOf, applyTextEdits, coveredText, editsFor, lacks, oneWithCode, withCode } from '../support/lspClient';
import { ARI, LINK, SIGNATURE, UUID, bitbucketDescriptor, memoryUri } from '../support/lspFixtures';

const FIX_ALL = 'source.fixAll.connectForgeLink';

function wholeDocument(text: string): Range {
  const lines = text.split(/\r\n|\r|\n/);
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

function quickFixes(actions: CodeAction[], diagnostic: Diagnostic): CodeAction[] {
  return actions.filter((a) => a.kind === CodeActionKind.QuickFix && a.diagnostics?.some((d) => d.code === diagnostic.code));
}

describe('LSP: code actions', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    await client?.dispose();
  });

  it('makes a bare UUID the app ARI, after which the diagnostic and the fix are gone', async () => {
    const uri = memoryUri('actions/bare/atlassian-connect.json');
    const before = bitbucketDescriptor([`"forgeAppLink": "${LINK}",`, `"forgeAppId": "${UUID}",`]);
    const { diagnostics } = await client.openAndWait(uri, before);
    const invalid = oneWithCode(diagnostics, 'forge-app-id-invalid');
    assert.equal(coveredText(client.document(uri), invalid.range), UUID);

    const actions = actionsOf(await client.codeActions(uri, invalid.range, [invalid]));
    const fixes = quickFixes(actions, invalid);
    assert.equal(fixes.length, 1, JSON.stringify(actions.map((a) => a.title)));
    const fix = fixes[0];
    assert.match(fix.title, /^Make it the app ARI/);
    assert.ok(fix.title.includes('ari:cloud:ecosystem::app/'), fix.title);
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [invalid]);
    const edits = editsFor(fix.edit, uri);
    const after = applyTextEdits(before, edits);
    assert.equal(after, before.replace(`"forgeAppId": "${UUID}"`, `"forgeAppId": "${ARI}"`));

    const version = await client.applyEdits(uri, edits);
    assert.equal(client.text(uri), after, 'the editor applied the same edits');
    const fixed = await client.diagnostics(uri, { version });
    assert.deepEqual(fixed.diagnostics, []);

    // The same request again (the stale diagnostic, as an editor may still send it): nothing to do.
    const again = actionsOf(await client.codeActions(uri, invalid.range, [invalid]));
    assert.deepEqual(again, []);
    const fixAll = actionsOf(await client.codeActions(uri, wholeDocument(after), [], [FIX_ALL]));
    assert.deepEqual(fixAll, []);
  });

  it('fixes all safe problems in one source.fixAll action, keeping CRLF and tabs', async () => {
    const uri = memoryUri('actions/fixall/atlassian-connect.json');
    const spaced = ` https://developer.atlassian.com/console/install/${UUID}?signature=${SIGNATURE}&amp;product=bitbucket `;
    const lines = (forgeAppId: boolean, link: string, nestedId: boolean) =>
      [
        '{',
        '\t"key": "my-app",',
        ...(forgeAppId ? [`\t"forgeAppId": "${ARI}",`] : []),
        '\t"name": "My app",',
        `\t"forgeAppLink": "${link}",`,
        '\t"contexts": ["account"],',
        '\t"scopes": ["repository"],',
        '\t"vendor": {',
        nestedId ? '\t\t"name": "Me",' : '\t\t"name": "Me"',
        ...(nestedId ? [`\t\t"forgeAppId": "${UUID}"`] : []),
        '\t}',
        '}',
        '',
      ].join('\r\n');
    const before = lines(false, spaced, true);
    const { diagnostics } = await client.openAndWait(uri, before);
    assert.equal(withCode(diagnostics, 'forge-app-link-invalid').length, 2, JSON.stringify(diagnostics.map((d) => d.message)));
    assert.equal(withCode(diagnostics, 'forge-key-nested').length, 1);

    const actions = actionsOf(await client.codeActions(uri, wholeDocument(before), [], [FIX_ALL]));
    assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
    const [fixAll] = actions;
    assert.equal(fixAll.kind, FIX_ALL);
    const after = applyTextEdits(before, editsFor(fixAll.edit, uri));
    assert.equal(after, lines(true, LINK, false));
    assert.ok(!/(^|[^\r])\n/.test(after), 'no bare LF');

    // The generic kind asks for it too; quick fixes are not mixed in.
    const bySource = actionsOf(await client.codeActions(uri, wholeDocument(before), [], [CodeActionKind.SourceFixAll]));
    assert.deepEqual(
      bySource.map((a) => a.kind),
      [FIX_ALL],
    );

    const version = await client.applyEdits(uri, editsFor(fixAll.edit, uri));
    const fixed = await client.diagnostics(uri, { version });
    assert.deepEqual(fixed.diagnostics, []);
    assert.deepEqual(actionsOf(await client.codeActions(uri, wholeDocument(after), [], [FIX_ALL])), []);
  });

  it('offers a quick fix to fix everything when several safe problems are found', async () => {
    const uri = memoryUri('actions/several/atlassian-connect.json');
    const before = bitbucketDescriptor([`"forgeAppLink": " ${LINK}",`, `"forgeAppId": "${UUID}",`]);
    const { diagnostics } = await client.openAndWait(uri, before);
    const invalid = oneWithCode(diagnostics, 'forge-app-id-invalid');
    const actions = actionsOf(await client.codeActions(uri, invalid.range, [invalid]));
    assert.deepEqual(
      actions.map((a) => a.kind),
      [CodeActionKind.QuickFix, CodeActionKind.QuickFix],
    );
    const all = actions.find((a) => a.title.startsWith('Fix all'));
    assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
    const after = applyTextEdits(before, editsFor(all.edit, uri));
    assert.equal(after, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`, `"forgeAppId": "${ARI}",`]));
  });

  it('inserts a placeholder link right after "key", which the link rule then flags', async () => {
    const uri = memoryUri('actions/placeholder/atlassian-connect.json');
    const before = bitbucketDescriptor();
    const { diagnostics } = await client.openAndWait(uri, before);
    const missing = oneWithCode(diagnostics, 'forge-app-link-missing');
    const actions = quickFixes(actionsOf(await client.codeActions(uri, missing.range, [missing])), missing);
    assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
    const [insert] = actions;
    assert.equal(insert.title, 'Insert forgeAppLink (fill in the link from the developer console)');
    assert.equal(insert.isPreferred, true);
    assert.equal(insert.command, undefined);
    const edits = editsFor(insert.edit, uri);
    const placeholder = 'https://developer.atlassian.com/console/install/<app-id>?signature=<signature>&product=bitbucket';
    const after = applyTextEdits(before, edits);
    assert.equal(
      after,
      ['{', '  "key": "my-app",', `  "forgeAppLink": "${placeholder}",`, '  "name": "My app",'].join('\n') +
        before.slice(before.indexOf('\n  "baseUrl"')),
    );

    const version = await client.applyEdits(uri, edits);
    const { diagnostics: flagged } = await client.diagnostics(uri, { version });
    assert.ok(lacks('forge-app-link-missing')(flagged));
    const invalid = flagged.filter((d) => d.code === 'forge-app-link-invalid');
    const document = client.document(uri);
    assert.deepEqual(invalid.map((d) => coveredText(document, d.range)).sort(), ['<app-id>', '<signature>']);
    assert.ok(
      invalid.every((d) => /placeholder/.test(messageOf(d)) && d.severity === DiagnosticSeverity.Warning),
      JSON.stringify(invalid),
    );
  });

  it('puts the app id of forgeAppId into the placeholder link', async () => {
    const uri = memoryUri('actions/placeholder-id/atlassian-connect.json');
    const before = bitbucketDescriptor([`"forgeAppId": "${ARI}",`]);
    const { diagnostics } = await client.openAndWait(uri, before);
    const missing = oneWithCode(diagnostics, 'forge-app-link-missing');
    const [insert] = quickFixes(actionsOf(await client.codeActions(uri, missing.range, [missing])), missing);
    assert.ok(insert);
    const after = applyTextEdits(before, editsFor(insert.edit, uri));
    assert.ok(
      after.includes(
        `  "key": "my-app",\n  "forgeAppLink": "https://developer.atlassian.com/console/install/${UUID}?signature=<signature>&product=bitbucket",\n  "forgeAppId"`,
      ),
      after,
    );
  });
});

describe('LSP: code actions for a client that asks for the link', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ initializationOptions: { interactiveFixes: true }, documentChanges: true });
  });

  after(async () => {
    await client?.dispose();
  });

  it('offers the Set forgeAppLink command instead of a placeholder', async () => {
    const uri = memoryUri('interactive/atlassian-connect.json');
    const { diagnostics } = await client.openAndWait(uri, bitbucketDescriptor());
    const missing = oneWithCode(diagnostics, 'forge-app-link-missing');
    const actions = quickFixes(actionsOf(await client.codeActions(uri, missing.range, [missing])), missing);
    assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
    const [set] = actions;
    assert.equal(set.title, 'Set forgeAppLink…');
    assert.equal(set.isPreferred, true);
    assert.equal(set.edit, undefined);
    assert.equal(set.command?.command, 'connectForgeLink.setForgeAppLink');
    assert.deepEqual(set.command?.arguments, [uri]);
  });

  it('sends versioned document edits when the client supports them', async () => {
    const uri = memoryUri('interactive/versioned/atlassian-connect.json');
    const before = bitbucketDescriptor([`"forgeAppLink": "${LINK}",`, `"forgeAppId": "${UUID}",`]);
    const { diagnostics } = await client.openAndWait(uri, before);
    const invalid = oneWithCode(diagnostics, 'forge-app-id-invalid');
    const [fix] = quickFixes(actionsOf(await client.codeActions(uri, invalid.range, [invalid])), invalid);
    assert.ok(fix?.edit?.documentChanges, JSON.stringify(fix));
    const [change] = fix.edit.documentChanges;
    assert.ok('textDocument' in change);
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.equal(applyTextEdits(before, editsFor(fix.edit, uri)), before.replace(`"forgeAppId": "${UUID}"`, `"forgeAppId": "${ARI}"`));
  });
});

describe('LSP: the served-descriptor check offered on baseUrl', () => {
  const uri = memoryUri('served-action/atlassian-connect.json');
  const text = bitbucketDescriptor();
  const baseUrlLine = text.split('\n').findIndex((line) => line.includes('"baseUrl"'));
  const at = (line: number) => ({ start: { line, character: 5 }, end: { line, character: 5 } });
  const titles = (actions: unknown) => ((actions ?? []) as { title: string }[]).map((a) => a.title);

  it('to a client that has the command, on baseUrl only, as a command with the descriptor', async () => {
    const client = await LspClient.start({ initializationOptions: { checksServed: true } });
    try {
      await client.openAndWait(uri, text);
      const actions = (await client.codeActions(uri, at(baseUrlLine), [])) as {
        title: string;
        command?: { command: string; arguments?: unknown[] };
      }[];
      const check = actions.find((a) => a.title === 'Check the Served Descriptor…');
      assert.ok(check, JSON.stringify(actions));
      assert.deepEqual(check.command, {
        title: 'Check the Served Descriptor…',
        command: 'connectForgeLink.checkServedDescriptor',
        arguments: [uri],
      });
      assert.ok(!titles(await client.codeActions(uri, at(1), [])).includes('Check the Served Descriptor…'), 'not on "key"');
      assert.deepEqual(titles(await client.codeActions(uri, at(baseUrlLine), [], ['quickfix'])), [], 'not a quick fix');
      assert.deepEqual(titles(await client.codeActions(uri, at(baseUrlLine), [], ['source'])), [], 'not a source action');
    } finally {
      await client.dispose();
    }
  });

  it('never to a client without it', async () => {
    const client = await LspClient.start({ initializationOptions: { interactiveFixes: true } });
    try {
      await client.openAndWait(uri, text);
      assert.deepEqual(titles(await client.codeActions(uri, at(baseUrlLine), [])), []);
    } finally {
      await client.dispose();
    }
  });
});
