/**
 * "Check the Served Descriptor…" run with arguments (the descriptor, the URL) against a server this
 * test starts on 127.0.0.1 in the extension host: the diagnostics it leaves on the local
 * descriptor, what a change of the file does to them, and what Restricted Mode asks before any
 * request is made. Its questions, input box and notification are answered through the extension's
 * API (replaceServedCheckUi), since a test cannot click a dialog: the prefilled and remembered URL,
 * "Check Again" and "Open Served", and Restricted Mode confirmed. The time from the command to the
 * diagnostics is printed (not asserted: timings are the benchmark's business).
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { APP_ARI, APP_LINK, EXTENSION_ID, fileIn, open, readText, saveAll, scenario, waitFor, writeText } from './helpers';

const COMMAND = 'connectForgeLink.checkServedDescriptor';
const SERVED_SOURCE = 'connect-forge-link (served)';

/** What replaceServedCheckUi takes (client/src/commands/servedCheckUi.ts). */
interface UrlBox {
  readonly value: string;
  readonly prompt: string;
  validate(input: string): string | undefined;
}

interface ServedCheckUi {
  confirm(question: string, detail: string, confirm: string): Promise<boolean>;
  askForUrl(box: UrlBox): Promise<string | undefined>;
  notify(kind: string, message: string, actions: readonly string[]): Promise<string | undefined>;
}

interface Api {
  walkthroughContext(): Record<string, boolean>;
  replaceServedCheckUi(ui: Partial<ServedCheckUi>): vscode.Disposable;
}

/** Runs `body` with the command's UI answered by `ui`, and VS Code's again afterwards. */
async function answeredBy<T>(ui: Partial<ServedCheckUi>, body: () => Thenable<T>): Promise<T> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(extension, EXTENSION_ID);
  const replaced = (await extension.activate()).replaceServedCheckUi(ui);
  try {
    return await body();
  } finally {
    replaced.dispose();
  }
}

/** The notification closed without an action. */
const dismissed = (): Promise<undefined> => Promise.resolve(undefined);

