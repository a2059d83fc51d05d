/**
 * `npm run bench`: builds the .vsix (`npm run package`), then measures the core against its floor
 * and its peer, the editor latency against a bare server, what a non-descriptor JSON file costs,
 * the manifest index on a large workspace and the sizes, and writes docs/benchmarks.md. Never
 * part of `npm test`.
 *
 *   --skip-package   measure the bundles and .vsix already built (faster while iterating)
 *   --quick          fewer sizes and samples (a smoke run; the document says so)
 *   --notes-only     measure nothing: put the current bench/notes.md under the tables already there
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORE_SIZES, CoreResult, measureCore } from './core';
import {
  CHANGE_DEBOUNCE_MS,
  IdleMemory,
  LatencyRow,
  NonDescriptorCost,
  OUR_SERVER,
  bundleBareServer,
  latencySizes,
  measureIdleMemory,
  measureLatency,
  measureNonDescriptor,
} from './lsp';
import { MAX_CONTENT_TEST_BYTES } from '../server/src/workspace/documentSelection';
import { DiscoveryRow, measureDiscovery } from './discovery';
import { SIZE_TARGETS, Sizes, formatKB, measureSizes } from './sizes';
import { WorkspaceResult, measureWorkspace } from './workspace';
import { formatBytes, formatMs, ratio } from './timing';

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, 'docs', 'benchmarks.md');
const NOTES = path.join(__dirname, 'notes.md');
const COMMAND = 'npm run bench';

const TARGETS = { analyzeOverFloor: 1.5, peerOverAnalyze: 5, latencyOverBare: 1.2 };

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Whether the bundles in place are minified (as `npm run package` leaves them): the latency runs them as they are. */
function bundlesInPlaceAreProduction(): boolean {
  return !readFileSync(OUR_SERVER, 'utf8').includes('//# sourceMappingURL=');
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');
}

function machine(started: string): string[] {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} logical cores`,
    `- Memory: ${formatBytes(os.totalmem())}`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node: ${process.version}`,
    `- Load average (1, 5, 15 min) at the start: ${started}; at the end: ${loadAverage()}`,
    `- Date: ${new Date().toISOString()}`,
  ];
}

function verdict(met: boolean): string {
  return met ? 'met' : '**missed**';
}

function coreTable(rows: readonly CoreResult[]): string[] {
  const lines = [
    '| Size | Characters | Floor: `parseTree` | `analyze` | Peer: JSON schema validation | analyze / floor (≤ 1.5×) | peer / analyze (≥ 5×) | floor per KB | analyze per KB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const overFloor = row.analyzeMs / row.floorMs;
    const peerOver = row.peerMs / row.analyzeMs;
    lines.push(
      `| ${row.label} | ${row.chars.toLocaleString('en')} | ${formatMs(row.floorMs)} | ${formatMs(row.analyzeMs)} | ${formatMs(row.peerMs)} | ${ratio(overFloor)} ${verdict(overFloor <= TARGETS.analyzeOverFloor)} | ${ratio(peerOver)} ${verdict(peerOver >= TARGETS.peerOverAnalyze)} | ${formatMs(row.floorMs / (row.chars / 1024))} | ${formatMs(row.analyzeMs / (row.chars / 1024))} |`,
    );
  }
  if (rows.some((row) => row.shippedPeerMs !== undefined)) {
    lines.push(
      '',
      "The same peer with the schema this extension itself ships for VS Code's JSON support (`schemas/bitbucket-connect-descriptor.schema.json`, every documented field and module, so deeper than the top-level one):",
      '',
    );
    for (const row of rows)
      if (row.shippedPeerMs !== undefined)
        lines.push(`- ${row.label}: ${formatMs(row.shippedPeerMs)}, ${ratio(row.shippedPeerMs / row.analyzeMs)} of \`analyze\``);
  }
  lines.push('', 'Wall-clock medians of the same samples (floor / analyze / peer):', '');
  for (const row of rows)
    lines.push(
      `- ${row.label}: ${formatMs(row.floorWallMs)} / ${formatMs(row.analyzeWallMs)} / ${formatMs(row.peerWallMs)} (analyze / floor ${ratio(row.analyzeWallMs / row.floorWallMs)})`,
    );
  lines.push(
    '',
    `Findings reported by \`analyze\` per size: ${rows.map((r) => `${r.label} ${r.findings}`).join(', ')}; problems reported by the peer: ${rows.map((r) => `${r.label} ${r.peerProblems}`).join(', ')}. Samples per size: ${rows.map((r) => `${r.samples} × ${r.batch} call(s)`).join(', ')}.`,
  );
  return lines;
}

