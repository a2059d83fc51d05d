/** The pure analysis core: what the server, the client and the CLI may import. */
export * from './analyze';
export * from './manifestAnalysis';
export * from './descriptor';
export * from './descriptorContent';
export * from './clientKeyRoute';
export * from './templates';
export * from './edits';
export * from './forgeIds';
export * from './lines';
export * from './sizes';
export * from './manifestContext';
export * from './product';
export * from './types';
export * from './settings';
export { nearestName } from './nearest';
export { RULES, ruleById } from './rules';
export { documentedRules, ruleDocs } from './rules/docs';
export type {
  DescriptorSide,
  DocumentKind,
  ManifestRuleContext,
  NearMiss,
  NestedKey,
  Rule,
  RuleContext,
  ServedRuleContext,
} from './rules/rule';
export { DOCUMENT_KINDS, documentKindsOf } from './rules/rule';
export { FORGE_KEYS } from './rules/rule';
export { linkPlaceholder } from './rules/forgeAppLinkMissing';
export * from './manifest';
export * from './manifestMatching';
export * from './skippedFolders';
export * from './watchedFiles';
export * from './protocol';
export * from './linkValidation';
export * from './linkStatus';
export * from './served/servedUrl';
export * from './served/fetchFailures';
export * from './served/fetchServed';
export * from './served/analyzeServed';
export * from './served/placeServed';
export * from './served/comparedKeys';
