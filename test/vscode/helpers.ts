/**
 * Shared by the VS Code suite's files: the scenario of the run, files of the test workspace (a
 * temporary copy of test/fixtures/vscode-workspace*), and waiting on VS Code's events with a
 * deadline instead of sleeping.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { expectedOrigin } from './scenario';

export const EXTENSION_ID = 'connect-forge-link.connect-forge-link';
export const SOURCE = 'connect-forge-link';
export const FIX_ALL_KIND = 'source.fixAll.connectForgeLink';

export const APP_UUID = 'e8bf8e9c-bcd5-45ff-a3fb-68d39f175100';
export const APP_ARI = `ari:cloud:ecosystem::app/${APP_UUID}`;
export const APP_LINK = `https://developer.atlassian.com/console/install/${APP_UUID}?signature=e1747bac288da54260584fe0e44a74c907e47d8f0870d4752d1c4e92ba663dfa&product=bitbucket`;

export { SCENARIO_ENV, expectedOrigin, scenario } from './scenario';
export type { Scenario } from './scenario';

/**
 * Checks that the extension under test is the expected copy: the repository (the runner's
 * --extension) or the one installed from the .vsix (--install-vsix, outside the repository).
 */
export function assertExtensionOrigin(extension: vscode.Extension<unknown>): void {
  const repoRoot = path.resolve(__dirname, '../../..');
  const fromRepo = path.resolve(extension.extensionPath) === repoRoot;
  if (expectedOrigin() === 'vsix') {
    assert.ok(!fromRepo, `the .vsix copy was expected, but ${extension.extensionPath} is the repository`);
    assert.match(extension.extensionPath, /connect-forge-link\.connect-forge-link-\d/, 'an installed extension folder');
  } else {
    assert.equal(path.resolve(extension.extensionPath), repoRoot, "the repository's copy");
  }
}

/** The single workspace folder; refuses the committed fixtures, which the suite would change. */
export function workspaceFolder(): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.equal(folders.length, 1, `one workspace folder expected, got ${folders.map((f) => f.uri.toString()).join(', ') || 'none'}`);
  const folder = folders[0].uri;
  if (folder.fsPath.split(path.sep).join('/').includes('/test/fixtures/')) {
    throw new Error(
      `${folder.fsPath} is a committed fixture: the suite edits the workspace, run it on a copy (scripts/vscode/test.mjs does)`,
    );
  }
  return folder;
}

export function fileIn(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...relative.split('/'));
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/**
 * Set when the server never reported on the first descriptor (broken wiring: selector, server
 * path, activation). The root hook in index.ts then skips the remaining cases instead of letting
 * each wait for its own deadline. On globalThis: every test file is a bundle of its own.
 */
const SERVER_SILENT = Symbol.for('connect-forge-link.vscode-suite.server-silent');

export function markServerSilent(reason: string): void {
  (globalThis as Record<symbol, unknown>)[SERVER_SILENT] = reason;
}

export function serverSilent(): string | undefined {
  return (globalThis as Record<symbol, unknown>)[SERVER_SILENT] as string | undefined;
}

let scratchCount = 0;

/** A fresh copy of a fixture descriptor in its own folder (scratch/<name>-<n>/), so tests do not share edits. */
export async function scratchCopy(fixture: string, name: string): Promise<vscode.Uri> {
  const target = fileIn(`scratch/${name}-${++scratchCount}/atlassian-connect.json`);
  await writeText(target, await readText(fileIn(fixture)));
  return target;
}

export async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface WaitOptions {
  /** Checked again whenever one of these fires (and every `pollMs` in any case). */
  readonly events?: readonly vscode.Event<unknown>[];
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  /** Describes the state when the deadline passes. */
  readonly describe?: () => string;
}