function latencyTable(rows: readonly LatencyRow[]): string[] {
  const lines = [
    '| Document | didOpen → diagnostics: ours | bare | ours / bare (≤ 1.2×) | ours, client without workspace/configuration | that / bare | didChange → diagnostics: ours | bare, same 150 ms debounce | ours / debounced bare (≤ 1.2×) | bare, no debounce | ours − 150 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const open = row.oursOpen / row.bareOpen;
    const change = row.oursChange / row.bareDebouncedChange;
    lines.push(
      `| ${row.label} (${formatBytes(row.chars)}) | ${formatMs(row.oursOpen)} | ${formatMs(row.bareOpen)} | ${ratio(open)} ${verdict(open <= TARGETS.latencyOverBare)} | ${formatMs(row.oursOpenNoConfiguration)} | ${ratio(row.oursOpenNoConfiguration / row.bareOpen)} | ${formatMs(row.oursChange)} | ${formatMs(row.bareDebouncedChange)} | ${ratio(change)} ${verdict(change <= TARGETS.latencyOverBare)} | ${formatMs(row.bareChange)} | ${formatMs(row.oursChange - CHANGE_DEBOUNCE_MS)} |`,
    );
  }
  lines.push(
    '',
    `Medians of ${rows.map((r) => `${r.samples}`).join(' / ')} samples per row (after 3 warm-up cycles), the four servers measured in turn, one at a time.`,
  );
  return lines;
}

function workspaceTable(result: WorkspaceResult): string[] {
  const row = (label: string, run: WorkspaceResult['withManifests']) =>
    `| ${label} | ${formatMs(run.firstDiagnostics)} | ${formatMs(run.scanDone)} | ${formatMs(run.indexedDiagnostics)} | ${run.diagnostics} | ${formatBytes(run.rss)} |`;
  const w = result.withManifests;
  const wo = result.withoutManifests;
  return [
    `${result.files.toLocaleString('en')} files in ${result.folders.toLocaleString('en')} folders (15,351 of them in node_modules); median of ${result.runs} cold starts each.`,
    '',
    '| Workspace | didOpen → first diagnostics | initialized → manifest scan done | didOpen → diagnostics with the manifests | diagnostics | server RSS after |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    row('4 manifest.yml (+1 in node_modules)', w),
    row('same, manifests renamed away', wo),
    '',
    `Cost of the manifests themselves: scan ${ratio(w.scanDone / wo.scanDone)}, RSS ${ratio(w.rss / wo.rss)} of the workspace without them.`,
  ];
}

function workspaceDiagnosticsTable(result: WorkspaceResult): string[] {
  const pull = result.pull;
  return [
    `The same ${result.files.toLocaleString('en')} files, with a client that pulls diagnostics (LSP 3.17, as VS Code's does) and opens nothing; median of ${result.runs} cold starts. The answers hold ${pull.reported} files (the descriptors on disk and the manifests matched to them) with ${pull.diagnostics} diagnostics.`,
    '',
    '| What | Time |',
    '| --- | ---: |',
    `| initialized → first \`workspace/diagnostic\` answer, complete (it waits for the walk that finds the descriptors and manifests) | ${formatMs(pull.firstReport)} |`,
    `| Re-pull of the unchanged workspace (every file \`unchanged\`, by result id), median of 20 per start | ${formatMs(pull.unchangedRepull)} |`,
    `| A descriptor changed on disk (watched-file event) → the next pull's answer, with its new diagnostics | ${formatMs(pull.afterChange)} |`,
  ];
}

