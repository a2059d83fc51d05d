/**
 * The fuzz suite: thousands of generated and mutated descriptors and Forge manifests through the
 * manifest reader, the analysis and every fix. Nothing throws, every finding lies inside its text,
 * every fix keeps the file parsing (and never adds syntax errors to a broken one), touches only its
 * own lines (comments elsewhere survive), keeps LF, CRLF and CR-only files so (and in files with
 * mixed line endings, ends each line it adds or ends as its neighbour), moves values with
 * their shape and puts new root members at the root members' indentation, and fix-all is
 * idempotent, its edits minimal. Through the CLI, generated files --fix must refuse (broken JSON,
 * bytes that are not UTF-8) are neither counted as fixable nor touched; through the server, a
 * version analysed again after a settings change answers the diagnostics the client still holds
 * with their own fixes or none.
 *
 * Seeds are fixed, so a failure is reproduced by its seed alone: add it to REGRESSION_SEEDS with a
 * note, fix the cause, and it stays checked forever. To explore beyond the fixed range:
 * `FUZZ_SEEDS=20000 FUZZ_BASE=100000 npx mocha --require tsx/cjs --timeout 0 test/robustness/fuzz.test.ts`
 * (20,000 seeds from 100,000 passed when this was written).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Node, SyntaxKind, createScanner } from 'jsonc-parser';
import { CodeActionKind, Diagnostic, Range } from 'vscode-languageserver-protocol/node';
import { parseDocument } from 'yaml';
import {
  AnalysisOptions,
  DescriptorIdentity,
  IndexedManifest,
  ManifestContext,
  analyze,
  analyzeManifest,
  applyEdits,
  fixAll,
  indexManifest,
  matchManifests,
  parseDescriptor,
  readManifest,
} from '../../server/src/core';
import { assertMinimalFixAllEdits, assertNoOverlap, assertOtherLinesUnchanged, hasBareLf, isPureCrlf, syntaxErrors } from '../support/core';
import {
  assertInsertedMembersIndented,
  assertLineBreaksKept,
  assertLineBreaksMatchNeighbours,
  assertMovedValueKeepsShape,
  lineBreakStyle,
} from '../support/layout';
import { LspClient, actionsOf } from '../support/lspClient';
import { TempWorkspace, memoryUri } from '../support/lspFixtures';
import { jsonFiles, runCli } from './cli';
import { Random, mutate, nonUtf8Descriptor, randomDescriptor, randomManifest } from './generators';

const DESCRIPTOR_SEEDS = Number(process.env.FUZZ_SEEDS ?? 2500);
const MANIFEST_SEEDS = 2500;
const BASE_SEED = Number(process.env.FUZZ_BASE ?? 0x5eed);

/**
 * Seeds that once failed, with what they found. Each runs first, before the generated range.
 * (seed, what it found)
 */
const REGRESSION_SEEDS: readonly (readonly [number, string])[] = [
  // Removing a shadowed forgeAppLink followed by `// after 0` on its line: the comment must stay
  // (it does; the first run of the suite read comments with jsonc-parser's getTokenValue(), which
  // includes the whitespace before a comment, and reported it lost).
  [100878, 'a same-line comment after a removed member survives'],
];

interface Comment {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function commentsOf(text: string): Comment[] {
  const scanner = createScanner(text, false);
  const comments: Comment[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      // The text itself, not getTokenValue(): for comments that includes the whitespace before them.
      const start = scanner.getTokenOffset();
      const end = start + scanner.getTokenLength();
      comments.push({ text: text.slice(start, end), start, end });
    }
  }
  return comments;
}

function countOf(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  return counts;
}

/** Ranges of members whose key mentions "forge" (the only members fixes move or remove). */
function forgeMemberRanges(root: Node | undefined): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (node.type === 'property' && typeof node.children?.[0]?.value === 'string' && /forge/i.test(node.children[0].value)) {
      ranges.push({ start: node.offset, end: node.offset + node.length });
    }
    for (const child of node.children ?? []) stack.push(child);
  }
  return ranges;
}

function parsesCleanly(text: string): boolean {
  const parsed = parseDescriptor(text);
  return parsed.root !== undefined && parsed.syntaxErrors.length === 0;
}

