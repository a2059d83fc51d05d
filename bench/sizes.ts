/**
 * The sizes of what ships, built as `npm run package` builds them (scripts/bundle.mjs
 * --production), beside their floors bundled with the same esbuild options: a client that only
 * starts vscode-languageclient/node (bench/bareClient.ts), the bare server of the latency
 * benchmark (bench/bareServer.ts), and that server with our libraries (bench/serverLibrariesFloor.ts). The .vsix is the one `npm run package` wrote.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Targets in kB of 1000 bytes, as issue 10 states them. */
export const SIZE_TARGETS = { vsix: 300_000, client: 460_000, server: 450_000 };

export interface Sizes {
  readonly client: number;
  /** The served-descriptor check, loaded on its command's first run (client/out/servedCheck.js). */
  readonly clientOnDemand: number;
  readonly server: number;
  readonly clientFloor: number;
  readonly serverFloor: number;
  /** The bare server with what we use of yaml and jsonc-parser (bench/serverLibrariesFloor.ts). */
  readonly serverLibrariesFloor: number;
  readonly vsix?: { readonly file: string; readonly bytes: number };
}

/** Bundles an entry point with the options scripts/bundle.mjs uses for ours; returns its path and a cleanup. */
export async function bundleLikeOurs(
  entry: string,
  production: boolean,
  external: string[] = [],
): Promise<{ file: string; bytes: number; dispose: () => void }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cfl-bench-bundle-'));
  const file = path.join(dir, `${path.basename(entry, '.ts')}.js`);
  const { bundleOptions } = await import('../scripts/bundleOptions.mjs');
  await build({ ...bundleOptions({ production }), entryPoints: [entry], outfile: file, external });
  return { file, bytes: statSync(file).size, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function measureSizes(): Promise<Sizes> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cfl-bench-sizes-'));
  try {
    execFileSync(process.execPath, ['scripts/bundle.mjs', '--production', '--outdir', dir], { cwd: ROOT, stdio: 'inherit' });
    const clientFloor = await bundleLikeOurs(path.join(__dirname, 'bareClient.ts'), true, ['vscode']);
    const serverFloor = await bundleLikeOurs(path.join(__dirname, 'bareServer.ts'), true);
    const serverLibrariesFloor = await bundleLikeOurs(path.join(__dirname, 'serverLibrariesFloor.ts'), true);
    for (const floor of [clientFloor, serverFloor, serverLibrariesFloor]) floor.dispose();
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    const vsix = path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
    return {
      client: statSync(path.join(dir, 'client', 'out', 'extension.js')).size,
      clientOnDemand: statSync(path.join(dir, 'client', 'out', 'servedCheck.js')).size,
      server: statSync(path.join(dir, 'server', 'out', 'server.js')).size,
      clientFloor: clientFloor.bytes,
      serverFloor: serverFloor.bytes,
      serverLibrariesFloor: serverLibrariesFloor.bytes,
      vsix: existsSync(vsix) ? { file: path.basename(vsix), bytes: statSync(vsix).size } : undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes as kB of 1000 (the unit of the targets and of vsce's listing). */
export function formatKB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

if (require.main === module) {
  measureSizes().then(
    (sizes) => console.log(sizes),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
