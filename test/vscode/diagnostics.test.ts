/** Diagnostics as VS Code shows them: source, code, severity, range; by product and by file name. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, codes, fileIn, hasCode, lacksCode, oneWithCode, open, ours, waitForDiagnostics } from './helpers';

describe('diagnostics', () => {
  it('a Bitbucket descriptor without forgeAppLink gets forge-app-link-missing from connect-forge-link', async () => {
    const document = await open(fileIn('bitbucket-app/atlassian-connect.json'));
    const diagnostics = await waitForDiagnostics(
      document.uri,
      'forge-app-link-missing and forge-key-nested',
      (ds) => hasCode('forge-app-link-missing')(ds) && hasCode('forge-key-nested')(ds),
    );
    const missing = oneWithCode(diagnostics, 'forge-app-link-missing');
    assert.equal(missing.source, 'connect-forge-link');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(missing.message, /^No forgeAppLink: admins will not see "Get the Forge app"\. /);
    // On the name of "key", where the eye goes (never the brace the cursor opens on).
    assert.equal(document.getText(missing.range), '"key"');
    assert.equal(missing.range.start.line, 1);
    const target = typeof missing.code === 'object' ? missing.code.target : undefined;
    assert.ok(target && /forge-app-link-missing/.test(target.toString()), `code target: ${String(target)}`);

    const nested = oneWithCode(diagnostics, 'forge-key-nested');
    assert.equal(document.getText(nested.range), '"forgeAppId"');
    assert.equal(nested.range.start.line, 7);
  });

  it('a Jira descriptor gets no forgeAppLink or forgeAppId warnings, only the note that Jira ignores the key', async () => {
    const document = await open(fileIn('jira-app/atlassian-connect.json'));
    // forge-key-unused shows that the server has checked the file (and took it for Jira's).
    const diagnostics = await waitForDiagnostics(document.uri, 'forge-key-unused', hasCode('forge-key-unused'));
    assert.deepEqual(
      diagnostics.map((d) => codeOf(d)),
      ['forge-key-unused'],
    );
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Information);
    assert.ok(lacksCode('forge-app-link-missing')(ours(document.uri)));
  });

  it('an unrelated JSON file is not checked, until connectForgeLink.descriptorGlobs names it', async () => {
    const document = await open(fileIn('other.json'));
    const settings = vscode.workspace.getConfiguration('connectForgeLink', document.uri);
    try {
      await settings.update('descriptorGlobs', ['**/other.json'], vscode.ConfigurationTarget.Workspace);
      // Proof that the server sees the file: with the glob it is a (Bitbucket) descriptor.
      await waitForDiagnostics(document.uri, 'diagnostics once descriptorGlobs names the file', hasCode('forge-app-link-missing'));
    } finally {
      await settings.update('descriptorGlobs', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(document.uri, 'no diagnostics once the glob is gone', (ds) => ds.length === 0);
    assert.deepEqual(codes(document.uri), []);
  });
});
