/**
 * The npm package, packed by `npm run pack:cli`'s script and installed by npm into an empty prefix,
 * offline and with an empty cache (it has no dependencies to fetch): once per test run, shared by
 * the package's tests and those of the README's CI examples.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, VERSION } from './harness';

export interface InstalledPackage {
  /** The tarball `npm run pack:cli` wrote. */
  readonly tarball: string;
  /** The global prefix it was installed into; its bins are in `bin`. */
  readonly prefix: string;
  readonly bin: string;
  /** An environment that finds the installed bins first and nothing of this repository. */
  readonly env: NodeJS.ProcessEnv;
}

let installed: InstalledPackage | undefined;
let scratch: string | undefined;

/** Packs and installs the package, the first time it is asked for. */
export function installedPackage(): InstalledPackage {
  if (installed) return installed;
  scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'connect-forge-lint-package-')));
  const output = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'pack-cli.mjs'), '--out-dir', scratch], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const tarball = output.trim().split('\n').at(-1) ?? '';
  assert.equal(tarball, path.join(scratch, `connect-forge-lint-${VERSION}.tgz`));
  const prefix = path.join(scratch, 'prefix');
  mkdirSync(prefix);
  const install = spawnSync(
    'npm',
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--offline',
      '--cache',
      path.join(scratch, 'npm-cache'),
      '--no-audit',
      '--no-fund',
      '--loglevel',
      'error',
      tarball,
    ],
    { cwd: scratch, encoding: 'utf8', env: { ...process.env, npm_config_userconfig: path.join(scratch, 'no-npmrc') } },
  );
  assert.equal(install.status, 0, `npm install of the tarball failed:\n${install.stderr}`);
  const bin = process.platform === 'win32' ? prefix : path.join(prefix, 'bin');
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}/usr/bin${path.delimiter}/bin`,
    HOME: scratch,
    CI: 'true',
  };
  installed = { tarball, prefix, bin, env };
  return installed;
}

export function removeInstalledPackage(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
  installed = undefined;
}
