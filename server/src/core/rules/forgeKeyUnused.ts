import { PRODUCT_LABELS, ignoresForgeKeys } from '../product';
import { Rule, RuleDocs } from './rule';

export const forgeKeyUnused: Rule = {
  id: 'forge-key-unused',
  defaultSeverity: 'info',
  checks: {
    descriptor(context) {
      const { product } = context;
      if (!ignoresForgeKeys(product.product)) return [];
      const evidence = product.evidence.slice(0, 2).join(' and ');
      const why = product.forced
        ? 'The setting connectForgeLink.product says so.'
        : `${evidence.charAt(0).toUpperCase()}${evidence.slice(1)}.`;
      return [context.link, context.appId].flatMap((property) =>
        property
          ? [
              {
                message: `Only Bitbucket Cloud reads ${property.name}; this looks like a ${PRODUCT_LABELS[product.product]} descriptor. ${why} If it is a Bitbucket descriptor, set connectForgeLink.product to "bitbucket".`,
                start: property.keyNode.offset,
                end: property.keyNode.offset + property.keyNode.length,
                fixes: [],
                unnecessary: true,
              },
            ]
          : [],
      );
    },
  },
};

export const forgeKeyUnusedDocs: RuleDocs = {
  description: 'A Jira, Confluence or HipChat descriptor has `forgeAppLink` or `forgeAppId`: only Bitbucket Cloud reads them.',
  fix: '',
};
