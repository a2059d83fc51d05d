/**
 * Checks one descriptor, or one manifest.yml matched to a descriptor, with the core (and fixes it
 * with the core's fix-all when asked), matching manifests exactly as the language server does.
 * Writes only a changed text that still parses, in the same string form it was read in (BOM, line
 * endings and all).
 */
import { promises as fs } from 'node:fs';
import {
  Analysis,
  AnalysisOptions,
  AnalysisSettings,
  FixAllResult,
  Finding,
  RULES,
  Rule,
  RuleFailure,
  analyze,
  analyzeManifest,
  fixAll,
  fixAllManifest,
  manifestResolver,
  parseDescriptor,
  sizeOverCap,
} from '../core';
import { CliOptions } from './options';
import { unifiedDiff } from './diff';
import { toSlashes } from '../workspace/manifestFiles';
import { DescriptorTarget, describeError, displayPath } from './discover';
import { FileReport } from './format';

/** Beyond this a file is not read at all (the core already declines descriptors over 10 MB). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

export interface CheckResult {
  readonly report: FileReport;
  /** Rules that threw on this file (an internal error). */
  readonly failures: readonly string[];
  /** The manifests the descriptor was matched to (their locations: absolute paths). */
  readonly matchedManifests: readonly string[];
}

export function analysisSettings(options: CliOptions): AnalysisSettings {
  // No editor's JSON language reports syntax errors here, so the CLI does.
  return { product: options.product, rules: options.rules, consoleHosts: options.consoleHosts, reportSyntaxErrors: true };
}

export function analysisOptions(target: DescriptorTarget, settings: AnalysisSettings): AnalysisOptions {
  return {
    settings,
    fileName: target.file,
    manifests: manifestResolver({
      path: toSlashes(target.file),
      root: toSlashes(target.root),
      manifests: target.manifests,
      ignoredVariants: target.ignoredVariants,
      reason: target.explicit ? 'it was named with --manifest' : undefined,
    }),
  };
}

/** What checking a file of one kind needs: its analysis, its fix-all, and whether a text may be fixed and written. */
interface Checker {
  readonly kind: FileReport['kind'];
  /** The findings, the rules that failed, and what the report says beside them. */
  analyze(text: string): {
    findings: readonly Finding[];
    failures: readonly RuleFailure[];
    facts: ReportFacts;
    matchedManifests: readonly string[];
  };
  fixAll(text: string): FixAllResult;
  /** Why a text is not fixed (it does not parse), or undefined when it may be. */
  refusal(text: string): string | undefined;
}

/** What --fix would do with a file: nothing, leave it alone (and why), or write fix-all's result. */
type FixPlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'fix'; readonly result: FixAllResult };

type ReportFacts = Pick<FileReport, 'product' | 'manifests' | 'rulesRun' | 'ruleFailures'>;

export function checkDescriptor(target: DescriptorTarget, display: string, options: CliOptions): Promise<CheckResult> {
  const analysisOpts = analysisOptions(target, analysisSettings(options));
  let last: Analysis | undefined;
  return checkFile(target.file, display, options, {
    kind: 'descriptor',
    analyze: (text) => {
      const analysis = (last = analyze(text, analysisOpts));
      const { matches } = analysis.manifests;
      return {
        findings: analysis.findings,
        failures: analysis.failures,
        facts: {
          product: analysis.product.product,
          manifests: matches.map((match) => match.label),
          ...rulesOf(analysis),
        },
        matchedManifests: matches.map((match) => match.location),
      };
    },
    // The analysis of the text on disk saves fix-all its first pass.
    fixAll: (text) => fixAll(text, analysisOpts, last?.parsed.text === text ? last : undefined),
    refusal: (text) => {
      const parsed = parseDescriptor(text);
      return parsed.root !== undefined && parsed.unreadable === undefined && parsed.syntaxErrors.length === 0
        ? undefined
        : 'it does not parse as JSON';
    },
  });
}

/**
 * The descriptors found, then the manifest.yml files matched to them (each once, in path order),
 * as the editor's Problems panel lists them.
 */
export async function checkTargets(
  targets: readonly DescriptorTarget[],
  cwd: string,
  options: CliOptions,
  progress: (message: string) => void,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [index, target] of targets.entries()) {
    const display = displayPath(cwd, target.file);
    progress(`Checking ${index + 1}/${targets.length}: ${display}`);
    results.push(await checkDescriptor(target, display, options));
  }
  const matched = [...new Set(results.flatMap((result) => result.matchedManifests))].sort();
  for (const manifest of matched) results.push(await checkManifest(manifest, displayPath(cwd, manifest), options));
  return results;
}

/** A manifest.yml matched to a checked descriptor, with the manifest rules (the editor's Problems for it). */
export function checkManifest(file: string, display: string, options: CliOptions): Promise<CheckResult> {
  const manifestOptions = { fileName: file, settings: analysisSettings(options) };
  return checkFile(file, display, options, {
    kind: 'manifest',
    analyze: (text) => {
      const analysis = analyzeManifest(text, manifestOptions);
      return {
        findings: analysis.findings,
        failures: analysis.failures,
        facts: { manifests: [], ...rulesThatRan(analysis.settings, analysis.failures, (rule) => rule.checks.manifest !== undefined) },
        matchedManifests: [],
      };
    },
    fixAll: (text) => fixAllManifest(text, manifestOptions),
    refusal: (text) =>
      analyzeManifest(text, manifestOptions).manifest.errors.some((e) => e.code === 'yaml-syntax')
        ? 'it does not parse as YAML'
        : undefined,
  });
}

