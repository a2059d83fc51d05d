/**
 * Registry-wide tests: each rule in RULES has its table of examples in
 * test/unit/rules/<rule-id>.test.ts, and every rule's examples prove the same things (they
 * trigger it and not, every severity setting applies, every fix applies cleanly). A rule added
 * without examples fails here.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Finding, RULES, Rule, SEVERITY_SETTINGS, Severity, documentKindsOf, documentedRules, ruleDocs } from '../../../server/src/core';
import { LONG_KEY, covered } from '../../support/core';
import { RuleCase, RuleTable, applyCaseFix, findingsOfCase, kindOf } from '../../support/ruleTable';

/** The rule's table, found by its id so that a new rule cannot be forgotten. */
function tableOf(rule: Rule): RuleTable | undefined {
  const file = path.join(__dirname, `${rule.id}.test.ts`);
  if (!existsSync(file)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- looked up by the rule's id at run time; mocha loads each file once
  return (require(file) as { table?: RuleTable }).table;
}

/** What identifies a finding across a fix: its rule, message and the text it covers. */
function identity(text: string, finding: Finding): string {
  return JSON.stringify([finding.ruleId, finding.message, covered(text, finding)]);
}

function countOf(text: string, findings: readonly Finding[], wanted: string): number {
  return findings.filter((f) => identity(text, f) === wanted).length;
}

/** A finding without its fixes' closures, comparable with deepEqual. */
function shape(finding: Finding) {
  return { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, start: finding.start, end: finding.end };
}

/**
 * The Problems panel and the status bar show a message's first line, cut where the space ends: its
 * first sentence says the problem (as ESLint's messages do), in about 80 characters, and the how-to
 * follows. Names in it (paths, keys) may take it a little over.
 */
const FIRST_SENTENCE_MAX = 90;

/**
 * The example with its descriptor's `key` (and its local descriptor's) as long as real keys get,
 * for the first-sentence check: names in messages come from the user's files. None for a manifest
 * or a descriptor without a plain key.
 */
function withLongKey(example: RuleCase): RuleCase | undefined {
  if (kindOf(example) === 'manifest') return undefined;
  const lengthen = (text: string) => text.replace(/("key"\s*:\s*")[\w.-]+"/, `$1${LONG_KEY}"`);
  const text = lengthen(example.text);
  return text === example.text ? undefined : { ...example, text, local: example.local && lengthen(example.local) };
}

/** Up to the first full stop, question or exclamation mark that ends a sentence. */
export function firstSentence(message: string): string {
  return /^.*?[.?!](?=\s|$)/s.exec(message)?.[0] ?? message;
}

describe('the rule registry', () => {
  const EXPECTED: Record<string, { readonly severity: Severity; readonly manifestPick?: boolean }> = {
    'forge-app-link-missing': { severity: 'warning' },
    'forge-app-link-invalid': { severity: 'warning' },
    'forge-app-id-invalid': { severity: 'warning' },
    'forge-ids-mismatch': { severity: 'warning' },
    'forge-app-id-missing': { severity: 'info', manifestPick: true },
    'forge-app-id-manifest-mismatch': { severity: 'warning', manifestPick: true },
    'forge-addon-key-mismatch': { severity: 'warning' },
    'forge-app-licensed': { severity: 'info' },
    'manifest-unusable': { severity: 'warning', manifestPick: true },
    'manifest-file-name': { severity: 'info' },
    'forge-key-nested': { severity: 'warning' },
    'forge-key-duplicate': { severity: 'warning' },
    'forge-key-misspelled': { severity: 'warning' },
    'forge-key-unused': { severity: 'info' },
    'forge-value-template': { severity: 'info' },
    'descriptor-unreadable': { severity: 'info' },
    'json-syntax': { severity: 'error' },
    'manifest-app-id': { severity: 'warning' },
    'served-descriptor-differs': { severity: 'warning' },
    'served-descriptor-not-json': { severity: 'warning' },
  };

  it('holds exactly the documented rules, in order', () => {
    assert.deepEqual(
      RULES.map((r) => r.id),
      Object.keys(EXPECTED),
    );
  });

  for (const [id, expected] of Object.entries(EXPECTED)) {
    it(`${id} is registered with default severity ${expected.severity}${expected.manifestPick ? ', settled by picking a manifest' : ''}`, () => {
      const rule = RULES.find((r) => r.id === id);
      assert.ok(rule, `${id} is in RULES`);
      assert.equal(rule.defaultSeverity, expected.severity);
      assert.equal(rule.offersManifestPick ?? false, expected.manifestPick ?? false, 'offersManifestPick');
      assert.ok(ruleDocs(rule).description.length > 20, 'has a description for the README');
    });
  }

  it('every rule has its docs (rules/docs.ts), and only the rules of RULES, in their order', () => {
    assert.deepEqual(
      documentedRules().map((r) => r.id),
      RULES.map((r) => r.id),
    );
  });

  it('rule ids are unique and kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });

  for (const rule of RULES) {
    describe(`${rule.id}: its examples`, () => {
      const table = tableOf(rule);
      const cases = table?.cases ?? [];
      const triggers = cases.filter((c) => c.expect.length > 0);

      it(`are in test/unit/rules/${rule.id}.test.ts, exported as \`table\``, () => {
        assert.ok(table, `no table of examples for ${rule.id}: write test/unit/rules/${rule.id}.test.ts and export its \`table\``);
        assert.equal(table.ruleId, rule.id);
      });

      it('trigger it and do not, for each kind of document it reads', () => {
        const kinds = documentKindsOf(rule);
        for (const kind of kinds) {
          assert.ok(
            cases.some((c) => kindOf(c) === kind && c.expect.length > 0),
            `an example of a ${kind} that triggers ${rule.id}`,
          );
          assert.ok(
            cases.some((c) => kindOf(c) === kind && c.expect.length === 0),
            `an example of a ${kind} that does not trigger ${rule.id}`,
          );
        }
        for (const c of cases) assert.ok(kinds.includes(kindOf(c)), `"${c.name}": ${rule.id} does not read a ${kindOf(c)}`);
      });

      it(`say the problem first, in a sentence of at most ${FIRST_SENTENCE_MAX} characters (with a 40-character key too), as the Problems panel shows it`, () => {
        const long = triggers.flatMap((example) => withLongKey(example) ?? []);
        for (const example of [...triggers, ...long]) {
          for (const finding of findingsOfCase(example).filter((f) => f.ruleId === rule.id)) {
            const first = firstSentence(finding.message);
            assert.ok(first.length <= FIRST_SENTENCE_MAX, `"${example.name}": ${first.length} characters: ${first}`);
            assert.doesNotMatch(
              finding.message,
              /https?:\/\/developer\.atlassian\.com\/cloud\//,
              "details are behind the rule's link, not in the message",
            );
          }
        }
      });

      it('show the fix the README describes, and no fix when it describes none', () => {
        const offered = triggers.some((c) =>
          findingsOfCase(c).some((f) => f.ruleId === rule.id && (f.fixes.length > 0 || f.inputFix !== undefined)),
        );
        assert.equal(
          offered,
          ruleDocs(rule).fix !== '',
          ruleDocs(rule).fix ? `no example shows "${ruleDocs(rule).fix}"` : 'a fix the README does not describe',
        );
      });

      it('take every severity setting, and off leaves the other rules alone', () => {
        assert.ok(triggers.length > 0, 'examples that trigger it');
        for (const example of triggers) {
          const byDefault = findingsOfCase(example);
          const own = byDefault.filter((f) => f.ruleId === rule.id);
          const others = byDefault.filter((f) => f.ruleId !== rule.id).map(shape);
          for (const setting of SEVERITY_SETTINGS) {
            const found = findingsOfCase(example, { rules: { [rule.id]: setting } });
            const label = `"${example.name}" with ${rule.id}: ${setting}`;
            assert.deepEqual(found.filter((f) => f.ruleId !== rule.id).map(shape), others, `${label}: the other rules unchanged`);
            const mine = found.filter((f) => f.ruleId === rule.id);
            if (setting === 'off') {
              assert.deepEqual(mine.map(shape), [], `${label}: no finding`);
            } else {
              assert.deepEqual(
                mine.map(shape),
                own.map((f) => ({ ...shape(f), severity: setting })),
                `${label}: the same findings at ${setting}`,
              );
            }
          }
        }
      });

      it('offer fixes that apply cleanly: the result parses, differs, and settles its finding', () => {
        for (const example of triggers) {
          for (const finding of findingsOfCase(example).filter((f) => f.ruleId === rule.id)) {
            finding.fixes.forEach((fix, index) => {
              const label = `"${example.name}", fix "${fix.title}"`;
              const after = applyCaseFix(example, finding, index);
              assert.notEqual(after, example.text, `${label} changes the text`);
              const fixed: RuleCase = { ...example, text: after };
              const wanted = identity(example.text, finding);
              assert.ok(
                countOf(after, findingsOfCase(fixed), wanted) < countOf(example.text, findingsOfCase(example), wanted),
                `${label}: its finding is gone or changed`,
              );
            });
          }
        }
      });
    });
  }
});
