/**
 * The manifest index's cost: a generated workspace of 20,000 files in nested folders, most of
 * them in a large node_modules, with a few manifest.yml files, against the same workspace with
 * those manifests renamed away. Measures, from a cold server start, the time to the first
 * diagnostics of an open descriptor, to the end of the manifest scan, and to the diagnostics that
 * use the manifests; then the server's RSS. And workspace diagnostics in the same workspace, with
 * a client that pulls: the first workspace/diagnostic answer from a cold start (it waits for the
 * walk), a re-pull of unchanged files, and the pull after a descriptor changed on disk.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { MANIFEST_SCAN_DONE } from '../test/support/lspClient';
import { UUID, typicalDescriptor } from './generate';
import { OUR_SERVER, serverRss, startServer, stopServer } from './lsp';
import { median, sleep } from './timing';

export const WORKSPACE_FILES = 20_000;

export interface Workspace {
  readonly root: string;
  readonly descriptor: string;
  readonly files: number;
  readonly folders: number;
  readonly manifests: readonly string[];
  dispose(): void;
}

function manifest(appId: string, key: string): string {
  return [
    'modules:',
    '  bitbucket:repoPage:',
    '    - key: page',
    '      resource: main',
    '      title: Page',
    'app:',
    `  id: ${appId}`,
    '  connect:',
    `    key: ${key}`,
    '  runtime:',
    '    name: nodejs20.x',
    '',
  ].join('\n');
}

/** Writes the workspace: ~15,300 files in node_modules, ~4,700 in nested source folders, 4 manifests. */
export function createWorkspace(): Workspace {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cfl-bench-ws-'));
  let files = 0;
  let folders = 0;
  const write = (relative: string, text: string) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files++;
  };
  // node_modules: 300 packages × 51 files in 4 folders each.
  for (let p = 0; p < 300; p++) {
    const pkg = `node_modules/${p % 3 === 0 ? `@scope-${p % 7}/` : ''}pkg-${p}`;
    folders += 4;
    write(`${pkg}/package.json`, JSON.stringify({ name: `pkg-${p}`, version: '1.0.0' }));
    write(`${pkg}/README.md`, `# pkg-${p}\n`);
    write(`${pkg}/index.js`, 'module.exports = {};\n');
    for (let f = 0; f < 20; f++) write(`${pkg}/lib/a${f}.js`, `exports.a${f} = ${f};\n`);
    for (let f = 0; f < 20; f++) write(`${pkg}/lib/util/b${f}.js`, `exports.b${f} = ${f};\n`);
    for (let f = 0; f < 8; f++) write(`${pkg}/dist/c${f}.js`, `exports.c${f} = ${f};\n`);
  }
  // One manifest.yml inside node_modules: the scan must not read it.
  write('node_modules/pkg-1/manifest.yml', manifest('ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000', 'dependency'));
  // Source: 10 services × 20 modules, three levels deep.
  for (let s = 0; s < 10 && files < WORKSPACE_FILES; s++) {
    for (let m = 0; m < 20; m++) {
      const dir = `apps/svc-${s}/src/mod-${m}`;
      folders += 3;
      for (let f = 0; f < 10; f++) write(`${dir}/f${f}.ts`, `export const f${f} = ${f};\n`);
      for (let f = 0; f < 10; f++) write(`${dir}/sub/g${f}.ts`, `export const g${f} = ${f};\n`);
      for (let f = 0; f < 3; f++) write(`${dir}/sub/deeper/h${f}.ts`, `export const h${f} = ${f};\n`);
    }
  }
  // JSON files outside node_modules that are not descriptors, and two more descriptors (staging
  // and development apps of other services): workspace diagnostics read what the walk finds.
  for (let s = 0; s < 10; s++) {
    write(`apps/svc-${s}/package.json`, JSON.stringify({ name: `svc-${s}`, version: '1.0.0', scripts: { test: 'mocha' } }, null, 2));
    write(`apps/svc-${s}/tsconfig.json`, JSON.stringify({ compilerOptions: { strict: true, outDir: 'out' } }, null, 2));
  }
  for (const variant of ['staging', 'development']) {
    folders++;
    write(`apps/svc-1/connect-${variant}/atlassian-connect.json`, typicalDescriptor());
  }
  write(
    'connect/atlassian-connect.json',
    typicalDescriptor().replace(/"forgeAppId": "[^"]*"/, `"forgeAppId": "ari:cloud:ecosystem::app/${UUID}"`),
  );
  const manifests = ['forge/manifest.yml', 'apps/svc-1/forge/manifest.yml', 'apps/svc-2/manifest.yml', 'tools/forge-admin/manifest.yml'];
  // The descriptor's own app (same connect key) with another app.id: a finding only the index can give.
  write(manifests[0], manifest('ari:cloud:ecosystem::app/9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', 'bench-connect-app'));
  write(manifests[1], manifest('ari:cloud:ecosystem::app/f29fdb13-c3ac-4e38-a7be-9ca0d8d5b6ac', 'other-app'));
  write(manifests[2], manifest('ari:cloud:ecosystem::app/0b9a3c1e-5d2f-4e6a-8b7c-9d0e1f2a3b4c', 'third-app'));
  write(manifests[3], manifest('ari:cloud:ecosystem::app/c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f', 'admin-app'));
  // Fill up to exactly WORKSPACE_FILES with docs in nested folders.
  for (let i = 0; files < WORKSPACE_FILES; i++)
    write(`docs/section-${i % 25}/part-${Math.floor(i / 25) % 4}/page-${i}.md`, `# Page ${i}\n`);
  return {
    root,
    descriptor: path.join(root, 'connect', 'atlassian-connect.json'),
    files,
    folders,
    manifests: manifests.map((m) => path.join(root, m)),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Renames the manifests (the file count stays the same) or brings them back. */
export function setManifests(workspace: Workspace, present: boolean): void {
  for (const file of workspace.manifests) {
    const away = `${file}.off`;
    if (present) renameSync(away, file);
    else renameSync(file, away);
  }
}

export interface WorkspaceRun {
  /** didOpen (sent right after initialized) → first publishDiagnostics. */
  readonly firstDiagnostics: number;
  /** initialized → the index's "Found N manifest.yml file(s)" log. */
  readonly scanDone: number;
  /** didOpen → the diagnostics published after the index is ready (they use the manifests). */
  readonly indexedDiagnostics: number;
  readonly rss: number;
  readonly diagnostics: number;
}

export async function measureWorkspaceOnce(workspace: Workspace): Promise<WorkspaceRun> {
  const folderUri = URI.file(workspace.root).toString();
  // Started without waiting for the scan, which is what is timed here.
  const client = await startServer(OUR_SERVER, {
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: path.basename(workspace.root) }],
    readyLog: null,
  });
  const initializedAt = performance.now();
  const uri = URI.file(workspace.descriptor).toString();
  const openedAt = performance.now();
  await client.open(uri, typicalDescriptor().replace(/"forgeAppId": "[^"]*"/, `"forgeAppId": "ari:cloud:ecosystem::app/${UUID}"`));
  const first = await client.diagnostics(uri);
  const scanAt = (await client.log(MANIFEST_SCAN_DONE)).receivedAt;
  // The index's onChange re-checks open documents: the next publication after the scan's log.
  const since = client.publications.findIndex((p) => p.receivedAt >= scanAt);
  const indexed = await client.diagnostics(uri, { since: since === -1 ? client.mark() : since });
  await sleep(500);
  const rss = serverRss(client);
  await stopServer(client);
  return {
    firstDiagnostics: first.receivedAt - openedAt,
    scanDone: scanAt - initializedAt,
    indexedDiagnostics: indexed.receivedAt - openedAt,
    rss,
    diagnostics: indexed.diagnostics.length,
  };
}

