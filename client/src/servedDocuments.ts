/**
 * What "Open Served" shows: the text an app served, from memory, as a read-only virtual document
 * (scheme connect-forge-served:). Never written to disk, unlike an untitled editor, which VS Code
 * backs up; never run.
 */
import * as vscode from 'vscode';
import { SERVED_SCHEME } from './documents';

/** Served texts kept for "Open Served": the last few checks' only. */
const KEPT = 10;

export class ServedDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(SERVED_SCHEME, this);

  /** Keeps the text served at `url` and returns the URI that shows it. */
  keep(url: string, text: string): vscode.Uri {
    const served = new URL(url);
    // The served URL in the path, so that the tab says where it came from and ends in its file name.
    const uri = vscode.Uri.from({ scheme: SERVED_SCHEME, path: `/${served.host}${served.pathname}`, query: served.search.slice(1) });
    const key = uri.toString();
    this.texts.delete(key);
    this.texts.set(key, text);
    while (this.texts.size > KEPT) this.texts.delete(this.texts.keys().next().value as string);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// This served descriptor is no longer kept: check it again.';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
