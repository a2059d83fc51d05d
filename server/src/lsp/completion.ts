/** Completion of the two keys at the root, and of forgeAppId's value from matched manifests. */
import { CompletionItem, CompletionItemKind, InsertTextFormat, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Node } from 'jsonc-parser';
import { Analysis } from '../core';
import { toRange } from './convert';
import { rootPositionAt } from './rootPosition';

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
  const offset = document.offsetAt(position);
  // A template's tree was read from its text with the tags set aside: the gaps are read there too.
  const at = rootPositionAt(analysis.parsed.readText, root, offset);
  if (at?.at === 'key') return schemaDescribed ? [] : keyCompletions(document, analysis, at.node, offset);
  if (at?.at === 'value' && at.key === 'forgeAppId') return appIdCompletions(document, analysis, at.node);
  return [];
}

function keyCompletions(document: TextDocument, analysis: Analysis, typed: Node | undefined, offset: number): CompletionItem[] {
  const text = document.getText();
  // A key being typed (`"forgeA|"`, or the `""` a typed quote leaves): replace that whole string,
  // when the cursor is inside it.
  const inKey = typed !== undefined && offset > typed.offset && offset <= typed.offset + typed.length;
  return Object.keys(KEY_DOCS)
    .filter((key) => (key === 'forgeAppLink' ? analysis.link : analysis.appId) === undefined)
    .map((key) => {
      const replacing = inKey ? typed : undefined;
      const hasValue = replacing !== undefined && followedByColon(text, replacing.offset + replacing.length);
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

/** Whether a colon follows the offset (after whitespace): the key being replaced already has its value. */
function followedByColon(text: string, offset: number): boolean {
  const colon = /\s*:/y;
  colon.lastIndex = offset;
  return colon.test(text);
}

function appIdCompletions(document: TextDocument, analysis: Analysis, typed: Node | undefined): CompletionItem[] {
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