export interface WorkspacePullRun {
  /** initialized → the first workspace/diagnostic answer (it waits for the walk that finds the files). */
  readonly firstReport: number;
  /** A re-pull with the result ids of the first answer (every file unchanged), median. */
  readonly unchangedRepull: number;
  /** A descriptor changed on disk, the watched-file event sent → the answer of the next pull. */
  readonly afterChange: number;
  /** Files in the first answer (descriptors and matched manifests) and their diagnostics. */
  readonly reported: number;
  readonly diagnostics: number;
}

const REPULLS = 20;

export async function measureWorkspaceDiagnosticsOnce(workspace: Workspace): Promise<WorkspacePullRun> {
  const folderUri = URI.file(workspace.root).toString();
  const client = await startServer(OUR_SERVER, {
    pull: true,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: path.basename(workspace.root) }],
    readyLog: null,
  });
  try {
    const initializedAt = performance.now();
    const first = await client.pullWorkspace();
    const firstReport = performance.now() - initializedAt;
    if (first.items.some((item) => item.kind !== 'full')) throw new Error('the first answer is full');
    const repulls: number[] = [];
    for (let i = 0; i < REPULLS; i++) {
      const started = performance.now();
      const again = await client.pullWorkspace();
      repulls.push(performance.now() - started);
      if (again.items.some((item) => item.kind !== 'unchanged'))
        throw new Error(`a re-pull of unchanged files: ${JSON.stringify(again.items)}`);
    }
    const text = readFileSync(workspace.descriptor, 'utf8');
    writeFileSync(workspace.descriptor, text.replace('"name": "', '"name": "Changed '));
    const changedAt = performance.now();
    await client.filesChanged([{ uri: URI.file(workspace.descriptor).toString(), type: FileChangeType.Changed }]);
    const changed = await client.pullWorkspace();
    const afterChange = performance.now() - changedAt;
    writeFileSync(workspace.descriptor, text);
    if (!changed.items.some((item) => item.kind === 'full')) throw new Error('the changed descriptor is reported in full');
    return {
      firstReport,
      unchangedRepull: median(repulls),
      afterChange,
      reported: first.items.length,
      diagnostics: first.items.reduce((sum, item) => sum + (item.kind === 'full' ? item.items.length : 0), 0),
    };
  } finally {
    await stopServer(client);
  }
}

