import { findProperty } from '../descriptor';
import { renameKey } from '../edits';
import { Rule, RuleDocs } from './rule';
import { checksForgeValues } from './scope';
import { renameIsCertain } from './strayKeys';

export const forgeKeyMisspelled: Rule = {
  id: 'forge-key-misspelled',
  defaultSeverity: 'warning',
  checks: {
    descriptor(context) {
      if (!checksForgeValues(context)) return [];
      return context
        .nearMisses()
        .filter(({ key }) => !findProperty(context.root, key))
        .map((miss) => ({ ...miss, safe: renameIsCertain(context, miss) }))
        .map(({ key, property, safe }) => ({
          message: `"${property.name}" is not a key Bitbucket reads. Did you mean "${key}"? Key names are case-sensitive.`,
          start: property.keyNode.offset,
          end: property.keyNode.offset + property.keyNode.length,
          fixes: [
            {
              title: `Rename to "${key}"`,
              isPreferred: true,
              safe,
              edits: () => [renameKey(property, key)],
            },
          ],
        }));
    },
  },
};

export const forgeKeyMisspelledDocs: RuleDocs = {
  description:
    'A root key is a near miss of `forgeAppLink` or `forgeAppId` (`forgeAppID`, `forge_app_link`, `ForgeAppLink`, `forgeAppUrl`, …), which Bitbucket ignores.',
  fix: 'Renames the key.',
};
