/**
 * Hostile files: each is handled with a clear message, in bounded time, and leaves the server
 * answering. The time bounds are generous hang guards, not performance claims (docs/benchmarks.md
 * has those). Server-level cases spawn the built server (`npm run build` first), as test/lsp does.
 *
 * The tests run as root on our machines and in CI, where `chmod 000` does not stop a read: an
 * unreadable manifest is then stood in for by what root cannot read either, a FIFO (no data, a
 * read would block forever) and a dangling symbolic link (ENOENT). The chmod case runs as well
 * when the user is not root.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, promises as fs, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze, fixAll, parseDescriptor, readManifest } from '../../server/src/core';
import { DEFAULT_SCAN_LIMITS, readManifestFile, scanTree } from '../../server/src/workspace/manifestFiles';
import { LspClient, messageOf } from '../support/lspClient';
import { ARI, LINK, TempWorkspace, UUID, bitbucketDescriptor, manifestText, memoryUri } from '../support/lspFixtures';
import { jsonFiles, runCli } from './cli';

/** A hang guard: fails a case that takes longer than `ms` (far above its normal time). */
async function within<T>(ms: number, what: string, work: () => Promise<T> | T): Promise<T> {
  const started = Date.now();
  const result = await work();
  const took = Date.now() - started;
  assert.ok(took < ms, `${what} took ${took} ms (hang guard: ${ms} ms)`);
  return result;
}

/** How far a case raised this process's peak RSS, in MB (0 when it stayed below an earlier peak). */
async function peakGrowth(work: () => Promise<unknown> | unknown): Promise<number> {
  const before = process.resourceUsage().maxRSS;
  await work();
  return (process.resourceUsage().maxRSS - before) / 1024;
}