/** Every check on one text; `label` names the seed so that a failure can be replayed. */
/** Rule ids seen with findings, and with fixes, across the run: the suite checks it reached them. */
const reached = {
  findings: new Set<string>(),
  fixes: new Set<string>(),
  manifestFixes: new Set<string>(),
};
/** A block comment over lines that a member follows on the comment's last line. */
const COMMENT_OVER_LINES_BEFORE_MEMBER = /\/\*(?:(?!\*\/)[^])*[\r\n](?:(?!\*\/)[^])*\*\/[ \t]*"/;
/** The shapes issue 15 and the layout audit found, counted as fixes meet them on files that parse. */
const shapes = { multiLineMoves: 0, crOnlyFixes: 0, afterCommentOverLines: 0, lineBreaksInMixedFiles: 0 };

function checkDescriptor(text: string, options: AnalysisOptions, label: string): number {
  const analysis = analyze(text, options);
  assert.deepEqual(analysis.failures, [], `${label}: no rule throws`);
  const clean = analysis.parsed.root !== undefined && analysis.parsed.syntaxErrors.length === 0;
  const errorsBefore = syntaxErrors(text).length;
  const crlf = isPureCrlf(text);
  const lf = !text.includes('\r');
  let fixes = 0;
  for (const finding of analysis.findings) {
    assert.ok(
      finding.start >= 0 && finding.start <= finding.end && finding.end <= text.length,
      `${label}: ${finding.ruleId} range ${finding.start}-${finding.end} inside ${text.length}`,
    );
    assert.ok(finding.message.length > 0, `${label}: ${finding.ruleId} has a message`);
    reached.findings.add(finding.ruleId);
    for (const fix of finding.fixes) {
      fixes++;
      reached.fixes.add(finding.ruleId);
      const edits = fix.edits();
      assertNoOverlap(edits);
      for (const edit of edits)
        assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length, `${label}: "${fix.title}" edit inside the text`);
      const after = applyEdits(text, edits);
      const where = `${label}: "${fix.title}" (${finding.ruleId}) on\n${JSON.stringify(text)}\ngave\n${JSON.stringify(after)}`;
      if (clean) assert.ok(parsesCleanly(after), `${where}\nwhich does not parse`);
      else assert.ok(syntaxErrors(after).length <= errorsBefore, `${where}\nwith more syntax errors`);
      assertOtherLinesUnchanged(text, after, edits);
      if (crlf) assert.ok(!hasBareLf(after), `${where}\nwith a bare LF in a CRLF file`);
      if (lf) assert.ok(!after.includes('\r'), `${where}\nwith a CR in an LF file`);
      assertLineBreaksKept(text, after, where);
      if (clean) {
        assertLineBreaksMatchNeighbours(text, edits, where);
        if (lineBreakStyle(text) === 'mixed' && edits.some((edit) => /[\r\n]/.test(edit.newText))) shapes.lineBreaksInMixedFiles++;
        if (/^(Move|Insert) /.test(fix.title)) assertInsertedMembersIndented(text, after, where);
        if (fix.title.startsWith('Move ')) {
          assertMovedValueKeepsShape(text, finding.start, after, where);
          if (edits.some((edit) => /[\r\n]/.test(edit.newText.trim()))) shapes.multiLineMoves++;
        }
        if (lineBreakStyle(text) === 'cr') shapes.crOnlyFixes++;
        if (COMMENT_OVER_LINES_BEFORE_MEMBER.test(text) && /^(Move|Insert) /.test(fix.title)) shapes.afterCommentOverLines++;
        // Comments that no edit touches are all still there.
        const untouched = commentsOf(text).filter((c) => !edits.some((e) => e.start < c.end && c.start < e.end));
        const kept = countOf(commentsOf(after).map((c) => c.text));
        for (const [comment, count] of countOf(untouched.map((c) => c.text)))
          assert.ok((kept.get(comment) ?? 0) >= count, `${where}\nlost the comment ${comment}`);
      }
    }
  }
  const once = fixAll(text, options);
  const twice = fixAll(once.text, options);
  const where = `${label}: fix-all on\n${JSON.stringify(text)}\ngave\n${JSON.stringify(once.text)}`;
  assert.equal(twice.text, once.text, `${where}\nand then\n${JSON.stringify(twice.text)} (not idempotent)`);
  assert.deepEqual(twice.applied, [], `${where}\nand then applied ${JSON.stringify(twice.applied)}`);
  if (clean) {
    assert.ok(parsesCleanly(once.text), `${where}\nwhich does not parse`);
    assertLineBreaksMatchNeighbours(text, once.edits, where);
    const removable = forgeMemberRanges(analysis.parsed.root);
    const survivors = commentsOf(text).filter((c) => !removable.some((r) => r.start <= c.start && c.end <= r.end));
    const kept = countOf(commentsOf(once.text).map((c) => c.text));
    for (const [comment, count] of countOf(survivors.map((c) => c.text)))
      assert.ok((kept.get(comment) ?? 0) >= count, `${where}\nlost the comment ${comment}`);
  } else {
    assert.ok(syntaxErrors(once.text).length <= errorsBefore, `${where}\nwith more syntax errors`);
  }
  if (crlf) assert.ok(!hasBareLf(once.text), `${where}\nwith a bare LF in a CRLF file`);
  if (lf) assert.ok(!once.text.includes('\r'), `${where}\nwith a CR in an LF file`);
  assertLineBreaksKept(text, once.text, where);
  assertMinimalFixAllEdits(text, once);
  return fixes;
}

