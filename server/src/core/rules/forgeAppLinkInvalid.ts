import { Rule } from './rule';
import { notAStringFinding, valueProblemFindings } from './valueProblems';
import { checksForgeValues } from './scope';

export const forgeAppLinkInvalid: Rule = {
  id: 'forge-app-link-invalid',
  defaultSeverity: 'warning',
  description: '`forgeAppLink` is not a signed https developer-console installation link for Bitbucket (wrong type, scheme, host, path, missing signature or `product=bitbucket`, documentation placeholders, `&amp;`, stray spaces).',
  fix: 'Removes stray spaces; replaces `&amp;` with `&`.',
  check(context) {
    const { link, linkCheck } = context;
    if (!link?.valueNode || !checksForgeValues(context)) return [];
    if (link.valueNode.type !== 'string') {
      return notAStringFinding(link, 'the installation link from the developer console');
    }
    if (!linkCheck || linkCheck.templated) return [];
    return valueProblemFindings(context.text, link, linkCheck.problems);
  },
};
