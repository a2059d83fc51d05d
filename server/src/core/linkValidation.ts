/**
 * What "Set forgeAppLink…" says of a link before it takes it: the first thing wrong in the link as
 * it reads (its scheme before its host, its path, its app, its signature, its product), then, for
 * a link that can be taken, whether it installs another app than the descriptor names elsewhere
 * (forgeAppId, the matched manifest).
 * The server answers the client's input box with it (connectForgeLink/checkLink), as the user types.
 */
import { checkInstallLink, isBlockingLinkProblem, normalizeInstallLink } from './forgeIds';

/** An app the descriptor names, and what names it ("forgeAppId", a manifest's path). */
export interface NamedApp {
  readonly uuid: string;
  readonly by: string;
}

export interface LinkValidation {
  readonly message: string;
  /** An error blocks the link; a warning lets the user take it. */
  readonly severity: 'error' | 'warning';
}

export function validateLink(value: string, extraHosts: readonly string[], namedApps: readonly NamedApp[]): LinkValidation | undefined {
  const check = checkInstallLink(normalizeInstallLink(value), { extraHosts });
  const [first] = check.problems;
  const blocking = check.problems.find(isBlockingLinkProblem);
  if (blocking) {
    // The most specific cause first (an http link is wrong in its scheme before its app id).
    return { message: first && first !== blocking ? `${first.message} ${blocking.message}` : blocking.message, severity: 'error' };
  }
  // A link the user may take: whatever else is wrong with it, say too that it installs another app
  // (said only after the edit, as forge-ids-mismatch, it comes too late).
  const other = check.uuid ? otherApps(check.uuid, namedApps) : undefined;
  if (!first) return other === undefined ? undefined : { message: other, severity: 'warning' };
  return { message: other ? `${first.message} ${other}` : first.message, severity: 'warning' };
}

/** "This link installs the app A, but forgeAppId and forge/manifest.yml name B." */
function otherApps(uuid: string, namedApps: readonly NamedApp[]): string | undefined {
  const others = new Map<string, string[]>();
  for (const named of namedApps) {
    if (named.uuid !== uuid) others.set(named.uuid, [...(others.get(named.uuid) ?? []), named.by]);
  }
  if (others.size === 0) return undefined;
  const clauses = [...others].map(([other, by]) => `${list(by)} name${by.length === 1 ? 's' : ''} ${other}`);
  return `This link installs the app ${uuid}, but ${list(clauses)}.`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
