// Bundles the client and the server (and the CLI) into single files that need nothing beside them.
// --watch rebuilds on every change and type-checks beside it; --production minifies.
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { NODE_BIN_BANNER, bundleOptions } from './bundleOptions.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = bundleOptions({ production });

const builds = [
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', banner: NODE_BIN_BANNER },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: NODE_BIN_BANNER },
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
