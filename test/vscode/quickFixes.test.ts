/** Quick fixes as VS Code collects and applies them, and fix-all on save. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  APP_ARI,
  APP_LINK,
  APP_UUID,
  FIX_ALL_KIND,
  applyAction,
  codes,
  hasCode,
  lacksCode,
  oneWithCode,
  open,
  quickFixesFor,
  readText,
  rootKeys,
  saveAll,
  scratchCopy,
  waitFor,
  waitForDiagnostics,
  writeText,
} from './helpers';

const FIXTURE = 'bitbucket-app/atlassian-connect.json';

describe('quick fixes', () => {
  afterEach(saveAll);

  it('moves the nested forgeAppId to the root, then makes the bare UUID the ARI; each diagnostic goes away', async () => {
    const document = await open(await scratchCopy(FIXTURE, 'quick-fix'));
    const original = document.getText();

    // 1. forge-key-nested → "Move forgeAppId to the root of the descriptor".
    const nested = oneWithCode(await waitForDiagnostics(document.uri, 'forge-key-nested', hasCode('forge-key-nested')), 'forge-key-nested');
    const nestedFixes = await quickFixesFor(document.uri, nested);
    const move = nestedFixes.find((a) => a.title === 'Move forgeAppId to the root of the descriptor');
    assert.ok(move, JSON.stringify(nestedFixes.map((a) => a.title)));
    assert.equal(move.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(move.isPreferred, true);
    await applyAction(document, move);

    const moved = document.getText();
    assert.deepEqual(rootKeys(moved).slice(0, 2), ['key', 'forgeAppId'], 'inserted right after "key"');
    assert.equal(moved.split('\n')[2], `  "forgeAppId": "${APP_UUID}",`, "in the file's indentation");
    const movedJson = JSON.parse(moved);
    assert.equal(movedJson.forgeAppId, APP_UUID);
    assert.deepEqual(movedJson.vendor, { name: 'Acme Software', url: 'https://acme.example.com' });
    const expected = JSON.parse(original);
    delete expected.vendor.forgeAppId;
    assert.deepEqual({ ...movedJson, forgeAppId: undefined }, { ...expected, forgeAppId: undefined }, 'nothing else changed');

    // 2. Now at the root, the bare UUID is checked: forge-app-id-invalid → "Make it the app ARI".
    const invalid = oneWithCode(
      await waitForDiagnostics(
        document.uri,
        'forge-app-id-invalid and no forge-key-nested',
        (ds) => lacksCode('forge-key-nested')(ds) && hasCode('forge-app-id-invalid')(ds),
      ),
      'forge-app-id-invalid',
    );
    assert.equal(document.getText(invalid.range), APP_UUID);
    const idFixes = await quickFixesFor(document.uri, invalid);
    const ari = idFixes.find((a) => a.title.startsWith('Make it the app ARI'));
    assert.ok(ari, JSON.stringify(idFixes.map((a) => a.title)));
    await applyAction(document, ari);
    assert.equal(document.getText(), moved.replace(`"forgeAppId": "${APP_UUID}"`, `"forgeAppId": "${APP_ARI}"`));

    await waitForDiagnostics(document.uri, 'no forge-app-id-invalid', lacksCode('forge-app-id-invalid'));
    assert.deepEqual(codes(document.uri), ['forge-app-link-missing']);
  });

  it('offers "Set forgeAppLink…" for the missing link, which runs the command (no edit of its own)', async () => {
    const document = await open(await scratchCopy(FIXTURE, 'set-link-fix'));
    const missing = oneWithCode(
      await waitForDiagnostics(document.uri, 'forge-app-link-missing', hasCode('forge-app-link-missing')),
      'forge-app-link-missing',
    );
    const fixes = await quickFixesFor(document.uri, missing);
    const set = fixes.find((a) => a.title === 'Set forgeAppLink…');
    assert.ok(set, JSON.stringify(fixes.map((a) => a.title)));
    assert.equal(set.edit, undefined);
    assert.equal(set.command?.command, 'connectForgeLink.setForgeAppLink');
  });

  it('offers "Set forgeAppLink…" on a link for another product, whose command replaces the value', async () => {
    const copy = await scratchCopy(FIXTURE, 'set-link-invalid');
    const jira = `https://developer.atlassian.com/console/install/${APP_UUID}?signature=s&product=jira`;
    await writeText(
      copy,
      (await readText(copy)).replace('"key": "acme-pr-insights",', `"key": "acme-pr-insights",\n  "forgeAppLink": "${jira}",`),
    );
    const document = await open(copy);
    const invalid = oneWithCode(
      await waitForDiagnostics(document.uri, 'forge-app-link-invalid', hasCode('forge-app-link-invalid')),
      'forge-app-link-invalid',
    );
    assert.equal(document.getText(invalid.range), 'product=jira');
    const fixes = await quickFixesFor(document.uri, invalid);
    const set = fixes.find((a) => a.title === 'Set forgeAppLink…');
    assert.ok(set?.command, JSON.stringify(fixes.map((a) => a.title)));
    assert.equal(set.isPreferred, true);
    assert.equal(set.command.command, 'connectForgeLink.setForgeAppLink');
    // What the input box would return, passed on as the command's link (the box itself is VS Code's UI).
    const result = await vscode.commands.executeCommand<{ changed: boolean; message: string }>(
      set.command.command,
      ...(set.command.arguments ?? []),
      APP_LINK,
    );
    assert.equal(result.changed, true, result.message);
    const json = JSON.parse(document.getText());
    assert.equal(json.forgeAppLink, APP_LINK, 'replaced in place');
    assert.equal(document.getText().split('"forgeAppLink"').length, 2, 'one forgeAppLink');
    await waitForDiagnostics(document.uri, 'no forge-app-link-invalid', lacksCode('forge-app-link-invalid'));
  });

  it('fix-all on save (editor.codeActionsOnSave) applies the safe fixes when the descriptor is saved', async () => {
    const document = await open(await scratchCopy(FIXTURE, 'fix-on-save'));
    await waitForDiagnostics(document.uri, 'forge-key-nested', hasCode('forge-key-nested'));

    // The fix-all kind is offered on its own.
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const fixAll = await waitFor('the fix-all action', async () => {
      try {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          whole,
          FIX_ALL_KIND,
        );
        return actions.length > 0 ? actions : undefined;
      } catch (error) {
        // A request the language client cancelled because newer diagnostics arrived: ask again.
        if (error instanceof Error && error.message === 'Canceled') return undefined;
        throw error;
      }
    });
    assert.deepEqual(
      fixAll.map((a) => a.kind?.value),
      [FIX_ALL_KIND],
    );

    const editor = vscode.workspace.getConfiguration('editor', document);
    await editor.update('codeActionsOnSave', { [FIX_ALL_KIND]: 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(
        'codeActionsOnSave to be set',
        () => {
          const value = vscode.workspace.getConfiguration('editor', document).get<Record<string, string>>('codeActionsOnSave');
          return value?.[FIX_ALL_KIND] === 'explicit';
        },
        { events: [vscode.workspace.onDidChangeConfiguration] },
      );

      // Make the document dirty (a save of an unchanged file runs no save participants).
      const edit = new vscode.WorkspaceEdit();
      const nameAt = document.getText().indexOf('Acme PR Insights');
      edit.insert(document.uri, document.positionAt(nameAt + 'Acme PR Insights'.length), ' (saved)');
      assert.equal(await vscode.workspace.applyEdit(edit), true);
      assert.equal(document.isDirty, true);
      assert.equal(await document.save(), true);
    } finally {
      await editor.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }

    const saved = document.getText();
    const json = JSON.parse(saved);
    assert.equal(json.name, 'Acme PR Insights (saved)');
    assert.equal(json.forgeAppId, APP_ARI, 'moved to the root and made the ARI');
    assert.equal(json.vendor.forgeAppId, undefined);
    assert.equal(json.forgeAppLink, undefined, 'inserting the link is not a safe fix');
    assert.equal(await readText(document.uri), saved, 'the fixes were saved to disk');
    await waitForDiagnostics(
      document.uri,
      'only forge-app-link-missing left',
      (ds) => ds.length === 1 && hasCode('forge-app-link-missing')(ds),
    );
  });
});
