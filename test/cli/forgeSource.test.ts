/** The Forge app's own code says whether forgeAppId is needed: the CLI searches the matched Forge app's source. */
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { JsonReport, cli, temporaryWorkspaces } from './harness';

describe('CLI: the Forge source check', () => {
  const workspace = temporaryWorkspaces();

  it("a missing forgeAppId is a warning naming the call's file and line, and a route naming another key is said too", async () => {
    const cwd = workspace('forge-source');
    // Written here: git keeps no node_modules folder in the fixtures.
    const dependency = path.join(cwd, 'forge-source', 'forge', 'node_modules', 'helper', 'index.js');
    mkdirSync(path.dirname(dependency), { recursive: true });
    writeFileSync(dependency, 'export const lookup = () => api.asApp().requestBitbucket(route`/2.0/addon/someone-else/client-key`);\n');
    const run = await cli(['forge-source'], { cwd });
    const lines = run.stdout.split('\n');
    assert.match(
      lines[0],
      /^forge-source\/connect\/atlassian-connect\.json:2:3 {2}warning {2}No forgeAppId, so the Forge app's call for this installation's clientKey answers 404\. The call \(forge-source\/forge\/src\/index\.js:5\) answers once .* {2}forge-app-id-missing$/,
    );
    // Below each finding, the call it points at.
    assert.deepEqual(lines.slice(1, 3), [
      '    ↳ forge-source/forge/src/index.js:5:61  The Forge app calls GET /2.0/addon/{addon-key}/client-key here',
      '    ↳ forge-source/forge/manifest.yml:12:7  app.id of forge-source/forge/manifest.yml',
    ]);
    assert.match(
      lines[3],
      /^forge-source\/connect\/atlassian-connect\.json:2:10 {2}warning {2}The Forge app asks for the clientKey of another key than this one\. Its call \(forge-source\/forge\/src\/index\.js:5\) names "stars-dev", not "stars".* {2}forge-addon-key-mismatch$/,
    );
    assert.ok(!run.stdout.includes('someone-else'), 'node_modules is not searched');
    assert.equal(run.code, 1);
  });

  it('without the call, a missing forgeAppId is information again; --rule turns the mismatch off', async () => {
    const cwd = workspace('forge-source');
    const source = path.join(cwd, 'forge-source', 'forge', 'src', 'index.js');
    writeFileSync(source, "export const run = () => 'no Addon API call here';\n");
    const quiet = JSON.parse((await cli(['--format', 'json', 'forge-source'], { cwd })).stdout) as JsonReport;
    assert.deepEqual(
      quiet.files[0].findings.map((f) => [f.rule, f.severity]),
      [['forge-app-id-missing', 'info']],
    );
    writeFileSync(source, 'export const key = () => api.asApp().requestBitbucket(route`/2.0/addon/other/client-key`);\n');
    const off = JSON.parse(
      (await cli(['--format', 'json', '--rule', 'forge-addon-key-mismatch=off', 'forge-source'], { cwd })).stdout,
    ) as JsonReport;
    assert.deepEqual(
      off.files[0].findings.map((f) => [f.rule, f.severity]),
      [['forge-app-id-missing', 'warning']],
    );
  });

  it('searches the Forge app of a manifest named with --manifest as well', async () => {
    const cwd = workspace('forge-source');
    const run = await cli(['--manifest', 'forge-source/forge/manifest.yml', 'forge-source/connect/atlassian-connect.json'], { cwd });
    assert.match(run.stdout, /The call \(forge-source\/forge\/src\/index\.js:5\) answers once forgeAppId/);
    assert.match(run.stdout, /matched because it was named with --manifest/);
  });
});
