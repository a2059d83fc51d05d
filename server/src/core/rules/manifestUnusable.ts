import { Rule, RuleDocs } from './rule';
import { checksForgeValues, rootAnchor } from './scope';

export const manifestUnusable: Rule = {
  id: 'manifest-unusable',
  defaultSeverity: 'warning',
  offersManifestPick: true,
  checks: {
    descriptor(context) {
      if (!checksForgeValues(context)) return [];
      const matches = context.manifests.matches;
      // Only when it blocks the checks: a usable candidate among equals is enough.
      if (matches.length === 0 || matches.some((m) => m.appId !== undefined)) return [];
      const value = context.appId?.valueNode;
      const anchor = value ? { start: value.offset, end: value.offset + value.length } : rootAnchor(context.root);
      return matches.map((manifest) => ({
        severity: manifest.unresolved ? ('info' as const) : undefined,
        message: `forgeAppId cannot be checked: ${manifest.label} has no usable app.id. ${manifest.problem ?? ''}`.trimEnd(),
        ...anchor,
        related: [
          { start: 0, end: 0, file: manifest.location, fileRange: manifest.appIdRange, message: manifest.problem ?? 'no usable app.id' },
        ],
        fixes: [],
      }));
    },
  },
};

export const manifestUnusableDocs: RuleDocs = {
  description:
    'The matching Forge `manifest.yml` cannot supply an app id (no `app.id`, not an ARI, a `${VAR}` without a default, YAML errors), so `forgeAppId` cannot be checked against it.',
  fix: '',
};
