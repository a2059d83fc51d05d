/**
 * "Check the Served Descriptor…": fetches the descriptor the app serves, here in the extension
 * host with VS Code's own fetch (so that the editor's proxy settings apply), has the server check
 * it with the core of the CLI's --served (every rule, the comparison with the descriptor and its
 * manifest), and shows the findings as diagnostics on the local descriptor until the next check or
 * a change of the file.
 *
 * Nothing is fetched without the user's action: the command runs from the palette, the code action
 * on `baseUrl`, or another extension. In Restricted Mode, and for plain http to another machine, it
 * shows the URL and asks first (a workspace could plant a baseUrl that points inside the user's
 * network). Nothing fetched is run or written to disk: "Open Served" shows it from memory.
 *
 * Arguments (the descriptor's URI, the URL) skip the input box, for tests, other extensions and the
 * descriptor's status item; the Restricted Mode question is asked all the same.
 *
 * This module is a bundle of its own (client/out/servedCheck.js), loaded by registerCheckServed.ts
 * on the command's first run: activation reads none of it.
 */
import * as vscode from 'vscode';
import {
  CHECK_SERVED_COMMAND,
  DEFAULT_TIMEOUT_MS,
  FetchFailure,
  FetchFunction,
  FetchResponse,
  PlacedFinding,
  Severity,
  UrlPolicy,
  checkServedUrl,
  comparedKeysPhrase,
  fetchServed,
  formatSeconds,
  ruleDocsUrl,
} from 'connect-forge-link-core';
import { notAnObjectMessage, notOpenMessage, resolveDescriptor } from '../descriptorTarget';
import type { ServerRequests } from '../serverRequests';
import { ServedDocuments } from '../servedDocuments';
import type { NotificationKind, ServedCheckUi } from './servedCheckUi';

export const SERVED_DIAGNOSTIC_SOURCE = 'connect-forge-link (served)';
/** Where the last URL checked for a descriptor is remembered (workspace state, per descriptor). */
const LAST_URL_KEY = 'connectForgeLink.servedUrl';
const TIMEOUT_SETTING = 'servedTimeout';

/** What the command did, also returned to its callers. */
export interface ServedCheckOutcome {
  readonly status: 'ok' | 'failed' | 'cancelled';
  /** The one line the notification shows. */
  readonly message: string;
  readonly url?: string;
  /** Where the descriptor was served after the redirects. */
  readonly finalUrl?: string;
  /** How many diagnostics the check left on the local descriptor. */
  readonly diagnostics?: number;
  /** The questions asked before fetching (Restricted Mode, plain http), as shown. */
  readonly asked: readonly string[];
}

/** VS Code's own dialogs, input box and notifications: what the user sees unless a test replaced them. */
const VSCODE_UI: ServedCheckUi = {
  async confirm(question, detail, confirm) {
    try {
      return (await vscode.window.showWarningMessage(question, { modal: true, detail }, confirm)) === confirm;
    } catch {
      // A dialog that cannot be shown (a test run refuses them) is no confirmation.
      return false;
    }
  },
  async askForUrl(box) {
    return vscode.window.showInputBox({
      title: 'Check the Served Descriptor',
      prompt: box.prompt,
      value: box.value,
      placeHolder: 'https://your-app.example.com/atlassian-connect.json',
      ignoreFocusOut: true,
      validateInput: (input) => box.validate(input),
    });
  },
  async notify(kind, message, actions) {
    const show =
      kind === 'info'
        ? vscode.window.showInformationMessage
        : kind === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showErrorMessage;
    return show(message, ...actions);
  },
};

