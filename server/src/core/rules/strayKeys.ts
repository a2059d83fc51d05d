/**
 * Where the Forge keys are written but not read: below the root, or under a near-miss name.
 * Shared by the rules that report them and by the missing-key rule, which stays silent when a
 * stray copy already tells the user what to do.
 */
import { Node } from 'jsonc-parser';
import { propertiesOf, visitNestedProperties } from '../descriptor';
import { editDistance } from '../nearest';
import { FORGE_KEYS, ForgeKey, NearMiss, NestedKey, RuleContext } from './rule';

const FORGE_KEY_NAMES: ReadonlySet<string> = new Set(FORGE_KEYS);

/** The Forge keys below the root, in document order (analyze keeps the result on the rule context). */
export function findNestedForgeKeys(root: Node, text: string): NestedKey[] {
  const found: NestedKey[] = [];
  visitNestedProperties(
    root,
    (property, path) => found.push({ key: property.name as ForgeKey, property, path: path() }),
    FORGE_KEY_NAMES,
    text,
  );
  return found;
}

const ALIASES: Record<string, ForgeKey> = {
  forgeappurl: 'forgeAppLink',
  forgeapplinkurl: 'forgeAppLink',
  forgeinstalllink: 'forgeAppLink',
  forgeinstallurl: 'forgeAppLink',
  forgeappinstalllink: 'forgeAppLink',
  forgeappinstallurl: 'forgeAppLink',
  forgelink: 'forgeAppLink',
  forgeappari: 'forgeAppId',
  forgeid: 'forgeAppId',
  forgeappuuid: 'forgeAppId',
  forgeari: 'forgeAppId',
};

/** The root's near-miss keys (analyze keeps the result on the rule context). */
export function findNearMisses(root: Node): NearMiss[] {
  const result: NearMiss[] = [];
  for (const property of propertiesOf(root)) {
    if ((FORGE_KEYS as readonly string[]).includes(property.name)) continue;
    const normalized = property.name.toLowerCase().replace(/[-_\s.]/g, '');
    for (const key of FORGE_KEYS) {
      if (normalized === key.toLowerCase()) result.push({ key, property, certain: true });
      else if (ALIASES[normalized] === key || (normalized.startsWith('forge') && editDistance(normalized, key.toLowerCase()) <= 2)) {
        result.push({ key, property, certain: false });
      }
    }
  }
  return result;
}

export function hasStrayCopy(context: RuleContext, key: ForgeKey): boolean {
  return context.nestedForgeKeys().some((n) => n.key === key) || context.nearMisses().some((n) => n.key === key);
}

/**
 * Whether fix-all may bring this near-miss to the root by renaming it: only when nothing else
 * would bring another copy there in the same pass (a nested copy's move, another certain rename),
 * which would leave the root with duplicates and one of the values lost.
 */
export function renameIsCertain(context: RuleContext, miss: NearMiss): boolean {
  if (!miss.certain) return false;
  if (context.nestedForgeKeys().some((n) => n.key === miss.key)) return false;
  return !context.nearMisses().some((n) => n.key === miss.key && n.certain && n.property.node !== miss.property.node);
}
