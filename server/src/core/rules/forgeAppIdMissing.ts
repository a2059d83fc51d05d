import { insertRootProperty } from '../edits';
import { Rule } from './rule';
import { describeMatch, manifestRelated, usableCandidates } from './manifestCandidates';
import { hasStrayCopy } from './strayKeys';
import { rootAnchor } from './scope';

export const forgeAppIdMissing: Rule = {
  id: 'forge-app-id-missing',
  defaultSeverity: 'info',
  description:
    '`forgeAppId` is missing while a matching Forge `manifest.yml` is in the workspace (the key is optional: the Forge app needs it only to call the Addon API).',
  fix: 'Inserts `forgeAppId` from the matched manifest (one fix per manifest when several match equally).',
  offersManifestPick: true,
  checks: {
    descriptor(context) {
      if (context.appId || hasStrayCopy(context, 'forgeAppId')) return [];
      const candidates = usableCandidates(context);
      if (candidates.length === 0) return [];
      const { text, root } = context;
      return [
        {
          message: `forgeAppId is not set. The Forge app's manifest is ${describeMatch(context.manifests, candidates)}. forgeAppId is optional: it lets the Forge app fetch this Connect installation's clientKey through the Addon API.`,
          ...rootAnchor(root),
          related: candidates.map((c) => manifestRelated(c, `app.id of ${c.label}`)),
          fixes: candidates.map((candidate) => ({
            title: `Insert forgeAppId from ${candidate.label}`,
            isPreferred: candidates.length === 1,
            safe: false,
            edits: () => insertRootProperty(text, root, 'forgeAppId', JSON.stringify(candidate.appId)),
          })),
        },
      ];
    },
  },
};
