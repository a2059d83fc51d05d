import type { BuildOptions } from 'esbuild';

export const manifest: { readonly name: string; readonly version: string };
export function bundleOptions(options: { production: boolean }): BuildOptions;
export const NODE_BIN_BANNER: { js: string };
