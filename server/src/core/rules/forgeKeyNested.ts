import { Node } from 'jsonc-parser';
import { findProperty } from '../descriptor';
import { moveToRoot, removeProperty } from '../edits';
import { Fix } from '../types';
import { Rule, RuleDocs } from './rule';
import { checksForgeValues, structuralFixesAllowed } from './scope';

export const forgeKeyNested: Rule = {
  id: 'forge-key-nested',
  defaultSeverity: 'warning',
  checks: {
    descriptor(context) {
      const { text, root } = context;
      // Jira, Confluence and HipChat descriptors: the keys mean nothing there, wherever they are.
      if (!checksForgeValues(context)) return [];
      return context.nestedForgeKeys().map(({ key, property, path }) => {
        const rootCopy = findProperty(root, key);
        const valueText = property.valueNode
          ? text.slice(property.valueNode.offset, property.valueNode.offset + property.valueNode.length)
          : '""';
        const parent = property.node.parent as Node;
        const fixes: Fix[] = [];
        if (!structuralFixesAllowed(context)) {
          // No fix until the file parses.
        } else if (!rootCopy) {
          // Two nested copies of one key: the first move settles it (the other then sits beside a
          // root copy). A near-miss at the root competes: renaming it and moving this one would
          // leave two root copies, so neither is applied without the user.
          const competingRename = context.nearMisses().some((n) => n.key === key && n.certain);
          fixes.push({
            title: `Move ${key} to the root of the descriptor`,
            isPreferred: true,
            safe: !competingRename,
            edits: () => moveToRoot(text, root, parent, property),
          });
        } else {
          const rootText = rootCopy.valueNode
            ? text.slice(rootCopy.valueNode.offset, rootCopy.valueNode.offset + rootCopy.valueNode.length)
            : undefined;
          const same = rootText === valueText;
          fixes.push({
            title: same
              ? `Remove this copy of ${key} (the root has the same value)`
              : `Remove this copy of ${key} (Bitbucket reads the root's value)`,
            isPreferred: same,
            safe: same,
            edits: () => removeProperty(text, parent, property),
          });
        }
        return {
          message: `${key} is inside "${path.join('.')}", where Bitbucket does not read it. It belongs at the root of the descriptor, next to "key".`,
          start: property.keyNode.offset,
          end: property.keyNode.offset + property.keyNode.length,
          fixes,
        };
      });
    },
  },
};

export const forgeKeyNestedDocs: RuleDocs = {
  description: '`forgeAppLink` or `forgeAppId` is below the root (e.g. inside `modules` or `vendor`), where Bitbucket does not read it.',
  fix: 'Moves it to the root, right after `key` (or removes the nested copy when the root already has the same value).',
};