async function checkFile(file: string, display: string, options: CliOptions, checker: Checker): Promise<CheckResult> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_READ_BYTES)
      return ioFailure(
        checker.kind,
        file,
        display,
        `cannot check '${display}': ${sizeOverCap(stat.size, MAX_READ_BYTES)} is too large for a descriptor`,
      );
    bytes = await fs.readFile(file);
  } catch (error) {
    return ioFailure(checker.kind, file, display, `cannot read '${display}': ${describeError(error)}`);
  }
  const text = bytes.toString('utf8');
  const analysis = checker.analyze(text);
  const failures = analysis.failures.map((failure) => `rule ${failure.ruleId} failed on ${display}: ${failure.error}`);
  const base = { kind: checker.kind, path: display, source: { kind: 'file', file } as const, ...analysis.facts };
  const result = (report: FileReport, more: readonly string[] = []): CheckResult => ({
    report,
    failures: [...failures, ...more],
    matchedManifests: analysis.matchedManifests,
  });
  const plan = planFix(text, bytes, analysis.findings, checker);
  // Where --fix would leave the file alone, a check says so too (and counts none of its fixes).
  const blocked = plan.kind === 'refused' ? { fixBlocked: plan.reason } : {};
  if (!options.fix && !options.fixDryRun) return result({ ...base, text, findings: analysis.findings, ...blocked });

  const unchanged = (refused?: string, error?: string): CheckResult =>
    result({
      ...base,
      text,
      findings: analysis.findings,
      ...blocked,
      fix: { applied: [], written: false, ...(refused ? { refused } : {}) },
      ...(error ? { error } : {}),
    });
  if (plan.kind === 'none') return unchanged();
  if (plan.kind === 'refused') return unchanged(plan.reason);
  const fixed = plan.result;

  if (options.fixDryRun) {
    // Findings stay those of the file on disk, so that their positions can be looked up there.
    return result({
      ...base,
      text,
      findings: analysis.findings,
      fix: { applied: fixed.applied, written: false, diff: unifiedDiff(display, text, fixed.text) },
    });
  }
  try {
    await fs.writeFile(file, fixed.text, 'utf8');
  } catch (error) {
    return unchanged(undefined, `cannot write '${display}': ${describeError(error)}`);
  }
  const after = checker.analyze(fixed.text);
  return result(
    { ...base, ...after.facts, text: fixed.text, findings: after.findings, fix: { applied: fixed.applied, written: true } },
    after.failures.map((failure) => `rule ${failure.ruleId} failed on ${display} after fixing: ${failure.error}`),
  );
}

function planFix(text: string, bytes: Buffer, findings: readonly Finding[], checker: Checker): FixPlan {
  if (!findings.some((finding) => finding.fixes.some((fix) => fix.safe))) return { kind: 'none' };
  const refused = checker.refusal(text);
  if (refused !== undefined) return { kind: 'refused', reason: `${refused}, so it is not fixed` };
  if (!Buffer.from(text, 'utf8').equals(bytes))
    return { kind: 'refused', reason: 'it is not valid UTF-8, so writing it back would change other bytes' };
  const result = checker.fixAll(text);
  // Fix-all stops before a pass that would break the file: nothing changed means exactly that.
  if (result.text === text || checker.refusal(result.text) !== undefined)
    return { kind: 'refused', reason: 'the fixes would leave it unparsable, so it is not fixed (please report this)' };
  return { kind: 'fix', result };
}

/**
 * Which rules ran on a descriptor's text, as analyze() decides (the enabled descriptor rules; on a
 * text that is no JSON object only those that read such texts; with a served text, the served
 * rules too), and which threw.
 */
export function rulesOf(
  analysis: Analysis,
  served?: { readonly failures: Analysis['failures'] },
): Pick<FileReport, 'rulesRun' | 'ruleFailures'> {
  const readable = analysis.parsed.root !== undefined;
  // A served text's failures already hold its own analysis's (analyzeServed adds the comparison's).
  return rulesThatRan(
    analysis.settings,
    served ? served.failures : analysis.failures,
    (rule) =>
      (rule.checks.descriptor !== undefined && (readable || rule.onUnreadable)) ||
      (served !== undefined && rule.checks.served !== undefined),
  );
}

/** The enabled rules that apply to a document, and those of them that threw. */
function rulesThatRan(
  settings: AnalysisSettings,
  failures: readonly RuleFailure[],
  applies: (rule: Rule) => boolean,
): Pick<FileReport, 'rulesRun' | 'ruleFailures'> {
  const ran = RULES.filter((rule) => settings.rules[rule.id] !== 'off' && applies(rule));
  return { rulesRun: ran.map((rule) => rule.id), ruleFailures: failures };
}

function ioFailure(kind: FileReport['kind'], file: string, display: string, error: string): CheckResult {
  return {
    report: {
      kind,
      path: display,
      source: { kind: 'file', file },
      text: '',
      manifests: [],
      findings: [],
      rulesRun: [],
      ruleFailures: [],
      error,
    },
    failures: [],
    matchedManifests: [],
  };
}
