/**
 * Rule tables: each rule's test file lists examples (a text, the settings and manifests it is
 * checked with, and every finding expected of the rule) and runs them with `runTable`. The
 * registry's tests (test/unit/rules/registry.test.ts) read the same tables, so that every rule's
 * examples also prove its severity settings and fixes.
 */
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import {
  AnalysisOptions,
  AnalysisSettings,
  DocumentKind,
  Finding,
  Rule,
  Severity,
  analyze,
  analyzeManifest,
  clientKeyCalls,
  analyzeServed,
  indexManifest,
  manifestResolver,
  readManifest,
  ruleById,
} from '../../server/src/core';
import { applyChecked, applyFixChecked, assertOtherLinesUnchanged, covered, settings } from './core';

export interface ExpectedFix {
  readonly title: string;
  readonly safe: boolean;
  readonly preferred: boolean;
  /** The whole text after applying the fix. */
  readonly result?: string;
}

export interface ExpectedInput {
  readonly title: string;
  readonly preferred: boolean;
  readonly placeholder: boolean;
}

export interface Expected {
  readonly covers: string;
  /** The rule's default severity when omitted. */
  readonly severity?: Severity;
  readonly says?: readonly string[];
  /** The finding's fixes, in order (none when omitted). */
  readonly fixes?: readonly ExpectedFix[];
  /** The fix that asks the user for a value (none when omitted), and whether editors that cannot ask get a placeholder. */
  readonly input?: ExpectedInput;
  readonly unnecessary?: boolean;
  /** What each related location in the same text covers. */
  readonly related?: readonly string[];
  /** The file each related location in another file points at. */
  readonly relatedFiles?: readonly string[];
  /** The 0-based line in that file each of them starts at. */
  readonly relatedLines?: readonly number[];
  /** What each related location says, in order. */
  readonly relatedMessages?: readonly string[];
}

export interface RuleCase {
  readonly name: string;
  readonly text: string;
  /** What `text` is: a Connect descriptor unless said. */
  readonly document?: DocumentKind;
  /** The file's name: a manifest's (`manifest.yml` unless said), or a descriptor's (a template's name is read as one). */
  readonly fileName?: string;
  readonly settings?: Partial<AnalysisSettings>;
  /** A descriptor's matched manifests (none searched unless said). */
  readonly manifests?: AnalysisOptions['manifests'];
  /** For a served descriptor: the local descriptor it is compared with (none unless said). */
  readonly local?: string;
  /** Every finding of the rule, in order: none for an example that must not trigger it. */
  readonly expect: readonly Expected[];
}

export interface RuleTable {
  readonly ruleId: string;
  readonly cases: readonly RuleCase[];
}

export function kindOf(example: RuleCase): DocumentKind {
  return example.document ?? 'descriptor';
}

/** Every finding (of every rule) on an example, with settings over the example's own; no rule may throw. */
export function findingsOfCase(example: RuleCase, overrides: Partial<AnalysisSettings> = {}): Finding[] {
  const merged = settings({
    ...example.settings,
    ...overrides,
    rules: { ...example.settings?.rules, ...overrides.rules },
  });
  const kind = kindOf(example);
  const result =
    kind === 'manifest'
      ? analyzeManifest(example.text, { fileName: example.fileName, settings: merged })
      : kind === 'served'
        ? servedFindings(example, merged)
        : analyze(example.text, { settings: merged, manifests: example.manifests, fileName: example.fileName });
  assert.deepEqual(result.failures, [], 'no rule throws');
  return [...result.findings];
}

/** Where served examples are served, and where their local descriptor is. */
export const SERVED_URL = 'https://app.example.com/atlassian-connect.json';
export const LOCAL_LABEL = 'connect/atlassian-connect.json';

function servedFindings(example: RuleCase, merged: AnalysisSettings) {
  const local =
    example.local === undefined
      ? undefined
      : {
          label: LOCAL_LABEL,
          location: DESCRIPTOR_PATH,
          text: example.local,
          analysis: analyze(example.local, { settings: merged, manifests: example.manifests }),
        };
  const result = analyzeServed(example.text, { url: SERVED_URL, settings: merged, local });
  assert.ok(result.ok, `"${example.name}" can be analysed: ${result.ok ? '' : result.message}`);
  return result;
}

/**
 * Applies a fix to its example with the checks every fix must pass (no overlapping edits, the
 * untouched lines kept, no new syntax error) and returns the new text.
 */
export function applyCaseFix(example: RuleCase, finding: Finding, index = 0): string {
  if (kindOf(example) !== 'manifest') return applyFixChecked(example.text, finding, index);
  const edits = finding.fixes[index]?.edits() ?? [];
  assert.ok(edits.length > 0, `finding "${finding.message}" has a fix #${index} with edits`);
  const after = applyChecked(example.text, edits);
  assert.ok(yamlErrors(after) <= yamlErrors(example.text), `no new YAML errors in:\n${after}`);
  assertOtherLinesUnchanged(example.text, after, edits);
  return after;
}

function yamlErrors(text: string): number {
  return parseDocument(text).errors.length;
}

