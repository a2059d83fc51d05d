/**
 * "Insert forgeAppId from manifest.yml": takes app.id from the Forge app's manifest (the matched
 * one, the user's pick, or a file chosen in a dialog) and sets it at the descriptor's root with the
 * edit the quick fix makes. The server's index supplies the manifests and their matching; only
 * where it cannot see the files (virtual workspaces) does the client find and read them, and the
 * server still reads and matches them. Arguments (descriptor URI, manifest URI) skip every prompt.
 */
import * as vscode from 'vscode';
import { INSERT_APP_ID_COMMAND, ManifestCandidatesResult, ManifestChoice, skippedFoldersGlob } from 'connect-forge-link-core';
import { applyForVersion } from '../applyEdits';
import { notAnObjectMessage, notOpenMessage, resolveDescriptor, toUri } from '../descriptorTarget';
import { ServerRequests, decode } from '../serverRequests';
import { WhenUnchecked, uncheckedStop, whenUncheckedOf } from '../uncheckedDescriptor';

const MANIFEST_GLOB = '**/manifest.yml';
const CHANGED_MEANWHILE = 'forgeAppId was not set: the descriptor changed while the edit was made. Run the command again.';
const REFUSED = 'forgeAppId could not be set: VS Code refused the edit (is the file read-only?).';

export function registerInsertForgeAppId(server: ServerRequests): vscode.Disposable {
  return vscode.commands.registerCommand(INSERT_APP_ID_COMMAND, (descriptor?: unknown, manifest?: unknown, options?: unknown) =>
    insertForgeAppId(server, descriptor, manifest, whenUncheckedOf(options)),
  );
}

/** Where the manifest came from: the server's index, the client's own search, the argument, or the dialog. */
export type ManifestFrom = 'index' | 'search' | 'argument' | 'dialog';

/** The outcome, also returned to callers (tests, other extensions). */
export interface InsertResult {
  readonly changed: boolean;
  readonly message: string;
  readonly manifestFrom?: ManifestFrom;
}

/**
 * `manifestArgument` skips every prompt; `unchecked` says what that non-UI path does with a
 * document the server does not check as a descriptor (add it to the globs, or refuse: the default).
 */
export async function insertForgeAppId(
  server: ServerRequests,
  descriptorArgument: unknown,
  manifestArgument: unknown,
  unchecked?: WhenUnchecked,
): Promise<InsertResult> {
  const document = await resolveDescriptor(descriptorArgument);
  if (!document) return { changed: false, message: 'No descriptor was chosen.' };
  const notAnObject = notAnObjectMessage(document, 'forgeAppId cannot be set');

  // Before anything is asked or edited: a document that is not checked is said to be so.
  const state = await server.descriptorState(document);
  if (state.status === 'not-an-object') return report(false, notAnObject, 'error');
  if (state.status === 'unknown-document') return report(false, unknownDocument(document), 'error');
  const stop = await uncheckedStop(document, state.checked, 'forgeAppId', unchecked ?? (toUri(manifestArgument) ? 'refuse' : undefined));
  if (stop) return report(false, stop, 'error');

  let chosen: Chosen;
  try {
    chosen = await chooseManifest(server, document, toUri(manifestArgument));
  } catch (error) {
    return report(false, error instanceof Error ? error.message : String(error), 'error');
  }
  if (chosen === 'not-an-object') return report(false, notAnObject, 'error');
  if (chosen === 'unknown-document') return report(false, unknownDocument(document), 'error');
  if (!chosen) return { changed: false, message: 'No manifest was chosen.' };
  const { manifest, from } = chosen;
  const appId = manifest.appId;
  if (!appId) return report(false, `forgeAppId was not set: ${manifest.label}: ${manifest.problem ?? 'it has no app.id'}`, 'error', from);

  const edit = await server.rootValueEdit(document, 'forgeAppId', appId);
  if (edit.status === 'not-an-object')
    return report(false, 'The descriptor stopped being a JSON object while the manifest was read.', 'error', from);
  if (edit.status === 'unknown-document') return report(false, unknownDocument(document), 'error', from);
  if (edit.current === appId) return report(false, `forgeAppId already is ${appId} (from ${manifest.label}).`, 'info', from);
  const outcome = await applyForVersion(document, edit);
  if (outcome === 'applied') return report(true, `forgeAppId set to ${appId} from ${manifest.label}.`, 'info', from);
  return report(false, outcome === 'changed' ? CHANGED_MEANWHILE : REFUSED, 'error', from);
}

