// Running the steps of the VS Code scripts (test.mjs, screenshots.mjs) as child processes, and the
// runner (run-tests.mjs) on a temporary copy of a fixture workspace.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNNER = path.join(repoRoot, 'scripts/vscode/run-tests.mjs');

/** Rejected with when SIGINT or SIGTERM stopped a step: the script then stops, by that signal. */
export class Interrupted extends Error {
  constructor(signal) {
    super(`interrupted by ${signal}`);
    this.signal = signal;
  }
}

/**
 * Runs a command, its output passed through; resolves with its exit code. SIGINT and SIGTERM are
 * passed on (so that the runner can stop code-server and Chromium); once the child has exited,
 * run() rejects with Interrupted instead of letting the script go on.
 */
export function run(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], env });
    let received = null;
    const forward = (signal) => {
      received = signal;
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      if (received) reject(new Interrupted(received));
      else resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)); // as a shell reports a signal
    });
  });
}

/**
 * Ends a script: exits with main's code (0 if none); after an Interrupted step, dies by its signal
 * (as a shell expects of an interrupted command), the temporary folders already removed; after any
 * other error, logs it and exits with 1.
 */
export function finish(main, log) {
  main.then(
    (code) => process.exit(code ?? 0),
    (error) => {
      if (error instanceof Interrupted) {
        log(`stopped: ${error.message}`);
        process.kill(process.pid, error.signal);
        return;
      }
      log(`ERROR: ${error.message}`);
      process.exit(1);
    },
  );
}

/** Runs a step that must succeed; `log` (optional) hears how long it took. */
export async function step(what, command, args, log) {
  const started = Date.now();
  const code = await run(command, args);
  if (code !== 0) throw new Error(`${what} failed (exit code ${code})`);
  log?.(`${what}: ${Date.now() - started} ms`);
}

/** Calls `fn(dir)` with a fresh temporary folder, removed afterwards. */
export async function withTempDir(prefix, fn) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Copies a fixture workspace (relative to the repository) to `dir`/`folder`; the suites edit it. */
export function copyFixture(fixture, dir, folder = 'workspace') {
  const copy = path.join(dir, folder);
  cpSync(path.join(repoRoot, fixture), copy, { recursive: true });
  return copy;
}

/**
 * Runs run-tests.mjs with `args`, TMPDIR set to `dir`: every process of the run (code-server, its
 * extension hosts and language servers, Chromium and its helpers) inherits it, so once the runner
 * has exited, a process whose command line or environment still names `dir` was left behind. Those
 * are listed and killed, and the run counts as failed. Resolves with the runner's exit code.
 */
export async function runTests(dir, args, env = process.env) {
  const code = await run(process.execPath, [RUNNER, ...args], { ...env, TMPDIR: dir });
  const survivors = processesMentioning(dir);
  if (survivors.length === 0) return code;
  console.log(`[vscode] ${survivors.length} process(es) of the run outlived the runner:`);
  for (const p of survivors) {
    console.log(`[vscode]   ${p.pid} ${p.stat} ${p.command.slice(0, 160)}`);
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
  }
  return code === 0 ? 1 : code;
}

/**
 * The live processes whose command line or environment contains `text` (`ps e` appends the
 * environment). A zombie has neither, so only live processes are found.
 */
export function processesMentioning(text) {
  return listProcesses().filter((p) => p.command.includes(text));
}

/** Every process but this one: { pid, pgid, stat, command } (command: the command line, then the environment). */
export function listProcesses() {
  const lines = execFileSync('ps', ['-e', '-ww', 'e', '-o', 'pid=,pgid=,stat=,args='], { encoding: 'utf8', maxBuffer: 64 << 20 }).split(
    '\n',
  );
  const found = [];
  for (const line of lines) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (m && Number(m[1]) !== process.pid) found.push({ pid: Number(m[1]), pgid: Number(m[2]), stat: m[3], command: m[4] });
  }
  return found;
}
