import { getNodeValue } from 'jsonc-parser';
import { Property, stringValue } from '../descriptor';
import { isTemplated } from '../forgeIds';
import { linePosition } from '../lines';
import { RelatedLocation } from '../types';
import { COMPARED_KEYS, ComparedKey } from '../served/comparedKeys';
import { DescriptorSide, FindingDraft, Rule, RuleDocs, ServedRuleContext } from './rule';
import { rootAnchor } from './scope';

export function comparedProperty(side: DescriptorSide, key: ComparedKey): Property | undefined {
  return key === 'key' ? side.key : key === 'forgeAppLink' ? side.link : side.appId;
}

export const servedDescriptorDiffers: Rule = {
  id: 'served-descriptor-differs',
  defaultSeverity: 'warning',
  checks: {
    served(context) {
      const { local, served } = context;
      if (!local?.parsed.root || !served.parsed.root) return [];
      return COMPARED_KEYS.flatMap((key) => compare(context, key));
    },
  },
};

export const servedDescriptorDiffersDocs: RuleDocs = {
  description:
    'The descriptor the app serves (`--served`, or **Check the Served Descriptor…**) differs from the local one in `key`, `forgeAppLink` or `forgeAppId`: one finding per key. A value that is a template in the local file is not compared.',
  fix: '',
};

function compare(context: ServedRuleContext, key: ComparedKey): FindingDraft[] {
  const { url, served } = context;
  const local = context.local;
  if (!local) return [];
  const here = comparedProperty(local, key);
  const there = comparedProperty(served, key);
  const localString = stringValue(here?.valueNode);
  if (localString !== undefined && isTemplated(localString)) return [];
  const label = local.label;
  const related: RelatedLocation[] = here ? [localRelated(local, here, `${key} in ${label}`)] : [];
  if (here && !there) {
    const root = served.parsed.root;
    return [
      {
        message: `The served descriptor has no ${key}, but ${label} has one. Deploy ${label} before you update the installations (served at ${url}).`,
        ...(root ? rootAnchor(root) : { start: 0, end: Math.min(1, served.text.length) }),
        related,
        fixes: [],
      },
    ];
  }
  if (!there?.valueNode) return [];
  const value = there.valueNode;
  const range = { start: value.offset, end: value.offset + value.length };
  const servedShown = show(getNodeValue(value));
  if (!here) {
    return [
      {
        message: `The served descriptor has a ${key}, but ${label} has none. Is ${label} the descriptor that was deployed? ${url} serves ${servedShown}.`,
        ...range,
        fixes: [],
      },
    ];
  }
  const localValue = here.valueNode ? getNodeValue(here.valueNode) : undefined;
  if (JSON.stringify(localValue) === JSON.stringify(getNodeValue(value))) return [];
  const localShown = show(localValue);
  const servedString = stringValue(value);
  const unrendered = servedString !== undefined && isTemplated(servedString) ? ' (a template that was not filled in)' : '';
  const deploy = `Deploy ${label} before you update the installations, or correct the file if the served one is right.`;
  let message: string;
  if (key === 'key') {
    message = `The served key differs from ${label}'s. Is ${url} this app's descriptor? It serves ${servedShown}${unrendered}, the file has ${localShown}.`;
  } else if (key === 'forgeAppLink') {
    const servedApp = served.linkCheck?.uuid;
    const localApp = local.linkCheck?.uuid;
    const otherApp =
      servedApp !== undefined && localApp !== undefined && servedApp !== localApp
        ? ` It installs another Forge app (${servedApp}, not ${localApp}).`
        : '';
    message = `The served forgeAppLink differs from ${label}'s. ${url} serves ${servedShown}${unrendered}, the file has ${localShown}.${otherApp} ${deploy}`;
  } else {
    message = `The served forgeAppId differs from ${label}'s. ${url} serves ${servedShown}${unrendered}, the file has ${localShown}. ${deploy}`;
  }
  return [{ message, ...range, related, fixes: [] }];
}

function localRelated(local: NonNullable<ServedRuleContext['local']>, property: Property, message: string): RelatedLocation {
  const node = property.node;
  return {
    start: 0,
    end: 0,
    file: local.location,
    fileRange: { start: linePosition(local.text, node.offset), end: linePosition(local.text, node.offset + node.length) },
    message,
  };
}

/** A value as the messages quote it: strings in quotes, long ones cut. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 90 ? `${text.slice(0, 87)}…"` : text;
}
