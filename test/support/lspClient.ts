/**
 * A small LSP client for the server's end-to-end tests and the benchmarks: spawns the built
 * `server/out/server.js` (or another server) with `--stdio` and drives it the way an editor does.
 * It answers the server's requests (`workspace/configuration` from a settings object the test may
 * change, `client/registerCapability` and `client/unregisterCapability`), records log messages,
 * keeps a mirror of every open document, and collects the diagnostics the server publishes, each
 * stamped with the time it arrived, so that a test can wait for the ones it expects, never for a
 * fixed time.
 */
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { UUID } from './lspFixtures';
import {
  ClientCapabilities,
  CodeAction,
  CodeActionKind,
  CodeActionRequest,
  Command,
  CompletionItem,
  CompletionList,
  CompletionRequest,
  ConfigurationItem,
  ConfigurationRequest,
  DefinitionRequest,
  Definition,
  DefinitionLink,
  Diagnostic,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticReport,
  DocumentDiagnosticRequest,
  ExitNotification,
  FileEvent,
  Hover,
  HoverRequest,
  InsertTextFormat,
  InitializeParams,
  InitializeRequest,
  InitializeResult,
  InitializedNotification,
  LogMessageNotification,
  LogMessageParams,
  Position,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  Range,
  Registration,
  RegistrationRequest,
  Unregistration,
  UnregistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
  TextEdit,
  WorkspaceDiagnosticReport,
  WorkspaceDiagnosticRequest,
  WorkspaceEdit,
  WorkspaceFolder,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export const SERVER_PATH = path.resolve(__dirname, '..', '..', 'server', 'out', 'server.js');
export const SETTINGS_SECTION = 'connectForgeLink';
const DEFAULT_TIMEOUT_MS = 10000;
/** What the server logs when its manifest index has scanned the workspace folders. */
export const MANIFEST_SCAN_DONE = /^Found \d+ manifest\.yml file\(s\)/;

export interface LspClientOptions {
  /** The server to start (default: SERVER_PATH), run by this node with `--stdio`. */
  readonly serverPath?: string;
  /** Arguments for node before the server's path (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  /** Added to this process's environment for the server. */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * The log message start() waits for after initialized (default: MANIFEST_SCAN_DONE, our
   * server's first manifest scan); null: none, for a server that logs nothing or a caller that
   * times the scan itself.
   */
  readonly readyLog?: RegExp | null;
  /** How long waits last by default (default 10 s). */
  readonly timeoutMs?: number;
  /** The `connectForgeLink` section answered to workspace/configuration (mutable later through `settings`). */
  readonly settings?: Record<string, unknown>;
  /** Whether the client announces workspace/configuration support (default true). */
  readonly configuration?: boolean;
  readonly initializationOptions?: unknown;
  readonly rootUri?: string | null;
  readonly workspaceFolders?: WorkspaceFolder[] | null;
  /** Announce `workspace.workspaceEdit.documentChanges` (default false). */
  readonly documentChanges?: boolean;
  /** Announce LSP 3.17 pull diagnostics (textDocument/diagnostic, workspace/diagnostic/refresh), as VS Code's client does (default false: push). */
  readonly pull?: boolean;
}

/** What a pulling client holds for one file from workspace reports: its diagnostics and the id to send back. */
export interface PulledFile {
  readonly resultId?: string;
  readonly items: Diagnostic[];
}

/** One publishDiagnostics notification, numbered in the order it arrived. */
export interface Publication extends PublishDiagnosticsParams {
  readonly sequence: number;
  /** When it arrived (performance.now()). */
  readonly receivedAt: number;
}

/** One window/logMessage notification. */
export interface LogEntry extends LogMessageParams {
  /** When it arrived (performance.now()). */
  readonly receivedAt: number;
}

export interface DiagnosticsQuery {
  /** Only publications for this document version. */
  readonly version?: number;
  /** Only publications numbered at or after this mark (see `mark()`): "the next ones". */
  readonly since?: number;
  /** Only publications whose diagnostics satisfy this. */
  readonly where?: (diagnostics: Diagnostic[]) => boolean;
  readonly timeoutMs?: number;
}

interface Waiter {
  readonly accepts: (publication: Publication) => boolean;
  readonly resolve: (publication: Publication) => void;
  readonly timer: NodeJS.Timeout;
}

export class LspClient {
  /** What the client answers for the `connectForgeLink` section; tests may replace or change it. */
  settings: Record<string, unknown>;
  readonly logs: LogEntry[] = [];
  readonly configurationRequests: ConfigurationItem[] = [];
  readonly registrations: Registration[] = [];
  readonly unregistrations: Unregistration[] = [];
  readonly publications: Publication[] = [];
  /** When the server asked for workspace/diagnostic/refresh (performance.now()). */
  readonly refreshRequests: number[] = [];
  /**
   * The files of the workspace reports pulled so far, as an editor keeps them: a full report
   * replaces a file's diagnostics, an unchanged one keeps them; files reported without an id are
   * no longer asked about (their previous id is not sent), as VS Code's client does.
   */
  readonly pulled = new Map<string, PulledFile>();
  initializeResult: InitializeResult | undefined;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
  private stderr = '';
  private readonly documents = new Map<string, TextDocument>();
  private waiters: Waiter[] = [];
  private configurationGate: Promise<void> | undefined;
  /** Conditions waiting for a message from the server to come true (see `until`). */
  private conditions: { readonly check: () => void; readonly timer: NodeJS.Timeout }[] = [];
  private exitCode: number | string | undefined;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
    private readonly timeoutMs: number,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? signal ?? 'unknown';
        resolve(this.exitCode);
      });
    });
    // A write after the process died must fail the test that made it, not crash the runner.
    child.stdin?.on('error', (error) => {
      this.stderr += `\n[stdin] ${error.message}`;
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
  }

  /** Spawns the server, sends initialize and initialized, and returns the ready client. */
  static async start(options: LspClientOptions = {}): Promise<LspClient> {
    const serverPath = options.serverPath ?? SERVER_PATH;
    assert.ok(existsSync(serverPath), `${serverPath} exists: run npm run build first`);
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    const reader = new StreamMessageReader(child.stdout as NodeJS.ReadableStream);
    // A server killed in the middle of writing a message leaves the reader a partial one, for which
    // vscode-jsonrpc re-arms a 10 s timer forever, even once disposed: the test process would never
    // exit (seen about once in 30 runs). No partial-message timer, then; nothing here listens to it.
    reader.partialMessageTimeout = 0;
    const connection = createProtocolConnection(reader, new StreamMessageWriter(child.stdin as NodeJS.WritableStream));
    const client = new LspClient(child, connection, { ...(options.settings ?? {}) }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    client.listen();
    try {
      await client.initialize(options);
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return client;
  }

  private async initialize(options: LspClientOptions): Promise<void> {
    const connection = this.connection;
    const configuration = options.configuration ?? true;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration,
        didChangeConfiguration: { dynamicRegistration: configuration },
        didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
        workspaceFolders: true,
        workspaceEdit: { documentChanges: options.documentChanges ?? false },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          isPreferredSupport: true,
          dataSupport: true,
          codeActionLiteralSupport: { codeActionKind: { valueSet: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] } },
        },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false, relatedInformation: true } } : {}),
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
        definition: { linkSupport: false },
      },
    };
    const params: InitializeParams = {
      processId: process.pid,
      clientInfo: { name: 'connect-forge-link-lsp-tests' },
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities,
      initializationOptions: options.initializationOptions,
    };
    this.initializeResult = await this.withTimeout(connection.sendRequest(InitializeRequest.type, params), 'initialize');
    await connection.sendNotification(InitializedNotification.type, {});
    // The first scan for manifests ends with a log line and a re-check of the open documents;
    // waiting for it keeps that re-check from republishing a test's document at a random moment.
    const readyLog = options.readyLog === undefined ? MANIFEST_SCAN_DONE : options.readyLog;
    if (readyLog) await this.log(readyLog, 'the first manifest scan');
  }

  private listen(): void {
    this.connection.onRequest(ConfigurationRequest.type, async (params) => {
      this.configurationRequests.push(...params.items);
      this.checkConditions();
      await this.configurationGate;
      return params.items.map((item) => (item.section === SETTINGS_SECTION ? structuredClone(this.settings) : null));
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.checkConditions();
    });
    this.connection.onRequest(UnregistrationRequest.type, (params) => {
      // (The protocol's own misspelling.)
      this.unregistrations.push(...params.unregisterations);
      this.checkConditions();
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests.push(performance.now());
      this.checkConditions();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push({ ...params, receivedAt: performance.now() });
      this.checkConditions();
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const publication: Publication = { ...params, sequence: this.publications.length, receivedAt: performance.now() };
      this.publications.push(publication);
      const ready = this.waiters.filter((waiter) => waiter.accepts(publication));
      this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve(publication);
      this.checkConditions();
    });
    this.connection.listen();
  }

  private checkConditions(): void {
    for (const condition of [...this.conditions]) condition.check();
  }

  /**
   * Holds the answers to workspace/configuration until the returned function is called, as a slow
   * editor would: lets a test order the server's work deterministically.
   */
  holdConfiguration(): () => void {
    let release = () => undefined as void;
    this.configurationGate = new Promise<void>((resolve) => {
      release = () => {
        this.configurationGate = undefined;
        resolve();
      };
    });
    return release;
  }

  /** Resolves when `condition` holds, checked now and after each message from the server. */
  until(condition: () => boolean, what: string, timeoutMs = this.timeoutMs): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        this.conditions = this.conditions.filter((c) => c.check !== check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.conditions = this.conditions.filter((c) => c.check !== check);
        reject(new Error(`${what}: not within ${timeoutMs} ms${this.describeProcess()}`));
      }, timeoutMs);
      this.conditions.push({ check, timer });
    });
  }

  /** The first log message matching `pattern`, waiting for it if needed. */
  async log(pattern: RegExp, what = `a log message matching ${pattern}`): Promise<LogEntry> {
    const find = () => this.logs.find((entry) => pattern.test(entry.message));
    await this.until(() => find() !== undefined, what);
    const entry = find();
    assert.ok(entry);
    return entry;
  }

  // ---- documents ----

  /** The client's copy of an open document. */
  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    assert.ok(document, `${uri} is open`);
    return document;
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  async open(uri: string, text: string, languageId = 'json', version = 1): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Opens a document and waits for the diagnostics of its first version. */
  async openAndWait(uri: string, text: string, languageId = 'json'): Promise<Publication> {
    const since = this.mark();
    await this.open(uri, text, languageId);
    return this.diagnostics(uri, { version: 1, since });
  }

  /** Sends incremental changes (applied in order, as LSP says) and returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const document = this.document(uri);
    const version = document.version + 1;
    this.documents.set(uri, TextDocument.update(document, changes, version));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  /** Replaces the text between two offsets of the current text (one incremental change). */
  replace(uri: string, start: number, end: number, newText: string): Promise<number> {
    const document = this.document(uri);
    return this.change(uri, [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text: newText }]);
  }

  /** Applies LSP edits as an editor does: one didChange whose changes run last edit first. */
  applyEdits(uri: string, edits: readonly TextEdit[]): Promise<number> {
    const document = this.document(uri);
    const ordered = sortEdits(document, edits).reverse();
    return this.change(
      uri,
      ordered.map((edit) => ({ range: edit.range, text: edit.newText })),
    );
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  // ---- diagnostics ----

  /** The number of publications so far: pass it as `since` to wait for the next ones only. */
  mark(): number {
    return this.publications.length;
  }

  /** The first publication for `uri` (since the mark, for the version, matching) — waiting for it if needed. */
  diagnostics(uri: string, query: DiagnosticsQuery = {}): Promise<Publication> {
    const accepts = (publication: Publication) =>
      publication.uri === uri &&
      publication.sequence >= (query.since ?? 0) &&
      (query.version === undefined || publication.version === query.version) &&
      (query.where === undefined || query.where(publication.diagnostics));
    const found = this.publications.find(accepts);
    if (found) return Promise.resolve(found);
    const timeoutMs = query.timeoutMs ?? this.timeoutMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = this.publications
          .filter((p) => p.uri === uri)
          .map((p) => `#${p.sequence} v${p.version ?? '?'}: ${JSON.stringify(p.diagnostics.map((d) => [d.code, d.message]))}`);
        reject(
          new Error(
            `No diagnostics for ${uri} matching ${JSON.stringify({ version: query.version, since: query.since, where: query.where !== undefined })} within ${timeoutMs} ms. Seen:\n${seen.join('\n') || '(none)'}${this.describeProcess()}`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        accepts,
        timer,
        resolve: (publication) => {
          clearTimeout(timer);
          resolve(publication);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Every publication received for `uri`, in order. */
  publicationsFor(uri: string): Publication[] {
    return this.publications.filter((p) => p.uri === uri);
  }

  // ---- requests ----

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(Command | CodeAction)[] | null> {
    return this.withTimeout(
      this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } }),
      'codeAction',
    );
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.withTimeout(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), 'hover');
  }

  completion(uri: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
    return this.withTimeout(this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }), 'completion');
  }

  definition(uri: string, position: Position): Promise<Definition | DefinitionLink[] | null> {
    return this.withTimeout(this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position }), 'definition');
  }

  /** textDocument/diagnostic for one document. */
  pullDocument(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.withTimeout(
      this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }),
      'textDocument/diagnostic',
    );
  }

  /** workspace/diagnostic with the ids of the files held (`pulled`), whose diagnostics the report then updates. */
  async pullWorkspace(): Promise<WorkspaceDiagnosticReport> {
    const previousResultIds = [...this.pulled].flatMap(([uri, file]) =>
      file.resultId === undefined ? [] : [{ uri, value: file.resultId }],
    );
    const report = await this.withTimeout(
      this.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds }),
      'workspace/diagnostic',
    );
    for (const item of report.items) {
      const held = this.pulled.get(item.uri);
      if (item.kind === 'full') this.pulled.set(item.uri, { resultId: item.resultId, items: item.items });
      else {
        assert.ok(held, `an unchanged report for ${item.uri}, which was never reported in full`);
        this.pulled.set(item.uri, { resultId: item.resultId, items: held.items });
      }
    }
    return report;
  }

  async changeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async workspaceFoldersChanged(added: WorkspaceFolder[], removed: WorkspaceFolder[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added, removed } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** The LSP shutdown handshake; resolves with the process's exit code. */
  async shutdown(): Promise<number | string> {
    await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
    await this.connection.sendNotification(ExitNotification.type);
    return this.withTimeout(this.exited, 'exit');
  }

  /** Ends the connection and the process (if still running). Safe to call twice; for after() hooks. */
  async dispose(): Promise<void> {
    for (const waiter of this.waiters) clearTimeout(waiter.timer);
    this.waiters = [];
    for (const condition of this.conditions) clearTimeout(condition.timer);
    this.conditions = [];
    if (this.exitCode === undefined) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    this.connection.dispose();
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** The server's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private describeProcess(): string {
    const state = this.exitCode === undefined ? '' : `\nThe server exited (${this.exitCode}).`;
    return `${state}${this.stderr ? `\nServer stderr:\n${this.stderr.slice(-2000)}` : ''}`;
  }

  private withTimeout<T>(promise: Promise<T>, what: string, timeoutMs = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what} got no answer within ${timeoutMs} ms${this.describeProcess()}`)), timeoutMs);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}

// ---- edits ----

/** Edits sorted by start position (stable), after checking that none overlap. */
export function sortEdits(document: TextDocument, edits: readonly TextEdit[]): TextEdit[] {
  const located = edits.map((edit, index) => ({
    edit,
    index,
    start: document.offsetAt(edit.range.start),
    end: document.offsetAt(edit.range.end),
  }));
  for (const { edit, start, end } of located) {
    assert.ok(start <= end, `edit ${JSON.stringify(edit)} has its start before its end`);
    assert.deepEqual(document.positionAt(start), edit.range.start, `edit ${JSON.stringify(edit)} starts inside the document`);
    assert.deepEqual(document.positionAt(end), edit.range.end, `edit ${JSON.stringify(edit)} ends inside the document`);
  }
  located.sort((a, b) => a.start - b.start || a.index - b.index);
  for (let i = 1; i < located.length; i++) {
    assert.ok(
      located[i - 1].end <= located[i].start,
      `edits overlap: ${JSON.stringify(located[i - 1].edit)} and ${JSON.stringify(located[i].edit)}`,
    );
  }
  return located.map((l) => l.edit);
}

/** Applies LSP text edits (all relative to the original text) to a string. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const document = TextDocument.create('untitled:edit', 'json', 0, text);
  let result = '';
  let cursor = 0;
  for (const edit of sortEdits(document, edits)) {
    const start = document.offsetAt(edit.range.start);
    result += text.slice(cursor, start) + edit.newText;
    cursor = document.offsetAt(edit.range.end);
  }
  return result + text.slice(cursor);
}

/**
 * The text after accepting a completion item as an editor does: its text edit (a snippet's
 * placeholders replaced by their defaults, the tab stops by nothing) and its additional edits.
 * Also checks what LSP requires of the main edit: one line, holding the position asked about.
 */
export function applyCompletion(text: string, item: CompletionItem, position?: Position): string {
  const edit = item.textEdit;
  assert.ok(edit && 'range' in edit, `"${item.label}" has a text edit with a range`);
  assert.equal(edit.range.start.line, edit.range.end.line, `"${item.label}" replaces one line`);
  if (position) {
    assert.equal(edit.range.start.line, position.line, `"${item.label}" is on the line of the cursor`);
    assert.ok(
      edit.range.start.character <= position.character && position.character <= edit.range.end.character,
      `"${item.label}" replaces a range holding the cursor`,
    );
  }
  const newText =
    item.insertTextFormat === InsertTextFormat.Snippet
      ? edit.newText
          .replace(/\$\{\d+:([^}]*)\}/g, '$1')
          .replace(/\$\d+/g, '')
          .replace(/\\([$}\\])/g, '$1')
      : edit.newText;
  return applyTextEdits(text, [{ range: edit.range, newText }, ...(item.additionalTextEdits ?? [])]);
}

/** The edits a workspace edit makes to one document (from `changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'the action has an edit');
  const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const change of edit.documentChanges ?? []) {
    if ('edits' in change && change.textDocument.uri === uri) {
      for (const e of change.edits) {
        assert.ok('newText' in e, `a plain text edit, not a snippet: ${JSON.stringify(e)}`);
        edits.push({ range: e.range, newText: e.newText });
      }
    }
  }
  const touched = new Set([
    ...Object.keys(edit.changes ?? {}),
    ...(edit.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : '')),
  ]);
  assert.deepEqual([...touched], [uri], 'the edit touches only this document');
  return edits;
}

