/**
 * "Check the Served Descriptor…" run with arguments (the descriptor, the URL) against a server this
 * test starts on 127.0.0.1 in the extension host: the diagnostics it leaves on the local
 * descriptor, what a change of the file does to them, and what Restricted Mode asks before any
 * request is made. The time from the command to the diagnostics is printed (not asserted: timings
 * are the benchmark's business).
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { APP_ARI, APP_LINK, EXTENSION_ID, fileIn, open, readText, saveAll, scenario, waitFor, writeText } from './helpers';

const COMMAND = 'connectForgeLink.checkServedDescriptor';
const SERVED_SOURCE = 'connect-forge-link (served)';

interface Outcome {
  readonly status: 'ok' | 'failed' | 'cancelled';
  readonly message: string;
  readonly finalUrl?: string;
  readonly diagnostics?: number;
  readonly asked: readonly string[];
}

function servedDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SERVED_SOURCE);
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('Check the Served Descriptor', () => {
  let server: http.Server;
  let origin: string;
  const requests: http.IncomingHttpHeaders[] = [];
  let local: string;
  let descriptor: vscode.Uri;

  before(async () => {
    // The fixture with both keys at the root, as the repository has it after the walkthrough.
    const fixture = JSON.parse(await readText(fileIn('bitbucket-app/atlassian-connect.json'))) as Record<string, unknown>;
    // Without the fixture's forgeAppId nested in "vendor" (a finding of its own, served or not).
    delete (fixture.vendor as Record<string, unknown>).forgeAppId;
    const withKeys = { key: fixture.key, forgeAppLink: APP_LINK, forgeAppId: APP_ARI, ...fixture };
    local = `${JSON.stringify(withKeys, null, 2)}\n`;
    // Deployed before the link was added: the same without forgeAppLink.
    const deployedBefore: Record<string, unknown> = { ...withKeys };
    delete deployedBefore.forgeAppLink;
    const texts: Record<string, { type: string; body: string }> = {
      '/atlassian-connect.json': { type: 'application/json', body: JSON.stringify(deployedBefore) },
      '/agree.json': { type: 'application/json', body: JSON.stringify(withKeys) },
      '/login': { type: 'text/html', body: '<!DOCTYPE html><html><head><title>Sign in</title></head></html>' },
    };
    server = http.createServer((request, response) => {
      requests.push(request.headers);
      const text = texts[request.url ?? ''];
      response.writeHead(text ? 200 : 404, { 'content-type': text?.type ?? 'text/plain' });
      response.end(text?.body ?? 'not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    descriptor = fileIn('served/atlassian-connect.json');
    await writeText(descriptor, local);
  });

  after(async () => {
    await saveAll();
    await new Promise((resolve) => server.close(resolve));
  });

  if (scenario() === 'restricted') {
    it('in Restricted Mode shows the URL and asks before fetching; unconfirmed, nothing is requested', async () => {
      const document = await open(descriptor);
      const before = requests.length;
      const outcome = await vscode.commands.executeCommand<Outcome>(COMMAND, document.uri, `${origin}/atlassian-connect.json`);
      assert.deepEqual(outcome.asked, [`Restricted Mode: fetch ${origin}/atlassian-connect.json?`]);
      assert.equal(outcome.status, 'cancelled', outcome.message);
      assert.equal(requests.length, before, 'no request reached the server');
      assert.deepEqual(servedDiagnostics(document.uri), []);
    });
    return;
  }

  it('leaves the differences as diagnostics on the local descriptor, naming the URL; the time to them is printed', async () => {
    const document = await open(descriptor);
    const url = `${origin}/atlassian-connect.json`;
    const started = Date.now();
    const outcome = await vscode.commands.executeCommand<Outcome>(COMMAND, document.uri, url);
    const diagnostics = await waitFor('served diagnostics', () => {
      const found = servedDiagnostics(document.uri);
      return found.length > 0 ? found : undefined;
    });
    console.log(`    command → served diagnostics on the descriptor: ${Date.now() - started} ms (local server on 127.0.0.1)`);
    assert.equal(outcome.status, 'ok', outcome.message);
    assert.deepEqual(outcome.asked, [], 'a trusted workspace and http to this machine: nothing to ask');
    assert.equal(outcome.diagnostics, diagnostics.length);
    assert.match(
      outcome.message,
      new RegExp(`problems? in the descriptor served at ${url.replace(/[.]/g, '\\.')}, shown on served/atlassian-connect\\.json`),
    );

    const differs = diagnostics.find((d) => codeOf(d) === 'served-descriptor-differs');
    assert.ok(differs, JSON.stringify(diagnostics.map((d) => [codeOf(d), d.message])));
    assert.equal(document.lineAt(differs.range.start.line).text.trim().startsWith('"forgeAppLink"'), true, 'on the local forgeAppLink');
    assert.ok(differs.message.startsWith('The served descriptor has no forgeAppLink'), differs.message);
    assert.ok(differs.message.includes(`(served at ${url})`), differs.message);
    assert.ok(differs.message.includes('Deploy served/atlassian-connect.json before you update the installations'));
    assert.match(String(requests.at(-1)?.['user-agent']), /^connect-forge-link-vscode\/\d+\.\d+\.\d+ VS Code\//);
    assert.equal(requests.at(-1)?.cookie, undefined);
  });

  it('a change of the file clears them', async () => {
    const document = await open(descriptor);
    assert.ok(servedDiagnostics(document.uri).length > 0, 'left by the previous case');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.lineAt(document.lineCount - 1).range.end, '\n');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await waitFor('the served diagnostics cleared', () => servedDiagnostics(document.uri).length === 0);
  });

  it('a served descriptor that agrees leaves none, and says so', async () => {
    const document = await open(descriptor);
    const outcome = await vscode.commands.executeCommand<Outcome>(COMMAND, document.uri, `${origin}/agree.json`);
    assert.equal(outcome.status, 'ok', outcome.message);
    assert.equal(outcome.diagnostics, 0);
    assert.match(outcome.message, /serves the same key, forgeAppLink and forgeAppId as served\/atlassian-connect\.json, with no problems/);
    assert.deepEqual(servedDiagnostics(document.uri), []);
    // The walkthrough's "update the installations" step waits for this context key.
    const extension = vscode.extensions.getExtension<{ walkthroughContext(): Record<string, boolean> }>(EXTENSION_ID);
    await waitFor('connectForgeLink.servedAgrees', () => extension?.exports.walkthroughContext()['connectForgeLink.servedAgrees'] === true);
  });

  it('an HTML page instead of the descriptor is named as one', async () => {
    const document = await open(descriptor);
    const outcome = await vscode.commands.executeCommand<Outcome>(COMMAND, document.uri, `${origin}/login`);
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.message, /served an HTML page \("Sign in"\), not JSON/);
  });

  it('is offered as an action on baseUrl', async () => {
    const document = await open(descriptor);
    const line = [...Array(document.lineCount).keys()].find((i) => document.lineAt(i).text.includes('"baseUrl"'));
    assert.ok(line !== undefined);
    const actions = await waitFor('the action on baseUrl', async () => {
      const found = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        new vscode.Range(line, 6, line, 6),
      );
      return found.some((a) => a.title === 'Check the Served Descriptor…') ? found : undefined;
    });
    const action = actions.find((a) => a.title === 'Check the Served Descriptor…') as vscode.CodeAction;
    assert.equal(action.command?.command, COMMAND);
  });
});