function checkManifest(text: string, label: string): ReturnType<typeof readManifest> {
  const info = readManifest(text);
  assert.equal(
    info.status === 'ok',
    info.errors.length === 0,
    `${label}: errors exactly when not ok (${info.status}: ${JSON.stringify(info.errors)})`,
  );
  for (const error of info.errors) {
    assert.ok(
      error.start >= 0 && error.start <= error.end && error.end <= text.length,
      `${label}: error range ${error.start}-${error.end} inside ${text.length}: ${error.message}`,
    );
    assert.ok(error.message.length > 0, `${label}: error has a message`);
  }
  for (const range of [info.appId, info.connectKey, info.licensingRange]) {
    if (range) assert.ok(range.start >= 0 && range.start <= range.end && range.end <= text.length, `${label}: range inside the text`);
  }
  checkManifestAnalysis(text, label);
  return info;
}

/** The manifest rules of an open manifest.yml: inside the text, and every fix keeps it YAML. */
function checkManifestAnalysis(text: string, label: string): void {
  const analysis = analyzeManifest(text);
  assert.deepEqual(analysis.failures, [], `${label}: no manifest rule throws`);
  for (const finding of analysis.findings) {
    assert.ok(
      finding.start >= 0 && finding.start <= finding.end && finding.end <= text.length,
      `${label}: ${finding.ruleId} inside the text`,
    );
    for (const fix of finding.fixes) {
      reached.manifestFixes.add(finding.ruleId);
      const edits = fix.edits();
      assertNoOverlap(edits);
      const after = applyEdits(text, edits);
      assert.ok(parseDocument(after).errors.length <= parseDocument(text).errors.length, `${label}: "${fix.title}" keeps the YAML valid`);
      assertOtherLinesUnchanged(text, after, edits);
    }
  }
}

/** A descriptor's manifest context from 0–3 generated manifests in nearby folders. */
function manifestsFor(seed: number): (identity: DescriptorIdentity) => ManifestContext {
  const random = new Random(seed ^ 0x9e3779b9);
  const indexed: IndexedManifest[] = [];
  const folders = ['/ws/forge', '/ws/app/forge', '/ws', '/ws/other/deep/forge'];
  for (let i = random.int(4); i > 0; i--) {
    const text = randomManifest(seed * 7 + i);
    const folder = random.pick(folders);
    indexed.push(
      indexManifest(
        `file://${folder}/manifest.yml`,
        `${folder}/manifest.yml`,
        `${folder.slice(4) || '.'}/manifest.yml`,
        '/ws',
        text,
        checkManifest(text, `manifest seed ${seed * 7 + i}`),
      ),
    );
  }
  return (identity) => matchManifests({ path: '/ws/connect/atlassian-connect.json', root: '/ws', ...identity }, indexed);
}

function descriptorCase(seed: number): number {
  const random = new Random(seed);
  const text = randomDescriptor(seed);
  const options: AnalysisOptions = {
    manifests: manifestsFor(seed),
    settings: random.chance(0.1) ? { product: 'auto', rules: {}, consoleHosts: [], reportSyntaxErrors: true } : undefined,
  };
  let fixes = checkDescriptor(text, options, `descriptor seed ${seed}`);
  fixes += checkDescriptor(mutate(text, random), options, `mutated descriptor seed ${seed}`);
  return fixes;
}

