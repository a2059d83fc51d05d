import { PRODUCT_LABELS, ignoresForgeKeys } from '../product';
import { Rule } from './rule';

export const forgeKeyUnused: Rule = {
  id: 'forge-key-unused',
  defaultSeverity: 'info',
  description: 'A Jira, Confluence or HipChat descriptor has `forgeAppLink` or `forgeAppId`: only Bitbucket Cloud reads them.',
  fix: '',
  checks: {
    descriptor(context) {
      const { product } = context;
      if (!ignoresForgeKeys(product.product)) return [];
      const because = product.forced ? 'by the setting connectForgeLink.product' : `because ${product.evidence.slice(0, 2).join(' and ')}`;
      return [context.link, context.appId].flatMap((property) =>
        property
          ? [
              {
                message: `Only Bitbucket Cloud reads ${property.name}; this descriptor looks like ${PRODUCT_LABELS[product.product]}'s (${because}). If it is a Bitbucket descriptor, set connectForgeLink.product to "bitbucket".`,
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