/** A notification as the command showed it. */
interface Shown {
  readonly kind: string;
  readonly message: string;
  readonly actions: readonly string[];
}

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
  const requests: { readonly url: string; readonly headers: http.IncomingHttpHeaders }[] = [];
  let local: string;
  let descriptor: vscode.Uri;
  /** The descriptor served at /agree.json (the same as the local one). */
  let agreeing: string;
  const requestsFor = (pathname: string) => requests.filter((r) => r.url === pathname).length;

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
    agreeing = JSON.stringify(withKeys);
    const texts: Record<string, { type: string; body: string }> = {
      '/atlassian-connect.json': { type: 'application/json', body: JSON.stringify(deployedBefore) },
      '/agree.json': { type: 'application/json', body: agreeing },
      '/login': { type: 'text/html', body: '<!DOCTYPE html><html><head><title>Sign in</title></head></html>' },
    };
    server = http.createServer((request, response) => {
      requests.push({ url: request.url ?? '', headers: request.headers });
      // Never answers: the connection is cut when the check gives up (or the server closes).
      if (request.url === '/slow') return;
      // Sends the check to plain http on another machine, which it refuses to follow (.invalid never resolves).
      if (request.url === '/to-elsewhere') {
        response.writeHead(302, { location: 'http://acme.invalid/atlassian-connect.json' });
        return void response.end();
      }
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
    server.closeAllConnections();
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

    it('in Restricted Mode, once confirmed, fetches and leaves the diagnostics', async () => {
      const document = await open(descriptor);
      const url = `${origin}/atlassian-connect.json`;
      const questions: string[] = [];
      const before = requestsFor('/atlassian-connect.json');
      const outcome = await answeredBy(
        {
          confirm: (question, detail, confirm) => {
            questions.push(question);
            assert.match(detail, /This workspace is not trusted/);
            assert.equal(confirm, 'Fetch');
            return Promise.resolve(true);
          },
          notify: dismissed,
        },
        () => vscode.commands.executeCommand<Outcome>(COMMAND, document.uri, url),
      );
      assert.deepEqual(questions, [`Restricted Mode: fetch ${url}?`]);
      assert.deepEqual(outcome.asked, questions);
      assert.equal(outcome.status, 'ok', outcome.message);
      assert.equal(requestsFor('/atlassian-connect.json'), before + 1, 'fetched once, after the answer');
      const differs = servedDiagnostics(document.uri).find((d) => codeOf(d) === 'served-descriptor-differs');
      assert.ok(differs?.message.startsWith('The served descriptor has no forgeAppLink'), JSON.stringify(servedDiagnostics(document.uri)));
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
    assert.match(String(requests.at(-1)?.headers['user-agent']), /^connect-forge-link-vscode\/\d+\.\d+\.\d+ VS Code\//);
    assert.equal(requests.at(-1)?.headers.cookie, undefined);
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
    const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
    await waitFor('connectForgeLink.servedAgrees', () => extension?.exports.walkthroughContext()['connectForgeLink.servedAgrees'] === true);
  });

  it('an HTML page instead of the descriptor is named as one', async () => {
    const document = await open(descriptor);
    const outcome = await vscode.commands.executeCommand<Outcome>(COMMAND, document.uri, `${origin}/login`);
    assert.equal(outcome.status, 'failed');
    assert.match(outcome.message, /served an HTML page \("Sign in"\), not JSON/);
  });

  it('without a URL, the input box is prefilled from baseUrl, then with the URL last checked for that descriptor', async () => {
    // A descriptor of its own, whose baseUrl is the test's server: nothing was checked for it yet.
    const other = fileIn('served-remembered/atlassian-connect.json');
    await writeText(other, local.replace('"https://pr-insights.acme.example.com"', JSON.stringify(origin)));
    const document = await open(other);
    const boxes: UrlBox[] = [];
    const answers = [`${origin}/agree.json`, undefined];
    const run = () =>
      answeredBy(
        {
          askForUrl: (box) => {
            boxes.push(box);
            return Promise.resolve(answers.shift());
          },
          notify: dismissed,
        },
        () => vscode.commands.executeCommand<Outcome>(COMMAND, document.uri),
      );
    // The other descriptor's last URL is its own, not this one's.
    await answeredBy({ notify: dismissed }, () =>
      vscode.commands.executeCommand<Outcome>(COMMAND, descriptor, `${origin}/atlassian-connect.json`),
    );

    const first = await run();
    assert.equal(first.status, 'ok', first.message);
    assert.equal(first.finalUrl, `${origin}/agree.json`);
    assert.equal(boxes[0].value, `${origin}/atlassian-connect.json`, 'baseUrl + /atlassian-connect.json');
    assert.match(boxes[0].prompt, /The URL served-remembered\/atlassian-connect\.json is served at/);
    assert.equal(boxes[0].validate(''), 'The URL of the served atlassian-connect.json');
    assert.match(boxes[0].validate('ftp://acme.example.com/x') ?? '', /ftp: URLs are not fetched/);
    assert.equal(boxes[0].validate(`${origin}/x`), undefined);

    const second = await run();
    assert.equal(second.status, 'cancelled', 'the box was dismissed');
    assert.equal(boxes[1].value, `${origin}/agree.json`, 'the URL last checked for this descriptor');
  });

  it('"Check Again" checks again, "Open Served" shows what was served, read-only and from memory', async () => {
    const document = await open(descriptor);
    const shown: Shown[] = [];
    const choices = ['Check Again', 'Open Served'];
    const before = requestsFor('/agree.json');
    const outcome = await answeredBy(
      {
        notify: (kind, message, actions) => {
          shown.push({ kind, message, actions });
          return Promise.resolve(choices.shift());
        },
      },
      async () => {
        const first = await vscode.commands.executeCommand<Outcome>(COMMAND, document.uri, `${origin}/agree.json`);
        // The second check (Check Again) shows its own notification, answered with Open Served.
        await waitFor('the served text in an editor', () =>
          vscode.window.visibleTextEditors.find((editor) => editor.document.uri.scheme === 'connect-forge-served'),
        );
        return first;
      },
    );
    assert.equal(outcome.status, 'ok', outcome.message);
    assert.equal(requestsFor('/agree.json'), before + 2, 'fetched again by Check Again');
    assert.equal(shown.length, 2);
    for (const notification of shown) {
      assert.equal(notification.kind, 'info');
      assert.deepEqual(notification.actions, ['Check Again', 'Open Served']);
      assert.match(notification.message, /serves the same key, forgeAppLink and forgeAppId as served\/atlassian-connect\.json/);
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'connect-forge-served');
    assert.ok(editor);
    assert.equal(editor.document.getText(), agreeing);
    assert.equal(editor.document.languageId, 'json');
    assert.equal(editor.document.uri.path, `/${new URL(origin).host}/agree.json`, 'named by where it was served');
    assert.equal(editor.document.isUntitled, false, 'not an untitled file, which VS Code would back up to disk');
    // Shown, not edited: no fix or command is offered there (an edit would fail on it, and a served
    // check from its baseUrl would check the copy).
    const whole = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      whole,
    );
    assert.deepEqual(
      actions.map((action) => action.title).filter((title) => title !== 'Sort JSON'), // VS Code's JSON support's own
      [],
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('plain http to another machine is asked about first; declined, nothing is fetched', async () => {
    const document = await open(descriptor);
    const url = 'http://acme.invalid/atlassian-connect.json';
    const questions: string[] = [];
    const outcome = await answeredBy(
      {
        confirm: (question, _detail, confirm) => {
          questions.push(question);
          assert.equal(confirm, 'Fetch over http');
          return Promise.resolve(false);
        },
      },
      () => vscode.commands.executeCommand<Outcome>(COMMAND, document.uri, url),
    );
    assert.deepEqual(questions, [`${url} is plain http and not on this machine. Fetch it anyway?`]);
    assert.deepEqual(outcome.asked, questions);
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.message, 'Not fetched: plain http was not confirmed.');
  });

  it('an http URL on this machine needs no question, and its redirect to plain http elsewhere is refused, not followed', async () => {
    const document = await open(descriptor);
    const questions: string[] = [];
    const outcome = await answeredBy(
      {
        confirm: (question) => {
          questions.push(question);
          return Promise.resolve(true);
        },
        notify: dismissed,
      },
      () => vscode.commands.executeCommand<Outcome>(COMMAND, document.uri, `${origin}/to-elsewhere`),
    );
    assert.equal(outcome.status, 'failed');
    assert.match(
      outcome.message,
      /redirects to http:\/\/acme\.invalid\/atlassian-connect\.json, which is not fetched: .*plain http: and not on this machine/,
    );
    assert.deepEqual(questions, [], 'nothing was asked: the URL given was on this machine');
    assert.deepEqual(outcome.asked, []);
  });

  it('connectForgeLink.servedTimeout is the time it waits', async () => {
    const document = await open(descriptor);
    const settings = vscode.workspace.getConfiguration('connectForgeLink');
    await settings.update('servedTimeout', 1, vscode.ConfigurationTarget.Workspace);
    try {
      const started = Date.now();
      const outcome = await answeredBy({ notify: dismissed }, () =>
        vscode.commands.executeCommand<Outcome>(COMMAND, document.uri, `${origin}/slow`),
      );
      const waited = Date.now() - started;
      assert.equal(outcome.status, 'failed');
      assert.match(outcome.message, /\/slow did not answer within 1 s \(timeout\).*connectForgeLink\.servedTimeout \(now 1 s\)/);
      assert.ok(waited < 10_000, `gave up after the setting's 1 s, not the default 10 s (${waited} ms)`);
    } finally {
      await settings.update('servedTimeout', undefined, vscode.ConfigurationTarget.Workspace);
    }
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
