#!/usr/bin/env node
// Runs a VS Code extension test suite inside a real VS Code (code-server 4.100.3 = VS Code
// 1.100.3) on this machine, with Debian's Chromium driven by playwright-core.
// The runtime is installed by scripts/vscode/install-code-server.sh into
// <repo>/.vscode-test/code-server-4.100.3 (override with CODE_SERVER_DIR).
// Background and recipe: /work/shared/docs/vscode-testing.md.
//
// Usage:
//   node scripts/vscode/run-tests.mjs
//     (--extension <abs dir> | --install-vsix <file.vsix>)
//     --tests <abs path of a compiled JS module exporting run(): Promise<void>>
//     --workspace <folder | file.code-workspace>
//     [--trust on|off]            on: workspace trust is enabled, the workspace opens in
//                                 Restricted Mode (default off: trust disabled, i.e. trusted)
//     [--settings <file.json>]    user settings merged over the runner's defaults
//     [--screenshot-dir <dir>]    enables the screenshot protocol below
//     [--viewport <W>x<H>]        the page's size in CSS pixels, default 1400x900
//     [--log-dir <dir>]           keeps the server log, the workbench logs and the
//                                 extension host logs there
//     [--timeout <ms>]            overall limit, default 120000
//     [--verbose]                 also prints code-server's output and the workbench log
//
// Exit status: the suite's code (0 when run() resolved, 1 when it rejected), as reported by
// the workbench through window.codeAutomationExit; 1 on timeout or any runner error; 130/143
// when interrupted. Chromium and every code-server process are stopped and the temp folder is
// removed in all cases.
//
// Output: everything the page writes to the browser console is printed to stdout. The extension
// host's console (mocha's reporter output) is forwarded there by VS Code.
//
// Screenshot protocol (only with --screenshot-dir DIR):
//   The extension host cannot call into the page, so the suite asks by printing a console line
//     console.log('@@screenshot <name>')        name: [A-Za-z0-9._-]+
//   or, to wait until the workbench shows something first,
//     console.log('@@screenshot <name> <css selector>')
//   (the runner waits up to 10 s for the first element matching the selector to be visible, then
//   for two animation frames). When the runner sees the line, it saves a screenshot of the page,
//   CSS animations finished, as DIR/<name>.png (if the selector never shows up, it still takes
//   it and says so). The file is
//   written under a temporary name and renamed, so its appearance means it is complete. The
//   runner passes DIR to code-server (and so to the extension host) as the environment variable
//   VSCODE_TEST_SCREENSHOT_DIR; the suite should wait until DIR/<name>.png exists (poll, with a
//   timeout of a few seconds) before changing the UI again. Suites not run by this runner see
//   no variable and can skip the wait.
//
// --install-vsix mode: the package is installed with
//   code-server --install-extension <file> --extensions-dir <temp extensions dir>
// before the server starts, and the extension under test is that installed copy. VS Code only
// starts extensionTestsPath when the window is in extension development mode (payload key
// extensionDevelopmentPath; without it the tests never run and codeAutomationExit is never
// called). So the runner passes, as extensionDevelopmentPath, an empty placeholder extension
// ("vscode-test-runner.placeholder", no code, no contributions) that it writes into the temp
// folder. The installed extension is loaded as usual from the extensions dir; the tests module,
// being outside any development extension and a vscode-remote:// URI, runs in the remote
// extension host, and its require('vscode') gets the API like any test file.

import { spawn, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { parseArgs, promisify } from 'node:util';
import fs from 'node:fs/promises';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_SERVER_VERSION = '4.100.3';
const HOST = '127.0.0.1';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const DEFAULT_VIEWPORT = '1400x900';
const SCREENSHOT_RE = /@@screenshot\s+([A-Za-z0-9._-]+)(?:\s+(\S.*?))?\s*$/;
const PLACEHOLDER_ID = 'vscode-test-runner.placeholder';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runtimeDir = process.env.CODE_SERVER_DIR ?? path.join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);

// Everything that must be undone on exit.
const state = {
  interrupted: null, // the signal that stopped the run
  cleaned: false,
  tmp: null,
  dirs: null,
  logDir: null,
  server: null,
  serverLog: [],
  browser: null,
  page: null,
  chromiumPgids: new Set(),
  workbenchLogs: [], // handed over by codeAutomationExit
};

const log = (msg) => process.stdout.write(`[run-tests] ${msg}\n`);

// ---------------------------------------------------------------- command line