export interface WorkspaceResult {
  readonly files: number;
  readonly folders: number;
  readonly withManifests: WorkspaceRun;
  readonly withoutManifests: WorkspaceRun;
  readonly pull: WorkspacePullRun;
  readonly runs: number;
}

function medianRun(runs: readonly WorkspaceRun[]): WorkspaceRun {
  return {
    firstDiagnostics: median(runs.map((r) => r.firstDiagnostics)),
    scanDone: median(runs.map((r) => r.scanDone)),
    indexedDiagnostics: median(runs.map((r) => r.indexedDiagnostics)),
    rss: median(runs.map((r) => r.rss)),
    diagnostics: median(runs.map((r) => r.diagnostics)),
  };
}

export async function measureWorkspace(runs = 5, log: (line: string) => void = () => undefined): Promise<WorkspaceResult> {
  const workspace = createWorkspace();
  try {
    const withRuns: WorkspaceRun[] = [];
    const withoutRuns: WorkspaceRun[] = [];
    const pullRuns: WorkspacePullRun[] = [];
    await measureWorkspaceOnce(workspace); // warm the file system cache
    for (let i = 0; i < runs; i++) {
      withRuns.push(await measureWorkspaceOnce(workspace));
      setManifests(workspace, false);
      withoutRuns.push(await measureWorkspaceOnce(workspace));
      setManifests(workspace, true);
      pullRuns.push(await measureWorkspaceDiagnosticsOnce(workspace));
    }
    const result = {
      files: workspace.files,
      folders: workspace.folders,
      withManifests: medianRun(withRuns),
      withoutManifests: medianRun(withoutRuns),
      pull: {
        firstReport: median(pullRuns.map((r) => r.firstReport)),
        unchangedRepull: median(pullRuns.map((r) => r.unchangedRepull)),
        afterChange: median(pullRuns.map((r) => r.afterChange)),
        reported: median(pullRuns.map((r) => r.reported)),
        diagnostics: median(pullRuns.map((r) => r.diagnostics)),
      },
      runs,
    };
    log(`workspace: ${JSON.stringify(result)}`);
    return result;
  } finally {
    workspace.dispose();
  }
}

if (require.main === module) {
  measureWorkspace(3, console.log).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
