import { ManifestErrorCode, isManifestVariantName } from '../manifest';
import { Rule, RuleDocs } from './rule';

/** The manifest's problems that leave it without a usable app.id; YAML syntax is left to YAML tooling. */
const APP_ID_ERRORS: ReadonlySet<ManifestErrorCode> = new Set([
  'no-app',
  'no-app-id',
  'app-id-not-string',
  'app-id-unresolved',
  'app-id-invalid',
]);

export const manifestAppId: Rule = {
  id: 'manifest-app-id',
  defaultSeverity: 'warning',
  checks: {
    manifest(context) {
      // The Forge CLI does not read a manifest.yaml at all: manifest-file-name says so instead.
      if (isManifestVariantName(context.fileName)) return [];
      return context.manifest.errors
        .filter((error) => APP_ID_ERRORS.has(error.code))
        .map((error) => {
          const replacement = error.replacement;
          return {
            // Not wrong, only unknown until the Forge CLI runs with the variable set.
            severity: error.code === 'app-id-unresolved' ? ('info' as const) : undefined,
            message: error.message,
            start: error.start,
            end: error.end,
            fixes:
              replacement === undefined
                ? []
                : [
                    {
                      title: `Correct app.id: ${replacement}`,
                      isPreferred: true,
                      safe: true,
                      edits: () => [{ start: error.start, end: error.end, newText: replacement }],
                    },
                  ],
          };
        });
    },
  },
};

export const manifestAppIdDocs: RuleDocs = {
  description:
    'In an open `manifest.yml`: `app.id` is missing (run `forge register`), not a string, not a strict ARI, or a `${VAR}` without a default (information).',
  fix: 'Bare UUID or console URL → the ARI; upper case → lower case; removes stray spaces inside quotes.',
};