function usage(message) {
  process.stderr.write(
    `run-tests: ${message}\n` +
      'usage: run-tests.mjs (--extension DIR | --install-vsix FILE) --tests FILE.js ' +
      '--workspace DIR|FILE [--trust on|off] [--settings FILE] [--screenshot-dir DIR] ' +
      '[--viewport WxH] [--log-dir DIR] [--timeout MS] [--verbose]\n',
  );
  process.exit(2);
}

function parseCli(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        extension: { type: 'string' },
        'install-vsix': { type: 'string' },
        tests: { type: 'string' },
        workspace: { type: 'string' },
        trust: { type: 'string', default: 'off' },
        settings: { type: 'string' },
        'screenshot-dir': { type: 'string' },
        viewport: { type: 'string', default: DEFAULT_VIEWPORT },
        'log-dir': { type: 'string' },
        timeout: { type: 'string', default: '120000' },
        verbose: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    usage(err.message);
  }
  const abs = (p) => (p === undefined ? undefined : path.resolve(p));
  const opts = {
    extension: abs(values.extension),
    vsix: abs(values['install-vsix']),
    tests: abs(values.tests),
    workspace: abs(values.workspace),
    trust: values.trust,
    settings: abs(values.settings),
    screenshotDir: abs(values['screenshot-dir']),
    viewport: parseViewport(values.viewport),
    logDir: abs(values['log-dir']),
    timeout: Number(values.timeout),
    verbose: values.verbose,
  };
  validateOptions(opts);
  return opts;
}

function parseViewport(value) {
  const m = /^(\d+)x(\d+)$/.exec(value);
  if (!m || Number(m[1]) < 400 || Number(m[2]) < 300) usage('--viewport must be WIDTHxHEIGHT, at least 400x300');
  return { width: Number(m[1]), height: Number(m[2]) };
}

function validateOptions(opts) {
  if (!opts.extension === !opts.vsix) usage('give exactly one of --extension and --install-vsix');
  if (!opts.tests) usage('--tests is required');
  if (!opts.workspace) usage('--workspace is required');
  if (!['on', 'off'].includes(opts.trust)) usage('--trust must be "on" or "off"');
  if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage('--timeout must be a number of ms');
  for (const p of [opts.extension, opts.vsix, opts.tests, opts.workspace, opts.settings]) {
    if (p && !existsSync(p)) usage(`not found: ${p}`);
  }
}

// ---------------------------------------------------------------- runtime and temp folder

function locateRuntime() {
  const entry = path.join(runtimeDir, 'node_modules/code-server/out/node/entry.js');
  if (!existsSync(path.join(runtimeDir, '.complete')) || !existsSync(entry)) {
    throw new Error(`code-server is not installed in ${runtimeDir}; ` + 'run scripts/vscode/install-code-server.sh first');
  }
  const require = createRequire(path.join(runtimeDir, 'package.json'));
  return { entry, playwright: require('playwright-core') };
}

function defaultSettings(trust) {
  return {
    'security.workspace.trust.enabled': trust === 'on',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
  };
}

async function userSettings(opts) {
  const settings = defaultSettings(opts.trust);
  if (opts.settings) Object.assign(settings, JSON.parse(await fs.readFile(opts.settings, 'utf8')));
  if (opts.trust === 'on' && settings['security.workspace.trust.enabled'] === false) {
    log('--trust on: ignoring "security.workspace.trust.enabled": false from --settings');
    settings['security.workspace.trust.enabled'] = true;
  }
  return settings;
}

async function createRunDir(opts, port) {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'vscode-test-run-'));
  state.tmp = tmp;
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
  for (const d of [dirs.userData, dirs.extensions, dirs.xdgData, dirs.xdgConfig, dirs.xdgCache]) {
    await fs.mkdir(d, { recursive: true });
  }
  await fs.mkdir(path.join(dirs.userData, 'User'), { recursive: true });
  await fs.writeFile(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(await userSettings(opts), null, 2));
  await fs.writeFile(dirs.config, `bind-addr: ${HOST}:${port}\nauth: none\ncert: false\n`);
  return dirs;
}

async function writePlaceholderExtension(dir) {
  const [publisher, name] = PLACEHOLDER_ID.split('.');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name,
        publisher,
        version: '0.0.0',
        engines: { vscode: '*' },
        displayName: 'Placeholder that puts the window in extension development mode',
      },
      null,
      2,
    ),
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- code-server

// Keeps code-server's (and Chromium's) files out of ~/.local/share, ~/.config and ~/.cache.
function isolatedEnv(dirs) {
  return {
    ...process.env,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_CACHE_HOME: dirs.xdgCache,
  };
}

