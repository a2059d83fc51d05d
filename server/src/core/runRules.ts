/**
 * Runs rules over one document, whatever its kind: the user's severity replaces the rule's own
 * (including one the rule chose for a finding), `off` skips the rule, and a rule that throws is
 * reported while the others still run.
 */
import { AnalysisSettings } from './settings';
import { FindingDraft, Rule } from './rules/rule';
import { Finding } from './types';

export interface RuleFailure {
  readonly ruleId: string;
  readonly error: string;
}

export interface RuleResults {
  readonly findings: Finding[];
  readonly failures: RuleFailure[];
}

export function runRules<Context>(
  text: string,
  settings: AnalysisSettings,
  rules: readonly Rule[],
  checkOf: (rule: Rule) => ((context: Context) => FindingDraft[]) | undefined,
  context: Context,
): RuleResults {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    const override = settings.rules[rule.id];
    if (override === 'off') continue;
    const check = checkOf(rule);
    if (!check) continue;
    try {
      for (const draft of check(context)) {
        findings.push({ ...draft, ...within(text, draft), ruleId: rule.id, severity: override ?? draft.severity ?? rule.defaultSeverity });
      }
    } catch (error) {
      failures.push({ ruleId: rule.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { findings, failures };
}

/** jsonc-parser's nodes can reach one past the end of a text that ends in an unclosed comment. */
function within(text: string, range: { readonly start: number; readonly end: number }): { start: number; end: number } {
  const start = Math.min(Math.max(range.start, 0), text.length);
  return { start, end: Math.min(Math.max(range.end, start), text.length) };
}
