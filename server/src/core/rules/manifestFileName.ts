import { MANIFEST_FILE_NAME, isManifestVariantName } from '../manifest';
import { Rule } from './rule';
import { checksForgeValues, rootAnchor } from './scope';

export const manifestFileName: Rule = {
  id: 'manifest-file-name',
  defaultSeverity: 'info',
  description:
    'A `manifest.yaml` is near the descriptor but no `manifest.yml` (also shown in an open `manifest.yaml`): the Forge CLI reads only `manifest.yml`.',
  fix: '',
  checks: {
    descriptor(context) {
      const variants = context.manifests.ignoredVariants ?? [];
      if (!checksForgeValues(context) || variants.length === 0 || context.manifests.matches.length > 0) return [];
      return [
        {
          message: `Found ${variants.map((v) => v.label).join(', ')}, but the Forge CLI reads only a file named manifest.yml: rename it so that forge deploy and this extension use it.`,
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
          message: `The Forge CLI reads only a file named ${MANIFEST_FILE_NAME}; it ignores ${context.fileName}. Rename it to ${MANIFEST_FILE_NAME}.`,
          start: 0,
          end: 0,
          fixes: [],
        },
      ];
    },
  },
};
