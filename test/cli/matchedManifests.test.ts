/**
 * The CLI also checks the manifest.yml files matched to the descriptors it checks, with the
 * manifest rules, as the editor's Problems panel lists them: reported under the manifest's path,
 * set with --rule, fixed with --fix.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ARI, JsonReport, UUID, cli, temporaryWorkspaces } from './harness';

const MANIFEST = 'manifest-problems/forge/manifest.yml';
const APP_ID_LINE = new RegExp(
  `^${MANIFEST.replace(/[./]/g, '\\$&')}:6:7 {2}warning {2}app\\.id in manifest\\.yml is a bare UUID.* {2}manifest-app-id$`,
  'm',
);

describe('CLI: the manifests matched to the descriptors', () => {
  const workspace = temporaryWorkspaces();

  it("reports a matched manifest's problems under its own path, and only the matched one's", async () => {
    const cwd = workspace('manifest-problems');
    const run = await cli(['manifest-problems'], { cwd });
    assert.match(run.stdout, APP_ID_LINE);
    assert.ok(!run.stdout.includes('tools/unrelated'), 'a manifest matched to no descriptor is not reported');
    assert.match(run.stdout, /^✖ 2 problems \(0 errors, 2 warnings, 0 info\)$/m);
    assert.equal(run.code, 1);

    const report = JSON.parse((await cli(['--format', 'json', 'manifest-problems'], { cwd })).stdout) as JsonReport;
    assert.deepEqual(
      report.files.map((file) => [file.path, file.findings.map((f) => f.rule)]),
      [
        ['manifest-problems/connect/atlassian-connect.json', ['manifest-unusable']],
        [MANIFEST, ['manifest-app-id']],
      ],
    );
    assert.deepEqual(report.files[1].findings[0].range.start, { line: 6, column: 7 });
  });

  it('--rule manifest-app-id=… has an effect', async () => {
    const cwd = workspace('manifest-problems');
    const off = await cli(['--rule', 'manifest-app-id=off', 'manifest-problems'], { cwd });
    assert.doesNotMatch(off.stdout, /manifest-app-id/);
    const error = await cli(['--rule', 'manifest-app-id=error', '--format', 'json', 'manifest-problems'], { cwd });
    const report = JSON.parse(error.stdout) as JsonReport;
    assert.deepEqual([report.summary.errors, report.files[1].findings[0].severity], [1, 'error']);
    assert.equal(error.code, 1);
  });

  it('--fix-dry-run shows the manifest fix, --fix writes it, and the manifest is then clean', async () => {
    const cwd = workspace('manifest-problems');
    const file = path.join(cwd, MANIFEST);
    const before = readFileSync(file, 'utf8');
    const dry = await cli(['--fix-dry-run', 'manifest-problems'], { cwd });
    assert.match(dry.stdout, new RegExp(`^-  id: ${UUID} # pasted from the console$`, 'm'));
    assert.match(dry.stdout, new RegExp(`^\\+  id: ${ARI.replace(/[.:/]/g, '\\$&')} # pasted from the console$`, 'm'));
    assert.equal(readFileSync(file, 'utf8'), before, 'a dry run writes nothing');

    const fixed = await cli(['--fix', 'manifest-problems'], { cwd });
    assert.match(fixed.stdout, new RegExp(`^Fixed ${MANIFEST.replace(/[./]/g, '\\$&')} \\(1 fix\\):$`, 'm'));
    assert.equal(readFileSync(file, 'utf8'), before.replace(`id: ${UUID}`, `id: ${ARI}`), 'only app.id changed, the comment kept');
    const after = await cli(['manifest-problems'], { cwd });
    assert.equal(after.stdout, '✔ No problems in 1 descriptor.\n');
    assert.equal(after.code, 0);
  });

  it('names each of several matching manifests below the finding (text) and in its related places (JSON)', async () => {
    const cwd = workspace();
    const write = (relative: string, text: string) => {
      mkdirSync(path.dirname(path.join(cwd, relative)), { recursive: true });
      writeFileSync(path.join(cwd, relative), text);
    };
    write('connect/atlassian-connect.json', '{\n  "key": "my-app",\n  "contexts": ["account"],\n  "scopes": ["repository"]\n}\n');
    for (const [folder, uuid] of [
      ['forge-prod', UUID],
      ['forge-staging', '3f1c7d2e-84ce-42bb-9c9e-3b5142eb499b'],
    ]) {
      write(`${folder}/manifest.yml`, `app:\n  id: ari:cloud:ecosystem::app/${uuid}\n  connect:\n    key: my-app\n`);
    }
    const run = await cli(['--rule', 'forge-app-link-missing=off', '.'], { cwd });
    assert.deepEqual(run.stdout.split('\n').slice(0, 3), [
      'connect/atlassian-connect.json:2:3  info     No forgeAppId (optional): the Forge app cannot look up this Connect installation. Insert app.id from one of the 2 matching manifests.  forge-app-id-missing',
      '    ↳ forge-prod/manifest.yml:2:7  app.id of forge-prod/manifest.yml',
      '    ↳ forge-staging/manifest.yml:2:7  app.id of forge-staging/manifest.yml',
    ]);
    const report = JSON.parse((await cli(['--format', 'json', '--rule', 'forge-app-link-missing=off', '.'], { cwd })).stdout) as JsonReport;
    assert.deepEqual(
      report.files[0].findings[0].related?.map((place) => [place.path, place.range?.start, place.message]),
      [
        ['forge-prod/manifest.yml', { line: 2, column: 7 }, 'app.id of forge-prod/manifest.yml'],
        ['forge-staging/manifest.yml', { line: 2, column: 7 }, 'app.id of forge-staging/manifest.yml'],
      ],
    );
  });
});
