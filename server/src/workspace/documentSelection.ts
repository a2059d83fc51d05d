/**
 * Which documents are descriptors, decided from the URI alone so that every LSP editor gets the
 * same answer: `atlassian-connect.json` anywhere, plus the user's globs.
 */
import picomatch from 'picomatch';
import { URI } from 'vscode-uri';

export const DEFAULT_DESCRIPTOR_NAME = 'atlassian-connect.json';

const matcherCache = new Map<string, (path: string) => boolean>();

function matcher(glob: string): (path: string) => boolean {
  let match = matcherCache.get(glob);
  if (!match) {
    match = picomatch(glob, { dot: true, nocase: process.platform === 'win32' });
    matcherCache.set(glob, match);
  }
  return match;
}

export function isDescriptorUri(uri: string, globs: readonly string[], workspaceFolders: readonly string[] = []): boolean {
  const parsed = URI.parse(uri);
  const path = parsed.path;
  if (path.slice(path.lastIndexOf('/') + 1) === DEFAULT_DESCRIPTOR_NAME) return true;
  if (globs.length === 0) return false;
  const candidates = [path, path.replace(/^\//, '')];
  for (const folder of workspaceFolders) {
    const folderPath = URI.parse(folder).path.replace(/\/?$/, '/');
    if (path.startsWith(folderPath)) candidates.push(path.slice(folderPath.length));
  }
  return globs.some((glob) => {
    const match = matcher(glob);
    return candidates.some((candidate) => match(candidate));
  });
}
