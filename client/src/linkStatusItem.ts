/**
 * The link's state in the language status area (beside "Schema validated" of VS Code's JSON
 * language) for the active descriptor: linked, or what is missing or wrong, the manifest it was
 * matched to, and the action that moves it on ("Set forgeAppLink…", "Insert forgeAppId", "Open
 * manifest.yml"). The server says all of it (connectForgeLink/linkStatus: the verdict of the
 * analysis its diagnostics come from); this only shows it, again whenever the active editor or
 * its diagnostics change.
 */
import * as vscode from 'vscode';
import { INSERT_APP_ID_COMMAND, LinkStatus, SET_LINK_COMMAND } from 'connect-forge-link-core';
import { DOCUMENT_SELECTOR } from './documents';
import { ServerRequests } from './serverRequests';

const ITEM_ID = 'connectForgeLink.link';
/** Diagnostics often change in bursts (a pull of the document, then of the workspace). */
const UPDATE_DELAY_MS = 50;

/** What the item shows, for tests and other extensions (the extension's API returns it). */
export interface ShownLinkStatus {
  readonly uri: string;
  readonly text: string;
  readonly detail: string;
  readonly severity: 'information' | 'warning' | 'error';
  readonly command?: { readonly title: string; readonly command: string; readonly arguments: readonly string[] };
  /** The server's verdict the item shows. */
  readonly status: LinkStatus;
}

const ICONS: Record<LinkStatus['state'], string> = { linked: 'pass', incomplete: 'warning', wrong: 'error', unchecked: 'info' };
const SEVERITIES = {
  error: { severity: vscode.LanguageStatusSeverity.Error, name: 'error' },
  warning: { severity: vscode.LanguageStatusSeverity.Warning, name: 'warning' },
  info: { severity: vscode.LanguageStatusSeverity.Information, name: 'information' },
  hint: { severity: vscode.LanguageStatusSeverity.Information, name: 'information' },
} as const;

export class LinkStatusItem implements vscode.Disposable {
  private item: vscode.LanguageStatusItem | undefined;
  private current: ShownLinkStatus | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly server: ServerRequests,
    /** Told the server's verdict on each descriptor shown (undefined: the document is no descriptor). */
    private readonly onVerdict: (uri: vscode.Uri, status: LinkStatus | undefined) => void = () => undefined,
  ) {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) this.schedule();
      }),
    ];
    this.schedule();
  }

  /** What the item shows now, or undefined when it is hidden (no descriptor is active). */
  shown(): ShownLinkStatus | undefined {
    return this.current;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.hide();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.update().catch(() => this.hide());
    }, UPDATE_DELAY_MS);
  }

  private async update(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || vscode.languages.match(DOCUMENT_SELECTOR, document) === 0) return this.hide();
    let result;
    try {
      result = await this.server.linkStatus(document);
    } catch {
      return this.hide(); // the server is starting or stopping: its diagnostics will bring the item back
    }
    if (result.status === 'not-a-descriptor') this.onVerdict(document.uri, undefined);
    if (vscode.window.activeTextEditor?.document !== document) return;
    if (result.status !== 'ok') return this.hide();
    this.onVerdict(document.uri, result);
    this.show(document, result);
  }

  private show(document: vscode.TextDocument, status: LinkStatus): void {
    const severity = SEVERITIES[status.severity];
    const command = commandFor(document, status, this.server);
    this.item ??= vscode.languages.createLanguageStatusItem(ITEM_ID, []);
    this.item.selector = onlyThis(document);
    this.item.name = 'Forge link';
    this.item.text = `$(${ICONS[status.state]}) Forge link: ${status.summary}`;
    this.item.detail = status.detail;
    this.item.severity = severity.severity;
    // Our commands take the descriptor's URI, vscode.open the manifest's, as Uri objects.
    this.item.command = command && { ...command, arguments: command.arguments.map((argument) => vscode.Uri.parse(argument)) };
    this.current = { uri: document.uri.toString(), text: this.item.text, detail: status.detail, severity: severity.name, command, status };
  }

  private hide(): void {
    this.item?.dispose();
    this.item = undefined;
    this.current = undefined;
  }
}

function commandFor(document: vscode.TextDocument, status: LinkStatus, server: ServerRequests): ShownLinkStatus['command'] {
  const descriptor = document.uri.toString();
  switch (status.action) {
    case 'set-link':
      return { title: 'Set forgeAppLink…', command: SET_LINK_COMMAND, arguments: [descriptor] };
    case 'insert-app-id':
      return { title: 'Insert forgeAppId', command: INSERT_APP_ID_COMMAND, arguments: [descriptor] };
    case 'open-manifest':
      return status.manifests[0]
        ? { title: 'Open manifest.yml', command: 'vscode.open', arguments: [server.codeUri(status.manifests[0].location).toString()] }
        : undefined;
    default:
      return undefined;
  }
}

/** A selector that matches this document alone (glob characters in its name taken literally). */
function onlyThis(document: vscode.TextDocument): vscode.DocumentFilter {
  const uri = document.uri;
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return { pattern: new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), name.replace(/[*?[\]{}]/g, '[$&]')) };
}