/** The server's peak RSS so far (Linux /proc), in MB. */
function serverPeakMb(client: LspClient): number {
  // The test client keeps its process private; the pid is all that is read here.
  const pid = (client as unknown as { child: { pid: number } }).child.pid;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** The "billion laughs" in YAML: nine levels of nine aliases each, 9^9 strings when expanded. */
export function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(',')}]`,
    );
  lines.push('app:', `  id: ${ARI}`, 'modules: *i', '');
  return lines.join('\n');
}

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
}

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

describe('robustness: hostile files (core and file system)', function () {
  this.timeout(60_000);
  let workspace: TempWorkspace;

  beforeEach(() => {
    workspace = new TempWorkspace('cfl-hostile-');
  });

  afterEach(() => {
    workspace.dispose();
  });

  it('says a 50 MB descriptor is too large to check, without parsing it', async () => {
    const text = `{"key": "my-app", "description": "${'a'.repeat(50 * 1024 * 1024)}"}`;
    let analysis = analyze('{}');
    const growth = await peakGrowth(() => within(5000, 'analyze 50 MB', () => (analysis = analyze(text))));
    assert.ok(growth < 64, `peak RSS grew by ${growth.toFixed(0)} MB: the text is not copied or parsed`);
    assert.deepEqual(analysis.failures, []);
    assert.equal(analysis.findings.length, 1);
    assert.equal(analysis.findings[0].ruleId, 'descriptor-unreadable');
    assert.match(analysis.findings[0].message, /50\.0 MB; descriptors over 10 MB are not checked/);
    assert.equal((await within(5000, 'fix-all 50 MB', () => fixAll(text))).text, text);
  });

  for (const [label, text] of [
    ['objects', nested(100_000, '{"a":', '}')],
    ['arrays below the root', `{"modules": ${nested(100_000, '[', ']', '')}}`],
    ['objects and arrays', `{"modules": ${nested(50_000, '{"a":[', ']}')}}`],
  ] as const) {
    it(`says a descriptor nested 100,000 levels deep (${label}) is too deep, and fixes nothing`, async () => {
      let analysis = analyze('{}');
      const growth = await peakGrowth(() => within(5000, 'analyze 100,000 levels', () => (analysis = analyze(text))));
      assert.ok(growth < 256, `peak RSS grew by ${growth.toFixed(0)} MB`);
      assert.deepEqual(analysis.failures, []);
      assert.deepEqual(
        analysis.findings.map((f) => [f.ruleId, f.message]),
        [['descriptor-unreadable', 'This file is nested too deeply to be checked as a Connect descriptor.']],
      );
      assert.deepEqual(fixAll(text).applied, []);
    });
  }

  it("finds and moves a forgeAppId nested 3,000 levels deep (legal, below the parser's limit)", async () => {
    const text = `{\n  "key": "my-app",\n  "contexts": ["account"],\n  "forgeAppLink": "${LINK}",\n  "modules": ${nested(3000, '{"a":', '}', `{"forgeAppId": "${ARI}"}`)}\n}\n`;
    const analysis = await within(5000, 'analyze 3,000 levels', () => analyze(text));
    assert.deepEqual(analysis.failures, []);
    const finding = analysis.findings.find((f) => f.ruleId === 'forge-key-nested');
    assert.ok(finding, JSON.stringify(analysis.findings.map((f) => f.ruleId)));
    assert.ok(finding.message.includes(`"modules${'.a'.repeat(3000)}"`), 'the message names the whole path');
    const fixed = fixAll(text);
    const parsed = parseDescriptor(fixed.text);
    assert.deepEqual(parsed.syntaxErrors, []);
    assert.ok(fixed.text.includes(`"forgeAppId": "${ARI}"`) && !fixed.text.includes(`{"forgeAppId"`), fixed.text.slice(0, 300));
  });

  it('analyses a descriptor with 200,000 root members in bounded time (no quadratic rule)', async () => {
    const text = `{"key": "my-app", ${Array.from({ length: 200_000 }, (_, i) => `"k${i}": "org.bitbucket.location-${i}"`).join(', ')}}`;
    let analysis = analyze('{}');
    const growth = await peakGrowth(() => within(15_000, 'analyze 200,000 members', () => (analysis = analyze(text))));
    // The tree of 600,000 nodes is the bulk; the rules add no copy of it per member.
    assert.ok(growth < 1024, `peak RSS grew by ${growth.toFixed(0)} MB`);
    assert.deepEqual(analysis.failures, []);
    assert.equal(analysis.product.product, 'bitbucket');
    assert.ok(analysis.findings.some((f) => f.ruleId === 'forge-app-link-missing'));
  });

  it('refuses a YAML alias bomb in a manifest with a clear message, quickly', async () => {
    let info = readManifest('');
    const growth = await peakGrowth(() => within(5000, 'read the alias bomb', () => (info = readManifest(aliasBomb()))));
    assert.ok(growth < 64, `peak RSS grew by ${growth.toFixed(0)} MB: the aliases are not expanded`);
    assert.equal(info.status, 'unreadable');
    assert.equal(info.errors[0].code, 'alias-limit');
    assert.match(info.errors[0].message, /expands YAML aliases too many times/);
    workspace.write('bomb/manifest.yml', aliasBomb());
    const read = await within(5000, 'read the alias bomb file', () => readManifestFile(workspace.path('bomb/manifest.yml')));
    assert.equal(read.info.errors[0].code, 'alias-limit');
  });

  it('says a manifest.yml that is a directory is not a file, and the scan walks into it', async () => {
    mkdirSync(workspace.path('weird/manifest.yml'), { recursive: true });
    workspace.write('weird/manifest.yml/inner/manifest.yml', manifestText(ARI));
    const read = await within(5000, 'read a directory', () => readManifestFile(workspace.path('weird/manifest.yml')));
    assert.equal(read.info.status, 'unreadable');
    assert.equal(read.info.errors[0].message, 'manifest.yml is not a file.');
    const scan = await within(5000, 'scan', () => scanTree(workspace.root));
    assert.deepEqual(scan.manifests, [workspace.path('weird/manifest.yml/inner/manifest.yml')]);
  });

  it(`says an unreadable manifest cannot be read: a FIFO${IS_ROOT ? ' (root reads through chmod 000)' : ''}, never blocking on it`, async () => {
    mkdirSync(workspace.path('fifo'), { recursive: true });
    mkfifo(workspace.path('fifo/manifest.yml'));
    const read = await within(5000, 'read a FIFO', () => readManifestFile(workspace.path('fifo/manifest.yml')));
    assert.equal(read.info.status, 'unreadable');
    assert.equal(read.info.errors[0].message, 'manifest.yml is not a file.');
    // The scan lists regular files only: the FIFO is neither read nor listed.
    assert.deepEqual((await within(5000, 'scan', () => scanTree(workspace.root))).manifests, []);
  });

  it('says a manifest.yml that is a dangling symbolic link could not be read (ENOENT)', async () => {
    mkdirSync(workspace.path('dangling'), { recursive: true });
    symlinkSync(workspace.path('nowhere/manifest.yml'), workspace.path('dangling/manifest.yml'));
    const read = await within(5000, 'read a dangling link', () => readManifestFile(workspace.path('dangling/manifest.yml')));
    assert.equal(read.info.status, 'unreadable');
    assert.equal(read.info.errors[0].message, 'manifest.yml could not be read (ENOENT).');
  });

  it(
    IS_ROOT
      ? 'as root, a chmod 000 manifest is still read (so the FIFO and dangling link cases stand in for it)'
      : 'says a chmod 000 manifest could not be read (EACCES)',
    async () => {
      workspace.write('locked/manifest.yml', manifestText(ARI));
      chmodSync(workspace.path('locked/manifest.yml'), 0o000);
      try {
        const read = await within(5000, 'read a locked file', () => readManifestFile(workspace.path('locked/manifest.yml')));
        if (IS_ROOT) {
          assert.equal(read.info.status, 'ok');
        } else {
          assert.equal(read.info.status, 'unreadable');
          assert.equal(read.info.errors[0].message, 'manifest.yml could not be read (EACCES).');
        }
      } finally {
        chmodSync(workspace.path('locked/manifest.yml'), 0o644);
      }
    },
  );

  it('scans a workspace with symbolic link loops in bounded time, finding each real manifest once', async () => {
    workspace.write('forge/manifest.yml', manifestText(ARI));
    workspace.write('apps/a/b/manifest.yml', manifestText(ARI));
    symlinkSync(workspace.root, workspace.path('apps/a/b/loop-to-root'));
    symlinkSync('..', workspace.path('apps/a/b/loop-up'));
    symlinkSync('.', workspace.path('apps/self'));
    symlinkSync('/', workspace.path('apps/filesystem-root'));
    symlinkSync(workspace.path('forge'), workspace.path('forge-link'));
    const scan = await within(5000, 'scan with loops', () =>
      scanTree(workspace.root, DEFAULT_SCAN_LIMITS, { mayBeDescriptor: () => true }),
    );
    assert.deepEqual([...scan.manifests].sort(), [workspace.path('apps/a/b/manifest.yml'), workspace.path('forge/manifest.yml')]);
    assert.equal(scan.truncated, undefined);
  });

  it('reads a manifest that changes while it is read: every read gives a result, none throws', async () => {
    workspace.write('moving/manifest.yml', manifestText(ARI));
    const versions = [
      manifestText(ARI),
      '',
      'app:\n  id: [unclosed',
      `# ${'x'.repeat(2 * 1024 * 1024)}\n${manifestText(ARI)}`,
      manifestText(undefined),
      aliasBomb(),
    ];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        await fs.writeFile(workspace.path('moving/manifest.yml'), versions[i % versions.length]);
        if (i % 3 === 0) await fs.rm(workspace.path('moving/manifest.yml'), { force: true });
      }
    })();
    const statuses = new Set<string>();
    try {
      await within(20_000, '300 reads of a changing file', async () => {
        for (let i = 0; i < 300; i++) {
          const { info } = await readManifestFile(path.join(workspace.root, 'moving', 'manifest.yml'));
          statuses.add(info.status);
          if (info.status !== 'ok') assert.ok(info.errors[0]?.message.length > 0, `a message for ${info.status}`);
        }
      });
    } finally {
      writing = false;
      await writer;
    }
    assert.ok(statuses.size >= 2, `reads saw several states: ${[...statuses].join(', ')}`);
  });
});

