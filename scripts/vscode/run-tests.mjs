#!/usr/bin/env node
// Runs a VS Code extension test suite inside a real VS Code on this machine: code-server 4.100.3
// (VS Code 1.100.3) serves the workbench and runs the extensions in its Node extension host, and
// Debian's Chromium, headless and driven by playwright-core, loads the workbench. Both are
// installed by scripts/vscode/install-code-server.sh into <repo>/.vscode-test/code-server-4.100.3
// (override with CODE_SERVER_DIR). Background and recipe: /work/shared/docs/vscode-testing.md.
//
// Usage:
//   node scripts/vscode/run-tests.mjs
//     (--extension <dir> | --install-vsix <file.vsix>)
//     --tests <compiled JS module exporting run(): Promise<void>>
//     --workspace <folder | file.code-workspace>
//     [--trust on|off]            on: workspace trust is enabled, the workspace opens in
//                                 Restricted Mode (default off: trust disabled, i.e. trusted)
//     [--settings <file.json>]    user settings merged over the runner's defaults
//     [--screenshot-dir <dir>]    enables the screenshot protocol (screenshot-protocol.mjs)
//     [--viewport <W>x<H>]        the page's size in CSS pixels, default 1400x900
//     [--log-dir <dir>]           keeps the server log, the workbench logs and the extension
//                                 host logs there
//     [--timeout <ms>]            overall limit, default 120000
//     [--verbose]                 also prints code-server's output, the workbench log and the
//                                 console lines otherwise dropped as noise
//
// A run: a temporary folder holds the user data, extensions and XDG folders (code-server.mjs;
// with --install-vsix, the package is installed there first). code-server and Chromium start, each
// in a process group of its own (process-groups.mjs). The page opens the workbench in extension
// development mode with the tests module (workbench.mjs); VS Code runs it and calls
// window.codeAutomationExit with the result. Everything the page writes to its console is printed
// to stdout, mocha's report (the extension host's console) included.
//
// Exit status: the suite's code (0 when run() resolved, 1 when it rejected); 1 on timeout, on any
// runner error, or when a process of the run could not be stopped; 2 on a usage error; 129, 130
// or 143 when stopped by SIGHUP, SIGINT or SIGTERM. In every case Chromium and code-server are
// stopped, the runner waits until each of their processes is gone (zombies included), and the
// temporary folder is removed.
//
// --install-vsix: VS Code only starts the tests module in extension development mode, so the
// runner passes an empty placeholder extension as extensionDevelopmentPath; the extension under
// test is the copy installed from the package, loaded from the extensions folder as usual.
import { existsSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CODE_SERVER_VERSION,
  HOST,
  freePort,
  installVsix,
  isolatedEnv,
  locateRuntime,
  prepareRunDir,
  startServer,
  waitForHttp,
  workbenchUrl,
} from './code-server.mjs';
import { killAllNow, stopAll, watchStrays } from './process-groups.mjs';
import { screenshotProtocol } from './screenshot-protocol.mjs';
import { launchChromium, newPage, openWorkbench } from './workbench.mjs';

const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

// What cleanup() needs.
const run = {
  tmp: null,
  dirs: null,
  chromium: null, // the launch's promise: cleanup() waits for a launch under way
  shots: null,
  serverOutput: [],
  workbenchLogs: [], // handed over by codeAutomationExit
  interrupted: null, // the signal that stopped the run
  cleaned: false,
};

const log = (message) => process.stdout.write(`[run-tests] ${message}\n`);

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
        viewport: { type: 'string', default: '1400x900' },
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

// ---------------------------------------------------------------- the run

