import { Rule } from './rule';
import { checksForgeValues } from './scope';

export const manifestUnusable: Rule = {
  id: 'manifest-unusable',
  defaultSeverity: 'warning',
  description:
    'The matching Forge `manifest.yml` cannot supply an app id (no `app.id`, not an ARI, a `${VAR}` without a default, YAML errors), so `forgeAppId` cannot be checked against it.',
  fix: '',
  offersManifestPick: true,
  checks: {
    descriptor(context) {
      if (!checksForgeValues(context)) return [];
      const matches = context.manifests.matches;
      // Only when it blocks the checks: a usable candidate among equals is enough.
      if (matches.length === 0 || matches.some((m) => m.appId !== undefined)) return [];
      const anchor = context.appId?.valueNode ?? context.root;
      return matches.map((manifest) => ({
        severity: manifest.unresolved ? ('info' as const) : undefined,
        message: `The Forge manifest ${manifest.label} cannot be used to check forgeAppId: ${manifest.problem ?? 'it has no usable app.id'}`,
        start: anchor.offset,
        end: anchor === context.root ? anchor.offset + 1 : anchor.offset + anchor.length,
        related: [
          { start: 0, end: 0, file: manifest.location, fileRange: manifest.appIdRange, message: manifest.problem ?? 'no usable app.id' },
        ],
        fixes: [],
      }));
    },
  },
};
