import { LINK_DOCS_URL } from '../forgeIds';
import { PRODUCT_LABELS } from '../product';
import { Rule } from './rule';
import { hasStrayCopy } from './strayKeys';

export const LINK_PLACEHOLDER_APP = '<app-id>';

export function linkPlaceholder(uuid: string | undefined): string {
  return `https://developer.atlassian.com/console/install/${uuid ?? LINK_PLACEHOLDER_APP}?signature=<signature>&product=bitbucket`;
}

export const forgeAppLinkMissing: Rule = {
  id: 'forge-app-link-missing',
  defaultSeverity: 'warning',
  description:
    'A Bitbucket Cloud descriptor has no `forgeAppLink` at its root (a template too, when its text never mentions `forgeAppLink`).',
  fix: 'Asks for the installation link (VS Code) and inserts it right after `key`; other editors insert a placeholder to fill in.',
  checks: {
    descriptor(context) {
      const { product, root, parsed, text } = context;
      if (context.link) return [];
      // A template may render the key from a tag; one whose text never names it cannot.
      if (context.readAsTemplate && text.includes('forgeAppLink')) return [];
      if (parsed.syntaxErrors.length > 0 && !parsed.templated) return [];
      if (product.product !== 'bitbucket' && product.product !== 'unknown') return [];
      if (hasStrayCopy(context, 'forgeAppLink')) return [];
      const uuid = context.appIdCheck?.uuid;
      const what = context.readAsTemplate ? 'descriptor template' : 'descriptor';
      const where =
        product.product === 'bitbucket'
          ? `This Bitbucket Cloud ${what} has no forgeAppLink.`
          : `This ${what} has no forgeAppLink (it was not recognised as ${PRODUCT_LABELS.bitbucket}'s: set connectForgeLink.product if it is).`;
      const template = context.readAsTemplate
        ? ' It was read as a template, and its text never mentions forgeAppLink, so it cannot render one.'
        : '';
      return [
        {
          severity: product.product === 'bitbucket' ? undefined : 'info',
          message: `${where}${template} Add the Forge app's installation link at the root so that workspace admins see "Get the Forge app" on their installed-apps page. Get the link in the developer console: your Forge app → Distribution → share it for Bitbucket. See ${LINK_DOCS_URL}`,
          start: root.offset,
          end: root.offset + 1,
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
