// The processes of a run-tests.mjs run, and how they are stopped.
//
// Everything the runner starts runs in a process group of its own: spawned detached, as Playwright
// also starts Chromium. So Ctrl-C in a terminal reaches only the runner (which then stops the rest
// itself), one signal reaches a whole tree, and "the group is empty" (kill(-pgid, 0) fails with
// ESRCH, zombies included) means that every process in it has exited and been reaped.
//
// Chromium's crash handlers (chrome_crashpad_handler) are the exception: each starts a session of
// its own, outside Chromium's group, and exits by itself once Chromium is gone; being orphans, they
// are reaped by PID 1. watchStrays() finds them by the run's folder in their environment, and they
// are waited for like the groups, never signalled.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { listProcesses, processesMentioning } from './process.mjs';

const groups = new Set(); // process group ids
const strays = new Set(); // pids, only waited for

/** spawn() in a new process group; `child.exited` resolves with { code, signal }. */
export function spawnGroup(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  addGroup(child.pid);
  child.exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  return child;
}

/** A process group the runner did not spawn itself (Chromium's, started by Playwright). */
export function addGroup(pgid) {
  if (pgid) groups.add(pgid);
}

/** Processes whose command line or environment names `marker` and that are in none of the groups. */
export function watchStrays(marker) {
  for (const p of processesMentioning(marker)) if (!groups.has(p.pgid)) strays.add(p.pid);
}

/**
 * SIGTERM to every group, SIGKILL to the groups still there after 5 s, then waits up to 5 s more.
 * Resolves with the processes left ({ pid, stat, command }): none, unless one is stuck or PID 1
 * does not reap the orphaned zombies.
 */
export async function stopAll() {
  signalGroups('SIGTERM');
  if (await waitUntilGone(5000)) return [];
  signalGroups('SIGKILL');
  if (await waitUntilGone(5000)) return [];
  return listProcesses().filter((p) => groups.has(p.pgid) || strays.has(p.pid));
}

/** The last resort in process.on('exit'), when there is no time to wait. */
export function killAllNow() {
  signalGroups('SIGKILL');
}

function signalGroups(signal) {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, signal);
    } catch {
      /* the group is already empty */
    }
  }
}

async function waitUntilGone(ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    forgetGone();
    if (groups.size + strays.size === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Forgotten as soon as they are gone, so that a reused id is never signalled.
function forgetGone() {
  for (const pgid of groups) if (!exists(-pgid)) groups.delete(pgid);
  for (const pid of strays) if (!exists(pid)) strays.delete(pid);
}

function exists(target) {
  try {
    process.kill(target, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
