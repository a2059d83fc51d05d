/** Fix-all on an open manifest.yml (the CLI's --fix on a matched manifest): safe fixes only, formatting kept. */
import * as assert from 'node:assert/strict';
import { analyzeManifest, applyEdits, fixAllManifest } from '../../server/src/core';

const UUID = '4c7ae21b-150a-440c-9912-c85b4c492e93';
const manifest = (id: string) =>
  `# The Stars app\nmodules:\n  bitbucket:repoMainMenuPage:\n    - key: stars\n      title: Stars\napp:\n  id: ${id} # from the console\n`;

describe('fix-all on a manifest', () => {
  it('corrects a bare UUID app.id to the ARI, keeping the comments', () => {
    const result = fixAllManifest(manifest(UUID));
    assert.equal(result.text, manifest(`ari:cloud:ecosystem::app/${UUID}`));
    assert.deepEqual(result.applied, [`Correct app.id: ari:cloud:ecosystem::app/${UUID}`]);
    assert.deepEqual(analyzeManifest(result.text).findings, []);
    assert.equal(applyEdits(manifest(UUID), result.edits), result.text, 'its edits make the same change');
    assert.deepEqual(
      result.edits.map((edit) => edit.newText),
      ['ari:cloud:ecosystem::app/'],
      'one edit, trimmed to what changes',
    );
  });

  it('leaves a manifest without safe fixes as it is', () => {
    for (const text of [manifest(`ari:cloud:ecosystem::app/${UUID}`), manifest('not-an-id'), 'app: [unclosed\n']) {
      assert.deepEqual(fixAllManifest(text), { text, applied: [], edits: [] });
    }
  });

  it('a rule set to off does not fix', () => {
    const text = manifest(UUID);
    assert.deepEqual(
      fixAllManifest(text, {
        settings: { product: 'auto', rules: { 'manifest-app-id': 'off' }, consoleHosts: [], reportSyntaxErrors: false },
      }),
      {
        text,
        applied: [],
        edits: [],
      },
    );
  });
});