/** Resolves with the probe's first truthy result; rejects when the deadline passes. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let wake: (() => void) | undefined;
  const subscriptions = (options.events ?? []).map((event) => event(() => wake?.()));
  try {
    for (;;) {
      const value = await probe();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`Timed out waiting for ${what}${options.describe ? `; now: ${options.describe()}` : ''}`);
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        delay(Math.min(options.pollMs ?? 250, left)).then(resolve, resolve);
      });
      wake = undefined;
    }
  } finally {
    subscriptions.forEach((s) => s.dispose());
  }
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Our diagnostics on a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codes(uri: vscode.Uri): string[] {
  return ours(uri)
    .map((d) => codeOf(d) ?? '?')
    .sort();
}

/** Waits until our diagnostics on `uri` satisfy the predicate, woken by onDidChangeDiagnostics. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} on ${vscode.workspace.asRelativePath(uri)}`,
    () => {
      const diagnostics = ours(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    },
    {
      events: [vscode.languages.onDidChangeDiagnostics],
      timeoutMs,
      describe: () =>
        JSON.stringify(ours(uri).map((d) => `${codeOf(d)} ${d.range.start.line}:${d.range.start.character} ${d.message.slice(0, 80)}`)),
    },
  );
}

/** Whether the file is open in the window (as a text document). */
export function isOpen(uri: vscode.Uri): boolean {
  return vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
}

/** Waits for the extension to start on its own, with no file opened: what a workspace holding a descriptor does. */
export async function activatedWithoutOpening<T>(): Promise<vscode.Extension<T>> {
  const extension = vscode.extensions.getExtension<T>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  assertExtensionOrigin(extension);
  await waitFor('the extension to be active', () => extension.isActive, { events: [vscode.extensions.onDidChange], timeoutMs: 45_000 });
  assert.equal(vscode.workspace.textDocuments.filter((document) => document.uri.scheme === 'file').length, 0, 'no file is open');
  return extension;
}

/**
 * Waits for the first problems of a file nobody opened (workspace diagnostics), as long as the
 * server's start may take; when none come, the run is marked as one whose server said nothing.
 */
export async function waitForClosedFileDiagnostics(
  uri: vscode.Uri,
  what: string,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
) {
  try {
    await waitForDiagnostics(uri, what, predicate, 45_000);
  } catch (error) {
    markServerSilent(error instanceof Error ? error.message : String(error));
    throw error;
  }
  assert.equal(isOpen(uri), false, 'the file was not opened');
}

export const hasCode = (code: string) => (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === code);
export const lacksCode = (code: string) => (diagnostics: vscode.Diagnostic[]) => !diagnostics.some((d) => codeOf(d) === code);

export function oneWithCode(diagnostics: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic {
  const found = diagnostics.filter((d) => codeOf(d) === code);
  assert.equal(found.length, 1, `one ${code} expected: ${JSON.stringify(diagnostics.map((d) => codeOf(d)))}`);
  return found[0];
}

/**
 * The quick fixes VS Code collects for a diagnostic's range, as the light bulb would show them
 * (vscode.executeCodeActionProvider passes the diagnostics in the range as the context; the
 * CodeActions it returns carry no `diagnostics`). Asked again until there is one: in a fresh
 * window the first request sometimes comes back empty after ~2-3 s although the LSP trace shows
 * the server answering it with the fix in a few ms (VS Code's side; later requests are fine), and
 * on a loaded machine a request may be cancelled ("Canceled") when newer diagnostics arrive.
 */
export async function quickFixesFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  let last: vscode.CodeAction[] = [];
  return waitFor(
    `quick fixes for ${codeOf(diagnostic)}`,
    async () => {
      let actions: (vscode.CodeAction | vscode.Command)[];
      try {
        actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        );
      } catch (error) {
        // The language client cancels a pending request when newer diagnostics arrive: ask again.
        if (error instanceof Error && error.message === 'Canceled') return undefined;
        throw error;
      }
      last = actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
      return last.length > 0 ? last : undefined;
    },
    { events: [vscode.languages.onDidChangeDiagnostics], describe: () => JSON.stringify(last.map((a) => a.title)) },
  );
}

/** Resolves after the edit was applied and the document reached a new version. */
export async function applyAction(document: vscode.TextDocument, action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" has no edit`);
  const before = document.version;
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `VS Code refused the edit of "${action.title}"`);
  assert.ok(document.version > before, 'the document did not change');
}

/** Saves edited documents so that closing the window never asks about them. */
export async function saveAll(): Promise<void> {
  await Promise.all(vscode.workspace.textDocuments.filter((d) => d.isDirty && !d.isUntitled).map((d) => d.save()));
}

/** The root keys of a JSON text, in order. */
export function rootKeys(text: string): string[] {
  return Object.keys(JSON.parse(text) as Record<string, unknown>);
}
