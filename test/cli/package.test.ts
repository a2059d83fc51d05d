/**
 * The npm package as a user gets it: `npm run pack:cli` builds the tarball, npm installs it into
 * an empty prefix, offline and with an empty cache (it has no dependencies to fetch), and both
 * bins run from there, far from this repository's node_modules. What would be published is what
 * is tested here.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lspClient';
import { FIXTURES, ROOT, VERSION } from './harness';
import { InstalledPackage, installedPackage, removeInstalledPackage } from './installedPackage';

const ROOT_MANIFEST = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
  repository: unknown;
  engines: { node: string };
};

describe('the npm package (connect-forge-lint)', function () {
  // Bundling both entry points and an offline npm install: seconds, not minutes.
  this.timeout(120000);
  let pkg: InstalledPackage;
  let packageDir: string;

  before(() => {
    pkg = installedPackage();
    packageDir = path.join(pkg.prefix, process.platform === 'win32' ? '' : 'lib', 'node_modules', 'connect-forge-lint');
  });

  after(removeInstalledPackage);

  it('holds the two bundles, its package.json, README and LICENSE, and nothing else', () => {
    const listing = execFileSync('tar', ['-tzf', pkg.tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(listing, [
      'package/LICENSE',
      'package/README.md',
      'package/bin/connect-forge-language-server.js',
      'package/bin/connect-forge-lint.js',
      'package/package.json',
    ]);
  });

  it("has the extension's version and the root's license, repository and Node range, and no dependencies", () => {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.name, 'connect-forge-lint');
    assert.equal(manifest.version, ROOT_MANIFEST.version);
    assert.equal(manifest.license, ROOT_MANIFEST.license);
    assert.deepEqual(manifest.repository, ROOT_MANIFEST.repository);
    assert.deepEqual(manifest.engines, { node: ROOT_MANIFEST.engines.node });
    assert.deepEqual(manifest.bin, {
      'connect-forge-lint': 'bin/connect-forge-lint.js',
      'connect-forge-language-server': 'bin/connect-forge-language-server.js',
    });
    assert.deepEqual(manifest.files, ['bin/']);
    for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts', 'private'])
      assert.equal(manifest[key], undefined, key);
    assert.deepEqual(readFileSync(path.join(packageDir, 'LICENSE')), readFileSync(path.join(ROOT, 'LICENSE')));
  });

  it('requires nothing but Node built-ins at run time', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    for (const bin of ['connect-forge-lint.js', 'connect-forge-language-server.js']) {
      const source = readFileSync(path.join(packageDir, 'bin', bin), 'utf8');
      assert.ok(source.startsWith('#!/usr/bin/env node\n'), `${bin} starts with its #! line`);
      const required = [...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
      assert.ok(required.length > 0);
      // A node: name can only be a built-in (undici probes node:sqlite, Node 22's, in a try).
      const external = required.filter((name) => !builtins.has(name) && !name.startsWith('node:'));
      assert.deepEqual([...new Set(external)], [], `${bin} requires only built-ins`);
    }
  });

  it("carries the command-line part of the project's README, with links that work outside the repository", () => {
    const readme = readFileSync(path.join(packageDir, 'README.md'), 'utf8');
    const project = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const part = project.slice(project.indexOf('<!-- cli-package:start -->'), project.indexOf('<!-- cli-package:end -->'));
    assert.ok(part.length > 1000);
    assert.match(readme, /^# connect-forge-lint\n/);
    assert.match(readme, /^## Reports for CI$/m, "the README's ### headings are ## here");
    assert.ok(readme.includes('npm install --global ./connect-forge-lint-'));
    assert.ok(readme.includes("cmd = { 'connect-forge-language-server', '--stdio' }"));
    assert.doesNotMatch(readme, /\]\((?!https:\/\/)/, 'every link is absolute');
    assert.doesNotMatch(readme, /<!--/, 'no markers or placeholders are left');
  });

  it('installs connect-forge-lint, which checks a fixture folder: output and exit code', () => {
    const linked = path.join(pkg.bin, 'connect-forge-lint');
    assert.ok(existsSync(linked));
    assert.ok((statSync(linked).mode & 0o111) !== 0, 'executable');
    const version = spawnSync('connect-forge-lint', ['--version'], { env: pkg.env, encoding: 'utf8' });
    assert.equal(version.stdout, `${VERSION}\n`);

    const warnings = spawnSync('connect-forge-lint', ['warnings'], { cwd: FIXTURES, env: pkg.env, encoding: 'utf8' });
    assert.equal(warnings.status, 1, warnings.stderr);
    assert.match(
      warnings.stdout,
      /^warnings\/atlassian-connect\.json:2:3 {2}warning {2}No forgeAppLink: admins will not see "Get the Forge app"\. .* {2}forge-app-link-missing$/m,
    );
    assert.match(
      warnings.stdout,
      /^warnings\/atlassian-connect\.json:3:18 {2}warning {2}forgeAppId is a bare UUID\. .* {2}forge-app-id-invalid$/m,
    );
    assert.match(warnings.stdout, /^✖ 2 problems \(0 errors, 2 warnings, 0 info\)$/m);
    assert.equal(warnings.stderr, '');
    const clean = spawnSync('connect-forge-lint', ['clean'], { cwd: FIXTURES, env: pkg.env, encoding: 'utf8' });
    assert.deepEqual([clean.status, clean.stdout], [0, '✔ No problems in 1 descriptor.\n']);
  });

  it('installs connect-forge-language-server, which answers initialize over stdio and checks a descriptor', async () => {
    const descriptor = path.join(FIXTURES, 'warnings', 'atlassian-connect.json');
    assert.ok((statSync(path.join(pkg.bin, 'connect-forge-language-server')).mode & 0o111) !== 0, 'executable');
    const client = await LspClient.start({
      // The installed bin (the link npm made), run by node as its #! line would.
      serverPath: path.join(pkg.bin, 'connect-forge-language-server'),
      rootUri: pathToFileURL(path.dirname(descriptor)).href,
    });
    try {
      assert.deepEqual(client.initializeResult?.serverInfo, { name: 'connect-forge-link', version: VERSION });
      assert.ok(client.initializeResult?.capabilities.codeActionProvider);
      const uri = pathToFileURL(descriptor).href;
      const published = await client.openAndWait(uri, readFileSync(descriptor, 'utf8'));
      assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['forge-app-id-invalid', 'forge-app-link-missing']);
      assert.equal(await client.shutdown(), 0);
    } finally {
      await client.dispose();
    }
  });
});
