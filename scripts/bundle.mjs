// Bundles the client and the server (and the CLI) into single files that need nothing beside them.
// --watch rebuilds on every change and type-checks beside it; --production minifies.
// --outdir DIR writes the bundles below DIR (same relative paths) instead of in place, and
// --metafile writes esbuild's account of each bundle's inputs beside it (<bundle>.meta.json):
// the benchmark's sizes and the package test's check of what the client carries use both.
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NODE_BIN_BANNER, bundleOptions } from './bundleOptions.mjs';

const { values: options } = parseArgs({
  options: {
    watch: { type: 'boolean', default: false },
    production: { type: 'boolean', default: false },
    outdir: { type: 'string' },
    metafile: { type: 'boolean', default: false },
  },
});
const { watch, production } = options;
const outdir = options.outdir ?? '.';

const common = { ...bundleOptions({ production }), metafile: options.metafile };

const builds = [
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', banner: NODE_BIN_BANNER },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: NODE_BIN_BANNER },
  // The served-descriptor check is loaded on its command's first run (client/src/commands/registerCheckServed.ts).
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode', './servedCheck.js'] },
  { ...common, entryPoints: ['client/src/commands/checkServedDescriptor.ts'], outfile: 'client/out/servedCheck.js', external: ['vscode'] },
]
  .filter((build) => existsSync(build.entryPoints[0]))
  .map((build) => ({ ...build, outfile: path.join(outdir, build.outfile) }));

if (watch) {
  // esbuild does not type-check: the compiler watches beside it, reporting errors as you edit.
  spawn('npx', ['tsc', '-b', '-w', '--preserveWatchOutput'], { stdio: 'inherit' });
  for (const build of builds) {
    const context = await esbuild.context(build);
    await context.watch();
  }
} else {
  const results = await Promise.all(builds.map((build) => esbuild.build(build)));
  if (options.metafile) results.forEach((result, i) => writeFileSync(`${builds[i].outfile}.meta.json`, JSON.stringify(result.metafile)));
}

// The server and the CLI are package bins: make them executable (esbuild writes plain 0644 files).
for (const { outfile, banner } of builds) {
  if (banner && existsSync(outfile)) chmodSync(outfile, 0o755);
}
