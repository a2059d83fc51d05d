import { Rule, RuleDocs } from './rule';
import { checksForgeValues, rootAnchor } from './scope';

export const forgeAppLicensed: Rule = {
  id: 'forge-app-licensed',
  defaultSeverity: 'info',
  checks: {
    descriptor(context) {
      if (!checksForgeValues(context)) return [];
      const licensed = context.manifests.matches.filter((m) => m.licensingEnabled === true);
      if (licensed.length === 0) return [];
      const key = context.link?.keyNode;
      return [
        {
          message: `The Forge app is licensed: the developer console shares no installation link for it. ${licensed.map((m) => m.label).join(' and ')} ${licensed.length === 1 ? 'enables' : 'enable'} app.licensing: take forgeAppLink from the app's Marketplace listing.`,
          ...(key ? { start: key.offset, end: key.offset + key.length } : rootAnchor(context.root)),
          related: licensed.map((m) => ({
            start: 0,
            end: 0,
            file: m.location,
            fileRange: m.licensingRange ?? m.appIdRange,
            message: 'licensing is enabled here',
          })),
          fixes: [],
        },
      ];
    },
  },
};

export const forgeAppLicensedDocs: RuleDocs = {
  description:
    'The matching Forge manifest enables licensing: the developer console offers no installation link for licensed apps, so `forgeAppLink` must come from the Marketplace listing.',
  fix: '',
};
