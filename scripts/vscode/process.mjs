// Running the steps of the VS Code scripts (test.mjs, screenshots.mjs) as child processes, and the
// runner (run-tests.mjs) on a temporary copy of a fixture workspace.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNNER = path.join(repoRoot, 'scripts/vscode/run-tests.mjs');

/** Runs a command, its output passed through; resolves with its exit code. */
export function run(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], env });
    // Passed on so that the runner can stop code-server and Chromium before exiting.
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
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
 * Runs run-tests.mjs with `args`, TMPDIR set to `dir`: the temporary files of every process of the
 * run go there. Resolves with the runner's exit code.
 */
export function runTests(dir, args, env = process.env) {
  return run(process.execPath, [RUNNER, ...args], { ...env, TMPDIR: dir });
}