describe('robustness: fuzz', function () {
  this.timeout(120_000);

  it('replays every regression seed', () => {
    for (const [seed] of REGRESSION_SEEDS) descriptorCase(seed);
  });

  it(`runs ${DESCRIPTOR_SEEDS} generated descriptors and ${DESCRIPTOR_SEEDS} mutated ones through the analysis, every fix and fix-all`, () => {
    let fixes = 0;
    for (let i = 0; i < DESCRIPTOR_SEEDS; i++) fixes += descriptorCase(BASE_SEED + i);
    // The generator must actually reach the rules and their fixes, or the suite proves little.
    assert.ok(fixes > DESCRIPTOR_SEEDS / 2, `fixes exercised: ${fixes}`);
    const expected = [
      'forge-app-link-invalid',
      'forge-app-id-invalid',
      'forge-app-id-missing',
      'forge-key-nested',
      'forge-key-duplicate',
      'forge-key-misspelled',
      'forge-app-id-manifest-mismatch',
    ];
    for (const ruleId of expected)
      assert.ok(reached.fixes.has(ruleId), `fixes of ${ruleId} reached: ${JSON.stringify([...reached.fixes])}`);
    assert.ok(reached.findings.size >= 12, `rules reached: ${JSON.stringify([...reached.findings])}`);
    for (const [shape, count] of Object.entries(shapes)) assert.ok(count >= DESCRIPTOR_SEEDS / 100, `${shape} reached ${count} times`);
  });

  it(`reads and checks ${MANIFEST_SEEDS} generated and mutated manifests without throwing, every range inside the text, every fix keeping the YAML valid`, () => {
    const statuses = new Map<string, number>();
    for (let i = 0; i < MANIFEST_SEEDS; i++) {
      const seed = BASE_SEED + i;
      const text = randomManifest(seed);
      const info = checkManifest(text, `manifest seed ${seed}`);
      statuses.set(info.status, (statuses.get(info.status) ?? 0) + 1);
      checkManifest(mutate(text, new Random(seed)), `mutated manifest seed ${seed}`);
      checkManifest(text.replace(/\n/g, '\r\n'), `CRLF manifest seed ${seed}`);
    }
    // Every status is reached: the generator covers the reader's paths.
    for (const status of ['ok', 'no-app-id', 'unresolved', 'invalid-app-id', 'unreadable'])
      assert.ok((statuses.get(status) ?? 0) > 0, `status ${status} reached: ${JSON.stringify([...statuses])}`);
    assert.ok(
      reached.manifestFixes.has('manifest-app-id'),
      `manifest-app-id's fixes reached: ${JSON.stringify([...reached.manifestFixes])}`,
    );
  });
});

/** What --fix must do with a file: refuse it (it does not parse, or is not UTF-8) or fix it. */
type CliCase = { readonly bytes: Buffer; readonly expect: 'refused' | 'fixed' };

/** The CLI's own settings: it reports syntax errors, as no editor does for it. */
const CLI_SETTINGS = { settings: { product: 'auto' as const, rules: {}, consoleHosts: [], reportSyntaxErrors: true } };

function hasSafeFix(text: string): boolean {
  return analyze(text, CLI_SETTINGS).findings.some((finding) => finding.fixes.some((fix) => fix.safe));
}

/** Files with something --fix would fix, of three kinds in turn: broken JSON, not UTF-8, clean. */
function cliCases(count: number): CliCase[] {
  const cases: CliCase[] = [];
  for (let seed = BASE_SEED; cases.length < count; seed++) {
    const random = new Random(seed ^ 0xc11);
    const kind = cases.length % 3;
    if (kind === 0) {
      const text = mutate(randomDescriptor(seed), random);
      if (syntaxErrors(text).length > 0 && hasSafeFix(text)) cases.push({ bytes: Buffer.from(text, 'utf8'), expect: 'refused' });
    } else if (kind === 1) {
      const bytes = nonUtf8Descriptor(seed);
      if (hasSafeFix(bytes.toString('utf8'))) cases.push({ bytes, expect: 'refused' });
    } else {
      const text = randomDescriptor(seed);
      if (parsesCleanly(text) && hasSafeFix(text)) cases.push({ bytes: Buffer.from(text, 'utf8'), expect: 'fixed' });
    }
  }
  return cases;
}

