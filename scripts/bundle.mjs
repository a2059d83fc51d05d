// Bundles the client and the server (and the CLI) into single files that need nothing beside them.
// --watch rebuilds on every change and type-checks beside it; --production minifies.
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  // jsonc-parser 3.3's "main" is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  // The one place the version is written is package.json (see server/src/version.ts).
  define: { CONNECT_FORGE_LINK_VERSION: JSON.stringify(version) },
};

const builds = [
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
].filter((options) => existsSync(options.entryPoints[0]));

if (watch) {
  // esbuild does not type-check: the compiler watches beside it, reporting errors as you edit.
  spawn('npx', ['tsc', '-b', '-w', '--preserveWatchOutput'], { stdio: 'inherit' });
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

// The server and the CLI are package bins: make them executable (esbuild writes plain 0644 files).
for (const { outfile, banner } of builds) {
  if (banner && existsSync(outfile)) chmodSync(outfile, 0o755);
}
