import type { BuildOptions } from 'esbuild';

export function esbuildOptions(options: { production: boolean; metafile?: boolean }): BuildOptions;
