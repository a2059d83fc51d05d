/** Starts the language server and registers the commands and the language status item that need VS Code's UI. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerInsertForgeAppId } from './commands/insertForgeAppId';
import { registerOpenWalkthrough } from './commands/openWalkthrough';
import { registerSetForgeAppLink } from './commands/setForgeAppLink';
import { DOCUMENT_SELECTOR, SERVED_SCHEME, fileWatchers } from './documents';
import { LinkStatusItem, ShownLinkStatus } from './linkStatusItem';
import { ServerRequests } from './serverRequests';
import { WalkthroughProgress } from './walkthroughProgress';
import { registerCheckServed } from './commands/registerCheckServed';
import type { ServedCheckUi } from './commands/servedCheckUi';

export const CLIENT_ID = 'connectForgeLink';
const CLIENT_NAME = 'Connect Forge Link';

let client: LanguageClient | undefined;

/** What the extension returns from activation (`vscode.extensions.getExtension(…).exports`), for tests and other extensions. */
export interface ConnectForgeLinkApi {
  /** How long activation took, the language server's start included (ms). */
  readonly activationMs: number;
  /** What the language status item shows for the active descriptor, or undefined when it is hidden. */
  linkStatus(): ShownLinkStatus | undefined;
  /** The context keys the walkthrough's steps wait for, as VS Code has them. */
  walkthroughContext(): Readonly<Record<string, boolean>>;
  /**
   * For tests, which cannot click a dialog: "Check the Served Descriptor…" asks `ui` instead of the
   * user (its questions, its input box, its notification's actions) until the result is disposed.
   * Present only in a test run (TEST_API_ENV): elsewhere another extension could answer the
   * user's questions for them.
   */
  replaceServedCheckUi?(ui: Partial<ServedCheckUi>): vscode.Disposable;
}

/** Set by the VS Code suite's runner (scripts/vscode/code-server.mjs), which also installs the .vsix as users do. */
export const TEST_API_ENV = 'CONNECT_FORGE_LINK_TEST_API';

function isTestRun(context: vscode.ExtensionContext): boolean {
  return context.extensionMode === vscode.ExtensionMode.Test || process.env[TEST_API_ENV] === '1';
}

export async function activate(context: vscode.ExtensionContext): Promise<ConnectForgeLinkApi> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  client = createClient(context, output);
  const server = new ServerRequests(client);
  const progress = new WalkthroughProgress();
  const linkStatus = new LinkStatusItem(server, (uri, status) => progress.verdict(uri, status));
  const checkServed = registerCheckServed(context, server, () => progress.served(true));
  context.subscriptions.push(
    progress,
    linkStatus,
    registerSetForgeAppLink(server),
    registerInsertForgeAppId(server),
    registerOpenWalkthrough(),
    checkServed,
    vscode.commands.registerCommand('connectForgeLink.restartServer', async () => {
      output.info('Restarting the language server');
      await client?.restart();
    }),
    vscode.commands.registerCommand('connectForgeLink.showOutput', () => output.show(true)),
  );
  await client.start();
  const activationMs = performance.now() - started;
  output.info(`Activated in ${activationMs.toFixed(0)} ms, the language server's start included.`);
  return {
    activationMs,
    linkStatus: () => linkStatus.shown(),
    walkthroughContext: () => progress.contextKeys(),
    ...(isTestRun(context) ? { replaceServedCheckUi: (ui: Partial<ServedCheckUi>) => checkServed.replaceUi(ui) } : {}),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // Diagnostics are pulled (the server says so): on open, on each change (the server waits for
    // a pause in typing), and for the workspace's closed files.
    diagnosticPullOptions: { onChange: true, onSave: false, onFocus: false },
    outputChannel: output,
    // The contributed JSON schema describes the two keys in atlassian-connect.json (the server completes them).
    initializationOptions: { interactiveFixes: true, watchesManifests: true, schemaDescribesKeys: true, checksServed: true },
    synchronize: { fileEvents: fileWatchers() },
    middleware: {
      // "Open Served" shows what an app served, read-only: its problems are shown, but no fix or
      // command can act there (an edit would fail, a served check would check the copy).
      provideCodeActions: (document, range, context, token, next) =>
        document.uri.scheme === SERVED_SCHEME ? [] : next(document, range, context, token),
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
