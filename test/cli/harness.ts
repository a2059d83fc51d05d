/**
 * What the CLI tests share: `cli()` runs the checker in this process through `run(argv, io)`, with
 * the streams, folder and environment a test gives; `spawnCli()` runs a bin as a process, as CI
 * would. Both work on copies of the fixtures in test/fixtures/cli/ in temporary folders, so that
 * --fix never touches the repository.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, linePosition } from '../../server/src/core';
import { CliIo, run } from '../../server/src/cli/run';
import PROXY_VARIABLES from '../support/proxyVariables.json';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
/** The bundle users run, and the package bin in front of it. */
export const BUNDLE = path.join(ROOT, 'server', 'out', 'cli.js');
export const BIN = path.join(ROOT, 'server', 'bin', 'connect-forge-lint.js');
export const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export const ESC = '\u001b[';
export const UUID = '4c7ae21b-150a-440c-9912-c85b4c492e93';
export const ARI = `ari:cloud:ecosystem::app/${UUID}`;

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Added to CI=true: in process, the whole environment the run sees; spawned, added to processEnv()'s. */
  readonly env?: Readonly<Record<string, string>>;
  /** Whether stdout is a terminal (default: no, a pipe). */
  readonly tty?: boolean;
  /** Resolves --served's host names (default: the system's). */
  readonly lookup?: CliIo['lookup'];
}

/** Runs the checker in this process, as CI would: CI=true, pipes (no terminal), no colour variables. */
export async function cli(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    cwd: options.cwd ?? ROOT,
    env: { CI: 'true', ...options.env },
    stdout: { isTTY: options.tty ?? false, write: (text) => (stdout += text) },
    stderr: { isTTY: false, write: (text) => (stderr += text) },
    lookup: options.lookup,
  });
  return { code, stdout, stderr };
}

/**
 * The environment of a spawned run: this one's, with CI=true and without colour and proxy
 * variables (a machine's https_proxy would win over a test's HTTPS_PROXY, and send the run's
 * requests off this machine), plus `extra`.
 */
export function processEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const dropped = new Set(['NO_COLOR', 'FORCE_COLOR', 'CI']);
  const proxies = new Set(PROXY_VARIABLES.names);
  const env: Record<string, string> = { CI: 'true' };
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !dropped.has(key) && !proxies.has(key.toLowerCase())) env[key] = value;
  }
  return Object.assign(env, extra);
}

/** Runs a bin (default: the bundle) as a process with pipes, waiting for it to end. */
export function spawnCli(args: readonly string[], options: RunOptions & { readonly bin?: string } = {}): Run {
  const result = spawnSync(process.execPath, [options.bin ?? BUNDLE, ...args], {
    cwd: options.cwd ?? ROOT,
    env: processEnv(options.env),
    encoding: 'utf8',
    timeout: 15000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Call inside a describe: returns `workspace(...fixtures)`, which makes a fresh temporary folder
 * holding copies of the named fixture folders (or nothing); each is removed after its test.
 */
export function temporaryWorkspaces(): (...fixtures: string[]) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return (...fixtures) => {
    const folder = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'connect-forge-lint-')));
    made.push(folder);
    for (const fixture of fixtures) cpSync(path.join(FIXTURES, fixture), path.join(folder, fixture), { recursive: true });
    return folder;
  };
}

export function bytes(file: string): Buffer {
  return readFileSync(file);
}

/** The compiler-style line the CLI prints for a finding, built from the core's own message. */
export function expectedLine(display: string, text: string, ruleId: string, line: number, column: number): string {
  const finding = analyze(text, { settings: { product: 'auto', rules: {}, consoleHosts: [], reportSyntaxErrors: true } }).findings.find(
    (f) => f.ruleId === ruleId,
  );
  assert.ok(finding, `the core reports ${ruleId}`);
  const at = linePosition(text, finding.start);
  assert.deepEqual([at.line + 1, at.character + 1], [line, column], `${ruleId} is at ${line}:${column}`);
  return `${display}:${line}:${column}  ${finding.severity.padEnd(7)}  ${finding.message}  ${ruleId}`;
}

export interface JsonReport {
  formatVersion: number;
  tool: { name: string; version: string };
  files: {
    path: string;
    product?: string;
    manifests: string[];
    fix?: { applied: string[]; written: boolean; refused?: string; diff?: string };
    served?: { url: string; finalUrl: string; redirects: string[]; status: number; comparedWith?: string };
    /** Why --fix leaves the file alone although some of its findings have a fix. */
    fixBlocked?: string;
    findings: {
      rule: string;
      severity: string;
      message: string;
      range: { start: { line: number; column: number }; end: { line: number; column: number } };
      fixable: boolean;
      /** The places the finding points at (the manifests it names, a call), when it has any. */
      related?: {
        path: string;
        range?: { start: { line: number; column: number }; end: { line: number; column: number } };
        message: string;
      }[];
    }[];
  }[];
  summary: {
    files: number;
    errors: number;
    warnings: number;
    info: number;
    hints: number;
    fixable: number;
    maxWarnings: number;
    exitCode: number;
  };
}

/** A usage problem: exit code 2, one line on stderr matching `message`, nothing on stdout. */
export async function assertUsageError(args: readonly string[], message: RegExp, cwd: string): Promise<void> {
  const run = await cli(args, { cwd });
  assert.equal(run.code, 2);
  assert.match(run.stderr, message);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, 'one line');
  assert.equal(run.stdout, '');
}

/** The text without its SGR escape sequences (colours). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- the escape character is what is matched
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
