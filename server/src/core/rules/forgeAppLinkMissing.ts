import { installLinkOf } from '../forgeIds';
import { PRODUCT_LABELS } from '../product';
import { Rule, RuleDocs } from './rule';
import { hasStrayCopy } from './strayKeys';
import { rootAnchor } from './scope';

export const LINK_PLACEHOLDER_APP = '<app-id>';

export function linkPlaceholder(uuid: string | undefined): string {
  return installLinkOf(uuid ?? LINK_PLACEHOLDER_APP, '<signature>');
}

/** Where the link comes from, the how-to of the rules that ask for it. */
export const HOW_TO_GET_THE_LINK =
  'Add the installation link at the root: developer console → your Forge app → Distribution → share it for Bitbucket.';

export const forgeAppLinkMissing: Rule = {
  id: 'forge-app-link-missing',
  defaultSeverity: 'warning',
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
      const bitbucket = product.product === 'bitbucket';
      const problem = context.readAsTemplate
        ? `No forgeAppLink in this ${bitbucket ? '' : 'unrecognised '}template: its text never mentions one.`
        : bitbucket
          ? 'No forgeAppLink: admins will not see "Get the Forge app".'
          : `No forgeAppLink, in a descriptor not recognised as ${PRODUCT_LABELS.bitbucket}'s.`;
      const consequence = !bitbucket
        ? ` If it is Bitbucket's, admins will not see "Get the Forge app" (set connectForgeLink.product to say so).`
        : context.readAsTemplate
          ? ' Admins will not see "Get the Forge app".'
          : '';
      return [
        {
          severity: bitbucket ? undefined : 'info',
          message: `${problem}${consequence} ${HOW_TO_GET_THE_LINK}`,
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

export const forgeAppLinkMissingDocs: RuleDocs = {
  description:
    'A Bitbucket Cloud descriptor has no `forgeAppLink` at its root (a template too, when its text never mentions `forgeAppLink`).',
  fix: 'Asks for the installation link (VS Code) and inserts it right after `key`; other editors insert a placeholder to fill in.',
};
