import { Rule, RuleDocs } from './rule';
import { notAStringFinding, valueProblemFindings } from './valueProblems';
import { checksForgeValues } from './scope';

export const forgeAppIdInvalid: Rule = {
  id: 'forge-app-id-invalid',
  defaultSeverity: 'warning',
  checks: {
    descriptor(context) {
      const { appId, appIdCheck } = context;
      if (!appId?.valueNode || !checksForgeValues(context)) return [];
      if (appId.valueNode.type !== 'string') {
        return notAStringFinding(appId, 'the ARI "ari:cloud:ecosystem::app/<uuid>" from manifest.yml');
      }
      if (!appIdCheck || appIdCheck.templated) return [];
      return valueProblemFindings(context.text, appId, appIdCheck.problems);
    },
  },
};

export const forgeAppIdInvalidDocs: RuleDocs = {
  description:
    '`forgeAppId` is not the strict Forge app ARI `ari:cloud:ecosystem::app/<lowercase uuid>` (wrong type, bare UUID, console URL, upper case, all-zero placeholder, stray spaces).',
  fix: 'Bare UUID or console URL → the ARI; upper case → lower case; removes stray spaces.',
};
