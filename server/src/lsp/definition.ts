/** Go to definition on forgeAppId's value opens the matched manifest at app.id. */
import { Location, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findNodeAtOffset } from 'jsonc-parser';
import { Analysis } from '../core';

export function provideDefinition(document: TextDocument, analysis: Analysis, position: Position): Location[] | null {
  const root = analysis.parsed.root;
  if (!root) return null;
  const node = findNodeAtOffset(root, document.offsetAt(position), true);
  const property = node?.parent;
  if (
    property?.type !== 'property' ||
    property.parent !== root ||
    property.children?.[0]?.value !== 'forgeAppId' ||
    property.children?.[1] !== node
  )
    return null;
  const locations = analysis.manifests.matches.flatMap((match) =>
    match.appIdRange ? [Location.create(match.location, match.appIdRange)] : [],
  );
  return locations.length > 0 ? locations : null;
}
