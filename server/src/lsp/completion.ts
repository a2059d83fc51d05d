/**
 * Completion of the two keys at the root and of their values. Every item leaves the file parsing:
 * it brings the commas its place needs, before (an additional edit after the member before) and
 * after, and puts the cursor in the value.
 *
 * Values: forgeAppId from the matched manifests; otherwise what leads to the right value. In VS
 * Code (a client with interactive fixes) "Set forgeAppLink…" and "Insert forgeAppId from a
 * manifest.yml…" run the commands; other clients get the console link of the matched app with a
 * placeholder signature, and the ARI form. Offering them also keeps VS Code's word-based
 * suggestions (the words of the file, which never make a link or an ARI) away: VS Code asks its
 * word provider only when no language's provider has items for the place (see the README).
 */
import { Command, CompletionItem, CompletionItemKind, InsertTextFormat, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { APP_ARI_PREFIX, Analysis, INSERT_APP_ID_COMMAND, SET_LINK_COMMAND, appAri, installLinkOf, uuidOfAri } from '../core';
import { toRange } from './convert';
import { RootPosition, Span, rootPositionAt } from './rootPosition';

export interface CompletionFeatures {
  /** The client runs the extension's commands (VS Code's client). */
  readonly interactiveFixes: boolean;
  readonly snippets: boolean;
}

const KEY_DOCS: Record<string, string> = {
  forgeAppLink: 'The Forge app\'s installation link (developer console → Distribution). Shown to admins as "Get the Forge app".',
  forgeAppId: "The Forge app's ARI, app.id in its manifest.yml. Lets the Forge app look up this Connect installation.",
};

/** VS Code's command that opens the suggestions again: the value's items, once the key is in. */
const TRIGGER_SUGGEST: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export function provideCompletion(
  document: TextDocument,
  analysis: Analysis,
  position: Position,
  features: CompletionFeatures,
): CompletionItem[] {
  const root = analysis.parsed.root;
  if (!root) return [];
  const text = document.getText();
  const offset = document.offsetAt(position);
  // A template's tree was read from its text with the tags set aside: the gaps are read there too,
  // and nothing is offered inside a tag (the reading has spaces where the text has the tag).
  const readText = analysis.parsed.readText;
  if (readText !== text && (readText[offset - 1] !== text[offset - 1] || readText[offset] !== text[offset])) return [];
  const at = rootPositionAt(readText, root, offset);
  if (!at || readText.slice(at.replace.start, at.replace.end) !== text.slice(at.replace.start, at.replace.end)) return [];
  const place = new Place(document, text, at, features);
  if (at.at === 'key') return keyCompletions(place, analysis);
  if (at.key === 'forgeAppLink') return linkCompletions(place, analysis);
  if (at.key === 'forgeAppId') return appIdCompletions(place, analysis);
  return [];
}

/** Where an item's text goes, and how to write it there. */
class Place {
  constructor(
    readonly document: TextDocument,
    private readonly text: string,
    readonly at: RootPosition,
    readonly features: CompletionFeatures,
  ) {}

  get replaced(): string {
    return this.text.slice(this.at.replace.start, this.at.replace.end);
  }

  /**
   * An item replacing the place with `newText` (a snippet when `snippet`), with the commas the
   * place needs unless `asIs` (a value left as it is needs none it did not have).
   */
  item(label: string, newText: string, extra: Omit<CompletionItem, 'label'>, snippet = false, asIs = false): CompletionItem {
    const { replace } = this.at;
    const snippets = snippet && this.features.snippets;
    let insert = snippet && !snippets ? plain(newText) : newText;
    if (this.at.at === 'value' && !asIs) {
      const prefix = this.text.slice(replace.start, replace.start + this.at.prefixLength);
      insert = `${snippets ? escapeSnippet(prefix) : prefix}${insert}`;
    }
    const item: CompletionItem = { label, ...extra };
    if (!asIs && this.at.commaAfter) insert = `${insert},`;
    if (!asIs && this.at.at === 'key' && this.at.commaBefore !== undefined) {
      // Right after the member before (nothing between): the comma leads the item's own text.
      if (this.at.commaBefore === replace.start) insert = `, ${insert}`;
      else item.additionalTextEdits = [{ range: this.range({ start: this.at.commaBefore, end: this.at.commaBefore }), newText: ',' }];
    }
    item.textEdit = { range: this.range(replace), newText: insert };
    item.insertTextFormat = snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText;
    // Clients filter on the text from the range's start to the cursor, a typed quote included.
    item.filterText ??= this.replaced.startsWith('"') ? JSON.stringify(label) : label;
    return item;
  }

  /** An item that keeps the string value as it is (or makes an absent one "") and runs a command. */
  commandItem(command: Command, detail: string): CompletionItem {
    const kept = this.at.at === 'value' && this.at.node !== undefined;
    const extra = {
      kind: CompletionItemKind.Event,
      detail,
      command,
      sortText: '0',
      preselect: true,
      filterText: this.replaced || command.title,
    };
    return this.item(command.title, kept ? this.replaced : '""', extra, false, kept);
  }

  private range(span: Span) {
    return toRange(this.document, span.start, span.end);
  }
}

function keyCompletions(place: Place, analysis: Analysis): CompletionItem[] {
  const at = place.at;
  if (at.at !== 'key') return [];
  return Object.keys(KEY_DOCS)
    .filter((key) => (key === 'forgeAppLink' ? analysis.link : analysis.appId) === undefined)
    .map((key) =>
      place.item(
        key,
        at.hasValue ? JSON.stringify(key) : `${JSON.stringify(key)}: "$1"`,
        {
          kind: CompletionItemKind.Property,
          detail: 'Bitbucket Cloud: link to the Forge app',
          documentation: KEY_DOCS[key],
          command: !at.hasValue && place.features.interactiveFixes ? TRIGGER_SUGGEST : undefined,
        },
        !at.hasValue,
      ),
    );
}

function linkCompletions(place: Place, analysis: Analysis): CompletionItem[] {
  if (place.features.interactiveFixes) {
    const command = { title: 'Set forgeAppLink…', command: SET_LINK_COMMAND, arguments: [place.document.uri] };
    return [place.commandItem(command, "Paste the installation link from the Forge app's distribution page")];
  }
  const apps = new Map<string, string>();
  for (const match of analysis.manifests.matches) {
    const uuid = match.appId ? uuidOfAri(match.appId) : undefined;
    if (uuid && !apps.has(uuid)) apps.set(uuid, `the app of ${match.label}`);
  }
  const named = analysis.appIdCheck?.uuid;
  if (named && !apps.has(named)) apps.set(named, 'the app forgeAppId names');
  const items = [...apps].map(([uuid, whose]) =>
    place.item(
      installLinkOf(uuid, '<signature>'),
      JSON.stringify(installLinkOf(uuid, '${1:<signature>}')),
      { kind: CompletionItemKind.Value, detail: `Installation link of ${whose}: paste its signature from the developer console` },
      true,
    ),
  );
  if (items.length > 0) return items;
  return [
    place.item(
      installLinkOf('<app-id>', '<signature>'),
      JSON.stringify(installLinkOf('${1:<app-id>}', '${2:<signature>}')),
      { kind: CompletionItemKind.Value, detail: "The installation link's form: copy the link from the Forge app's distribution page" },
      true,
    ),
  ];
}

function appIdCompletions(place: Place, analysis: Analysis): CompletionItem[] {
  const items = analysis.manifests.matches.flatMap((match) =>
    match.appId
      ? [place.item(match.appId, JSON.stringify(match.appId), { kind: CompletionItemKind.Value, detail: `app.id from ${match.label}` })]
      : [],
  );
  if (items.length > 0) return items;
  const linked = analysis.linkCheck?.uuid;
  if (linked) {
    items.push(
      place.item(appAri(linked), JSON.stringify(appAri(linked)), {
        kind: CompletionItemKind.Value,
        detail: 'The ARI of the app forgeAppLink installs',
      }),
    );
  }
  if (place.features.interactiveFixes) {
    const command = { title: 'Insert forgeAppId from a manifest.yml…', command: INSERT_APP_ID_COMMAND, arguments: [place.document.uri] };
    items.push(place.commandItem(command, "Read app.id from the Forge app's manifest.yml"));
  } else if (!linked) {
    items.push(
      place.item(
        `${APP_ARI_PREFIX}<uuid>`,
        JSON.stringify(`${APP_ARI_PREFIX}\${1:<uuid>}`),
        { kind: CompletionItemKind.Value, detail: "The ARI's form: app.id from the Forge app's manifest.yml" },
        true,
      ),
    );
  }
  return items;
}

/** Text put verbatim into a snippet. */
function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** A snippet's text as plain text, for clients without snippets: placeholders become their defaults. */
function plain(text: string): string {
  return text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}
