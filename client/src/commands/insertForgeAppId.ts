/**
 * "Insert forgeAppId from manifest.yml": reads app.id from the Forge app's manifest (the matched
 * one, the user's pick, or a file chosen in a dialog) with the core's reader, and sets it at the
 * descriptor's root with the same edit the quick fix uses. Works on remote and virtual
 * workspaces: files are read through vscode.workspace.fs. Arguments (descriptor URI, manifest
 * URI) skip every prompt.
 */
import * as vscode from 'vscode';
import {
  INSERT_APP_ID_COMMAND,
  IndexedManifest,
  descriptorFacts,
  describeManifestProblem,
  indexManifest,
  matchManifests,
  parseDescriptor,
  readManifest,
  setRootProperty,
  findProperty,
  skippedFoldersGlob,
  stringValue,
} from 'connect-forge-link-core';
import { applyCoreEdits } from '../applyEdits';
import { resolveDescriptor, toUri } from '../descriptorTarget';

const MANIFEST_GLOB = '**/manifest.yml';

export function registerInsertForgeAppId(): vscode.Disposable {
  return vscode.commands.registerCommand(INSERT_APP_ID_COMMAND, (descriptor?: unknown, manifest?: unknown) =>
    insertForgeAppId(descriptor, manifest),
  );
}

/** The outcome, also returned to callers (tests, other extensions). */
export interface InsertResult {
  readonly changed: boolean;
  readonly message: string;
}

export async function insertForgeAppId(descriptorArgument: unknown, manifestArgument: unknown): Promise<InsertResult> {
  const document = await resolveDescriptor(descriptorArgument);
  if (!document) return { changed: false, message: 'No descriptor was chosen.' };
  const parsed = parseDescriptor(document.getText());
  if (!parsed.root)
    return report(
      false,
      `${vscode.workspace.asRelativePath(document.uri)} is not a JSON object, so forgeAppId cannot be set. Fix the file first.`,
      'error',
    );

  const manifestUri = toUri(manifestArgument) ?? (await chooseManifest(document, parsed.root));
  if (!manifestUri) return { changed: false, message: 'No manifest was chosen.' };
  const label = vscode.workspace.asRelativePath(manifestUri);
  let text: string;
  try {
    text = decode(await vscode.workspace.fs.readFile(manifestUri));
  } catch (error) {
    return report(false, `${label} could not be read: ${error instanceof Error ? error.message : String(error)}`, 'error');
  }
  const info = readManifest(text);
  const appId = info.status === 'ok' ? info.appId?.value : undefined;
  if (!appId) return report(false, `forgeAppId was not set: ${label}: ${describeManifestProblem(info) ?? 'it has no app.id'}`, 'error');

  const current = parseDescriptor(document.getText());
  if (!current.root) return report(false, 'The descriptor stopped being a JSON object while the manifest was read.', 'error');
  if (stringValue(findProperty(current.root, 'forgeAppId')?.valueNode) === appId) {
    return report(false, `forgeAppId already is ${appId} (from ${label}).`, 'info');
  }
  const applied = await applyCoreEdits(document, setRootProperty(current.text, current.root, 'forgeAppId', appId));
  return applied
    ? report(true, `forgeAppId set to ${appId} from ${label}.`, 'info')
    : report(false, 'forgeAppId could not be set: VS Code refused the edit (is the file read-only?).', 'error');
}

function report(changed: boolean, message: string, level: 'info' | 'error'): InsertResult {
  void (level === 'info' ? vscode.window.showInformationMessage(message) : vscode.window.showErrorMessage(message));
  return { changed, message };
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}

/** The matched manifest, or the user's pick among the workspace's, or a file from a dialog. */
async function chooseManifest(
  document: vscode.TextDocument,
  descriptorRoot: NonNullable<ReturnType<typeof parseDescriptor>['root']>,
): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(MANIFEST_GLOB, skippedFoldersGlob(), 500);
  if (found.length === 0) {
    const picked = await vscode.window.showOpenDialog({
      title: "No manifest.yml in the workspace: choose the Forge app's manifest.yml",
      canSelectMany: false,
      filters: { 'Forge manifest': ['yml', 'yaml'] },
      openLabel: 'Use this manifest',
    });
    return picked?.[0];
  }
  const indexed = await Promise.all(
    found.map(async (uri) => {
      const text = decode(
        await vscode.workspace.fs.readFile(uri).then(
          (bytes) => bytes,
          () => new Uint8Array(),
        ),
      );
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      return indexManifest(
        uri.toString(),
        uri.path,
        vscode.workspace.asRelativePath(uri),
        folder?.uri.path ?? uri.path,
        text,
        readManifest(text),
      );
    }),
  );
  const descriptorFolder = vscode.workspace.getWorkspaceFolder(document.uri);
  const context = matchManifests(
    descriptorFacts(document.uri.path, descriptorFolder?.uri.path ?? document.uri.path, descriptorRoot),
    indexed,
  );
  const usable = context.matches.filter((m) => m.appId !== undefined);
  if (usable.length === 1) return vscode.Uri.parse(usable[0].location);
  return pickManifest(
    indexed,
    context.matches.map((m) => m.location),
  );
}

async function pickManifest(indexed: readonly IndexedManifest[], best: readonly string[]): Promise<vscode.Uri | undefined> {
  const items = [...indexed]
    .sort((a, b) => Number(best.includes(b.location)) - Number(best.includes(a.location)) || a.label.localeCompare(b.label))
    .map((m) => ({
      label: m.label,
      description: m.candidate.appId ?? m.candidate.problem ?? 'no usable app.id',
      detail: m.candidate.connectKey ? `app.connect.key: ${m.candidate.connectKey}` : undefined,
      uri: vscode.Uri.parse(m.location),
    }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Insert forgeAppId from which manifest.yml?',
    placeHolder: 'The Forge app that replaces this Connect app',
    matchOnDescription: true,
  });
  return picked?.uri;
}
