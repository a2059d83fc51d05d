/**
 * The folders that no search enters: dependencies, version control, build output and tool caches.
 * One list for the server's manifest index and watcher, the CLI's folder search and the client's
 * file searches (which take it as one glob).
 */
export const SKIPPED_FOLDERS: readonly string[] = [
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'out',
  'dist',
  'build',
  'coverage',
  'target',
  '.next',
  '.cache',
  '.vscode-test',
  'bower_components',
  '.forge',
  '.turbo',
  '.yarn',
];

const SKIPPED = new Set(SKIPPED_FOLDERS);

/** Whether a folder of this name is never searched. */
export function isSkippedFolder(name: string): boolean {
  return SKIPPED.has(name);
}

/** The list as one exclude glob, as VS Code's `workspace.findFiles` takes it: `**\/{node_modules,.git,…}/**`. */
export function skippedFoldersGlob(): string {
  return `**/{${SKIPPED_FOLDERS.join(',')}}/**`;
}