// ---- small helpers for assertions ----

/** The code actions (not bare commands) of a response. */
export function actionsOf(response: (Command | CodeAction)[] | null): CodeAction[] {
  assert.ok(response, 'the server answered with a list of actions');
  return response.filter((item): item is CodeAction => typeof item.command !== 'string');
}

/** The completion items of a response. */
export function itemsOf(response: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!response) return [];
  return Array.isArray(response) ? response : response.items;
}

/** The text a range covers in a document. */
export function coveredText(document: TextDocument, range: Range): string {
  return document.getText(range);
}

/** A diagnostic's message, which this server always sends as plain text. */
export function messageOf(diagnostic: Diagnostic): string {
  assert.equal(typeof diagnostic.message, 'string', 'a plain-text message');
  return diagnostic.message as string;
}

/** The diagnostics with a given code. */
export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The one diagnostic with a given code, failing with the list when there are none or several. */
export function oneWithCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic {
  const found = withCode(diagnostics, code);
  assert.equal(found.length, 1, `exactly one ${code}, got: ${JSON.stringify(diagnostics.map((d) => [d.code, d.message]))}`);
  return found[0];
}

/** A predicate for `where`: some diagnostic has the code. */
export function has(code: string): (diagnostics: Diagnostic[]) => boolean {
  return (diagnostics) => diagnostics.some((d) => d.code === code);
}

/** A predicate for `where`: no diagnostic has the code. */
export function lacks(code: string): (diagnostics: Diagnostic[]) => boolean {
  return (diagnostics) => !diagnostics.some((d) => d.code === code);
}

/**
 * The server still answers a hover on a healthy document (one whose link names UUID's app), so it
 * neither crashed nor hangs; `expected` is a phrase the hover must hold.
 */
export async function assertStillServing(client: LspClient, healthy: string, expected?: string): Promise<void> {
  const document = client.document(healthy);
  const hover = await client.hover(healthy, document.positionAt(document.getText().indexOf(UUID)));
  assert.ok(hover, 'a hover on the healthy document');
  if (expected) assert.ok(JSON.stringify(hover.contents).includes(expected), `the hover says ${expected}`);
  assert.ok(client.running, 'the server process is running');
}