function discoveryTable(rows: readonly DiscoveryRow[]): string[] {
  const lines = [
    '| File | Characters | Verdict | `parseTree` | content test | content test / parseTree | decision (with the size cap) |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.label} | ${row.chars.toLocaleString('en')} | ${row.descriptor ? 'descriptor' : 'not one'}: ${row.detail} | ${formatMs(row.parseMs)} | ${formatMs(row.contentMs)} | ${(100 * (row.contentMs / row.parseMs)).toFixed(2)} % | ${formatMs(row.decisionMs)} |`,
    );
  }
  lines.push('', `Median CPU time per call of ${rows[0]?.samples ?? 0} interleaved samples, after warm-up.`);
  return lines;
}

function sizesTable(sizes: Sizes): string[] {
  const row = (what: string, bytes: number, floor: string, target: number) =>
    `| ${what} | ${bytes.toLocaleString('en')} | ${formatKB(bytes)} | ${floor} | ≤ ${formatKB(target)} ${verdict(bytes <= target)} |`;
  return [
    '| What | Bytes | kB | Floor, same esbuild options | Target |',
    '| --- | ---: | ---: | --- | --- |',
    row(
      'Client bundle (client/out/extension.js)',
      sizes.client,
      `${formatKB(sizes.clientFloor)}: a client that only starts vscode-languageclient/node (bench/bareClient.ts)`,
      SIZE_TARGETS.client,
    ),
    `| Client, loaded on the first "Check the Served Descriptor…" (client/out/servedCheck.js) | ${sizes.clientOnDemand.toLocaleString('en')} | ${formatKB(sizes.clientOnDemand)} | | not read at activation |`,
    row(
      'Server bundle (server/out/server.js)',
      sizes.server,
      `${formatKB(sizes.serverFloor)}: the bare vscode-languageserver server of the latency table (bench/bareServer.ts); ${formatKB(sizes.serverLibrariesFloor)} with what we use of yaml and jsonc-parser (bench/serverLibrariesFloor.ts)`,
      SIZE_TARGETS.server,
    ),
    sizes.vsix
      ? row(`.vsix (${sizes.vsix.file})`, sizes.vsix.bytes, '', SIZE_TARGETS.vsix)
      : '| .vsix | not built (run without --skip-package) | | | |',
  ];
}

function idleTable(idle: IdleMemory): string[] {
  return [
    '| Server | Idle RSS |',
    '| --- | ---: |',
    `| Ours (after initialize and the manifest scan) | ${formatBytes(idle.ours)} |`,
    `| Bare server | ${formatBytes(idle.bare)} |`,
    `| Ours / bare | ${ratio(idle.ours / idle.bare)} |`,
  ];
}

function nonDescriptorTable(cost: NonDescriptorCost): string[] {
  const sent = Object.entries(cost.messages)
    .map(([method, count]) => `${count} × \`${method}\``)
    .join(', ');
  return [
    `A ${formatBytes(cost.chars)} package-lock-like \`package-lock.json\` opened, changed ${cost.changes} times (each change after the ${CHANGE_DEBOUNCE_MS} ms debounce, so that each would be checked on its own), hovered 20 times and closed, as VS Code's client syncs every JSON file.`,
    '',
    '| What the server did for the file | |',
    '| --- | ---: |',
    `| Messages it sent about it, open to close | ${sent || 'none'} |`,
    `| Its CPU time over the ${cost.changes} changes (/proc, 10 ms ticks) | ${formatMs(cost.cpuMs)} |`,
    `| A hover on it (answered from the cached verdict), median | ${formatMs(cost.hoverMs)} |`,
  ];
}

const NOTES_MARK = '<!-- notes: bench/notes.md -->';

function withNotes(tables: string): string {
  const notes = existsSync(NOTES) ? readFileSync(NOTES, 'utf8').trim() : '';
  return `${tables.split(NOTES_MARK)[0].trimEnd()}\n\n${NOTES_MARK}\n\n${notes}\n`;
}