describe('robustness: hostile files for --fix (what it cannot write back, it leaves byte for byte)', function () {
  this.timeout(60_000);
  let workspace: TempWorkspace;

  beforeEach(() => {
    workspace = new TempWorkspace('cfl-hostile-fix-');
  });

  afterEach(() => {
    workspace.dispose();
  });

  const nestedId = `"modules": { "forgeAppId": "${ARI}" }`;
  const REFUSED: readonly { name: string; bytes: Buffer; reason: RegExp }[] = [
    {
      // Issue 15 §5: an unclosed array after a forgeAppId with stray spaces (which has a safe fix).
      name: 'an unclosed array after a forgeAppId with stray spaces',
      bytes: Buffer.from(`{\n  "key": "my-app",\n  "forgeAppId": " ${ARI} ",\n  "contexts": ["account"],\n  "scopes": [\n}\n`),
      reason: /it does not parse as JSON/,
    },
    {
      name: 'Latin-1 bytes (a name with é)',
      bytes: Buffer.from(`{\n  "key": "my-app",\n  "name": "Café",\n  "contexts": ["account"],\n  ${nestedId}\n}\n`, 'latin1'),
      reason: /it is not valid UTF-8/,
    },
    {
      name: 'a UTF-8 sequence cut short at the end',
      bytes: Buffer.from(`{\n  "key": "my-app",\n  "contexts": ["account"],\n  ${nestedId}\n}\n// €`).subarray(0, -1),
      reason: /it is not valid UTF-8/,
    },
  ];
  for (const c of REFUSED) {
    it(`refuses ${c.name}, says why (a check says it too), and changes no byte (also in a dry run)`, () => {
      mkdirSync(workspace.path('app'), { recursive: true });
      writeFileSync(workspace.path('app/atlassian-connect.json'), c.bytes);
      const check = runCli(workspace.root, ['.']);
      assert.doesNotMatch(check.stdout, /can be fixed with --fix/);
      assert.match(check.stdout, new RegExp(`--fix would not change app/atlassian-connect\\.json: ${c.reason.source}`));
      const text = runCli(workspace.root, ['--fix', '.']);
      assert.match(text.stdout, new RegExp(`Not fixed app/atlassian-connect\\.json: ${c.reason.source}`));
      const json = jsonFiles(runCli(workspace.root, ['--fix-dry-run', '--format', 'json', '.'])).get('app/atlassian-connect.json');
      assert.match(json?.fix?.refused ?? '', c.reason);
      assert.equal(json?.fix?.written, false);
      assert.ok(readFileSync(workspace.path('app/atlassian-connect.json')).equals(c.bytes), 'not one byte changed');
    });
  }

  it('reports a UTF-16 file as not JSON, fixes nothing and changes no byte', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`{"key": "my-app", "contexts": ["account"], ${nestedId}}`, 'utf16le'),
    ]);
    mkdirSync(workspace.path('app'), { recursive: true });
    writeFileSync(workspace.path('app/atlassian-connect.json'), bytes);
    const json = jsonFiles(runCli(workspace.root, ['--fix', '--format', 'json', '.'])).get('app/atlassian-connect.json');
    assert.deepEqual(json?.fix, { applied: [], written: false });
    assert.ok(json?.findings.some((finding) => finding.rule === 'json-syntax'));
    assert.ok(readFileSync(workspace.path('app/atlassian-connect.json')).equals(bytes), 'not one byte changed');
  });

  it('fixes a CR-only file with CR line breaks only', () => {
    const before = `{\r  /* Connect\r     app */ "key": "my-app",\r  "contexts": ["account"],\r  ${nestedId}\r}\r`;
    workspace.write('app/atlassian-connect.json', before);
    runCli(workspace.root, ['--fix', '.']);
    const after = readFileSync(workspace.path('app/atlassian-connect.json'), 'utf8');
    assert.equal(
      after,
      `{\r  /* Connect\r     app */ "key": "my-app",\r  "forgeAppId": "${ARI}",\r  "contexts": ["account"],\r  "modules": {}\r}\r`,
    );
  });
});

