/** The one list of folders no search enters, and the glob the client derives from it for VS Code's findFiles. */
import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { SKIPPED_FOLDERS, isSkippedFolder, skippedFoldersGlob } from '../../server/src/core/skippedFolders';
import { scanTree } from '../../server/src/workspace/manifestFiles';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

describe('skipped folders', () => {
  it('the client glob excludes exactly the folders the server skips, at any depth', () => {
    const excluded = picomatch(skippedFoldersGlob(), { dot: true });
    for (const folder of SKIPPED_FOLDERS) {
      assert.equal(isSkippedFolder(folder), true, folder);
      assert.equal(excluded(`${folder}/manifest.yml`), true, `${folder}/manifest.yml`);
      assert.equal(excluded(`apps/forge/${folder}/x/manifest.yml`), true, `apps/forge/${folder}/x/manifest.yml`);
    }
    for (const kept of ['forge/manifest.yml', 'connect/atlassian-connect.json', 'outlook/manifest.yml', 'my.git/manifest.yml']) {
      assert.equal(excluded(kept), false, kept);
    }
  });

  it('the scan of the server and the CLI skips each of them', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'cfl-skipped-'));
    try {
      for (const folder of [...SKIPPED_FOLDERS, 'forge']) {
        mkdirSync(path.join(root, folder), { recursive: true });
        writeFileSync(path.join(root, folder, 'manifest.yml'), 'app:\n  id: x\n');
      }
      const scan = await scanTree(root);
      assert.deepEqual(scan.manifests, [path.join(root, 'forge', 'manifest.yml')]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
