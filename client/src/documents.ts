/**
 * Which documents the client hands the server, and which files it watches for it. The server
 * decides from each document (name, the user's globs, content) which are descriptors, so the
 * selector is wide: every JSON document, the descriptor templates, the Forge manifests.
 */
import * as vscode from 'vscode';
import { MANIFEST_GLOB, TEMPLATE_GLOB, WATCHED_FILE_GLOBS } from 'connect-forge-link-core';

/** What "Open Served" shows an app's served descriptor under (servedDocuments.ts): read-only, in memory. */
export const SERVED_SCHEME = 'connect-forge-served';

/** Plain filters (string patterns), which both the language client and VS Code's `languages.match` take. */
export const DOCUMENT_SELECTOR: ({ readonly language: string } | { readonly pattern: string })[] = [
  { language: 'json' },
  { language: 'jsonc' },
  { pattern: '**/atlassian-connect.json' },
  { pattern: TEMPLATE_GLOB },
  { pattern: MANIFEST_GLOB },
];

/** The files whose changes on disk the server follows (the core's list), and folders created or deleted. */
export function fileWatchers(): vscode.FileSystemWatcher[] {
  return [
    ...WATCHED_FILE_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob)),
    // A folder created or deleted is reported for the folder only: the server walks it, or drops what it held below it.
    vscode.workspace.createFileSystemWatcher('**/*', false, true, false),
  ];
}
