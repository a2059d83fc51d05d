import { replaceString } from '../edits';
import { Rule, RuleDocs } from './rule';
import { describeMatch, manifestRelated, usableCandidates } from './manifestCandidates';

export const forgeAppIdManifestMismatch: Rule = {
  id: 'forge-app-id-manifest-mismatch',
  defaultSeverity: 'warning',
  offersManifestPick: true,
  checks: {
    descriptor(context) {
      const valueNode = context.appId?.valueNode;
      const current = context.appIdCheck;
      if (!valueNode || valueNode.type !== 'string' || !current || current.templated) return [];
      const candidates = usableCandidates(context);
      if (candidates.length === 0) return [];
      // Compare apps, not spellings: a fixable spelling (upper case, bare UUID) is another rule's.
      if (candidates.some((c) => c.appIdUuid === current.uuid)) return [];
      const value = String(valueNode.value);
      return [
        {
          message: `forgeAppId is not the app.id of the Forge app's manifest.yml. It is "${value}". ${describeMatch(context.manifests, candidates, (c) => ` with "${c.appId}"`)}`,
          start: valueNode.offset,
          end: valueNode.offset + valueNode.length,
          related: candidates.map((c) => manifestRelated(c, `app.id of ${c.label}`)),
          fixes: candidates.map((candidate) => ({
            title: `Replace with app.id from ${candidate.label}`,
            isPreferred: candidates.length === 1,
            safe: false,
            edits: () => [replaceString(valueNode, candidate.appId as string)],
          })),
        },
      ];
    },
  },
};

export const forgeAppIdManifestMismatchDocs: RuleDocs = {
  description: '`forgeAppId` differs from the `app.id` of the matching Forge `manifest.yml`.',
  fix: "Replaces it with the manifest's `app.id` (one fix per manifest when several match equally).",
};