export class ServedCheck implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection(SERVED_DIAGNOSTIC_SOURCE);
  private readonly served = new ServedDocuments();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: ServerRequests,
    /** What replaces VS Code's dialogs, read at each use (the extension's API can change it at any time). */
    private readonly replaced: () => Partial<ServedCheckUi> = () => ({}),
  ) {
    this.subscriptions = [
      // The findings are of the descriptor as it was checked: a change of the file clears them.
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.diagnostics.delete(event.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.diagnostics.delete(document.uri)),
    ];
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.diagnostics.dispose();
    this.served.dispose();
  }

  private get ui(): ServedCheckUi {
    // A replacement's missing (or undefined) members leave VS Code's own in place.
    const replaced = Object.entries(this.replaced()).filter(([, member]) => member !== undefined);
    return { ...VSCODE_UI, ...Object.fromEntries(replaced) };
  }

  async run(target: unknown, givenUrl: string | undefined): Promise<ServedCheckOutcome> {
    const asked: string[] = [];
    const document = await resolveDescriptor(target);
    if (!document) return { status: 'cancelled', message: 'No descriptor was chosen.', asked };
    const label = vscode.workspace.asRelativePath(document.uri);
    const state = await this.server.descriptorState(document);
    if (state.status !== 'ok') {
      return this.failed(
        state.status === 'not-an-object'
          ? notAnObjectMessage(document, 'it cannot be compared with the served descriptor')
          : notOpenMessage(document, 'The served descriptor was not checked'),
        asked,
      );
    }
    const memoryKey = `${LAST_URL_KEY}:${document.uri.toString()}`;
    const url = givenUrl ?? (await this.askForUrl(this.context.workspaceState.get<string>(memoryKey), state.servedUrl, label));
    if (url === undefined) return { status: 'cancelled', message: 'No URL was given.', asked };

    // Plain http to another machine only once the user said yes, and then to that host only: a
    // redirect to plain http elsewhere is refused, by the same check as the first URL's (an http
    // URL on this machine needs no yes).
    let policy: UrlPolicy = { allowHttp: false };
    let checked = checkServedUrl(url, policy);
    if (!checked.ok && checked.kind === 'plain-http') {
      const question = `${url} is plain http and not on this machine. Fetch it anyway?`;
      asked.push(question);
      if (!(await this.ui.confirm(question, 'A production app serves its descriptor over https.', 'Fetch over http')))
        return { status: 'cancelled', message: 'Not fetched: plain http was not confirmed.', url, asked };
      policy = { allowHttp: false, httpHosts: [new URL(url.trim()).host] };
      checked = checkServedUrl(url, policy);
    }
    if (!checked.ok) return this.failed(checked.message, asked, url);

    if (!vscode.workspace.isTrusted) {
      const question = `Restricted Mode: fetch ${checked.url.href}?`;
      asked.push(question);
      const detail =
        'This workspace is not trusted, and the URL may come from its descriptor, which can name any address, also one inside your network. Nothing fetched is run or saved.';
      if (!(await this.ui.confirm(question, detail, 'Fetch')))
        return { status: 'cancelled', message: 'Not fetched: Restricted Mode asked first, and it was not confirmed.', url, asked };
    }
    await this.context.workspaceState.update(memoryKey, url);

    const timeoutSeconds = vscode.workspace.getConfiguration('connectForgeLink', document.uri).get<number>(TIMEOUT_SETTING);
    const timeoutMs = typeof timeoutSeconds === 'number' && timeoutSeconds > 0 ? timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS;
    const fetched = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Fetching ${checked.url.href}…`, cancellable: true },
      (_progress, token) =>
        fetchServed(checked.url.href, {
          fetch: cancellable(token),
          userAgent: `connect-forge-link-vscode/${String((this.context.extension.packageJSON as { version: unknown }).version)} VS Code/${vscode.version}`,
          timeoutMs,
          ...policy,
        }).then((outcome) => (token.isCancellationRequested ? undefined : outcome)),
    );
    if (!fetched) return { status: 'cancelled', message: 'The fetch was cancelled.', url, asked };
    if (!fetched.ok)
      return this.failed(`The served descriptor could not be checked: ${withHints(fetched, timeoutMs)}`, asked, url, document);

    const result = await this.server.servedCheck(document, { url: fetched.finalUrl, text: fetched.text, contentType: fetched.contentType });
    const openServed = this.served.keep(fetched.finalUrl, fetched.text);
    if (result.status === 'unusable')
      return this.failed(`The served descriptor could not be checked: ${result.message}`, asked, url, document, openServed);
    if (result.status !== 'ok')
      return this.failed(`The served descriptor was not checked: the language server no longer has ${label} open.`, asked, url);
    if (result.version !== document.version)
      return this.failed(`${label} changed while the served descriptor was checked: check again.`, asked, url, document);

    this.diagnostics.set(
      document.uri,
      result.findings.map((finding) => toDiagnostic(document, finding)),
    );
    const redirected = fetched.redirects.length > 0 ? ` (redirected from ${fetched.url})` : '';
    const notes = fetched.notes.length > 0 ? ` Note: ${fetched.notes.join('; ')}.` : '';
    const count = result.findings.length;
    const message =
      count === 0
        ? `${fetched.finalUrl}${redirected} serves the same ${comparedKeysPhrase(result.templatedLocally)} as ${label}, with no problems.${notes}`
        : `${count} problem${count === 1 ? '' : 's'} in the descriptor served at ${fetched.finalUrl}${redirected}, shown on ${label}.${notes}`;
    this.notify(count === 0 ? 'info' : 'warning', message, document, url, openServed);
    return { status: 'ok', message, url, finalUrl: fetched.finalUrl, diagnostics: count, asked };
  }

  private failed(
    message: string,
    asked: readonly string[],
    url?: string,
    document?: vscode.TextDocument,
    openServed?: vscode.Uri,
  ): ServedCheckOutcome {
    if (document) this.diagnostics.delete(document.uri);
    this.notify('error', message, document, url, openServed);
    return { status: 'failed', message, ...(url !== undefined ? { url } : {}), asked };
  }

  /** The one-line notification, with "Check Again" and (when there is a text) "Open Served". */
  private notify(kind: NotificationKind, message: string, document?: vscode.TextDocument, url?: string, openServed?: vscode.Uri): void {
    const actions = [...(document && url ? ['Check Again'] : []), ...(openServed ? ['Open Served'] : [])];
    this.ui
      .notify(kind, message, actions)
      .then((action) => this.act(action, document, url, openServed))
      .catch((error: unknown) => vscode.window.showErrorMessage(`${error instanceof Error ? error.message : String(error)}`));
  }

  private async act(action: string | undefined, document?: vscode.TextDocument, url?: string, openServed?: vscode.Uri): Promise<void> {
    if (action === 'Check Again' && document && url) await vscode.commands.executeCommand(CHECK_SERVED_COMMAND, document.uri, url);
    if (action === 'Open Served' && openServed) {
      const served = await vscode.workspace.openTextDocument(openServed);
      await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(served, 'json'), { preview: true });
    }
  }

  /** The input box, prefilled with the URL last checked for this descriptor or the one its baseUrl gives. */
  private async askForUrl(
    last: string | undefined,
    derived: { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string },
    label: string,
  ): Promise<string | undefined> {
    const answer = await this.ui.askForUrl({
      value: last ?? (derived.ok ? derived.url : ''),
      prompt:
        derived.ok || last ? `The URL ${label} is served at: its checks run on what is served, compared with the file.` : derived.message,
      validate: (input) => {
        if (input.trim() === '') return 'The URL of the served atlassian-connect.json';
        const checked = checkServedUrl(input, { allowHttp: true });
        return checked.ok ? undefined : checked.message;
      },
    });
    return answer?.trim() || undefined;
  }
}

/** VS Code's fetch (the extension host applies the proxy settings to it), stopped by the progress's Cancel too. */
function cancellable(token: vscode.CancellationToken): FetchFunction {
  return async (url, init) => {
    const cancelled = new AbortController();
    const listener = token.onCancellationRequested(() => cancelled.abort());
    try {
      return (await fetch(url, { ...init, signal: AbortSignal.any([init.signal, cancelled.signal]) })) as FetchResponse;
    } finally {
      listener.dispose();
    }
  };
}

function withHints(failure: FetchFailure, timeoutMs: number): string {
  switch (failure.kind) {
    case 'timeout':
      return `${failure.message} Wait longer with the setting connectForgeLink.${TIMEOUT_SETTING} (now ${formatSeconds(timeoutMs)}).`;
    case 'tls-self-signed':
    case 'tls-untrusted':
      return `${failure.message}, or to the operating system's certificates, which VS Code reads (setting http.systemCertificates).`;
    case 'refused':
    case 'dns':
    case 'connection':
      return `${failure.message} (VS Code's proxy settings, http.proxy, apply.)`;
    default:
      return failure.message;
  }
}

const SEVERITIES: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function toDiagnostic(document: vscode.TextDocument, finding: PlacedFinding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end)),
    finding.message,
    SEVERITIES[finding.severity],
  );
  diagnostic.source = SERVED_DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocsUrl(finding.ruleId)) };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map(
      (related) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(
            vscode.Uri.parse(related.file),
            related.fileRange
              ? new vscode.Range(
                  related.fileRange.start.line,
                  related.fileRange.start.character,
                  related.fileRange.end.line,
                  related.fileRange.end.character,
                )
              : new vscode.Position(0, 0),
          ),
          related.message,
        ),
    );
  }
  return diagnostic;
}
