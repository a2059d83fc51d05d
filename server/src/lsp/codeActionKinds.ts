/** Which code action kinds a request asks for: the one decision every code action provider uses. */
import { CodeActionKind } from 'vscode-languageserver/node';

/** Fix-all, on save or from the Source Action menu, in descriptors and manifests alike. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.connectForgeLink`;
export const FIX_ALL_TITLE = 'Fix all auto-fixable Forge link problems';

/**
 * Whether a request whose context carries `only` asks for actions of `kind`. Kinds are
 * hierarchical, as LSP and VS Code define them: `source` asks for `source.fixAll.connectForgeLink`,
 * the empty kind for everything, and `quick` for nothing (it is no kind's parent). Source actions
 * are given only when asked for (on save, from the Source Action menu), never to a plain request
 * without `only`, which editors send for the light bulb.
 */
export function isKindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only) return !isSourceKind(kind);
  return only.some((requested) => requested === CodeActionKind.Empty || kind === requested || kind.startsWith(`${requested}.`));
}

function isSourceKind(kind: string): boolean {
  return kind === CodeActionKind.Source || kind.startsWith(`${CodeActionKind.Source}.`);
}