function serverEnv(dirs, opts) {
  const env = isolatedEnv(dirs);
  delete env.VSCODE_IPC_HOOK_CLI; // would make code-server talk to an outer VS Code
  if (opts.screenshotDir) env.VSCODE_TEST_SCREENSHOT_DIR = opts.screenshotDir;
  return env;
}

function commonServerArgs(dirs) {
  return ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

async function installVsix(runtime, dirs, opts) {
  log(`installing ${opts.vsix}`);
  const args = [runtime.entry, ...commonServerArgs(dirs), '--install-extension', opts.vsix];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { env: serverEnv(dirs, opts), timeout: 60_000 });
    if (opts.verbose) process.stdout.write(stdout);
  } catch (err) {
    const detail = err.stderr || err.stdout || err.message;
    throw new Error(`installing ${opts.vsix} failed: ${detail}`, { cause: err });
  }
}

function startServer(runtime, dirs, opts, port) {
  const args = [
    runtime.entry,
    ...commonServerArgs(dirs),
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
  // detached: own process group, so that the whole tree can be signalled at once.
  const server = spawn(process.execPath, args, {
    env: serverEnv(dirs, opts),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  state.server = server;
  const onData = (chunk) => {
    state.serverLog.push(chunk.toString());
    if (opts.verbose) process.stdout.write(`[code-server] ${chunk}`);
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.exited = once(server, 'exit').then(([code, signal]) => ({ code, signal }));
  return server;
}

async function waitForHttp(url, server) {
  let exited = null;
  server.exited.then((r) => {
    exited = r;
  });
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${exited.code ?? exited.signal})`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await delay(200);
  }
}

// ---------------------------------------------------------------- browser

function workbenchUrl(port, opts, dirs) {
  const remote = (p) => `vscode-remote://${HOST}:${port}${p}`;
  const devPath = opts.vsix ? dirs.placeholder : opts.extension;
  const payload = [
    ['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(opts.tests)],
  ];
  const target = opts.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
  return (
    `http://${HOST}:${port}/?${target}=${encodeURIComponent(opts.workspace)}` + `&payload=${encodeURIComponent(JSON.stringify(payload))}`
  );
}

async function launchBrowser(playwright, dirs) {
  const before = childPids();
  const mine = ownPgid();
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(dirs),
    // The runner handles signals itself (it must stop code-server too).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  state.browser = browser;
  // Playwright starts Chromium in its own process group: remember it for the final sweep.
  for (const p of listProcesses()) {
    if (p.ppid === process.pid && !before.has(p.pid) && p.pgid !== mine) {
      state.chromiumPgids.add(p.pgid);
    }
  }
  return browser;
}

// The workbench logs through console.log('%c INFO', 'color: #33f', message, ...args), and
// the extension host's console output (mocha's reporter) arrives the same way with its own
// printf-style format string in `message`. Formats both levels, drops the %c styling and the
// INFO tag, keeps WARN/ERR as a prefix.
function formatPrintf(values) {
  const out = [];
  let rest = values;
  while (rest.length) {
    const [first, ...args] = rest;
    if (typeof first !== 'string') {
      out.push(stringify(first));
      rest = args;
      continue;
    }
    let i = 0;
    const text = first.replace(/%([sdifoOjc%])/g, (m, k) => {
      if (k === '%') return '%';
      if (i >= args.length) return m;
      const v = args[i++];
      if (k === 'c') return '';
      if (k === 'd' || k === 'i') return String(Math.trunc(Number(v)));
      if (k === 'f') return String(Number(v));
      return stringify(v);
    });
    out.push(text);
    rest = args.slice(i);
  }
  return out.join(' ');
}

function stringify(v) {
  if (typeof v === 'string') return v;
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

async function consoleText(msg) {
  const values = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '[object]')));
  if (values.length === 0) return msg.text();
  const text = formatPrintf(values);
  const m = /^ {0,2}(INFO|WARN|ERR|TRACE|DEBUG) ?/.exec(text);
  if (!m) return text;
  const body = text.slice(m[0].length);
  return m[1] === 'INFO' ? body : `[${m[1].toLowerCase()}] ${body}`;
}

// Console lines every run produces offline and that say nothing about the suite (see
// "Expected in the log, harmless" in the recipe). Printed only with --verbose.
const NOISE = [
  /open-vsx\.org/,
  /^Failed to load resource: /,
  /web worker extension host is started in a same-origin iframe/,
  /both allow-scripts and allow-same-origin for its sandbox attribute/,
  /^Overwriting extension <<.*>> to now point to mime/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\] registered/,
  /^ChatSessionStore: /,
  /^AI generated workspace trust dialog contents not available/,
  /^\[warn\] Creation of workbench contribution .* took \d+ms/,
];
const isNoise = (text) => NOISE.some((re) => re.test(text));

function screenshotTaker(page, dir) {
  let queue = Promise.resolve();
  const take = (name, selector) => {
    queue = queue
      .then(async () => {
        await fs.mkdir(dir, { recursive: true });
        const file = path.join(dir, `${name}.png`);
        const partial = path.join(dir, `.${name}.png.partial`);
        if (selector) {
          try {
            await page.locator(selector).first().waitFor({ state: 'visible', timeout: 10_000 });
            await page.evaluate(
              () => new Promise((resolve) => globalThis.requestAnimationFrame(() => globalThis.requestAnimationFrame(resolve))),
            );
          } catch (err) {
            log(`screenshot ${name}: ${selector} did not show up (${err.message.split('\n')[0]}); taking it anyway`);
          }
        }
        await fs.writeFile(partial, await page.screenshot({ animations: 'disabled' }));
        await fs.rename(partial, file);
        log(`screenshot ${file}`);
      })
      .catch((err) => log(`screenshot ${name} failed: ${err.message}`));
    return queue;
  };
  return { take, settled: () => queue };
}

async function openWorkbench(browser, url, opts) {
  const context = await browser.newContext({ viewport: opts.viewport });
  const page = await context.newPage();
  let resolveExit;
  const exit = new Promise((resolve) => {
    resolveExit = resolve;
  });
  const shots = opts.screenshotDir ? screenshotTaker(page, opts.screenshotDir) : null;

  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    state.workbenchLogs = Array.isArray(logs) ? logs : [];
    resolveExit(typeof code === 'number' ? code : 1);
  });
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    // The same messages also reach the console; print this copy only when asked.
    if (opts.verbose) process.stdout.write(`[workbench log ${level}] ${message}\n`);
  });
  // Console messages are formatted asynchronously; chain them so their order is kept.
  let printed = Promise.resolve();
  page.on('console', (msg) => {
    const text = consoleText(msg);
    printed = printed.then(async () => {
      const line = await text;
      const m = shots && SCREENSHOT_RE.exec(line);
      if (m) shots.take(m[1], m[2]);
      if (opts.verbose || !isNoise(line)) process.stdout.write(`${line}\n`);
    });
  });
  const consoleDrained = () => printed;
  page.on('pageerror', (err) => process.stdout.write(`[page error] ${err.message}\n`));
  const crashed = new Promise((_, reject) => {
    page.on('crash', () => reject(new Error('the page crashed')));
    browser.on('disconnected', () => reject(new Error('Chromium exited')));
  });
  crashed.catch(() => {}); // raced later; do not count as unhandled if the run fails earlier

  // No navigation timeout of its own: code-server loads VS Code on the first request, which can
  // be slow on a busy machine; the overall --timeout applies.
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 0 });
  return { page, exit, crashed, shots, consoleDrained };
}

