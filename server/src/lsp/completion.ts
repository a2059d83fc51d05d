/** Completion of the two keys at the root, and of forgeAppId's value from matched manifests. */
import { CompletionItem, CompletionItemKind, InsertTextFormat, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLocation } from 'jsonc-parser';
import { Analysis, findProperty } from '../core';
import { toRange } from './diagnostics';

const KEY_DOCS: Record<string, string> = {
  forgeAppLink: 'The Forge app\'s installation link (developer console → Distribution). Shown to admins as "Get the Forge app".',
  forgeAppId: "The Forge app's ARI, app.id in its manifest.yml. Lets the Forge app look up this Connect installation.",
};

/** With `schemaDescribed`, the keys themselves are left to the client's JSON schema. */
export function provideCompletion(
  document: TextDocument,
  analysis: Analysis,
  position: Position,
  schemaDescribed = false,
): CompletionItem[] {
  const root = analysis.parsed.root;
  if (!root) return [];
  const text = document.getText();
  const offset = document.offsetAt(position);
  const location = getLocation(text, offset);
  if (location.isAtPropertyKey && location.path.length === 1)
    return schemaDescribed ? [] : keyCompletions(document, analysis, location.previousNode, offset);
  if (!location.isAtPropertyKey && location.path.length === 1 && location.path[0] === 'forgeAppId')
    return appIdCompletions(document, analysis, location.previousNode);
  return [];
}

type LocatedNode = ReturnType<typeof getLocation>['previousNode'];

function keyCompletions(document: TextDocument, analysis: Analysis, typed: LocatedNode, offset: number): CompletionItem[] {
  const root = analysis.parsed.root;
  const text = document.getText();
  // getLocation reports a key being typed (`"forgeA|"`, or the `""` a typed quote leaves) as a
  // 'property' node: replace that whole string, when the cursor is inside it.
  const inKey =
    typed !== undefined &&
    (typed.type === 'property' || typed.type === 'string') &&
    offset > typed.offset &&
    offset <= typed.offset + typed.length;
  return Object.keys(KEY_DOCS)
    .filter((key) => !findProperty(root, key))
    .map((key) => {
      const replacing = inKey ? typed : undefined;
      const hasValue = replacing !== undefined && /^\s*:/.test(text.slice(replacing.offset + replacing.length));
      const newText = hasValue ? JSON.stringify(key) : `${JSON.stringify(key)}: "$1"`;
      const item: CompletionItem = {
        label: key,
        kind: CompletionItemKind.Property,
        detail: 'Bitbucket Cloud: link to the Forge app',
        documentation: KEY_DOCS[key],
        insertTextFormat: hasValue ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
      };
      if (replacing) item.textEdit = { range: toRange(document, replacing.offset, replacing.offset + replacing.length), newText };
      else item.insertText = newText;
      return item;
    });
}

function appIdCompletions(document: TextDocument, analysis: Analysis, typed: LocatedNode): CompletionItem[] {
  const replacing = typed?.type === 'string' ? typed : undefined;
  return analysis.manifests.matches.flatMap((match) => {
    if (!match.appId) return [];
    const newText = JSON.stringify(match.appId);
    const item: CompletionItem = {
      label: match.appId,
      kind: CompletionItemKind.Value,
      detail: `app.id from ${match.label}`,
      filterText: newText,
    };
    if (replacing) item.textEdit = { range: toRange(document, replacing.offset, replacing.offset + replacing.length), newText };
    else item.insertText = newText;
    return [item];
  });
}
