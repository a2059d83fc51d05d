// `npm run pack:cli`: builds the npm package of the checker and the standalone language server.
// Both are bundled (the package has no dependencies), built as the extension's bundles are; its
// package.json is made from cli-package/package.template.json and the root package.json, where
// alone the version, license, repository and Node range are written; its README is
// cli-package/README.template.md around the command-line part of the project's README.
// Writes connect-forge-lint-<version>.tgz in the repository (or in --out-dir <folder>) and prints
// its path.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_BIN_BANNER, bundleOptions, manifest } from './bundleOptions.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAGE = path.join(ROOT, 'out', 'cli-package');
const TEMPLATES = path.join(ROOT, 'cli-package');
/** The part of the project's README that the package's README carries. */
const README_START = '<!-- cli-package:start -->';
const README_END = '<!-- cli-package:end -->';

const BINS = {
  'connect-forge-lint': 'server/src/cli.ts',
  'connect-forge-language-server': 'server/src/server.ts',
};

const outIndex = process.argv.indexOf('--out-dir');
const outDir = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : ROOT);
const projectUrl = manifest.repository.url.replace(/\.git$/, '');

rmSync(STAGE, { recursive: true, force: true });
mkdirSync(path.join(STAGE, 'bin'), { recursive: true });

const template = JSON.parse(readFileSync(path.join(TEMPLATES, 'package.template.json'), 'utf8'));
for (const [name, entry] of Object.entries(BINS)) {
  if (template.bin[name] === undefined) throw new Error(`cli-package/package.template.json has no bin ${name}`);
  const outfile = path.join(STAGE, template.bin[name]);
  await esbuild.build({ ...bundleOptions({ production: true }), entryPoints: [path.join(ROOT, entry)], outfile, banner: NODE_BIN_BANNER });
  chmodSync(outfile, 0o755);
}

const packageJson = {
  name: template.name,
  version: manifest.version,
  description: template.description,
  keywords: template.keywords,
  license: manifest.license,
  repository: manifest.repository,
  homepage: manifest.homepage,
  bugs: manifest.bugs,
  engines: { node: manifest.engines.node },
  bin: template.bin,
  files: template.files,
};
writeFileSync(path.join(STAGE, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
writeFileSync(path.join(STAGE, 'README.md'), packageReadme());
copyFileSync(path.join(ROOT, 'LICENSE'), path.join(STAGE, 'LICENSE'));

mkdirSync(outDir, { recursive: true });
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], {
    cwd: STAGE,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    stdio: ['ignore', 'pipe', 'inherit'],
  }),
);
process.stdout.write(`${path.join(outDir, packed.filename)}\n`);

/** The template around the README's command-line part, its headings one level up and its links absolute. */
function packageReadme() {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} part for the package's README`);
  const part = readme
    .slice(start + README_START.length, end)
    .trim()
    .replace(/^#(#+) /gm, '$1 ')
    .replace(/\]\(#/g, `](${projectUrl}#`)
    .replace(/\]\((?!https?:|#)([^)]+)\)/g, `](${projectUrl}/blob/HEAD/$1)`);
  const text = readFileSync(path.join(TEMPLATES, 'README.template.md'), 'utf8');
  return text.replaceAll('<!-- project -->', projectUrl).replace("<!-- the command-line part of the project's README -->", part);
}