describe('robustness: fuzz through the CLI', function () {
  this.timeout(120_000);
  const CASES = 150;
  let workspace: TempWorkspace;

  before(() => {
    workspace = new TempWorkspace('cfl-fuzz-cli-');
  });

  after(() => {
    workspace?.dispose();
  });

  const lint = (...args: string[]) => jsonFiles(runCli(workspace.root, ['--format', 'json', ...args, '.']));

  it(`a check marks fixable what --fix will fix; --fix writes back only what parses and is UTF-8 (${CASES} generated files), changing no byte of the others`, () => {
    const cases = cliCases(CASES);
    const file = (i: number) => `f${i}/atlassian-connect.json`;
    cases.forEach((c, i) => {
      mkdirSync(path.dirname(workspace.path(file(i))), { recursive: true });
      writeFileSync(workspace.path(file(i)), c.bytes);
    });
    // A check first: it marks fixable exactly what --fix will fix, and says why it will not.
    const check = lint();
    cases.forEach((c, i) => {
      const entry = check.get(file(i));
      const where = `${file(i)} (${c.expect}), checked`;
      const fixable = entry?.findings.filter((finding) => finding.fixable) ?? [];
      if (c.expect === 'refused') {
        assert.match(entry?.fixBlocked ?? '', /does not parse|not valid UTF-8/, where);
        assert.deepEqual(fixable, [], `${where}: no finding is marked fixable`);
      } else {
        assert.equal(entry?.fixBlocked, undefined, where);
        assert.ok(fixable.length > 0, `${where}: its fixes are marked`);
      }
    });
    const report = lint('--fix');
    const written: Buffer[] = [];
    cases.forEach((c, i) => {
      const entry = report.get(file(i));
      const now = readFileSync(workspace.path(file(i)));
      written.push(now);
      const where = `${file(i)} (${c.expect}): ${JSON.stringify(c.bytes.toString('utf8'))}`;
      assert.ok(entry?.fix, `${where}: reported with its fix`);
      if (c.expect === 'refused') {
        assert.ok(now.equals(c.bytes), `${where}: not one byte changed`);
        assert.equal(entry.fix.written, false, where);
        assert.match(entry.fix.refused ?? '', /does not parse|not valid UTF-8/, where);
      } else {
        const before = c.bytes.toString('utf8');
        const after = now.toString('utf8');
        assert.equal(entry.fix.written, true, where);
        assert.equal(after, fixAll(before, CLI_SETTINGS).text, `${where}: the core's fix-all, written`);
        assert.ok(parsesCleanly(after), `${where}: still parses`);
        assertLineBreaksKept(before, after, where);
      }
    });
    // Again: nothing left to write, and nothing refused changes.
    const again = lint('--fix');
    written.forEach((bytes, i) => {
      assert.ok(readFileSync(workspace.path(file(i))).equals(bytes), `${file(i)}: a second --fix changes nothing`);
      assert.deepEqual(again.get(file(i))?.fix?.applied, [], `${file(i)}: a second --fix applies nothing`);
    });
  });
});

describe('robustness: fuzz through the server (a version analysed again)', function () {
  this.timeout(120_000);
  const DOCUMENTS = 60;
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    await client?.dispose();
  });

  /** The titles of the quick fixes a diagnostic is offered (the fix-all beside them left out). */
  async function fixTitles(uri: string, diagnostic: Diagnostic): Promise<string[]> {
    const actions = actionsOf(await client.codeActions(uri, diagnostic.range, [diagnostic], [CodeActionKind.QuickFix]));
    return actions.filter((action) => !action.title.startsWith('Fix all')).map((action) => action.title);
  }

  it(`${DOCUMENTS} generated descriptors: after a settings change, a diagnostic the client held gets its own finding's fixes or none`, async () => {
    const uris: string[] = [];
    const held = new Map<string, Diagnostic[]>();
    for (let i = 0; i < DOCUMENTS; i++) {
      const uri = memoryUri(`fuzz-reanalysis/${i}/atlassian-connect.json`);
      uris.push(uri);
      held.set(uri, (await client.openAndWait(uri, randomDescriptor(BASE_SEED + i))).diagnostics);
    }
    // Rules early in the list turned off: the findings after theirs move up.
    const since = client.mark();
    client.settings = { ...client.settings, rules: { 'forge-app-link-invalid': 'off', 'forge-app-id-invalid': 'off' } };
    await client.changeConfiguration();
    let asked = 0;
    let moved = 0;
    for (const uri of uris) {
      const now = (await client.diagnostics(uri, { version: 1, since })).diagnostics;
      const before = held.get(uri) ?? [];
      for (const [index, diagnostic] of before.entries()) {
        const own = now.find((d) => d.code === diagnostic.code && d.message === diagnostic.message && sameRange(d.range, diagnostic.range));
        if (own && now.indexOf(own) !== index) moved++;
        asked++;
        assert.deepEqual(
          await fixTitles(uri, diagnostic),
          own ? await fixTitles(uri, own) : [],
          `${uri}: the held ${diagnostic.code} diagnostic "${diagnostic.message}" gets ${own ? 'its own fixes' : 'none'}`,
        );
      }
    }
    assert.ok(moved > DOCUMENTS / 4, `findings moved in the list: ${moved} of ${asked}`);
  });
});

function sameRange(a: Range, b: Range): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
