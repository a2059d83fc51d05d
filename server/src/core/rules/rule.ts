/** What every rule is: a stable id, a default severity, and a check over one parsed descriptor. */
import { Node } from 'jsonc-parser';
import { ParsedDescriptor, Property } from '../descriptor';
import { AppIdCheck, InstallLinkCheck } from '../forgeIds';
import { ProductDetection } from '../product';
import { Finding } from '../types';
import { AnalysisSettings, Severity } from '../settings';
import { ManifestContext } from '../manifestContext';

export const FORGE_KEYS = ['forgeAppLink', 'forgeAppId'] as const;
export type ForgeKey = (typeof FORGE_KEYS)[number];

export interface RuleContext {
  readonly text: string;
  readonly parsed: ParsedDescriptor;
  readonly root: Node;
  readonly product: ProductDetection;
  readonly settings: AnalysisSettings;
  /** The root properties that Bitbucket reads (the last of each name). */
  readonly link?: Property;
  readonly appId?: Property;
  /** Checks of the two values, computed once and shared by the rules that need them. */
  readonly linkCheck?: InstallLinkCheck;
  readonly appIdCheck?: AppIdCheck;
  readonly manifests: ManifestContext;
}

export type FindingDraft = Omit<Finding, 'ruleId' | 'severity'> & { readonly severity?: Severity };

export interface Rule {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line for the README's rule table and the CLI's --list-rules. */
  readonly description: string;
  /** What its fix does, for the README (empty when it has none). */
  readonly fix: string;
  /** Rules that run on files that are not JSON objects (unreadable files). */
  readonly onUnreadable?: boolean;
  check(context: RuleContext): FindingDraft[];
}
