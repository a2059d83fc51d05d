/**
 * What every rule is: a stable id, a default severity, and checks over the kinds of document it
 * reads (a Connect descriptor, an open Forge manifest, or both).
 */
import { Node } from 'jsonc-parser';
import { ParsedDescriptor, Property } from '../descriptor';
import { AppIdCheck, InstallLinkCheck } from '../forgeIds';
import { ManifestInfo } from '../manifest';
import { ProductDetection } from '../product';
import { Finding } from '../types';
import { AnalysisSettings, Severity } from '../settings';
import { ManifestContext } from '../manifestContext';

export const FORGE_KEYS = ['forgeAppLink', 'forgeAppId'] as const;
export type ForgeKey = (typeof FORGE_KEYS)[number];

/** A Forge key below the root, where Bitbucket does not read it. */
export interface NestedKey {
  readonly key: ForgeKey;
  readonly property: Property;
  readonly path: readonly (string | number)[];
}

/** A root key that is a near miss of a Forge key's name. */
export interface NearMiss {
  readonly key: ForgeKey;
  readonly property: Property;
  /** Same words, only case or separators differ: renaming is certainly right. */
  readonly certain: boolean;
}

/** The two keys Bitbucket reads (the last root property of each name) and their checked values. */
export interface ForgeValues {
  readonly link?: Property;
  readonly appId?: Property;
  readonly linkCheck?: InstallLinkCheck;
  readonly appIdCheck?: AppIdCheck;
}

export interface RuleContext extends ForgeValues {
  readonly text: string;
  readonly parsed: ParsedDescriptor;
  readonly root: Node;
  readonly product: ProductDetection;
  readonly settings: AnalysisSettings;
  readonly manifests: ManifestContext;
  /**
   * The file is a descriptor template (by its name, a leading `{{define}}`, or tags that break
   * the JSON): what it renders may hold members its text does not show as JSON.
   */
  readonly readAsTemplate: boolean;
  /**
   * Facts several rules ask for, computed on first use and then kept for this analysis only.
   * They live on the context (not in a module-level WeakMap, whose entries keep every tree alive
   * through V8's young-generation collections: see bench/notes.md).
   */
  readonly nestedForgeKeys: () => readonly NestedKey[];
  readonly nearMisses: () => readonly NearMiss[];
}

/** What a rule over an open Forge manifest reads. */
export interface ManifestRuleContext {
  readonly text: string;
  /** The file's name (`manifest.yml`, `manifest.yaml`…), without its folder. */
  readonly fileName: string;
  readonly manifest: ManifestInfo;
  readonly settings: AnalysisSettings;
}

/** One side of a served-descriptor comparison: a descriptor's text as parsed, its key and Forge keys. */
export interface DescriptorSide extends ForgeValues {
  readonly text: string;
  readonly parsed: ParsedDescriptor;
  readonly key?: Property;
}

/**
 * What a rule over a served descriptor reads: the text an app served at a URL (findings' offsets
 * are in it) and the local descriptor it is compared with, when there is one.
 */
export interface ServedRuleContext {
  /** Where the text was served (after redirects): named in the messages. */
  readonly url: string;
  readonly served: DescriptorSide;
  readonly local?: DescriptorSide & {
    /** How the local descriptor is named to the user (a relative path). */
    readonly label: string;
    /** Its path or URI, for related locations. */
    readonly location: string;
  };
  readonly settings: AnalysisSettings;
}

export type FindingDraft = Omit<Finding, 'ruleId' | 'severity'> & { readonly severity?: Severity };

/** What a rule reads: a Connect descriptor, an open Forge manifest, or a descriptor an app served at a URL. */
export type DocumentKind = 'descriptor' | 'manifest' | 'served';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['descriptor', 'manifest', 'served'];

type DescriptorCheck = (context: RuleContext) => FindingDraft[];
type ManifestCheck = (context: ManifestRuleContext) => FindingDraft[];
type ServedCheck = (context: ServedRuleContext) => FindingDraft[];

/**
 * One check per kind of document the rule reads; at least one. A served descriptor also goes
 * through every descriptor check (it is a descriptor): a served check compares it with the local one.
 */
export type RuleChecks =
  | { readonly descriptor: DescriptorCheck; readonly manifest?: ManifestCheck; readonly served?: ServedCheck }
  | { readonly descriptor?: DescriptorCheck; readonly manifest: ManifestCheck; readonly served?: ServedCheck }
  | { readonly descriptor?: DescriptorCheck; readonly manifest?: ManifestCheck; readonly served: ServedCheck };

/**
 * What a rule is for, in words: the README's rule table, the CLI's --list-rules and SARIF's rule
 * list read it (rules/docs.ts), the language server never does. Each rule file exports its rule
 * and, beside it, its docs: the server's bundle then carries no documentation text.
 */
export interface RuleDocs {
  /** One line for the README's rule table and the CLI's --list-rules. */
  readonly description: string;
  /** What its fix does, for the README (empty when it has none). */
  readonly fix: string;
}

export interface Rule {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** Descriptor rules that also run on files that are not JSON objects (unreadable files). */
  readonly onUnreadable?: boolean;
  /**
   * Its findings are settled by picking a manifest.yml by hand: editors that can ask the user
   * offer "Insert forgeAppId from a manifest.yml…" beside the rule's own fixes.
   */
  readonly offersManifestPick?: boolean;
  readonly checks: RuleChecks;
}

/** The kinds of document a rule reads, in DOCUMENT_KINDS order. */
export function documentKindsOf(rule: Rule): DocumentKind[] {
  return DOCUMENT_KINDS.filter((kind) => rule.checks[kind] !== undefined);
}
