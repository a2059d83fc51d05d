/** Shared wording and locations for the rules that compare a descriptor with its manifests. */
import { ManifestCandidate, ManifestContext } from '../manifestContext';
import { RelatedLocation } from '../types';
import { RuleContext } from './rule';
import { checksForgeValues } from './scope';

export function manifestRelated(candidate: ManifestCandidate, message: string): RelatedLocation {
  return { start: 0, end: 0, file: candidate.location, fileRange: candidate.appIdRange, message };
}

/** The candidates with a usable app.id, when the descriptor should be compared with them at all. */
export function usableCandidates(context: RuleContext): ManifestCandidate[] {
  if (!checksForgeValues(context) || context.parsed.syntaxErrors.length > 0) return [];
  return context.manifests.matches.filter((m) => m.appId !== undefined);
}

/** Which manifest was matched and why, as a sentence: "forge/manifest.yml, matched because it is the nearest manifest.yml, …". */
export function describeMatch(
  manifests: ManifestContext,
  candidates: readonly ManifestCandidate[],
  ofEach: (candidate: ManifestCandidate) => string = () => '',
): string {
  const why = manifests.reason ?? (candidates.length === 1 ? 'it is the only one' : 'they are equally near');
  if (candidates.length === 1)
    return `The Forge app's manifest is ${candidates[0].label}${ofEach(candidates[0])} (matched because ${why}).`;
  return `${candidates.length} manifests match equally well (${why}): ${candidates.map((c) => `${c.label}${ofEach(c)}`).join(', ')}. Pick the Forge app that replaces this Connect app.`;
}