function ruleOf(ruleId: string): Rule {
  const rule = ruleById(ruleId);
  assert.ok(rule, `${ruleId} is a registered rule`);
  return rule;
}

/** One test per example: the rule's findings, their ranges, severities, wording, related locations and fixes. */
export function runTable(table: RuleTable): void {
  const rule = ruleOf(table.ruleId);
  for (const example of table.cases) {
    it(example.name, () => {
      const found = findingsOfCase(example).filter((f) => f.ruleId === rule.id);
      assert.deepEqual(
        found.map((f) => covered(example.text, f)),
        example.expect.map((e) => e.covers),
        `ranges of ${rule.id}: ${JSON.stringify(found.map((f) => f.message))}`,
      );
      example.expect.forEach((expected, i) => {
        const finding = found[i];
        assert.equal(finding.severity, expected.severity ?? rule.defaultSeverity, 'severity');
        for (const phrase of expected.says ?? []) assert.ok(finding.message.includes(phrase), `"${finding.message}" says "${phrase}"`);
        assert.equal(finding.unnecessary ?? false, expected.unnecessary ?? false, 'unnecessary');
        if (expected.related) {
          assert.deepEqual(
            (finding.related ?? []).filter((r) => r.file === undefined).map((r) => covered(example.text, r)),
            expected.related,
          );
        }
        if (expected.relatedFiles) {
          assert.deepEqual(
            (finding.related ?? []).filter((r) => r.file !== undefined).map((r) => r.file),
            expected.relatedFiles,
          );
        }
        if (expected.relatedLines) {
          assert.deepEqual(
            (finding.related ?? []).filter((r) => r.file !== undefined).map((r) => r.fileRange?.start.line),
            expected.relatedLines,
          );
        }
        if (expected.relatedMessages) {
          assert.deepEqual(
            (finding.related ?? []).map((r) => r.message),
            expected.relatedMessages,
          );
        }
        const input = finding.inputFix;
        assert.deepEqual(
          input && { title: input.title, preferred: input.isPreferred ?? true, placeholder: input.placeholder !== undefined },
          expected.input,
          'the fix that asks for a value',
        );
        const fixes = expected.fixes ?? [];
        assert.deepEqual(
          finding.fixes.map((f) => ({ title: f.title, safe: f.safe, preferred: f.isPreferred ?? false })),
          fixes.map((f) => ({ title: f.title, safe: f.safe, preferred: f.preferred })),
          'fixes',
        );
        fixes.forEach((fix, index) => {
          if (fix.result !== undefined) assert.equal(applyCaseFix(example, finding, index), fix.result);
        });
      });
    });
  }
}

/** The text of a small Forge manifest.yml: the given lines under `app:` (none: no app.id). */
export function forgeManifest(...appLines: string[]): string {
  return [
    'modules:',
    '  bitbucket:repoMainMenuPage:',
    '    - key: main',
    '      title: Main',
    'app:',
    ...appLines.map((l) => `  ${l}`),
    '',
  ].join('\n');
}

/** Where the descriptor of a manifest example sits: /w/connect/atlassian-connect.json in workspace /w. */
export const WORKSPACE = '/w';
export const DESCRIPTOR_PATH = '/w/connect/atlassian-connect.json';

/**
 * How the server and the CLI match the descriptor against these manifests (workspace-relative
 * path → text), with the `manifest.yaml` files the Forge CLI ignores, the reason the CLI gives
 * for a manifest named with --manifest, and the Forge apps' source files the search found.
 */
export function workspaceManifests(
  files: Readonly<Record<string, string>>,
  extra: {
    readonly ignoredVariants?: readonly string[];
    readonly reason?: string;
    /** Per manifest, the source files of its Forge app (relative path → text) that the search read. */
    readonly sources?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  } = {},
): NonNullable<AnalysisOptions['manifests']> {
  const manifests = Object.entries(files).map(([relative, text]) => {
    const sources = extra.sources?.[relative];
    const calls = sources
      ? Object.entries(sources).flatMap(([file, source]) => clientKeyCalls(source, file, `file://${WORKSPACE}/${file}`))
      : undefined;
    return indexManifest(
      `file://${WORKSPACE}/${relative}`,
      `${WORKSPACE}/${relative}`,
      relative,
      WORKSPACE,
      text,
      readManifest(text),
      calls,
    );
  });
  return manifestResolver({
    path: DESCRIPTOR_PATH,
    root: WORKSPACE,
    manifests,
    ignoredVariants: (extra.ignoredVariants ?? []).map((relative) => ({ label: relative, location: `file://${WORKSPACE}/${relative}` })),
    reason: extra.reason,
  });
}

/** A Forge app's source file calling the client-key route on its third line (0-based line 2). */
export function clientKeySource(key = '${addonKey}'): string {
  return [
    "import api, { route } from '@forge/api';",
    '',
    `export const clientKey = async (addonKey) => (await api.asApp().requestBitbucket(route\`/2.0/addon/${key}/client-key\`)).json();`,
    '',
  ].join('\n');
}
