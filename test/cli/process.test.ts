/**
 * Smoke tests that need a real process: the bins and the bundle (exit codes, the same output as
 * run() gives in process), stdin left open or absent, a reader that closes the pipe early,
 * colours on a real pseudo-terminal, and the standalone language server answering initialize.
 * Everything else is tested in process through run() (see harness.ts). Run `npm run build` first.
 */
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BIN, BUNDLE, ESC, ROOT, Run, VERSION, cli, processEnv, spawnCli, stripAnsi, temporaryWorkspaces } from './harness';

const SERVER_PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'server', 'package.json'), 'utf8')) as { bin: Record<string, string> };

/** Runs the bundle with the given stdin, collecting the output, without blocking this process. */
function spawnAsync(args: readonly string[], cwd: string, stdin: 'pipe' | 'ignore'): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE, ...args], { cwd, env: processEnv(), stdio: [stdin, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`connect-forge-lint ${args.join(' ')} did not end within 15 s`));
    }, 15000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('CLI as a process: connect-forge-lint', function () {
  this.timeout(20000);
  const workspace = temporaryWorkspaces();

  before(() => {
    assert.ok(existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build first`);
  });

  for (const bin of [BIN, BUNDLE]) {
    it(`${path.relative(ROOT, bin)} exits 0, 1 and 2 with the output run() gives, and no colours on a pipe`, async () => {
      const cwd = workspace('clean', 'warnings');
      for (const args of [['clean'], ['warnings'], ['--frobnicate'], ['--rule', 'no-such-rule=off'], ['--version']]) {
        const spawned = spawnCli(args, { cwd, bin });
        assert.deepEqual(spawned, await cli(args, { cwd }), `connect-forge-lint ${args.join(' ')}`);
      }
      assert.equal(spawnCli(['clean'], { cwd, bin }).code, 0);
      const warnings = spawnCli(['warnings'], { cwd, bin });
      assert.equal(warnings.code, 1);
      assert.ok(!warnings.stdout.includes(ESC), 'a pipe gets no colours');
      assert.ok(!spawnCli(['warnings'], { cwd, bin, env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout.includes(ESC), 'NO_COLOR wins');
      assert.ok(spawnCli(['warnings'], { cwd, bin, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC), 'FORCE_COLOR turns colours on');
      assert.equal(spawnCli(['--frobnicate'], { cwd, bin }).code, 2);
    });
  }

  it('is a package bin, linked into node_modules/.bin, that runs as a command', () => {
    const bin = SERVER_PACKAGE.bin['connect-forge-lint'];
    assert.ok(bin, 'server/package.json has the bin');
    const linked = path.join(ROOT, 'node_modules', '.bin', 'connect-forge-lint');
    assert.ok(existsSync(linked), `${linked} exists (npm links workspace bins)`);
    assert.equal(realpathSync(linked), realpathSync(BIN));
    assert.ok((statSync(linked).mode & 0o111) !== 0, 'executable');
    const run = spawnSync(linked, ['--version'], { env: processEnv(), encoding: 'utf8', timeout: 15000 });
    assert.equal(run.stdout, `${VERSION}\n`);
    assert.equal(run.status, 0);
  });

  it('never waits for stdin: it ends with stdin left open, and with no stdin at all', async () => {
    const cwd = workspace('warnings');
    const expected = await cli(['warnings'], { cwd });
    // 'pipe' is never written to nor closed: a run that read stdin would hang until the timeout.
    assert.deepEqual(await spawnAsync(['warnings'], cwd, 'pipe'), expected);
    assert.deepEqual(await spawnAsync(['warnings'], cwd, 'ignore'), expected);
  });

  it('stops quietly, with the exit code of its findings, when the reader closes the pipe early (| head)', () => {
    const cwd = workspace();
    // Thousands of syntax errors: a report many times a pipe's buffer (64 KB), so writing it must fail.
    writeFileSync(path.join(cwd, 'atlassian-connect.json'), `{"key": "x", "a": [${'1 '.repeat(4000)}]}`);
    const full = spawnCli(['.'], { cwd });
    assert.ok(full.stdout.length > 256 * 1024, `a large report (${full.stdout.length} characters)`);
    // A shell's pipe, as a user's `| head` makes it (Node's own child pipes are sockets, with larger buffers).
    const piped = spawnSync('sh', ['-c', '{ "$CFL_NODE" "$CFL_CLI" .; echo "exit $?" >&2; } | head -c 100'], {
      cwd,
      env: processEnv({ CFL_NODE: process.execPath, CFL_CLI: BUNDLE }),
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 15000,
    });
    assert.equal(piped.stdout, full.stdout.slice(0, 100));
    assert.equal(piped.stderr, `exit ${full.code}\n`, 'no stack trace for EPIPE, and the exit code of the findings');
    assert.equal(full.code, 1);
  });

  it('colours a real terminal (a pseudo-terminal from script(1)) unless NO_COLOR is set', function () {
    // util-linux's script(1) makes the pseudo-terminal; CI has it (Debian), so there it must run.
    if (spawnSync('script', ['--version']).error) {
      if (process.env.CI === 'true') throw new Error('script(1) from util-linux is needed for the pseudo-terminal test');
      this.skip();
    }
    const cwd = workspace('warnings');
    const piped = spawnCli(['warnings'], { cwd });
    const onTerminal = (env: Record<string, string> = {}) => {
      const result = spawnSync('script', ['-qec', '"$CFL_NODE" "$CFL_CLI" warnings', '/dev/null'], {
        cwd,
        env: processEnv({ ...env, CFL_NODE: process.execPath, CFL_CLI: BUNDLE }),
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 15000,
      });
      return { code: result.status, output: result.stdout.replace(/\r\n/g, '\n') };
    };
    const coloured = onTerminal();
    assert.ok(coloured.output.includes(ESC), coloured.output);
    assert.equal(stripAnsi(coloured.output), piped.stdout, 'the same text as on a pipe');
    assert.equal(coloured.code, 1);
    const plain = onTerminal({ NO_COLOR: '1' });
    assert.equal(plain.output, piped.stdout);
  });
});

describe('Standalone server: connect-forge-language-server', function () {
  this.timeout(20000);
  let child: ChildProcess | undefined;

  afterEach(() => {
    child?.kill();
    child = undefined;
  });

  it('is a package bin, linked into node_modules/.bin, that answers initialize over --stdio', async () => {
    const bin = SERVER_PACKAGE.bin['connect-forge-language-server'];
    assert.ok(bin, 'server/package.json has the bin');
    const linked = path.join(ROOT, 'node_modules', '.bin', 'connect-forge-language-server');
    assert.ok(existsSync(linked), `${linked} exists (npm links workspace bins)`);
    assert.equal(realpathSync(linked), realpathSync(path.join(ROOT, 'server', bin)));
    assert.ok((statSync(linked).mode & 0o111) !== 0, 'executable');

    // Started the way an editor's configuration would: the command itself, no `node` in front.
    const server = spawn(linked, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    child = server;
    const answer = await new Promise<{ id: number; result?: { capabilities?: Record<string, unknown>; serverInfo?: { name: string } } }>(
      (resolve, reject) => {
        let buffer = Buffer.alloc(0);
        server.on('error', reject);
        server.on('exit', (code) => reject(new Error(`the server exited (${code}) before answering`)));
        server.stdout?.on('data', (chunk: Buffer) => {
          buffer = Buffer.concat([buffer, chunk]);
          for (;;) {
            const headerEnd = buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
            if (buffer.length < headerEnd + 4 + length) return;
            const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as { id?: number };
            buffer = buffer.subarray(headerEnd + 4 + length);
            if (message.id === 1) resolve(message as { id: number });
          }
        });
        const send = (message: object): void => {
          const body = Buffer.from(JSON.stringify(message), 'utf8');
          server.stdin?.write(`Content-Length: ${body.length}\r\n\r\n`);
          server.stdin?.write(body);
        };
        send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
      },
    );
    assert.equal(answer.result?.serverInfo?.name, 'connect-forge-link');
    assert.ok(answer.result?.capabilities?.codeActionProvider, 'code actions');
  });
});
