import { MANIFEST_FILE_NAME, isManifestVariantName } from '../manifest';
import { Rule, RuleDocs } from './rule';
import { checksForgeValues, rootAnchor } from './scope';

export const manifestFileName: Rule = {
  id: 'manifest-file-name',
  defaultSeverity: 'info',
  checks: {
    descriptor(context) {
      const variants = context.manifests.ignoredVariants ?? [];
      if (!checksForgeValues(context) || variants.length === 0 || context.manifests.matches.length > 0) return [];
      return [
        {
          message:
            variants.length === 1
              ? `${variants[0].label} is ignored: the Forge CLI reads only manifest.yml. Rename it so that forge deploy and this extension use it.`
              : `${variants.length} manifest.yaml files are ignored: the Forge CLI reads only manifest.yml. Rename ${variants.map((v) => v.label).join(' and ')} so that forge deploy and this extension use them.`,
          ...rootAnchor(context.root),
          related: variants.map((v) => ({
            start: 0,
            end: 0,
            file: v.location,
            fileRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            message: 'the Forge CLI does not read this file',
          })),
          fixes: [],
        },
      ];
    },
    manifest(context) {
      if (!isManifestVariantName(context.fileName)) return [];
      return [
        {
          message: `The Forge CLI ignores ${context.fileName}: it reads only ${MANIFEST_FILE_NAME}. Rename it to ${MANIFEST_FILE_NAME}.`,
          start: 0,
          end: 0,
          fixes: [],
        },
      ];
    },
  },
};

export const manifestFileNameDocs: RuleDocs = {
  description:
    'A `manifest.yaml` is near the descriptor but no `manifest.yml` (also shown in an open `manifest.yaml`): the Forge CLI reads only `manifest.yml`.',
  fix: '',
};
