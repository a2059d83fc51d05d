/**
 * Checks one descriptor with the core (and fixes it with the core's fix-all when asked), matching
 * manifests exactly as the language server does. Writes only a changed text that still parses,
 * in the same string form it was read in (BOM, line endings and all).
 */
import { promises as fs } from 'node:fs';
import { AnalysisOptions, AnalysisSettings, ParsedDescriptor, analyze, fixAll, manifestResolver, parseDescriptor } from '../core';
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

export async function checkDescriptor(target: DescriptorTarget, display: string, options: CliOptions): Promise<CheckResult> {
  const settings = analysisSettings(options);
  const analysisOpts = analysisOptions(target, settings);
  let bytes: Buffer;
  try {
    const stat = await fs.stat(target.file);
    if (stat.size > MAX_READ_BYTES)
      return ioFailure(display, `cannot check '${display}': ${(stat.size / 1048576).toFixed(0)} MB is too large for a descriptor`);
    bytes = await fs.readFile(target.file);
  } catch (error) {
    return ioFailure(display, `cannot read '${display}': ${describeError(error)}`);
  }
  const text = bytes.toString('utf8');
  const analysis = analyze(text, analysisOpts);
  const failures = analysis.failures.map((failure) => `rule ${failure.ruleId} failed on ${display}: ${failure.error}`);
  const base = {
    path: display,
    product: analysis.product.product,
    manifests: analysis.manifests.matches.map((match) => match.label),
  };
  if (!options.fix && !options.fixDryRun) return { report: { ...base, text, findings: analysis.findings }, failures };

  const unchanged = (refused?: string, error?: string): CheckResult => ({
    report: {
      ...base,
      text,
      findings: analysis.findings,
      fix: { applied: [], written: false, ...(refused ? { refused } : {}) },
      ...(error ? { error } : {}),
    },
    failures,
  });
  if (!analysis.findings.some((finding) => finding.fixes.some((fix) => fix.safe))) return unchanged();
  if (!parsesCleanly(analysis.parsed)) return unchanged('it does not parse as JSON, so it is not fixed');
  if (!Buffer.from(text, 'utf8').equals(bytes)) return unchanged('it is not valid UTF-8, so writing it back would change other bytes');

  const result = fixAll(text, analysisOpts);
  if (result.text === text) return unchanged();
  if (!parsesCleanly(parseDescriptor(result.text)))
    return unchanged('the fixes would leave it unparsable, so it is not fixed (please report this)');

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

function parsesCleanly(parsed: ParsedDescriptor): boolean {
  return parsed.root !== undefined && parsed.unreadable === undefined && parsed.syntaxErrors.length === 0;
}

function ioFailure(display: string, error: string): CheckResult {
  return { report: { path: display, text: '', manifests: [], findings: [], error }, failures: [] };
}
