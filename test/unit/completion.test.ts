/**
 * Completion never breaks the file: at every offset of whole descriptors (comments, trailing
 * commas, CRLF, a BOM, templates) and of the broken texts that typing leaves, an item offered for
 * a key or a value leaves the text parsing as well as before, with the key at the root. Completion
 * reads the place from the analysis's tree (server/src/lsp/rootPosition.ts); these tests run it
 * as the server does, on a document and its analysis.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ParseError, getLocation, parse, parseTree } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, CompletionItemKind } from 'vscode-languageserver/node';
import { AnalysisOptions, analyze, parseDescriptor, propertiesOf } from '../../server/src/core';
import { CompletionFeatures, provideCompletion } from '../../server/src/lsp/completion';
import { applyCompletion } from '../support/lspClient';
import { ARI, bitbucketDescriptor, jiraDescriptor } from '../support/lspFixtures';

const OTHER_CLIENT: CompletionFeatures = { interactiveFixes: false, snippets: true };

type Completer = (offset: number) => { items: CompletionItem[]; document: TextDocument };

/** Completion at any offset of one version of a text: analysed once, as the server's document cache does. */
function completer(text: string, features = OTHER_CLIENT): Completer {
  const document = TextDocument.create('file:///w/atlassian-connect.json', 'json', 1, text);
  const analysis = analyze(text);
  return (offset) => ({ items: provideCompletion(document, analysis, document.positionAt(offset), features), document });
}

function complete(text: string, offset: number, features = OTHER_CLIENT): { items: CompletionItem[]; document: TextDocument } {
  return completer(text, features)(offset);
}

function errorCount(text: string): number {
  const errors: ParseError[] = [];
  parseTree(text.replace(/^\uFEFF/, ' '), errors, { allowTrailingComma: true });
  return errors.length;
}

function rootKeys(text: string): string[] {
  return propertiesOf(parseDescriptor(text).root).map((p) => p.name);
}

/** Accepts `label` at `offset`: the text after, or undefined when it is not offered there. */
function accept(text: string, offset: number, label: string, at: Completer = completer(text)): string | undefined {
  const { items, document } = at(offset);
  const item = items.find((i) => i.label === label);
  return item && applyCompletion(text, item, document.positionAt(offset));
}

/** Each offset of the text where `label` is offered, with the text after accepting it there. */
function acceptedEverywhere(text: string, label: string): { offset: number; after: string }[] {
  const at = completer(text);
  const accepted: { offset: number; after: string }[] = [];
  for (let offset = 0; offset <= text.length; offset++) {
    const after = accept(text, offset, label, at);
    if (after !== undefined) accepted.push({ offset, after });
  }
  return accepted;
}

const KEY = 'forgeAppLink';

/** Every offset of a text that parses: what is offered there parses too, and nothing is offered inside nested values. */
function assertNeverBreaks(text: string): void {
  assert.equal(errorCount(text), 0, 'the sample parses');
  const before = parse(text.replace(/^\uFEFF/, ' '), [], { allowTrailingComma: true }) as Record<string, unknown>;
  const at = completer(text);
  for (let offset = 0; offset <= text.length; offset++) {
    const { items, document } = at(offset);
    const where = `${JSON.stringify(text.slice(Math.max(0, offset - 20), offset))}|${JSON.stringify(text.slice(offset, offset + 20))}`;
    if (getLocation(text, offset).path.length > 1) assert.deepEqual(items, [], `nothing inside a nested value: ${where}`);
    for (const item of items) {
      const after = applyCompletion(text, item, document.positionAt(offset));
      assert.equal(errorCount(after), 0, `"${item.label}" at ${where} gives:\n${after}`);
      const value = parse(after.replace(/^\uFEFF/, ' '), [], { allowTrailingComma: true }) as Record<string, unknown>;
      if (item.kind === CompletionItemKind.Property) {
        const key = String(item.label);
        assert.ok(rootKeys(after).includes(key), `${key} at the root: ${where}`);
        if (item.textEdit?.newText !== JSON.stringify(key)) {
          const rest = { ...value };
          delete rest[key];
          assert.deepEqual(rest, before, `nothing else changed: ${where}`);
        }
      } else {
        assert.ok(typeof value.forgeAppId === 'string' && value.forgeAppId.startsWith('ari:cloud:ecosystem::app/'), `${where}:\n${after}`);
      }
    }
  }
}

