import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { isInSkippedFolder, isWithin } from '../../server/src/workspace/manifestFiles';

describe('workspace paths', () => {
  it('skips what the scan skips, judged below the workspace folder only', () => {
    assert.equal(isInSkippedFolder(path.join('app', 'node_modules', 'dep', 'manifest.yml')), true);
    assert.equal(isInSkippedFolder(path.join('forge', 'dist', 'manifest.yml')), true);
    assert.equal(isInSkippedFolder(path.join('forge', 'manifest.yml')), false);
    // A workspace that itself lives under a folder named build is not skipped: the caller passes the path relative to it.
    assert.equal(isInSkippedFolder(path.relative('/home/me/build/project', '/home/me/build/project/forge/manifest.yml')), false);
  });

  it('tells whether a file is in a folder', () => {
    assert.equal(isWithin('/w', '/w/a/b'), true);
    assert.equal(isWithin('/w', '/w'), true);
    assert.equal(isWithin('/w', '/wx/a'), false);
    assert.equal(isWithin('/w/a', '/w'), false);
  });
});
