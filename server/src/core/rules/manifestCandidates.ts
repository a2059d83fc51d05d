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

/** "manifest.yml at forge/manifest.yml (nearest)" or the list when ambiguous. */
export function describeMatch(manifests: ManifestContext, candidates: readonly ManifestCandidate[]): string {
  if (candidates.length === 1) return `${candidates[0].label} (matched because ${manifests.reason ?? 'it is the only one'})`;
  return `${candidates.length} manifests that match equally well (${candidates.map((c) => c.label).join(', ')}: ${manifests.reason ?? 'equally near'}); pick the Forge app that replaces this Connect app`;
}
