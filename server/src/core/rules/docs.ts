/**
 * The words of every rule (what it is for, what its fix does), for the README's rule table, the
 * CLI's --list-rules and SARIF's rules: kept apart from RULES so that the language server, which
 * never shows them, does not bundle them. The registry tests check that every rule has its docs.
 */
import { forgeAppLinkMissing, forgeAppLinkMissingDocs } from './forgeAppLinkMissing';
import { forgeAppLinkInvalid, forgeAppLinkInvalidDocs } from './forgeAppLinkInvalid';
import { forgeAppIdInvalid, forgeAppIdInvalidDocs } from './forgeAppIdInvalid';
import { forgeIdsMismatch, forgeIdsMismatchDocs } from './forgeIdsMismatch';
import { forgeAppIdMissing, forgeAppIdMissingDocs } from './forgeAppIdMissing';
import { forgeAppIdManifestMismatch, forgeAppIdManifestMismatchDocs } from './forgeAppIdManifestMismatch';
import { forgeAddonKeyMismatch, forgeAddonKeyMismatchDocs } from './forgeAddonKeyMismatch';
import { forgeAppLicensed, forgeAppLicensedDocs } from './forgeAppLicensed';
import { manifestUnusable, manifestUnusableDocs } from './manifestUnusable';
import { manifestFileName, manifestFileNameDocs } from './manifestFileName';
import { forgeKeyNested, forgeKeyNestedDocs } from './forgeKeyNested';
import { forgeKeyDuplicate, forgeKeyDuplicateDocs } from './forgeKeyDuplicate';
import { forgeKeyMisspelled, forgeKeyMisspelledDocs } from './forgeKeyMisspelled';
import { forgeKeyUnused, forgeKeyUnusedDocs } from './forgeKeyUnused';
import { forgeValueTemplate, forgeValueTemplateDocs } from './forgeValueTemplate';
import { descriptorUnreadable, descriptorUnreadableDocs } from './descriptorUnreadable';
import { jsonSyntax, jsonSyntaxDocs } from './jsonSyntax';
import { manifestAppId, manifestAppIdDocs } from './manifestAppId';
import { servedDescriptorDiffers, servedDescriptorDiffersDocs } from './servedDescriptorDiffers';
import { servedDescriptorNotJson, servedDescriptorNotJsonDocs } from './servedDescriptorNotJson';
import { Rule, RuleDocs } from './rule';

const RULE_DOCS: readonly (readonly [Rule, RuleDocs])[] = [
  [forgeAppLinkMissing, forgeAppLinkMissingDocs],
  [forgeAppLinkInvalid, forgeAppLinkInvalidDocs],
  [forgeAppIdInvalid, forgeAppIdInvalidDocs],
  [forgeIdsMismatch, forgeIdsMismatchDocs],
  [forgeAppIdMissing, forgeAppIdMissingDocs],
  [forgeAppIdManifestMismatch, forgeAppIdManifestMismatchDocs],
  [forgeAddonKeyMismatch, forgeAddonKeyMismatchDocs],
  [forgeAppLicensed, forgeAppLicensedDocs],
  [manifestUnusable, manifestUnusableDocs],
  [manifestFileName, manifestFileNameDocs],
  [forgeKeyNested, forgeKeyNestedDocs],
  [forgeKeyDuplicate, forgeKeyDuplicateDocs],
  [forgeKeyMisspelled, forgeKeyMisspelledDocs],
  [forgeKeyUnused, forgeKeyUnusedDocs],
  [forgeValueTemplate, forgeValueTemplateDocs],
  [descriptorUnreadable, descriptorUnreadableDocs],
  [jsonSyntax, jsonSyntaxDocs],
  [manifestAppId, manifestAppIdDocs],
  [servedDescriptorDiffers, servedDescriptorDiffersDocs],
  [servedDescriptorNotJson, servedDescriptorNotJsonDocs],
];

/** The docs of a rule of RULES (a rule without any is a defect the registry tests catch). */
export function ruleDocs(rule: Rule): RuleDocs {
  const docs = RULE_DOCS.find(([documented]) => documented === rule)?.[1];
  if (!docs) throw new Error(`The rule ${rule.id} has no docs: export them beside it and list them in rules/docs.ts.`);
  return docs;
}

/** The rules that have docs, in the order they are listed. */
export function documentedRules(): Rule[] {
  return RULE_DOCS.map(([rule]) => rule);
}
