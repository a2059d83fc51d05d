import { valueIndexToOffset } from '../descriptor';
import { replaceString } from '../edits';
import { appAri } from '../forgeIds';
import { Fix, InputFix } from '../types';
import { linkPlaceholder } from './forgeAppLinkMissing';
import { usableCandidates } from './manifestCandidates';
import { Rule, RuleDocs, RuleContext } from './rule';
import { checksForgeValues } from './scope';

export const forgeIdsMismatch: Rule = {
  id: 'forge-ids-mismatch',
  defaultSeverity: 'warning',
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
          message: `forgeAppLink and forgeAppId name different Forge apps. The link installs ${linkUuid}, forgeAppId names ${idUuid}: check which one is your Bitbucket app's.`,
          start,
          end,
          ...waysOut(context, linkUuid, idUuid),
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

export const forgeIdsMismatchDocs: RuleDocs = {
  description: "`forgeAppLink` and `forgeAppId` name different Forge apps (the UUID in the link's path differs from the ARI's).",
  fix: "When the matched manifest names one of the two apps, changes the other: replaces `forgeAppId` with the manifest's `app.id`, or asks for the manifest app's link (VS Code; a placeholder elsewhere). Otherwise offers both. Never on save.",
};

/**
 * The manifest decides which side is right when its app.id names one of the two apps and not the
 * other: the other side is changed, as the preferred fix (never a safe one: it chooses). When
 * nothing decides, both ways are offered and neither is preferred.
 */
function waysOut(context: RuleContext, linkUuid: string, idUuid: string): { fixes: Fix[]; inputFix?: InputFix } {
  const appId = context.appId?.valueNode;
  const candidates = usableCandidates(context);
  const forLink = candidates.find((c) => c.appIdUuid === linkUuid);
  const forId = candidates.find((c) => c.appIdUuid === idUuid);
  const decided = forLink && !forId ? 'link' : forId && !forLink ? 'id' : undefined;
  const fixes: Fix[] = [];
  if (appId && decided !== 'id') {
    const value = forLink?.appId ?? appAri(linkUuid);
    fixes.push({
      title: forLink ? `Replace forgeAppId with app.id from ${forLink.label}` : `Make forgeAppId the app of forgeAppLink: "${value}"`,
      isPreferred: decided === 'link',
      safe: false,
      edits: () => [replaceString(appId, value)],
    });
  }
  if (decided === 'link') return { fixes };
  const title = forId ? `Set forgeAppLink… (the app of ${forId.label})` : 'Set forgeAppLink… (the app forgeAppId names)';
  return {
    fixes,
    inputFix: { title, key: 'forgeAppLink', appUuid: idUuid, placeholder: linkPlaceholder(idUuid), isPreferred: decided === 'id' },
  };
}
