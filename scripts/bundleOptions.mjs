// The esbuild options every bundle shares: the extension's (scripts/bundle.mjs) and the npm
// package's (scripts/pack-cli.mjs), so that what is packed is built as what is tested.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The one place the version is written is the root package.json (see server/src/version.ts). */
export const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** @returns {import('esbuild').BuildOptions} */
export function bundleOptions({ production }) {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    // jsonc-parser 3.3's "main" is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
    mainFields: ['module', 'main'],
    // yaml's Node entry is CommonJS, which esbuild cannot tree-shake; the same code as ES modules
    // (its "browser" build, no browser API in it) drops the parts we never call (17 kB minified).
    alias: { yaml: path.join(path.dirname(require.resolve('yaml/package.json')), 'browser', 'index.js') },
    logLevel: 'warning',
    define: { CONNECT_FORGE_LINK_VERSION: JSON.stringify(manifest.version) },
  };
}

/** Node runs a bin through its `#!` line. */
export const NODE_BIN_BANNER = { js: '#!/usr/bin/env node' };
