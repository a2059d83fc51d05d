/** Starts the language server and registers the commands that need VS Code's UI. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerInsertForgeAppId } from './commands/insertForgeAppId';
import { registerOpenWalkthrough } from './commands/openWalkthrough';
import { registerSetForgeAppLink } from './commands/setForgeAppLink';
import { ServerRequests } from './serverRequests';
import { registerCheckServed } from './commands/registerCheckServed';

export const CLIENT_ID = 'connectForgeLink';
const CLIENT_NAME = 'Connect Forge Link';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  client = createClient(context, output);
  const server = new ServerRequests(client);
  context.subscriptions.push(
    registerSetForgeAppLink(server),
    registerInsertForgeAppId(server),
    registerOpenWalkthrough(),
    registerCheckServed(context, server),
    vscode.commands.registerCommand('connectForgeLink.restartServer', async () => {
      output.info('Restarting the language server');
      await client?.restart();
    }),
    vscode.commands.registerCommand('connectForgeLink.showOutput', () => output.show(true)),
  );
  await client.start();
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
    // The server decides from each URI which documents are descriptors (custom globs included).
    documentSelector: [
      { language: 'json' },
      { language: 'jsonc' },
      { pattern: '**/atlassian-connect.json' },
      { pattern: '**/manifest.{yml,yaml}' },
    ],
    outputChannel: output,
    // The contributed JSON schema describes and completes the two keys in atlassian-connect.json.
    initializationOptions: { interactiveFixes: true, watchesManifests: true, schemaDescribesKeys: true, checksServed: true },
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/manifest.{yml,yaml}'),
        // Deleting a folder is reported for the folder only: the server drops the manifests below it.
        vscode.workspace.createFileSystemWatcher('**/*', true, true, false),
      ],
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
