import { LINK_DOCS_URL, installLinkOf } from '../forgeIds';
import { PRODUCT_LABELS } from '../product';
import { Rule } from './rule';
import { hasStrayCopy } from './strayKeys';
import { rootAnchor } from './scope';

export const LINK_PLACEHOLDER_APP = '<app-id>';

export function linkPlaceholder(uuid: string | undefined): string {
  return installLinkOf(uuid ?? LINK_PLACEHOLDER_APP, '<signature>');
}

export const forgeAppLinkMissing: Rule = {
  id: 'forge-app-link-missing',
  defaultSeverity: 'warning',
  description: 'A Bitbucket Cloud descriptor has no `forgeAppLink` at its root.',
  fix: 'Asks for the installation link (VS Code) and inserts it right after `key`; other editors insert a placeholder to fill in.',
  checks: {
    descriptor(context) {
      const { product, root, parsed } = context;
      if (context.link || parsed.syntaxErrors.length > 0) return [];
      if (product.product !== 'bitbucket' && product.product !== 'unknown') return [];
      if (hasStrayCopy(context, 'forgeAppLink')) return [];
      const uuid = context.appIdCheck?.uuid;
      const where =
        product.product === 'bitbucket'
          ? 'This Bitbucket Cloud descriptor has no forgeAppLink.'
          : `This descriptor has no forgeAppLink (it was not recognised as ${PRODUCT_LABELS.bitbucket}'s: set connectForgeLink.product if it is).`;
      return [
        {
          severity: product.product === 'bitbucket' ? undefined : 'info',
          message: `${where} Add the Forge app's installation link at the root so that workspace admins see "Get the Forge app" on their installed-apps page. Get the link in the developer console: your Forge app → Distribution → share it for Bitbucket. See ${LINK_DOCS_URL}`,
          ...rootAnchor(root),
          fixes: [],
          inputFix: {
            title: 'Set forgeAppLink…',
            key: 'forgeAppLink',
            placeholder: linkPlaceholder(uuid),
            appUuid: uuid,
          },
        },
      ];
    },
  },
};
