/** The version of the server package (the bin's package), read once from its package.json. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'connect-forge-link-server';

/** Looks a few folders up from the running file: out/cli.js in the bundle, src/cli/ under tsx. */
export function packageVersion(start: string = __dirname): string {
  let folder = start;
  for (let level = 0; level < 4; level++) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no package.json here: keep looking
    }
    folder = path.dirname(folder);
  }
  return 'unknown';
}
