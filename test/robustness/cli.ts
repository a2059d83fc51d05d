/**
 * The built checker (`server/out/cli.js`, bundled before this suite) run as CI runs it, for the
 * robustness cases that need a file on disk: what --fix writes, refuses and reports.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const CLI = path.join(__dirname, '..', '..', 'server', 'out', 'cli.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the checker in `cwd` with CI=true and no colour; fails on an exit code above 1 (a crash). */
export function runCli(cwd: string, args: readonly string[]): CliRun {
  const run = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export interface JsonFileReport {
  readonly path: string;
  readonly fix?: { readonly applied: readonly string[]; readonly written: boolean; readonly refused?: string };
  readonly fixBlocked?: string;
  readonly findings: readonly { readonly rule: string; readonly fixable: boolean }[];
}

/** The JSON report's files by path (relative to the folder the checker ran in). */
export function jsonFiles(run: CliRun): Map<string, JsonFileReport> {
  const report = JSON.parse(run.stdout) as { files: JsonFileReport[] };
  return new Map(report.files.map((file) => [file.path, file]));
}
