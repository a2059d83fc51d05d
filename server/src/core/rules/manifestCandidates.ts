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

/** Why the candidates were matched: "it is the nearest manifest.yml", "it names the same Forge app"… */
function matchReason(manifests: ManifestContext, candidates: readonly ManifestCandidate[]): string {
  return manifests.reason ?? (candidates.length === 1 ? 'it is the only one' : 'they are equally near');
}

/** Which manifest was matched and why, as a sentence: "forge/manifest.yml, matched because it is the nearest manifest.yml, …". */
export function describeMatch(
  manifests: ManifestContext,
  candidates: readonly ManifestCandidate[],
  ofEach: (candidate: ManifestCandidate) => string = () => '',
): string {
  const why = matchReason(manifests, candidates);
  if (candidates.length === 1)
    return `The Forge app's manifest is ${candidates[0].label}${ofEach(candidates[0])} (matched because ${why}).`;
  return `${candidates.length} manifests match equally well (${why}): ${candidates.map((c) => `${c.label}${ofEach(c)}`).join(', ')}. Pick the Forge app that replaces this Connect app.`;
}

/**
 * Where a fix would take app.id from, as one short sentence for a message shown beside others
 * (a root hover): the matched manifest and why, or how many match; several are listed by the
 * finding's related locations (their app.id lines), not in the message.
 */
export function insertFromMatch(manifests: ManifestContext, candidates: readonly ManifestCandidate[]): string {
  return candidates.length === 1
    ? `Insert app.id from ${candidates[0].label} (matched because ${matchReason(manifests, candidates)}).`
    : `Insert app.id from one of the ${candidates.length} matching manifests.`;
}
