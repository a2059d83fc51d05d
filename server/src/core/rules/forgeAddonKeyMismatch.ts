import { findProperty, stringValue } from '../descriptor';
import { callPlace } from '../clientKeyRoute';
import { isTemplated } from '../forgeIds';
import { Rule, RuleDocs } from './rule';
import { callRelated } from './forgeAppIdMissing';
import { checksForgeValues } from './scope';

export const forgeAddonKeyMismatch: Rule = {
  id: 'forge-addon-key-mismatch',
  defaultSeverity: 'warning',
  checks: {
    descriptor(context) {
      if (!checksForgeValues(context) || context.parsed.syntaxErrors.length > 0) return [];
      const keyNode = findProperty(context.root, 'key')?.valueNode;
      const key = stringValue(keyNode);
      if (!keyNode || key === undefined || isTemplated(key)) return [];
      const calls = context.manifests.matches.flatMap((candidate) => candidate.clientKeyCalls ?? []);
      return calls
        .filter((call) => call.addonKey !== undefined && call.addonKey !== key)
        .map((call) => ({
          // The names follow the first sentence: two keys of 40 characters would not fit in it.
          message: `The Forge app asks for the clientKey of another key than this one. Its call (${callPlace(call)}) names "${call.addonKey}", not "${key}", so it cannot find this Connect app's installations: use this key in the route.`,
          start: keyNode.offset,
          end: keyNode.offset + keyNode.length,
          related: [callRelated(call, `The route names "${call.addonKey}" here`)],
          fixes: [],
        }));
    },
  },
};

export const forgeAddonKeyMismatchDocs: RuleDocs = {
  description:
    "The matched Forge app's source asks the Addon API for the clientKey of a Connect app key written out in the route (`/2.0/addon/other-key/client-key`) that is not this descriptor's `key`.",
  fix: '',
};
