/**
 * The core's entry point: text in, findings (with their fixes) out. Parses once and runs every
 * enabled rule over the one tree; knows nothing of editors or protocols.
 */
import { Node } from 'jsonc-parser';
import { ParsedDescriptor, findProperty, parseDescriptor, stringValue } from './descriptor';
import { FixAllResult, fixPasses } from './fixPasses';
import { checkAppId, checkInstallLink } from './forgeIds';
import { ManifestContext, NO_MANIFESTS } from './manifestContext';
import { DescriptorIdentity, identityOf } from './manifestMatching';
import { ProductDetection, detectProduct } from './product';
import { RULES } from './rules';
import { ForgeValues, Rule, RuleContext } from './rules/rule';
import { findNearMisses, findNestedForgeKeys } from './rules/strayKeys';
import { RuleFailure, runRules } from './runRules';
import { isTemplateName, startsWithTemplateTag } from './templates';
import { Finding } from './types';
import { AnalysisSettings, DEFAULT_SETTINGS } from './settings';

export type { RuleFailure } from './runRules';

export interface AnalysisOptions {
  readonly settings?: AnalysisSettings;
  /** The matched manifests, or how to match them from what the analysis read of the descriptor. */
  readonly manifests?: ManifestContext | ((descriptor: DescriptorIdentity) => ManifestContext);
  /** Replaces the rule set (tests use it to add a rule that fails on purpose). */
  readonly rules?: readonly Rule[];
  /** The file's name or path: a template's name (`descriptor.json.erb`) makes it read as one. */
  readonly fileName?: string;
}

/**
 * One analysis of a descriptor. Besides the findings it keeps what it read (the tree, the product,
 * the two Forge keys and their checks, the matched manifests) so that hover, completion and code
 * actions answer from it instead of reading the text again.
 */
export interface Analysis extends ForgeValues {
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
  const values = readValues(parsed, settings);
  const manifests =
    typeof options.manifests === 'function'
      ? options.manifests(identityOf(stringValue(findProperty(parsed.root, 'key')?.valueNode), values.appIdCheck, values.linkCheck))
      : (options.manifests ?? NO_MANIFESTS);
  const root = parsed.root ?? EMPTY_ROOT;
  const context: RuleContext = {
    text,
    parsed,
    root,
    product,
    settings,
    manifests,
    ...values,
    readAsTemplate: parsed.templated || startsWithTemplateTag(text) || (options.fileName !== undefined && isTemplateName(options.fileName)),
    nestedForgeKeys: once(() => findNestedForgeKeys(root, text)),
    nearMisses: once(() => findNearMisses(root)),
  };
  const readable = parsed.root !== undefined;
  const { findings, failures } = runRules(
    text,
    settings,
    options.rules ?? RULES,
    (rule) => (readable || rule.onUnreadable ? rule.checks.descriptor : undefined),
    context,
  );
  return { parsed, product, findings, failures, settings, manifests, ...values };
}

/** A fact computed on first use, then kept. */
function once<T extends object>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
}

/** The two keys Bitbucket reads and their checked values, computed once per analysis. */
function readValues(parsed: ParsedDescriptor, settings: AnalysisSettings): ForgeValues {
  const link = findProperty(parsed.root, 'forgeAppLink');
  const appId = findProperty(parsed.root, 'forgeAppId');
  const linkValue = stringValue(link?.valueNode);
  const appIdValue = stringValue(appId?.valueNode);
  return {
    link,
    appId,
    linkCheck: linkValue === undefined ? undefined : checkInstallLink(linkValue, { extraHosts: settings.consoleHosts }),
    appIdCheck: appIdValue === undefined ? undefined : checkAppId(appIdValue),
  };
}

export type { FixAllResult } from './fixPasses';

/**
 * Applies every safe fix, pass after pass, until none is left (fixPasses); the text returned
 * always parses at least as well as the input.
 */
export function fixAll(text: string, options: AnalysisOptions = {}, analysisOfText?: Analysis): FixAllResult {
  return fixPasses(text, {
    analyze: (current, pass) => {
      // The caller's analysis of `text` (the server has it cached) saves the first pass's.
      const analysis = pass === 0 && analysisOfText ? analysisOfText : analyze(current, options);
      return { findings: analysis.findings, syntaxErrors: analysis.parsed.syntaxErrors.length };
    },
    syntaxErrorsOf: (fixed) => {
      const parsed = parseDescriptor(fixed);
      return parsed.root ? parsed.syntaxErrors.length : undefined;
    },
  });
}