async function runSuite(opts) {
  const runtime = locateRuntime();
  const port = await freePort();
  run.tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'vscode-test-run-'));
  const dirs = (run.dirs = await prepareRunDir(run.tmp, opts, port, log));
  if (opts.vsix) {
    log(`installing ${opts.vsix}`);
    const output = await installVsix(runtime, dirs, opts);
    if (opts.verbose) process.stdout.write(output);
  }

  const started = Date.now();
  const server = startServer(runtime, dirs, opts, port, (chunk) => {
    run.serverOutput.push(chunk.toString());
    if (opts.verbose) process.stdout.write(`[code-server] ${chunk}`);
  });
  const serverExited = server.exited.then(({ code, signal }) => {
    throw new Error(`code-server exited during the run (${code ?? signal})`);
  });
  serverExited.catch(() => {}); // raced below; not unhandled when the run fails earlier
  run.chromium = launchChromium(runtime.playwright, isolatedEnv(dirs)); // while code-server boots
  const { browser } = await run.chromium;
  watchStrays(dirs.tmp);
  await waitForHttp(server, port);
  log(`code-server ${CODE_SERVER_VERSION} listening on ${HOST}:${port} (${Date.now() - started} ms)`);

  const page = await newPage(browser, opts.viewport);
  run.shots = opts.screenshotDir ? screenshotProtocol(page, opts.screenshotDir, log) : null;
  const workbench = await openWorkbench(page, workbenchUrl(port, opts, dirs), { verbose: opts.verbose, onLine: run.shots?.onConsoleLine });
  const { code, logs } = await Promise.race([workbench.exit, workbench.failed, serverExited]);
  run.workbenchLogs = logs;
  await withDeadline(workbench.drained(), 5000); // the last lines of mocha's report
  await run.shots?.settled();
  log(`suite finished with exit code ${code} (${Date.now() - started} ms after server start)`);
  return code;
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(async () => {
      await run.shots?.onTimeout();
      reject(new Error(`timed out after ${ms} ms waiting for the test suite to finish (codeAutomationExit was not called)`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const withDeadline = (promise, ms) => Promise.race([promise, delay(ms)]);

// ---------------------------------------------------------------- cleanup

let cleaning = null;

// Closes Chromium (gracefully, for 5 s at most), stops the process groups and waits until every
// process of the run is gone, saves the logs and removes the temporary folder. Resolves with the
// exit code: `code`, or 1 instead of 0 when a process of the run is still running.
function cleanup(opts, code) {
  cleaning ??= (async () => {
    const started = Date.now();
    await withDeadline(closeChromium(), 5000).catch(() => {});
    const left = await stopAll();
    const running = left.filter((p) => !p.stat.startsWith('Z'));
    if (left.length === 0) log(`stopped: no process of code-server's or Chromium's is left (${Date.now() - started} ms)`);
    for (const p of left) log(`left behind: ${p.pid} ${p.stat} ${p.command.slice(0, 120)}`);
    // Orphaned zombies are PID 1's to reap; some container inits never do.
    if (left.length > running.length) log(`warning: ${left.length - running.length} zombie(s) of the run not reaped by PID 1`);
    await saveLogs(opts.logDir).catch((err) => log(`saving logs failed: ${err.message}`));
    if (run.tmp) await fs.rm(run.tmp, { recursive: true, force: true }).catch(() => {});
    run.cleaned = true;
    return running.length && code === 0 ? 1 : code;
  })();
  return cleaning;
}

const closeChromium = async () => (await run.chromium)?.server.close();

async function saveLogs(logDir) {
  if (!logDir || !run.dirs) return;
  await fs.mkdir(logDir, { recursive: true });
  await fs.writeFile(path.join(logDir, 'code-server.log'), run.serverOutput.join(''));
  for (const { relativePath, contents } of run.workbenchLogs) {
    const file = path.join(logDir, 'workbench', relativePath);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, contents);
  }
  const serverLogs = path.join(run.dirs.userData, 'logs');
  if (existsSync(serverLogs)) await fs.cp(serverLogs, path.join(logDir, 'server'), { recursive: true }).catch(() => {});
}

function installSignalHandlers(opts) {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.on(signal, () => {
      if (run.interrupted) return;
      run.interrupted = signal;
      log(`${signal}: stopping`);
      void cleanup(opts, code).finally(() => process.exit(code));
    });
  }
}

// The last resort when the process exits before cleanup() has finished: no time to wait.
process.on('exit', () => {
  if (run.cleaned) return;
  killAllNow();
  if (run.tmp) rmSync(run.tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseCli(process.argv.slice(2));
  installSignalHandlers(opts);
  let code;
  try {
    code = await withTimeout(runSuite(opts), opts.timeout);
  } catch (err) {
    if (run.interrupted) return; // the signal handler cleans up and exits
    log(`ERROR: ${err.message}`);
    if (!opts.verbose && run.serverOutput.length) {
      log('last code-server output:');
      process.stdout.write(`${run.serverOutput.join('').split('\n').slice(-30).join('\n')}\n`);
    }
    code = 1;
  }
  if (run.interrupted) return;
  process.exit(await cleanup(opts, code));
}

void main();
