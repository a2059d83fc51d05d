import { valueIndexToOffset } from '../descriptor';
import { Rule } from './rule';
import { checksForgeValues } from './scope';

export const forgeIdsMismatch: Rule = {
  id: 'forge-ids-mismatch',
  defaultSeverity: 'warning',
  description: "`forgeAppLink` and `forgeAppId` name different Forge apps (the UUID in the link's path differs from the ARI's).",
  fix: '',
  checks: {
    descriptor(context) {
      const { link, appId, linkCheck, appIdCheck } = context;
      if (!checksForgeValues(context) || !link?.valueNode || !appId?.valueNode) return [];
      const linkUuid = linkCheck?.uuid;
      const idUuid = appIdCheck?.uuid;
      if (!linkUuid || !idUuid || linkUuid === idUuid) return [];
      const value = link.valueNode;
      const raw = typeof value.value === 'string' ? value.value : '';
      const index = raw.toLowerCase().indexOf(linkUuid);
      const start = index >= 0 ? valueIndexToOffset(context.text, value, index) : value.offset;
      const end = index >= 0 ? valueIndexToOffset(context.text, value, index + linkUuid.length) : value.offset + value.length;
      return [
        {
          message: `forgeAppLink installs the Forge app ${linkUuid}, but forgeAppId names the app ${idUuid}. Both must name the same Forge app: check which one is your Bitbucket app's.`,
          start,
          end,
          fixes: [],
          related: [
            {
              start: appId.valueNode.offset,
              end: appId.valueNode.offset + appId.valueNode.length,
              message: `forgeAppId names the app ${idUuid}`,
            },
          ],
        },
      ];
    },
  },
};