// ---------------------------------------------------------------- the run

async function runSuite(opts) {
  const runtime = locateRuntime();
  const port = await freePort();
  const dirs = await createRunDir(opts, port);
  state.dirs = dirs;
  if (opts.vsix) {
    await installVsix(runtime, dirs, opts);
    await writePlaceholderExtension(dirs.placeholder);
  }

  const t0 = Date.now();
  const server = startServer(runtime, dirs, opts, port);
  // Chromium starts while code-server boots.
  const [browser] = await Promise.all([launchBrowser(runtime.playwright, dirs), waitForHttp(`http://${HOST}:${port}/healthz`, server)]);
  log(`code-server ${CODE_SERVER_VERSION} listening on ${HOST}:${port} (${Date.now() - t0} ms)`);
  const url = workbenchUrl(port, opts, dirs);
  const { page, exit, crashed, shots, consoleDrained } = await openWorkbench(browser, url, opts);
  state.page = page;
  const serverDied = server.exited.then(({ code, signal }) => {
    throw new Error(`code-server exited during the run (${code ?? signal})`);
  });
  serverDied.catch(() => {});
  const code = await Promise.race([exit, crashed, serverDied]);
  await withDeadline(consoleDrained(), 5000); // the last lines of mocha's report
  if (shots) await shots.settled();
  log(`suite finished with exit code ${code} (${Date.now() - t0} ms after server start)`);
  return code;
}

