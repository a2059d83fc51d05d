/**
 * The client floor for the sizes: an extension that does nothing but start
 * vscode-languageclient/node, bundled with the same options as ours (bench/sizes.ts).
 */
import { LanguageClient } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(): Promise<void> {
  client = new LanguageClient('bare', 'Bare', { module: 'server.js' }, { documentSelector: [{ language: 'json' }] });
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