function report(changed: boolean, message: string, level: 'info' | 'error', manifestFrom?: ManifestFrom): InsertResult {
  void (level === 'info' ? vscode.window.showInformationMessage(message) : vscode.window.showErrorMessage(message));
  return { changed, message, manifestFrom };
}

function unknownDocument(document: vscode.TextDocument): string {
  return notOpenMessage(document, 'forgeAppId was not set');
}

type Chosen = { readonly manifest: ManifestChoice; readonly from: ManifestFrom } | 'not-an-object' | 'unknown-document' | undefined;

/** The manifest given, else the one match with an app.id, else the user's pick among all, else a file from a dialog. */
async function chooseManifest(server: ServerRequests, document: vscode.TextDocument, given: vscode.Uri | undefined): Promise<Chosen> {
  if (given) return only(await server.manifestCandidates(document, [await server.manifestSource(given)]), 'argument');
  let from: ManifestFrom = 'index';
  let candidates = await server.manifestCandidates(document);
  if (candidates.status === 'not-indexed') {
    // The server sees no folder on disk (a virtual workspace): find the manifests here, let it read them.
    from = 'search';
    candidates = await server.manifestCandidates(document, await searchManifests(server));
  }
  if (candidates.status !== 'ok') return candidates.status === 'not-indexed' ? undefined : candidates.status;
  if (candidates.manifests.length === 0) {
    const picked = await vscode.window.showOpenDialog({
      title: "No manifest.yml in the workspace: choose the Forge app's manifest.yml",
      canSelectMany: false,
      filters: { 'Forge manifest': ['yml', 'yaml'] },
      openLabel: 'Use this manifest',
    });
    return picked?.[0] ? only(await server.manifestCandidates(document, [await server.manifestSource(picked[0])]), 'dialog') : undefined;
  }
  const usable = candidates.manifests.filter((manifest) => manifest.matched && manifest.appId !== undefined);
  if (usable.length === 1) return { manifest: usable[0], from };
  const manifest = await pickManifest(candidates.manifests);
  return manifest ? { manifest, from } : undefined;
}

function only(result: ManifestCandidatesResult, from: ManifestFrom): Chosen {
  if (result.status !== 'ok') return result.status === 'not-indexed' ? undefined : result.status;
  return result.manifests[0] ? { manifest: result.manifests[0], from } : undefined;
}

async function searchManifests(server: ServerRequests) {
  const found = await vscode.workspace.findFiles(MANIFEST_GLOB, skippedFoldersGlob(), 500);
  return Promise.all(
    found.map(async (uri) => {
      const text = await vscode.workspace.fs.readFile(uri).then(decode, () => '');
      return server.manifestSource(uri, text);
    }),
  );
}

async function pickManifest(manifests: readonly ManifestChoice[]): Promise<ManifestChoice | undefined> {
  const items = manifests.map((manifest) => ({
    label: manifest.label,
    description: manifest.appId ?? manifest.problem ?? 'no usable app.id',
    detail: manifest.connectKey ? `app.connect.key: ${manifest.connectKey}` : undefined,
    manifest,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Insert forgeAppId from which manifest.yml?',
    placeHolder: 'The Forge app that replaces this Connect app',
    matchOnDescription: true,
  });
  return picked?.manifest;
}
