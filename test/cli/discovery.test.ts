/**
 * Which files are checked, against which manifests: folder and file arguments, --manifest,
 * --descriptor-glob, the folders never searched, and paths that cannot be read.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, JsonReport, assertUsageError, cli, temporaryWorkspaces } from './harness';

describe('CLI: discovery', () => {
  const workspace = temporaryWorkspaces();

  it('--manifest compares every descriptor with the manifest named', async () => {
    const cwd = workspace('clean', 'other-app-manifest');
    assert.equal((await cli(['clean'], { cwd })).code, 0, 'no manifest in clean/: nothing to compare');
    const run = await cli(['--manifest', 'other-app-manifest/manifest.yml', 'clean'], { cwd });
    assert.match(
      run.stdout,
      /^clean\/atlassian-connect\.json:4:17 {2}warning {2}.*other-app-manifest\/manifest\.yml.* {2}forge-app-id-manifest-mismatch$/m,
    );
    assert.equal(run.code, 1);
  });

  it("matches manifests found in a folder argument's tree", async () => {
    const cwd = workspace('clean');
    mkdirSync(path.join(cwd, 'clean', 'forge'));
    cpSync(path.join(FIXTURES, 'other-app-manifest', 'manifest.yml'), path.join(cwd, 'clean', 'forge', 'manifest.yml'));
    const report = JSON.parse((await cli(['--format', 'json', 'clean'], { cwd })).stdout) as JsonReport;
    assert.deepEqual(report.files[0].manifests, ['clean/forge/manifest.yml']);
    assert.deepEqual(
      report.files[0].findings.map((f) => f.rule),
      ['forge-app-id-manifest-mismatch'],
    );
  });

  it('tells about a manifest.yaml beside the descriptor, as the editor does', async () => {
    const cwd = workspace('warnings');
    mkdirSync(path.join(cwd, 'warnings', 'forge'));
    cpSync(path.join(FIXTURES, 'other-app-manifest', 'manifest.yml'), path.join(cwd, 'warnings', 'forge', 'manifest.yaml'));
    const run = await cli(['warnings'], { cwd });
    assert.match(
      run.stdout,
      /^warnings\/atlassian-connect\.json:2:3 {2}info {5}.*warnings\/forge\/manifest\.yaml.* {2}manifest-file-name$/m,
    );
  });

  it('checks a file argument whatever its name, and --descriptor-glob adds files in folders', async () => {
    const cwd = workspace('descriptor-glob');
    assert.match((await cli(['descriptor-glob'], { cwd })).stdout, /^No Connect descriptors found in descriptor-glob/);
    assert.match(
      (await cli(['descriptor-glob/descriptor/connect.json'], { cwd })).stdout,
      /^descriptor-glob\/descriptor\/connect\.json:2:3 /m,
    );
    const globbed = await cli(['--descriptor-glob', '**/descriptor/*.json', 'descriptor-glob'], { cwd });
    assert.match(globbed.stdout, /^descriptor-glob\/descriptor\/connect\.json:2:3 .* {2}forge-app-link-missing$/m);
  });

  it('skips node_modules (and other dependency and build folders) in folders', async () => {
    const cwd = workspace('clean');
    for (const skipped of ['node_modules/some-package', '.git', 'dist']) {
      mkdirSync(path.join(cwd, 'clean', skipped), { recursive: true });
      cpSync(path.join(FIXTURES, 'warnings', 'atlassian-connect.json'), path.join(cwd, 'clean', skipped, 'atlassian-connect.json'));
    }
    const run = await cli(['.'], { cwd });
    assert.equal(run.stdout, '✔ No problems in 1 descriptor.\n');
    assert.equal(run.code, 0);
  });

  it('checks each descriptor once when paths overlap', async () => {
    const cwd = workspace('warnings');
    const report = JSON.parse(
      (await cli(['--format', 'json', '.', 'warnings', 'warnings/atlassian-connect.json'], { cwd })).stdout,
    ) as JsonReport;
    assert.equal(report.files.length, 1);
  });

  it('2 when a descriptor cannot be read, after reporting the others', async () => {
    const cwd = workspace('warnings');
    mkdirSync(path.join(cwd, 'huge'));
    // Sparse: 65 MB on paper, nothing on disk; the CLI declines to read it at all.
    writeFileSync(path.join(cwd, 'huge', 'atlassian-connect.json'), '');
    truncateSync(path.join(cwd, 'huge', 'atlassian-connect.json'), 65 * 1024 * 1024);
    const run = await cli(['.'], { cwd });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "connect-forge-lint: cannot check 'huge/atlassian-connect.json': 65.0 MB is too large for a descriptor\n");
    assert.match(run.stdout, /^warnings\/atlassian-connect\.json:3:18 .* {2}forge-app-id-invalid$/m);
  });

  it('2 for a path that is neither a file nor a folder', async function () {
    if (process.platform === 'win32') this.skip();
    const run = await cli(['/dev/null']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, "connect-forge-lint: cannot check '/dev/null': not a file or a folder\n");
  });

  it('2 for a path that does not exist, with a one-line reason on stderr', async () => {
    await assertUsageError(
      ['no/such/folder'],
      /^connect-forge-lint: cannot read 'no\/such\/folder': no such file or folder\n$/,
      workspace('warnings'),
    );
  });

  it('2 for a manifest that does not exist, with a one-line reason on stderr', async () => {
    await assertUsageError(
      ['--manifest', 'missing/manifest.yml', '.'],
      /^connect-forge-lint: cannot read 'missing\/manifest\.yml': no such file or folder\n$/,
      workspace('warnings'),
    );
  });
});
