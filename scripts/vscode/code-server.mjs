// code-server for one run of run-tests.mjs: where it is installed, the run's folder (user data,
// extensions, settings, XDG folders), the --install-vsix install, the server and the workbench's URL.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { spawnGroup } from './process-groups.mjs';
import { repoRoot } from './process.mjs';
import { SCREENSHOT_DIR_ENV } from './screenshot-protocol.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const HOST = '127.0.0.1';
const PLACEHOLDER_ID = 'vscode-test-runner.placeholder';
/** The machine's proxy variables, which the run must not inherit (the list is declared there). */
const PROXY_VARIABLES = new Set(JSON.parse(readFileSync(path.join(repoRoot, 'test/support/proxyVariables.json'), 'utf8')).names);

/** code-server's entry point and the playwright-core installed beside it. */
export function locateRuntime() {
  const dir = process.env.CODE_SERVER_DIR ?? path.join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
  const entry = path.join(dir, 'node_modules/code-server/out/node/entry.js');
  if (!existsSync(path.join(dir, '.complete')) || !existsSync(entry)) {
    throw new Error(`code-server is not installed in ${dir}; run scripts/vscode/install-code-server.sh first`);
  }
  return { entry, playwright: createRequire(path.join(dir, 'package.json'))('playwright-core') };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Lays out the run's folder `tmp`; `log` hears about settings that were overridden. */
export async function prepareRunDir(tmp, opts, port, log) {
  const dirs = {
    tmp,
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    xdgData: path.join(tmp, 'xdg-data'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgCache: path.join(tmp, 'xdg-cache'),
    config: path.join(tmp, 'config.yaml'),
    placeholder: path.join(tmp, 'placeholder-extension'),
  };
  for (const d of [path.join(dirs.userData, 'User'), dirs.extensions, dirs.xdgData, dirs.xdgConfig, dirs.xdgCache]) {
    await fs.mkdir(d, { recursive: true });
  }
  const settings = await userSettings(opts, log);
  await fs.writeFile(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  await fs.writeFile(dirs.config, `bind-addr: ${HOST}:${port}\nauth: none\ncert: false\n`);
  if (opts.vsix) await writePlaceholderExtension(dirs.placeholder);
  return dirs;
}

async function userSettings(opts, log) {
  const settings = {
    'security.workspace.trust.enabled': opts.trust === 'on',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
  };
  if (opts.settings) Object.assign(settings, JSON.parse(await fs.readFile(opts.settings, 'utf8')));
  if (opts.trust === 'on' && settings['security.workspace.trust.enabled'] === false) {
    log('--trust on: ignoring "security.workspace.trust.enabled": false from --settings');
    settings['security.workspace.trust.enabled'] = true;
  }
  return settings;
}

// VS Code only starts extensionTestsPath in extension development mode, which needs an
// extensionDevelopmentPath: with --install-vsix, this empty extension is that path.
async function writePlaceholderExtension(dir) {
  const [publisher, name] = PLACEHOLDER_ID.split('.');
  const manifest = {
    name,
    publisher,
    version: '0.0.0',
    engines: { vscode: '*' },
    displayName: 'Placeholder that puts the window in extension development mode',
  };
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
}

/**
 * Keeps code-server's (and Chromium's) files out of ~/.local/share, ~/.config and ~/.cache, and
 * the machine's proxy variables out of the run: code-server and the extension host would send the
 * suite's requests (to its own servers on 127.0.0.1) through them.
 */
export function isolatedEnv(dirs) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !PROXY_VARIABLES.has(name.toLowerCase())));
  return { ...env, XDG_DATA_HOME: dirs.xdgData, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache };
}

function serverEnv(dirs, opts) {
  const env = isolatedEnv(dirs);
  delete env.VSCODE_IPC_HOOK_CLI; // would make code-server talk to an outer VS Code
  if (opts.screenshotDir) env[SCREENSHOT_DIR_ENV] = opts.screenshotDir;
  // The extension's test API (client/src/extension.ts, TEST_API_ENV) exists only in test runs.
  env.CONNECT_FORGE_LINK_TEST_API = '1';
  return env;
}

function serverArgs(runtime, dirs) {
  return [runtime.entry, '--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

/** code-server --install-extension into the run's extensions folder; resolves with its output. */
export async function installVsix(runtime, dirs, opts) {
  const child = spawnGroup(process.execPath, [...serverArgs(runtime, dirs), '--install-extension', opts.vsix], {
    env: serverEnv(dirs, opts),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const { code, signal } = await child.exited;
  if (code !== 0) throw new Error(`installing ${opts.vsix} failed (${code ?? signal}): ${output.trim()}`);
  return output;
}

/** Starts code-server on the workspace; `onOutput` hears its stdout and stderr. */
export function startServer(runtime, dirs, opts, port, onOutput) {
  const args = [
    ...serverArgs(runtime, dirs),
    '--auth',
    'none',
    '--bind-addr',
    `${HOST}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(opts.trust === 'on' ? [] : ['--disable-workspace-trust']),
    opts.workspace,
  ];
  const server = spawnGroup(process.execPath, args, { env: serverEnv(dirs, opts), stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', onOutput);
  server.stderr.on('data', onOutput);
  return server;
}

/** Resolves once the server answers HTTP; rejects if it exits first. */
export async function waitForHttp(server, port) {
  let exited = null;
  void server.exited.then((result) => (exited = result));
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${exited.code ?? exited.signal})`);
    try {
      const res = await fetch(`http://${HOST}:${port}/healthz`, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The workbench on the workspace, in extension development mode with the tests module. Both paths
 * are vscode-remote:// URIs: plain paths fail ("No extension host found that can launch the test
 * runner"). With --install-vsix the installed copy is loaded from the extensions folder as usual,
 * and the tests module runs in the remote extension host all the same.
 */
export function workbenchUrl(port, opts, dirs) {
  const remote = (p) => `vscode-remote://${HOST}:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(opts.vsix ? dirs.placeholder : opts.extension)],
    ['extensionTestsPath', remote(opts.tests)],
  ];
  const target = opts.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
  return `http://${HOST}:${port}/?${target}=${encodeURIComponent(opts.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
