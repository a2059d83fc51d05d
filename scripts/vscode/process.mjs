// Running the steps of the VS Code scripts (test.mjs, screenshots.mjs) as child processes.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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
