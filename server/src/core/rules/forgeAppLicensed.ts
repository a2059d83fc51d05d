import { Rule } from './rule';
import { checksForgeValues, rootAnchor } from './scope';

export const forgeAppLicensed: Rule = {
  id: 'forge-app-licensed',
  defaultSeverity: 'info',
  description:
    'The matching Forge manifest enables licensing: the developer console offers no installation link for licensed apps, so `forgeAppLink` must come from the Marketplace listing.',
  fix: '',
  checks: {
    descriptor(context) {
      if (!checksForgeValues(context)) return [];
      const licensed = context.manifests.matches.filter((m) => m.licensingEnabled === true);
      if (licensed.length === 0) return [];
      const key = context.link?.keyNode;
      return [
        {
          message: `The Forge app (${licensed.map((m) => m.label).join(', ')}) has app.licensing enabled. The developer console does not share installation links for licensed apps: take forgeAppLink from the app's Marketplace listing instead.`,
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
