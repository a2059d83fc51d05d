import { ClientKeyCall, callPlace } from '../clientKeyRoute';
import { insertRootProperty } from '../edits';
import { Rule, RuleDocs } from './rule';
import { insertFromMatch, manifestRelated, usableCandidates } from './manifestCandidates';
import { hasStrayCopy } from './strayKeys';
import { rootAnchor } from './scope';

export const forgeAppIdMissing: Rule = {
  id: 'forge-app-id-missing',
  defaultSeverity: 'info',
  offersManifestPick: true,
  checks: {
    descriptor(context) {
      if (context.appId || hasStrayCopy(context, 'forgeAppId')) return [];
      const candidates = usableCandidates(context);
      if (candidates.length === 0) return [];
      const { text, root } = context;
      const calls = candidates.flatMap((candidate) => candidate.clientKeyCalls ?? []);
      // Short: it shares the root's hover with forge-app-link-missing; the manifests are related locations.
      const insert = insertFromMatch(context.manifests, candidates);
      return [
        {
          severity: calls.length > 0 ? 'warning' : undefined,
          message:
            calls.length > 0
              ? `No forgeAppId, so the Forge app's call for this installation's clientKey answers 404. The call (${callList(calls)}) answers once forgeAppId is the manifest's app.id and the installations are updated. ${insert}`
              : `No forgeAppId (optional): the Forge app cannot look up this Connect installation. ${insert}`,
          ...rootAnchor(root),
          related: [
            ...calls.map((call) => callRelated(call, `The Forge app calls GET /2.0/addon/{addon-key}/client-key here`)),
            ...candidates.map((c) => manifestRelated(c, `app.id of ${c.label}`)),
          ],
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

export const forgeAppIdMissingDocs: RuleDocs = {
  description:
    "`forgeAppId` is missing while a matching Forge `manifest.yml` is in the workspace: information (the key is optional), or a warning when the Forge app's source calls the Addon API route `/2.0/addon/{addon-key}/client-key`, which answers only once `forgeAppId` is set.",
  fix: 'Inserts `forgeAppId` from the matched manifest (one fix per manifest when several match equally).',
};

/** `src/index.js:12`, or the first and how many more. */
export function callList(calls: readonly ClientKeyCall[]): string {
  return calls.length === 1 ? callPlace(calls[0]) : `${callPlace(calls[0])} and ${calls.length - 1} more`;
}

export function callRelated(call: ClientKeyCall, message: string) {
  return { start: 0, end: 0, file: call.location, fileRange: call.range, message };
}
