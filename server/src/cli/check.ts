/**
 * Checks one descriptor with the core (and fixes it with the core's fix-all when asked), matching
 * manifests exactly as the language server does. Writes only a changed text that still parses,
 * in the same string form it was read in (BOM, line endings and all).
 */
import { promises as fs } from 'node:fs';
import {
  Analysis,
  AnalysisOptions,
  AnalysisSettings,
  FixAllResult,
  ParsedDescriptor,
  RULES,
  analyze,
  fixAll,
  manifestResolver,
  parseDescriptor,
} from '../core';
import { CliOptions } from './options';
import { unifiedDiff } from './diff';
import { toSlashes } from '../workspace/manifestFiles';
import { DescriptorTarget, describeError } from './discover';
import { FileReport } from './format';

/** Beyond this a file is not read at all (the core already declines descriptors over 10 MB). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

export interface CheckResult {
  readonly report: FileReport;
  /** Rules that threw on this file (an internal error). */
  readonly failures: readonly string[];
}

export function analysisSettings(options: CliOptions): AnalysisSettings {
  // No editor's JSON language reports syntax errors here, so the CLI does.
  return { product: options.product, rules: options.rules, consoleHosts: options.consoleHosts, reportSyntaxErrors: true };
}

export function analysisOptions(target: DescriptorTarget, settings: AnalysisSettings): AnalysisOptions {
  return {
    settings,
    manifests: manifestResolver({
      path: toSlashes(target.file),
      root: toSlashes(target.root),
      manifests: target.manifests,
      ignoredVariants: target.ignoredVariants,
      reason: target.explicit ? 'it was named with --manifest' : undefined,
    }),
  };
}

export async function checkDescriptor(target: DescriptorTarget, display: string, options: CliOptions): Promise<CheckResult> {
  const settings = analysisSettings(options);
  const analysisOpts = analysisOptions(target, settings);
  let bytes: Buffer;
  try {
    const stat = await fs.stat(target.file);
    if (stat.size > MAX_READ_BYTES)
      return ioFailure(
        target.file,
        display,
        `cannot check '${display}': ${(stat.size / 1048576).toFixed(0)} MB is too large for a descriptor`,
      );
    bytes = await fs.readFile(target.file);
  } catch (error) {
    return ioFailure(target.file, display, `cannot read '${display}': ${describeError(error)}`);
  }
  const text = bytes.toString('utf8');
  const analysis = analyze(text, analysisOpts);
  const failures = analysis.failures.map((failure) => `rule ${failure.ruleId} failed on ${display}: ${failure.error}`);
  const base = {
    path: display,
    source: { kind: 'file', file: target.file } as const,
    product: analysis.product.product,
    manifests: analysis.manifests.matches.map((match) => match.label),
    ...rulesOf(analysis),
  };
  const plan = planFix(text, bytes, analysis, analysisOpts);
  // Where --fix would leave the file alone, a check says so too (and counts none of its fixes).
  const blocked = plan.kind === 'refused' ? { fixBlocked: plan.reason } : {};
  if (!options.fix && !options.fixDryRun) return { report: { ...base, text, findings: analysis.findings, ...blocked }, failures };

  const unchanged = (refused?: string, error?: string): CheckResult => ({
    report: {
      ...base,
      text,
      findings: analysis.findings,
      ...blocked,
      fix: { applied: [], written: false, ...(refused ? { refused } : {}) },
      ...(error ? { error } : {}),
    },
    failures,
  });
  if (plan.kind === 'none') return unchanged();
  if (plan.kind === 'refused') return unchanged(plan.reason);
  const result = plan.result;

  if (options.fixDryRun) {
    // Findings stay those of the file on disk, so that their positions can be looked up there.
    return {
      report: {
        ...base,
        text,
        findings: analysis.findings,
        fix: { applied: result.applied, written: false, diff: unifiedDiff(display, text, result.text) },
      },
      failures,
    };
  }
  try {
    await fs.writeFile(target.file, result.text, 'utf8');
  } catch (error) {
    return unchanged(undefined, `cannot write '${display}': ${describeError(error)}`);
  }
  const after = analyze(result.text, analysisOpts);
  return {
    report: {
      ...base,
      product: after.product.product,
      manifests: after.manifests.matches.map((match) => match.label),
      ...rulesOf(after),
      text: result.text,
      findings: after.findings,
      fix: { applied: result.applied, written: true },
    },
    failures: [
      ...failures,
      ...after.failures.map((failure) => `rule ${failure.ruleId} failed on ${display} after fixing: ${failure.error}`),
    ],
  };
}

/** What --fix would do with a file: nothing, leave it alone (and why), or write fix-all's result. */
type FixPlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'fix'; readonly result: FixAllResult };

function planFix(text: string, bytes: Buffer, analysis: Analysis, options: AnalysisOptions): FixPlan {
  if (!analysis.findings.some((finding) => finding.fixes.some((fix) => fix.safe))) return { kind: 'none' };
  if (!parsesCleanly(analysis.parsed)) return { kind: 'refused', reason: 'it does not parse as JSON, so it is not fixed' };
  if (!Buffer.from(text, 'utf8').equals(bytes))
    return { kind: 'refused', reason: 'it is not valid UTF-8, so writing it back would change other bytes' };
  const result = fixAll(text, options, analysis);
  // Fix-all stops before a pass that would break the file: nothing changed means exactly that.
  if (result.text === text || !parsesCleanly(parseDescriptor(result.text)))
    return { kind: 'refused', reason: 'the fixes would leave it unparsable, so it is not fixed (please report this)' };
  return { kind: 'fix', result };
}

function parsesCleanly(parsed: ParsedDescriptor): boolean {
  return parsed.root !== undefined && parsed.unreadable === undefined && parsed.syntaxErrors.length === 0;
}

/**
 * Which rules ran on the text, as analyze() decides (the enabled descriptor rules; on a text that
 * is no JSON object only those that read such texts), and which threw.
 */
export function rulesOf(
  analysis: Analysis,
  served?: { readonly failures: Analysis['failures'] },
): Pick<FileReport, 'rulesRun' | 'ruleFailures'> {
  const readable = analysis.parsed.root !== undefined;
  const enabled = (rule: (typeof RULES)[number]) => analysis.settings.rules[rule.id] !== 'off';
  const ran = RULES.filter(
    (rule) =>
      enabled(rule) &&
      ((rule.checks.descriptor !== undefined && (readable || rule.onUnreadable)) ||
        (served !== undefined && rule.checks.served !== undefined)),
  );
  // A served text's failures already hold its own analysis's (analyzeServed adds the comparison's).
  return { rulesRun: ran.map((rule) => rule.id), ruleFailures: served ? served.failures : analysis.failures };
}

function ioFailure(file: string, display: string, error: string): CheckResult {
  return {
    report: { path: display, source: { kind: 'file', file }, text: '', manifests: [], findings: [], rulesRun: [], ruleFailures: [], error },
    failures: [],
  };
}