const MEMBERS = ['"key": "a"', '"contexts": ["account"]', '"modules": { "webItems": [{ "key": "w" }] }'];

describe('completion at the root', () => {
  // `|` marks the cursor. Each case: where, the text, what accepting forgeAppLink gives.
  const table: [string, string, string][] = [
    ['first member', '{\n  |\n  "key": "a",\n  "name": "A"\n}', '{\n  "forgeAppLink": "",\n  "key": "a",\n  "name": "A"\n}'],
    ['middle member', '{\n  "key": "a",\n  |\n  "name": "A"\n}', '{\n  "key": "a",\n  "forgeAppLink": "",\n  "name": "A"\n}'],
    ['last member', '{\n  "key": "a",\n  "name": "A"\n  |\n}', '{\n  "key": "a",\n  "name": "A",\n  "forgeAppLink": ""\n}'],
    ['an empty object', '{|}', '{"forgeAppLink": ""}'],
    ['an empty object over lines', '{\n  |\n}', '{\n  "forgeAppLink": ""\n}'],
    [
      'before a comment',
      '{\n  "key": "a",\n  |\n  // the name\n  "name": "A"\n}',
      '{\n  "key": "a",\n  "forgeAppLink": "",\n  // the name\n  "name": "A"\n}',
    ],
    ['after a comment', '{\n  "key": "a" // the key\n  |\n}', '{\n  "key": "a", // the key\n  "forgeAppLink": ""\n}'],
    ['trailing commas', '{\n  "key": "a",\n  "name": "A",\n  |\n}', '{\n  "key": "a",\n  "name": "A",\n  "forgeAppLink": ""\n}'],
    [
      'after a member without a comma',
      '{\n  "key": "a"\n  |\n  "name": "A"\n}',
      '{\n  "key": "a",\n  "forgeAppLink": "",\n  "name": "A"\n}',
    ],
    ['right after a value', '{ "key": "a"| }', '{ "key": "a", "forgeAppLink": "" }'],
    ['after an array value', '{\n  "scopes": ["repository"]\n  |\n}', '{\n  "scopes": ["repository"],\n  "forgeAppLink": ""\n}'],
    [
      'a typed quote (auto-closed)',
      '{\n  "key": "a",\n  "|"\n  "name": "A"\n}',
      '{\n  "key": "a",\n  "forgeAppLink": "",\n  "name": "A"\n}',
    ],
    ['a typed quote', '{\n  "key": "a",\n  "|\n  "name": "A"\n}', '{\n  "key": "a",\n  "forgeAppLink": "",\n  "name": "A"\n}'],
    ['a typed quote, last', '{\n  "key": "a"\n  "for|"\n}', '{\n  "key": "a",\n  "forgeAppLink": ""\n}'],
    ['a typed word', '{\n  "key": "a",\n  forge|\n  "name": "A"\n}', '{\n  "key": "a",\n  "forgeAppLink": "",\n  "name": "A"\n}'],
    ['a key with its value', '{\n  "key": "a",\n  "forgeA|": "x"\n}', '{\n  "key": "a",\n  "forgeAppLink": "x"\n}'],
  ];
  for (const [where, marked, expected] of table) {
    it(`inserts the commas the place needs: ${where}`, () => {
      const offset = marked.indexOf('|');
      const text = marked.replace('|', '');
      const after = accept(text, offset, KEY);
      assert.equal(after, expected);
      assert.equal(errorCount(after), 0);
    });
  }

  it('puts the cursor in the value (a snippet), and in VS Code opens the value suggestions', () => {
    const text = '{\n  "key": "a",\n  \n}';
    const [item] = complete(text, text.indexOf('\n  \n') + 3).items;
    assert.equal(item.textEdit?.newText, '"forgeAppLink": "$1"');
    assert.equal(item.command, undefined);
    const vscode = complete(text, text.indexOf('\n  \n') + 3, { interactiveFixes: true, snippets: true }).items[0];
    assert.equal(vscode.command?.command, 'editor.action.triggerSuggest');
  });

  it('inserts plain text for clients without snippets', () => {
    const text = '{\n  "key": "a",\n  \n}';
    const [item] = complete(text, text.indexOf('\n  \n') + 3, { interactiveFixes: false, snippets: false }).items;
    assert.equal(item.textEdit?.newText, '"forgeAppLink": ""');
  });

  it('offers nothing inside a comment, a nested object, a key before its colon, or after the root', () => {
    for (const marked of [
      '{\n  "key": "a", // a |comment\n}',
      '{\n  "key": "a", /* | */\n}',
      '{\n  "key": "a", // at the end|\n}',
      '{\n  "modules": { | }\n}',
      '{\n  "vendor": { "name": "|" }\n}',
      '{\n  "key" | : "a"\n}',
      '{ "key": "a" } |',
      '|{ "key": "a" }',
    ]) {
      assert.deepEqual(complete(marked.replace('|', ''), marked.indexOf('|')).items, [], JSON.stringify(marked));
    }
  });

  it('never breaks whole descriptors, at any offset', () => {
    assertNeverBreaks(bitbucketDescriptor([`"forgeAppId": "${ARI}",`]));
    assertNeverBreaks(jiraDescriptor());
    assertNeverBreaks(
      bitbucketDescriptor(['// a comment, with a comma', '/* and a block */', '"links": { "self": "/x", },']).replace('\n}', ',\n}'),
    );
    assertNeverBreaks(bitbucketDescriptor().replace(/\n/g, '\r\n'));
    for (const fixture of ['bom-bitbucket.json', 'ace-template-values.json']) {
      assertNeverBreaks(readFileSync(path.join(__dirname, '..', 'fixtures', fixture), 'utf8'));
    }
  });

  it('in a template that is not JSON until rendered, reads the gaps with the tags set aside and adds no syntax error', () => {
    const text = readFileSync(path.join(__dirname, '..', 'fixtures', 'go-define-wrapper.json'), 'utf8');
    const accepted = acceptedEverywhere(text, KEY);
    for (const { offset, after } of accepted) {
      assert.ok(rootKeys(after).includes(KEY), `at ${offset}: ${after}`);
      assert.ok(errorCount(after) <= errorCount(text), `no new syntax error at ${offset}:\n${after}`);
    }
    assert.ok(accepted.length > 0, 'offered between the members of the wrapped object');
    // Nothing inside a tag, where the reading of the template has spaces (found by the property below).
    const tagged = '{// c,\n{{}}';
    assert.equal(accept(tagged, tagged.indexOf('{{') + 1, KEY), undefined);
  });

  it('never breaks objects of any members, with or without commas, at any offset', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            member: fc.constantFrom(...MEMBERS),
            comma: fc.boolean(),
            gap: fc.constantFrom(' ', '\n  ', ' /* c */ ', ' // c\n  '),
          }),
          {
            maxLength: 4,
          },
        ),
        (members) => {
          // Commas only between members: a text that parses, with its gaps in every shape.
          const text = `{${members.map((m, i) => `${m.gap}${m.member}${i < members.length - 1 || m.comma ? ',' : ''}`).join('')}\n}`;
          if (new Set(members.map((m) => m.member)).size === members.length) assertNeverBreaks(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('in the texts typing leaves (a comma missing, a quote, a word, no closing brace), an accepted key adds no syntax error', () => {
    const typed = ['"', '""', '"forgeA', '"forgeA"', 'forge', '"x": ', '"x": "y"'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ member: fc.constantFrom(...MEMBERS), gap: fc.constantFrom(' ', '\n  ', ' // c\n  ') }), { maxLength: 3 }),
        fc.record({ at: fc.nat(), damage: fc.constantFrom('no comma', 'typed', 'unclosed'), typed: fc.constantFrom(...typed) }),
        (members, { at, damage, typed: word }) => {
          if (new Set(members.map((m) => m.member)).size !== members.length) return;
          const parts = members.map((m) => `${m.gap}${m.member}`);
          const commas = parts.map((_, i) => i < parts.length - 1);
          const place = members.length === 0 ? 0 : at % (members.length + 1);
          if (damage === 'no comma' && place < commas.length) commas[place] = false;
          let text = `{${parts.map((p, i) => `${p}${commas[i] ? ',' : ''}${damage === 'typed' && i + 1 === place ? `\n  ${word}` : ''}`).join('')}`;
          if (damage === 'typed' && place === 0) text = `{\n  ${word}${text.slice(1)}`;
          text += damage === 'unclosed' ? '\n' : '\n}';
          const errors = errorCount(text);
          for (const { offset, after } of acceptedEverywhere(text, KEY)) {
            const where = `${JSON.stringify(text)} at ${offset}: ${JSON.stringify(after)}`;
            assert.ok(rootKeys(after).includes(KEY), `at the root: ${where}`);
            assert.ok(errorCount(after) <= errors, `no new syntax error: ${where}`);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('in any broken text, an accepted key lands at the root', () => {
    const tokens = ['"key"', '""', '"x', ':', ',', '"x"', '1', 'true', 'x', '{', '}', '[', ']', '{"k":', ' ', '\n', '/* , */', '// c,\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 16 }), (parts) => {
        const text = `{${parts.join('')}`;
        for (const { offset, after } of acceptedEverywhere(text, KEY)) {
          assert.ok(rootKeys(after).includes(KEY), `${JSON.stringify(text)} at ${offset}: ${JSON.stringify(after)}`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('completion of the values', () => {
  const VSCODE: CompletionFeatures = { interactiveFixes: true, snippets: true };

  function valueItems(marked: string, features: CompletionFeatures, manifests?: AnalysisOptions['manifests']) {
    const text = marked.replace('|', '');
    const document = TextDocument.create('file:///w/atlassian-connect.json', 'json', 1, text);
    const position = document.positionAt(marked.indexOf('|'));
    const items = provideCompletion(document, analyze(text, { manifests }), position, features);
    return { items, text, position };
  }

  it('forgeAppLink in VS Code: "Set forgeAppLink…", which keeps the value and runs the command', () => {
    const { items, text, position } = valueItems('{\n  "key": "a",\n  "forgeAppLink": "http|://x"\n}', VSCODE);
    assert.deepEqual(
      items.map((i) => i.label),
      ['Set forgeAppLink…'],
    );
    assert.equal(items[0].command?.command, 'connectForgeLink.setForgeAppLink');
    assert.deepEqual(items[0].command?.arguments, ['file:///w/atlassian-connect.json']);
    assert.equal(applyCompletion(text, items[0], position), text, 'the value is left for the command to replace');
  });

  it('an absent value becomes "" (with its comma) before the command runs', () => {
    const { items, text, position } = valueItems('{\n  "key": "a",\n  "forgeAppLink": |\n  "name": "A"\n}', VSCODE);
    assert.equal(applyCompletion(text, items[0], position), '{\n  "key": "a",\n  "forgeAppLink": "",\n  "name": "A"\n}');
  });

  it("forgeAppLink elsewhere: the console link of forgeAppId's app, with a placeholder signature", () => {
    const { items, text, position } = valueItems(`{\n  "key": "a",\n  "forgeAppId": "${ARI}",\n  "forgeAppLink": "|"\n}`, OTHER_CLIENT);
    assert.equal(items.length, 1);
    assert.match(
      items[0].textEdit?.newText ?? '',
      /\/console\/install\/70df33c7-2f7f-4148-b923-bf8c15d7e874\?signature=\$\{1:<signature>\}&product=bitbucket"$/,
    );
    assert.equal(errorCount(applyCompletion(text, items[0], position)), 0);
  });

  it('forgeAppId without a matched manifest: the ARI of the linked app, and the command in VS Code', () => {
    const link = 'https://developer.atlassian.com/console/install/70df33c7-2f7f-4148-b923-bf8c15d7e874?signature=s&product=bitbucket';
    const marked = `{\n  "key": "a",\n  "forgeAppLink": "${link}",\n  "forgeAppId": "|"\n}`;
    assert.deepEqual(
      valueItems(marked, VSCODE).items.map((i) => i.label),
      [ARI, 'Insert forgeAppId from a manifest.yml…'],
    );
    assert.deepEqual(
      valueItems(marked, OTHER_CLIENT).items.map((i) => i.label),
      [ARI],
    );
    const form = valueItems('{\n  "key": "a",\n  "forgeAppId": |\n}', OTHER_CLIENT);
    assert.deepEqual(
      form.items.map((i) => i.label),
      ['ari:cloud:ecosystem::app/<uuid>'],
    );
    assert.equal(
      applyCompletion(form.text, form.items[0], form.position),
      '{\n  "key": "a",\n  "forgeAppId": "ari:cloud:ecosystem::app/<uuid>"\n}',
    );
  });

  it('keeps what lies between the cursor and the value', () => {
    const { items, text, position } = valueItems('{\n  "key": "a",\n  "forgeAppId":| ""\n}', OTHER_CLIENT);
    assert.equal(applyCompletion(text, items[0], position), '{\n  "key": "a",\n  "forgeAppId": "ari:cloud:ecosystem::app/<uuid>"\n}');
  });

  it('offers nothing for the values of other keys', () => {
    assert.deepEqual(valueItems('{\n  "key": "|"\n}', VSCODE).items, []);
  });
});
