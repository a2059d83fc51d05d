// The esbuild options of every bundle: the extension's (scripts/bundle.mjs) and the benchmark's
// floors (bench/sizes.ts), so that both are built alike.
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * @param {{ production: boolean, metafile?: boolean }} options
 * @returns {import('esbuild').BuildOptions}
 */
export function esbuildOptions({ production, metafile = false }) {
  return {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    metafile,
    // jsonc-parser 3.3's "main" is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    // The one place the version is written is package.json (see server/src/version.ts).
    define: { CONNECT_FORGE_LINK_VERSION: JSON.stringify(version) },
  };
}
