import { Rule, RuleDocs } from './rule';
import { checksForgeValues } from './scope';

export const forgeValueTemplate: Rule = {
  id: 'forge-value-template',
  defaultSeverity: 'info',
  checks: {
    descriptor(context) {
      // On Jira/Confluence descriptors the keys are unused altogether, which forge-key-unused says.
      if (!checksForgeValues(context)) return [];
      const findings = [];
      for (const [property, check] of [
        [context.link, context.linkCheck],
        [context.appId, context.appIdCheck],
      ] as const) {
        if (!property?.valueNode || !check?.templated) continue;
        findings.push({
          message: `${property.name} is a template, filled in only when the descriptor is served. It cannot be checked here: check the served descriptor (Check the Served Descriptor…, or connect-forge-lint --served).`,
          start: property.valueNode.offset,
          end: property.valueNode.offset + property.valueNode.length,
          fixes: [],
        });
      }
      return findings;
    },
  },
};

export const forgeValueTemplateDocs: RuleDocs = {
  description:
    '`forgeAppLink` or `forgeAppId` is a template (`{{…}}`, `${…}`, `<%…%>`) filled in when the descriptor is served, so it cannot be checked here.',
  fix: '',
};
