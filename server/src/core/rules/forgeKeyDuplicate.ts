import { propertiesOf } from '../descriptor';
import { removeProperty } from '../edits';
import { FORGE_KEYS, Rule, RuleDocs } from './rule';
import { checksForgeValues, structuralFixesAllowed } from './scope';

export const forgeKeyDuplicate: Rule = {
  id: 'forge-key-duplicate',
  defaultSeverity: 'warning',
  checks: {
    descriptor(context) {
      const { text, root } = context;
      if (!checksForgeValues(context)) return [];
      const properties = propertiesOf(root);
      return properties.flatMap((property, index) => {
        if (!(FORGE_KEYS as readonly string[]).includes(property.name)) return [];
        const later = properties.slice(index + 1).find((p) => p.name === property.name);
        if (!later) return [];
        return [
          {
            message: `This ${property.name} has no effect: it appears again further down. JSON readers keep the last one.`,
            start: property.keyNode.offset,
            end: property.keyNode.offset + property.keyNode.length,
            unnecessary: true,
            related: [{ start: later.keyNode.offset, end: later.keyNode.offset + later.keyNode.length, message: 'the copy that is read' }],
            fixes: !structuralFixesAllowed(context)
              ? []
              : [
                  {
                    title: `Remove the shadowed ${property.name}`,
                    isPreferred: true,
                    safe: true,
                    edits: () => removeProperty(text, root, property),
                  },
                ],
          },
        ];
      });
    },
  },
};

export const forgeKeyDuplicateDocs: RuleDocs = {
  description: '`forgeAppLink` or `forgeAppId` appears twice in the same object; JSON readers keep only the last one.',
  fix: 'Removes the shadowed (earlier) copy.',
};
