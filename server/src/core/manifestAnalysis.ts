/**
 * The core's entry point for an open Forge manifest, like `analyze` for a descriptor: text in,
 * findings (with their fixes) out, from the registry's rules that read manifests.
 */
import { parseAllDocuments } from 'yaml';
import { FixAllResult, fixPasses } from './fixPasses';
import { MANIFEST_FILE_NAME, ManifestInfo, baseName, readManifest } from './manifest';
import { RULES } from './rules';
import { ManifestRuleContext, Rule } from './rules/rule';
import { RuleFailure, runRules } from './runRules';
import { AnalysisSettings, DEFAULT_SETTINGS } from './settings';
import { Finding } from './types';

export interface ManifestAnalysisOptions {
  /** The file's name or path (`manifest.yml` when omitted): a `manifest.yaml` is told it is not read. */
  readonly fileName?: string;
  readonly settings?: AnalysisSettings;
  /** Replaces the rule set (tests use it to add a rule that fails on purpose). */
  readonly rules?: readonly Rule[];
}

export interface ManifestAnalysis {
  /** The manifest as the Forge CLI reads it. */
  readonly manifest: ManifestInfo;
  readonly fileName: string;
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
  readonly settings: AnalysisSettings;
}

export function analyzeManifest(text: string, options: ManifestAnalysisOptions = {}): ManifestAnalysis {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const fileName = baseName(options.fileName ?? MANIFEST_FILE_NAME);
  const manifest = readManifest(text);
  const context: ManifestRuleContext = { text, fileName, manifest, settings };
  const { findings, failures } = runRules(text, settings, options.rules ?? RULES, (rule) => rule.checks.manifest, context);
  return { manifest, fileName, findings, failures, settings };
}

/**
 * Applies every safe fix of an open manifest (the CLI's --fix, an editor's fix-all), pass after
 * pass; the text returned never has more YAML syntax errors than the input.
 */
export function fixAllManifest(text: string, options: ManifestAnalysisOptions = {}): FixAllResult {
  return fixPasses(text, {
    analyze: (current) => ({ findings: analyzeManifest(current, options).findings, syntaxErrors: yamlErrors(current) }),
    syntaxErrorsOf: yamlErrors,
  });
}

function yamlErrors(text: string): number {
  return parseAllDocuments(text).reduce((count, document) => count + document.errors.length, 0);
}
