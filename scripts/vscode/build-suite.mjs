#!/usr/bin/env node
// Compiles the VS Code suite (test/vscode/*.ts) into test/vscode/out/ with esbuild: one CommonJS
// file per entry (index.js exports run(); each *.test.js; screenshots.js exports run() too), the
// helpers bundled in. `vscode` is the extension host's module and `mocha` is resolved at run time
// from the repository's node_modules. Type checking is tsc -b's job (test/tsconfig.json).
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = path.join(repoRoot, 'test', 'vscode');
const outDir = path.join(suiteDir, 'out');

const entryPoints = readdirSync(suiteDir)
  .filter((name) => name === 'index.ts' || name === 'screenshots.ts' || name.endsWith('.test.ts'))
  .map((name) => path.join(suiteDir, name));

rmSync(outDir, { recursive: true, force: true });
const started = Date.now();
await esbuild.build({
  entryPoints,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`[build-suite] ${entryPoints.length} files -> ${path.relative(repoRoot, outDir)}/ (${Date.now() - started} ms)`);