describe('robustness: hostile files (the server keeps answering)', function () {
  this.timeout(120_000);
  let workspace: TempWorkspace;
  let client: LspClient;
  const healthy = memoryUri('hostile/healthy/atlassian-connect.json');

  before(async () => {
    workspace = new TempWorkspace('cfl-hostile-server-');
    workspace.write('connect/atlassian-connect.json', bitbucketDescriptor([`"forgeAppLink": "${LINK}",`, `"forgeAppId": "${ARI}",`]));
    workspace.write('forge/manifest.yml', manifestText(ARI));
    workspace.write('bomb/manifest.yml', aliasBomb());
    mkdirSync(workspace.path('directory/manifest.yml'), { recursive: true });
    mkdirSync(workspace.path('fifo'), { recursive: true });
    mkfifo(workspace.path('fifo/manifest.yml'));
    mkdirSync(workspace.path('dangling'), { recursive: true });
    symlinkSync(workspace.path('nowhere/manifest.yml'), workspace.path('dangling/manifest.yml'));
    symlinkSync(workspace.root, workspace.path('forge/loop-to-root'));
    symlinkSync('..', workspace.path('connect/loop-up'));
    // The index scans all of this before start() returns (it waits for the scan's log line).
    client = await within(15_000, 'start over a hostile workspace', () =>
      LspClient.start({ workspaceFolders: [{ uri: workspace.uri(), name: 'hostile' }] }),
    );
    await client.openAndWait(healthy, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]));
  });

  after(async () => {
    await client?.dispose();
    workspace?.dispose();
  });

  async function assertStillServing(): Promise<void> {
    const document = client.document(healthy);
    const hover = await client.hover(healthy, document.positionAt(document.getText().indexOf(UUID)));
    assert.ok(hover, 'a hover on the healthy document');
    assert.ok(client.running, 'the server process is running');
  }

  it('indexes the workspace despite a directory, a FIFO, a dangling link and an alias bomb named manifest.yml, and link loops', async () => {
    const uri = workspace.uri('connect/atlassian-connect.json');
    const { diagnostics } = await within(10_000, 'diagnostics in the hostile workspace', () =>
      client.openAndWait(uri, bitbucketDescriptor([`"forgeAppLink": "${LINK}",`, `"forgeAppId": "${ARI}",`])),
    );
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      [],
      'the real manifest matches: nothing to report',
    );
    assert.ok(client.logs.some((log) => /^Found \d+ manifest\.yml file\(s\)/.test(log.message)));
    await assertStillServing();
  });

  it('survives watched-file events for the hostile manifests (each read fails with a message, none blocks)', async () => {
    const events = ['fifo/manifest.yml', 'directory/manifest.yml', 'dangling/manifest.yml', 'bomb/manifest.yml'].map((relative) => ({
      uri: workspace.uri(relative),
      type: 1 as const,
    }));
    await within(10_000, 'watched-file events', async () => {
      await client.filesChanged(events);
      await assertStillServing();
    });
    assert.ok(
      !client.logs.some((log) => /Manifest index update failed/.test(log.message)),
      JSON.stringify(client.logs.map((l) => l.message)),
    );
  });

  it('tells a descriptor beside the alias bomb why that manifest cannot be used', async () => {
    const uri = workspace.uri('bomb/atlassian-connect.json');
    const { diagnostics } = await within(10_000, 'diagnostics beside the bomb', () => client.openAndWait(uri, bitbucketDescriptor()));
    assert.ok(
      diagnostics.some((d) => /aliases too many times/.test(messageOf(d))),
      JSON.stringify(diagnostics.map((d) => [d.code, d.message])),
    );
    await assertStillServing();
  });

  it('publishes one clear note for a 50 MB descriptor and keeps answering', async () => {
    const uri = memoryUri('hostile/huge/atlassian-connect.json');
    // 50 MB travels through stdio as JSON twice (client and server): a wide guard.
    const { diagnostics } = await within(60_000, 'a 50 MB document', () =>
      client.openAndWait(uri, `{"key": "x", "d": "${'a'.repeat(50 * 1024 * 1024)}"}`),
    );
    assert.equal(diagnostics.length, 1);
    assert.match(messageOf(diagnostics[0]), /descriptors over 10 MB are not checked/);
    // The message (50 MB of JSON) and the document's text are the bulk; nothing parses the text.
    const peak = serverPeakMb(client);
    assert.ok(peak < 1024, `the server's peak RSS is ${peak.toFixed(0)} MB`);
    await client.close(uri);
    await assertStillServing();
  });

  it('publishes one clear note for a descriptor nested 100,000 levels deep and keeps answering', async () => {
    const uri = memoryUri('hostile/deep/atlassian-connect.json');
    const { diagnostics } = await within(10_000, 'a 100,000-level document', () => client.openAndWait(uri, nested(100_000, '{"a":', '}')));
    assert.equal(diagnostics.length, 1);
    assert.match(messageOf(diagnostics[0]), /nested too deeply/);
    await client.close(uri);
    await assertStillServing();
  });

  it('settles on the last version when a descriptor changes 300 times while it is being checked', async () => {
    const uri = memoryUri('hostile/storm/atlassian-connect.json');
    await client.openAndWait(uri, bitbucketDescriptor());
    let version = 1;
    await within(20_000, 'a change storm', async () => {
      for (let i = 0; i < 300; i++) {
        const text = i % 2 === 0 ? bitbucketDescriptor([`"forgeAppLink": "${LINK}",`]) : `{ broken ${i}`;
        version = await client.change(uri, [{ text }]);
      }
      const last = await client.diagnostics(uri, { version });
      // The last text (i = 299) is broken JSON: one note that it is not a descriptor, or nothing.
      assert.ok(last.diagnostics.length <= 1, JSON.stringify(last.diagnostics));
    });
    const versions = client.publicationsFor(uri).map((p) => p.version ?? 0);
    assert.ok(versions.length < 300, `publications were debounced: ${versions.length}`);
    await assertStillServing();
  });
});
