/** The pure analysis core: what the server, the client and the CLI may import. */
export * from './analyze';
export * from './descriptor';
export * from './edits';
export * from './forgeIds';
export * from './manifestContext';
export * from './product';
export * from './types';
export * from './settings';
export { RULES, ruleById } from './rules';
export type { Rule } from './rules/rule';
export { FORGE_KEYS } from './rules/rule';
export { linkPlaceholder } from './rules/forgeAppLinkMissing';
export * from './manifest';
export * from './manifestMatching';
export * from './skippedFolders';
export * from './protocol';
