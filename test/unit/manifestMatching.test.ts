import * as assert from 'node:assert/strict';
import {
  IndexedManifest,
  descriptorFacts,
  folderDistance,
  indexManifest,
  manifestResolver,
  matchManifests,
  parseDescriptor,
  readManifest,
} from '../../server/src/core';

const uuid = (n: number) => `70df33c7-2f7f-4148-b923-bf8c15d7e87${n}`;
const ari = (n: number) => `ari:cloud:ecosystem::app/${uuid(n)}`;

function manifest(path: string, root: string, appId: string | undefined, connectKey?: string): IndexedManifest {
  const lines = ['app:'];
  if (appId) lines.push(`  id: "${appId}"`);
  if (connectKey) lines.push('  connect:', `    key: ${connectKey}`);
  const text = `${lines.join('\n')}\n`;
  return indexManifest(`file://${path}`, path, path.slice(root.length + 1), root, text, readManifest(text));
}

function facts(path: string, root: string, members: Record<string, string>) {
  const text = JSON.stringify({ contexts: ['account'], ...members }, null, 2);
  return descriptorFacts(path, root, parseDescriptor(text).root);
}

const link = (n: number) => `https://developer.atlassian.com/console/install/${uuid(n)}?signature=abc&product=bitbucket`;

describe('manifest matching', () => {
  const root = '/w';
  const near = manifest('/w/connect/forge/manifest.yml', root, ari(1), 'other-key');
  const far = manifest('/w/apps/forge/manifest.yml', root, ari(2), 'my-app');
  const sibling = manifest('/w/forge/manifest.yml', root, ari(3));
  const siblingTwin = manifest('/w/forge-staging/manifest.yml', root, ari(4));
  const noId = manifest('/w/empty/manifest.yml', root, undefined);
  const descriptorPath = '/w/connect/atlassian-connect.json';

  const table: { name: string; members: Record<string, string>; manifests: IndexedManifest[]; expected: string[]; reason: RegExp }[] = [
    {
      name: 'forgeAppId names the same app, however far',
      members: { key: 'x', forgeAppId: ari(2) },
      manifests: [near, far],
      expected: ['apps/forge/manifest.yml'],
      reason: /same Forge app/,
    },
    {
      name: 'forgeAppLink names the same app',
      members: { key: 'x', forgeAppLink: link(2) },
      manifests: [near, far],
      expected: ['apps/forge/manifest.yml'],
      reason: /same Forge app/,
    },
    {
      name: 'a bare-UUID forgeAppId still names its app',
      members: { key: 'x', forgeAppId: ari(2).toUpperCase().replace('ARI:CLOUD:ECOSYSTEM::APP/', '') },
      manifests: [near, far],
      expected: ['apps/forge/manifest.yml'],
      reason: /same Forge app/,
    },
    {
      name: 'app.connect.key equals the key, before proximity',
      members: { key: 'my-app' },
      manifests: [near, far],
      expected: ['apps/forge/manifest.yml'],
      reason: /app\.connect\.key/,
    },
    {
      name: 'a templated key is no evidence',
      members: { key: '{{appKey}}' },
      manifests: [near, far],
      expected: ['connect/forge/manifest.yml'],
      reason: /nearest/,
    },
    {
      name: 'the nearest folder wins',
      members: { key: 'x' },
      manifests: [far, near, sibling],
      expected: ['connect/forge/manifest.yml'],
      reason: /nearest/,
    },
    {
      name: 'two equally near manifests are both offered, sorted by path',
      members: { key: 'x' },
      manifests: [siblingTwin, sibling],
      expected: ['forge-staging/manifest.yml', 'forge/manifest.yml'],
      reason: /nearest/,
    },
    {
      name: 'a manifest without app.id is still a match (the rules say why it cannot be used)',
      members: { key: 'x' },
      manifests: [noId],
      expected: ['empty/manifest.yml'],
      reason: /nearest/,
    },
  ];

  for (const row of table) {
    it(row.name, () => {
      const context = matchManifests(facts(descriptorPath, root, row.members), row.manifests);
      assert.equal(context.searched, true);
      assert.deepEqual(
        context.matches.map((m) => m.label),
        row.expected,
      );
      assert.match(context.reason ?? '', row.reason);
    });
  }

  it('uses the only manifest of another workspace folder (multi-root), and offers all when several', () => {
    const other = manifest('/forge-app/manifest.yml', '/forge-app', ari(5));
    const only = matchManifests(facts(descriptorPath, root, { key: 'x' }), [other]);
    assert.deepEqual(
      only.matches.map((m) => m.appId),
      [ari(5)],
    );
    assert.match(only.reason ?? '', /only manifest\.yml in the workspace/);
    const another = manifest('/forge-two/manifest.yml', '/forge-two', ari(6));
    const both = matchManifests(facts(descriptorPath, root, { key: 'x' }), [other, another]);
    assert.equal(both.matches.length, 2);
  });

  it('says it searched and found nothing when the workspace has no manifest', () => {
    assert.deepEqual(matchManifests(facts(descriptorPath, root, { key: 'x' }), []), { matches: [], searched: true });
  });

  it('keeps the usable app.id, its line range and the connect key in the candidate', () => {
    const candidate = near.candidate;
    assert.equal(candidate.appId, ari(1));
    assert.equal(candidate.appIdUuid, uuid(1));
    assert.deepEqual(candidate.appIdRange, { start: { line: 1, character: 6 }, end: { line: 1, character: 6 + ari(1).length + 2 } });
    assert.equal(candidate.connectKey, 'other-key');
    assert.equal(noId.candidate.appId, undefined);
    assert.match(noId.candidate.problem ?? '', /forge register/);
  });

  describe('the resolver the server and the CLI share', () => {
    const identity = { key: 'x', appUuids: [] };
    const variant = { label: 'old/manifest.yaml', location: 'file:///w/old/manifest.yaml' };

    it('matches as matchManifests does, from the identity the analysis read', () => {
      const resolve = manifestResolver({ path: descriptorPath, root, manifests: [near, far, sibling] });
      assert.deepEqual(resolve(identity), matchManifests({ path: descriptorPath, root, ...identity }, [near, far, sibling]));
      assert.deepEqual(
        resolve({ key: 'my-app', appUuids: [] }).matches.map((m) => m.label),
        ['apps/forge/manifest.yml'],
      );
    });

    it('adds the manifest.yaml files near the descriptor, only when there are some', () => {
      const resolve = manifestResolver({ path: descriptorPath, root, manifests: [near], ignoredVariants: [variant] });
      assert.deepEqual(resolve(identity).ignoredVariants, [variant]);
      const none = manifestResolver({ path: descriptorPath, root, manifests: [near], ignoredVariants: [] })(identity);
      assert.equal('ignoredVariants' in none, false);
    });

    it("says the caller's reason instead of matching's (a manifest named with --manifest), even when nothing matches", () => {
      const reason = 'it was named with --manifest';
      assert.equal(manifestResolver({ path: descriptorPath, root, manifests: [far], reason })(identity).reason, reason);
      assert.deepEqual(manifestResolver({ path: descriptorPath, root, manifests: [], reason })(identity), {
        matches: [],
        searched: true,
        reason,
      });
    });
  });

  it('measures folder distance up to the common ancestor and down again', () => {
    assert.equal(folderDistance('/w/connect', '/w/connect'), 0);
    assert.equal(folderDistance('/w/connect', '/w/connect/forge'), 1);
    assert.equal(folderDistance('/w/connect', '/w/forge'), 2);
    assert.equal(folderDistance('/w/a/b', '/w/c'), 3);
  });
});
