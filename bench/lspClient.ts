/**
 * A lean LSP client for the benchmarks: spawns a server with `--stdio`, answers its requests the
 * way VS Code does (workspace/configuration, client/registerCapability), and resolves a promise
 * when a publishDiagnostics for a given document version arrives, timed with performance.now().
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
  WorkspaceFolder,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

interface Waiter {
  readonly uri: string;
  readonly version?: number;
  readonly resolve: (at: number) => void;
}

export interface StartOptions {
  readonly workspaceFolders?: WorkspaceFolder[] | null;
  readonly env?: NodeJS.ProcessEnv;
  /** Resolve start() only when a log message matches (our server's "Found N manifest.yml file(s)"). */
  readonly readyLog?: RegExp;
  /** Announce workspace/configuration (default true, as VS Code does). */
  readonly configuration?: boolean;
}

export class BenchClient {
  readonly logs: string[] = [];
  private waiters: Waiter[] = [];
  private logWaiters: { pattern: RegExp; resolve: (at: number) => void }[] = [];
  /** When each (uri, version) was first published. */
  readonly published = new Map<string, number>();
  /** Every publication, in order of arrival. */
  readonly publications: { readonly uri: string; readonly version?: number; readonly at: number; readonly count: number }[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onNotification(LogMessageNotification.type, (params) => {
      const at = performance.now();
      this.logs.push(params.message);
      const ready = this.logWaiters.filter((w) => w.pattern.test(params.message));
      this.logWaiters = this.logWaiters.filter((w) => !ready.includes(w));
      for (const waiter of ready) waiter.resolve(at);
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const at = performance.now();
      const key = `${params.uri}#${params.version ?? ''}`;
      if (!this.published.has(key)) this.published.set(key, at);
      this.publications.push({ uri: params.uri, version: params.version, at, count: params.diagnostics.length });
      const ready = this.waiters.filter((w) => w.uri === params.uri && (w.version === undefined || w.version === params.version));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const waiter of ready) waiter.resolve(at);
    });
    connection.listen();
  }

  static spawn(serverPath: string, env: NodeJS.ProcessEnv = {}): BenchClient {
    const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(child.stdin as NodeJS.WritableStream),
    );
    return new BenchClient(child, connection);
  }

  /** Spawns and initializes, announcing what VS Code announces that matters here. */
  static async start(serverPath: string, options: StartOptions = {}): Promise<BenchClient> {
    const client = BenchClient.spawn(serverPath, options.env);
    const ready = options.readyLog ? client.nextLog(options.readyLog) : undefined;
    await client.initialize(options.workspaceFolders ?? null, options.configuration ?? true);
    if (ready) await ready;
    return client;
  }

  async initialize(workspaceFolders: WorkspaceFolder[] | null, configuration = true): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders,
      capabilities: {
        workspace: {
          configuration,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  nextLog(pattern: RegExp): Promise<number> {
    const found = this.logs.find((message) => pattern.test(message));
    if (found) return Promise.resolve(performance.now());
    return new Promise((resolve) => this.logWaiters.push({ pattern, resolve }));
  }

  /** Resolves with the time the publication for (uri, version) arrived: now if it already did. */
  diagnostics(uri: string, version?: number): Promise<number> {
    const seen = version !== undefined ? this.published.get(`${uri}#${version}`) : undefined;
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  /** Resolves with the first publication for `uri` after the `since`-th one (see `publications`). */
  publicationAfter(uri: string, since: number): Promise<{ at: number; count: number }> {
    const found = this.publications.slice(since).find((p) => p.uri === uri);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      this.waiters.push({
        uri,
        resolve: () => {
          const next = this.publications.slice(since).find((p) => p.uri === uri);
          resolve(next ?? { at: performance.now(), count: 0 });
        },
      });
    });
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'json', version, text },
    });
  }

  /** didOpen → publishDiagnostics of that version, in milliseconds. */
  async openTimed(uri: string, text: string, version = 1): Promise<number> {
    const published = this.diagnostics(uri, version);
    const started = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'json', version, text },
    });
    return (await published) - started;
  }

  /** didChange → publishDiagnostics of the new version, in milliseconds. */
  async changeTimed(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const published = this.diagnostics(uri, version);
    const started = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return (await published) - started;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The server's resident set size (Linux /proc), in bytes. */
  rss(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  }

  async dispose(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