function withTimeout(promise, ms, opts) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(async () => {
      if (opts.screenshotDir && state.page) {
        const shot = state.page.screenshot({ path: path.join(opts.screenshotDir, 'timeout.png') });
        await withDeadline(shot, 10_000).catch(() => {});
      }
      reject(new Error(`timed out after ${ms} ms waiting for the test suite to finish ` + '(codeAutomationExit was not called)'));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Called from cleanup(), before the temp folder goes: success or not.
async function saveLogs() {
  const { dirs } = state;
  if (!state.logDir || !dirs) return;
  await fs.mkdir(state.logDir, { recursive: true });
  await fs.writeFile(path.join(state.logDir, 'code-server.log'), state.serverLog.join(''));
  for (const { relativePath, contents } of state.workbenchLogs) {
    const file = path.join(state.logDir, 'workbench', relativePath);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, contents);
  }
  const serverLogs = path.join(dirs.userData, 'logs');
  if (existsSync(serverLogs)) {
    await fs.cp(serverLogs, path.join(state.logDir, 'server'), { recursive: true }).catch(() => {});
  }
}

// ---------------------------------------------------------------- processes and cleanup

function listProcesses() {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(entry), ppid: Number(fields[1]), pgid: Number(fields[2]) });
    } catch {
      /* process vanished */
    }
  }
  return out;
}

function ownPgid() {
  return listProcesses().find((p) => p.pid === process.pid)?.pgid;
}

function childPids() {
  return new Set(
    listProcesses()
      .filter((p) => p.ppid === process.pid)
      .map((p) => p.pid),
  );
}

// Every process below this runner, plus everything in code-server's and Chromium's groups.
function processesToStop() {
  const procs = listProcesses();
  const groups = processGroups();
  const result = new Set(procs.filter((p) => groups.has(p.pgid)).map((p) => p.pid));
  const byParent = new Map();
  for (const p of procs) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p.pid]);
  const stack = [process.pid];
  while (stack.length) {
    for (const child of byParent.get(stack.pop()) ?? []) {
      if (!result.has(child)) {
        result.add(child);
        stack.push(child);
      }
    }
  }
  result.delete(process.pid);
  return result;
}

function processGroups() {
  const groups = new Set(state.chromiumPgids);
  if (state.server?.pid) groups.add(state.server.pid);
  return groups;
}

function signalAll(pids, signal) {
  for (const pgid of processGroups()) {
    try {
      process.kill(-pgid, signal);
    } catch {
      /* group already gone */
    }
  }
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

// SIGTERM to code-server's and Chromium's process groups and to every descendant of this
// runner, then SIGKILL whatever is still there after 5 s.
async function stopProcesses() {
  let pids = processesToStop();
  if (pids.size === 0) return;
  signalAll(pids, 'SIGTERM');
  for (let i = 0; i < 25; i++) {
    await delay(200);
    pids = new Set([...pids, ...processesToStop()].filter(isAlive));
    if (pids.size === 0) return;
  }
  signalAll(pids, 'SIGKILL');
}

function isAlive(pid) {
  try {
    // A zombie is not "alive" for our purposes (it holds no resources but its pid).
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
  } catch {
    return false;
  }
}

let cleanupPromise = null;
function cleanup() {
  cleanupPromise ??= (async () => {
    if (state.browser) await withDeadline(state.browser.close(), 5000).catch(() => {});
    await stopProcesses();
    await saveLogs().catch((err) => log(`saving logs failed: ${err.message}`));
    if (state.tmp) await fs.rm(state.tmp, { recursive: true, force: true }).catch(() => {});
    state.cleaned = true;
  })();
  return cleanupPromise;
}

// Last resort if the event loop is gone (e.g. process.exit elsewhere): synchronous kill.
process.on('exit', () => {
  if (state.cleaned) return;
  signalAll(processesToStop(), 'SIGKILL');
  if (state.tmp) rmSync(state.tmp, { recursive: true, force: true });
});

function installSignalHandlers() {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.on(signal, () => {
      if (state.interrupted) return;
      state.interrupted = signal;
      log(`${signal}: stopping`);
      cleanup().finally(() => process.exit(code));
    });
  }
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));
const withDeadline = (p, ms) => Promise.race([p, delay(ms)]);

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseCli(process.argv.slice(2));
  state.logDir = opts.logDir;
  installSignalHandlers();
  let code;
  try {
    code = await withTimeout(runSuite(opts), opts.timeout, opts);
  } catch (err) {
    if (state.interrupted) return; // the signal handler cleans up and exits
    log(`ERROR: ${err.message}`);
    if (!opts.verbose && state.serverLog.length) {
      log('last code-server output:');
      process.stdout.write(state.serverLog.join('').split('\n').slice(-30).join('\n') + '\n');
    }
    code = 1;
  }
  if (state.interrupted) return;
  await cleanup();
  process.exit(code);
}

main();
