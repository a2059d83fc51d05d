/**
 * The core's entry point: text in, findings (with their fixes) out. Parses once and runs every
 * enabled rule over the one tree; knows nothing of editors or protocols.
 */
import { Node } from 'jsonc-parser';
import { ParsedDescriptor, findProperty, parseDescriptor, stringValue } from './descriptor';
import { applyEdits, TextEdit } from './edits';
import { checkAppId, checkInstallLink } from './forgeIds';
import { ManifestContext, NO_MANIFESTS } from './manifestContext';
import { ProductDetection, detectProduct } from './product';
import { RULES } from './rules';
import { Rule, RuleContext } from './rules/rule';
import { AnalysisSettings, DEFAULT_SETTINGS, Finding, Severity } from './types';

export interface AnalysisOptions {
  readonly settings?: AnalysisSettings;
  /** The matched manifests, or how to match them from the parsed descriptor (parsed once). */
  readonly manifests?: ManifestContext | ((descriptorRoot: Node | undefined) => ManifestContext);
  /** Replaces the rule set (tests use it to add a rule that fails on purpose). */
  readonly rules?: readonly Rule[];
}

export interface RuleFailure {
  readonly ruleId: string;
  readonly error: string;
}

export interface Analysis {
  readonly parsed: ParsedDescriptor;
  readonly product: ProductDetection;
  readonly findings: readonly Finding[];
  /** Rules that threw: their findings are missing, the others are still reported. */
  readonly failures: readonly RuleFailure[];
  /** What the analysis ran with, so that fix-all can run again with the same. */
  readonly settings: AnalysisSettings;
  readonly manifests: ManifestContext;
}

const EMPTY_ROOT: Node = { type: 'object', offset: 0, length: 0, children: [] };

export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const parsed = parseDescriptor(text);
  const product = detectProduct(parsed.root, settings.product);
  const manifests = typeof options.manifests === 'function' ? options.manifests(parsed.root) : options.manifests ?? NO_MANIFESTS;
  const context = buildContext(text, parsed, product, settings, manifests);
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of options.rules ?? RULES) {
    if (!parsed.root && !rule.onUnreadable) continue;
    const severity = severityFor(rule, settings);
    if (severity === 'off') continue;
    try {
      for (const draft of rule.check(context)) {
        findings.push({ ...draft, ...within(text, draft), ruleId: rule.id, severity: settings.rules[rule.id] && settings.rules[rule.id] !== 'off' ? (severity as Severity) : draft.severity ?? rule.defaultSeverity });
      }
    } catch (error) {
      failures.push({ ruleId: rule.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { parsed, product, findings, failures, settings, manifests };
}

/** jsonc-parser's nodes can reach one past the end of a text that ends in an unclosed comment. */
function within(text: string, range: { readonly start: number; readonly end: number }): { start: number; end: number } {
  const start = Math.min(Math.max(range.start, 0), text.length);
  return { start, end: Math.min(Math.max(range.end, start), text.length) };
}

function severityFor(rule: Rule, settings: AnalysisSettings): Severity | 'off' {
  return settings.rules[rule.id] ?? rule.defaultSeverity;
}

function buildContext(text: string, parsed: ParsedDescriptor, product: ProductDetection, settings: AnalysisSettings, manifests: ManifestContext): RuleContext {
  const root = parsed.root ?? EMPTY_ROOT;
  const link = findProperty(parsed.root, 'forgeAppLink');
  const appId = findProperty(parsed.root, 'forgeAppId');
  const linkValue = stringValue(link?.valueNode);
  const appIdValue = stringValue(appId?.valueNode);
  return {
    text,
    parsed,
    root,
    product,
    settings,
    link,
    appId,
    linkCheck: linkValue === undefined ? undefined : checkInstallLink(linkValue, { extraHosts: settings.consoleHosts }),
    appIdCheck: appIdValue === undefined ? undefined : checkAppId(appIdValue),
    manifests,
  };
}

export interface FixAllResult {
  readonly text: string;
  /** Titles of the fixes applied, in order. */
  readonly applied: readonly string[];
}

const MAX_FIX_PASSES = 10;

/**
 * Applies every safe fix, pass after pass (a fix can reveal or settle another), until none is
 * left. When a pass's combined result would not parse as well as the text before it, that pass is
 * dropped and fixing stops there: the text returned always parses at least as well as the input.
 */
export function fixAll(text: string, options: AnalysisOptions = {}): FixAllResult {
  let current = text;
  const applied: string[] = [];
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const analysis = analyze(current, options);
    const errorsBefore = analysis.parsed.syntaxErrors.length;
    const chosen: TextEdit[] = [];
    const titles: string[] = [];
    for (const finding of analysis.findings) {
      const fix = finding.fixes.find((f) => f.safe);
      if (!fix) continue;
      const edits = fix.edits();
      if (edits.some((edit) => chosen.some((other) => overlaps(edit, other)))) continue;
      chosen.push(...edits);
      titles.push(fix.title);
    }
    if (chosen.length === 0) break;
    const next = applyEdits(current, chosen);
    const after = parseDescriptor(next);
    if (!after.root || after.syntaxErrors.length > errorsBefore) break;
    current = next;
    applied.push(...titles);
  }
  return { text: current, applied };
}

/** Touching ranges count as overlapping: two inserts at one offset would interleave unpredictably. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}