async function main(): Promise<void> {
  if (process.argv.includes('--notes-only')) {
    writeFileSync(OUTPUT, withNotes(readFileSync(OUTPUT, 'utf8')));
    return;
  }
  const quick = process.argv.includes('--quick');
  const started = loadAverage();
  if (!process.argv.includes('--skip-package')) {
    log('npm run package …');
    execSync('npm run package', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const production = bundlesInPlaceAreProduction();
  const sizes = await measureSizes();
  log(`sizes: ${JSON.stringify(sizes)}`);
  const bare = await bundleBareServer(production);
  try {
    const core = await measureCore(quick ? CORE_SIZES.slice(0, 2) : CORE_SIZES, { log });
    const latency = await measureLatency(bare.file, quick ? latencySizes().slice(0, 2) : latencySizes(), log);
    const idle = await measureIdleMemory(bare.file);
    log(`idle: ${JSON.stringify(idle)}`);
    const nonDescriptor = await measureNonDescriptor();
    log(`non-descriptor: ${JSON.stringify(nonDescriptor)}`);
    const workspace = await measureWorkspace(quick ? 2 : 5, log);
    const discovery = await measureDiscovery(quick ? 3 : 9, log);
    const document = [
      '# Benchmarks',
      '',
      '<!-- Generated by `npm run bench` (bench/run.ts); the prose after the tables is bench/notes.md. Do not edit by hand. -->',
      '',
      `Reproduce with \`${COMMAND}\`${quick ? ' (this was a `--quick` run: fewer sizes and samples)' : ''}. It packages the extension, then measures everything below in one run.`,
      '',
      '## Machine',
      '',
      ...machine(started),
      '',
      '## The core: `analyze` against the floor and the peer',
      '',
      "Median CPU time per call (user + system of the whole process, so that the load of a shared machine does not stretch it), all three in the same process on the same text, interleaved, after warm-up. The floor is jsonc-parser's `parseTree` (the one parse the core does); the peer is vscode-json-languageservice parsing the text and validating it against `bench/descriptorSchema.ts`.",
      '',
      ...coreTable(core),
      '',
      '## Editor latency through stdio',
      '',
      `Our server (\`server/out/server.js\`) against a bare vscode-languageserver server (\`bench/bareServer.ts\`) that publishes one diagnostic, both bundled by esbuild with the same options (${production ? 'minified, as shipped' : 'development build'}) and started by the same node with \`--stdio\`. The client announces workspace/configuration as VS Code does and answers at once. Our server debounces didChange by ${CHANGE_DEBOUNCE_MS} ms on purpose (one check per pause in typing, not per keystroke), so the change path is compared with the bare server given the same debounce; the columns without it show the raw numbers.`,
      '',
      ...latencyTable(latency),
      '',
      '## A JSON file that is not a descriptor',
      '',
      ...nonDescriptorTable(nonDescriptor),
      '',
      '## Which files are descriptors: the content test',
      '',
      `The content test (\`core/descriptorContent.ts\`: the root's members and the first token of each value, nested values skipped without tokens, stopping at a member that rules the file out) against one \`parseTree\` of the same text, and the whole decision (\`descriptorVerdict\` in \`workspace/documentSelection.ts\`), which does not read a JSON file over ${MAX_CONTENT_TEST_BYTES / 1048576} MB at all. The server makes the decision once per document version, the CLI once per file.`,
      '',
      ...discoveryTable(discovery),
      '',
      '## Manifest index on a large workspace',
      '',
      ...workspaceTable(workspace),
      '',
      '## Workspace diagnostics on the same workspace',
      '',
      ...workspaceDiagnosticsTable(workspace),
      '',
      '## Sizes',
      '',
      'Built with the production options of `npm run package` (scripts/bundle.mjs --production: minified, no source maps) into a folder of their own; the .vsix is the one `npm run package` wrote. kB are 1000 bytes.',
      '',
      ...sizesTable(sizes),
      '',
      '## Idle memory',
      '',
      ...idleTable(idle),
    ].join('\n');
    writeFileSync(OUTPUT, withNotes(document));
    log(`wrote ${path.relative(ROOT, OUTPUT)}`);
  } finally {
    bare.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
