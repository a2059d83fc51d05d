/**
 * The bundled descriptor schema, seen through VS Code's own JSON language service: real
 * descriptors (Bitbucket, Jira, Confluence, HipChat, templates) get no schema errors, the Forge
 * keys stay as lenient as the rules need, and completion and hover work where a user needs them.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CompletionItem,
  Diagnostic,
  DiagnosticSeverity,
  ErrorCode,
  getLanguageService,
  JSONSchema,
  LanguageService,
  MarkupContent,
  TextDocument,
} from 'vscode-json-languageservice';
import { corpusFiles, corpusText, requireCorpus } from '../support/corpus';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA_PATH = path.join(ROOT, 'schemas', 'bitbucket-connect-descriptor.schema.json');
const SCHEMA_URI = 'file:///schemas/bitbucket-connect-descriptor.schema.json';
const BITBUCKET_MODULES = [
  'webhooks',
  'webItems',
  'webPanels',
  'repoPages',
  'adminPages',
  'configurePage',
  'fileViews',
  'oauthConsumer',
  'profileTabs',
  'linkers',
  'generalPages',
  'webCards',
  'fileEditors',
  'apiProxy',
  'postInstallRedirect',
];

const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JSONSchema;

function service(withSchema: boolean): LanguageService {
  const ls = getLanguageService({ schemaRequestService: () => Promise.reject(new Error('no remote schemas in tests')) });
  ls.configure({
    validate: true,
    allowComments: true,
    schemas: withSchema ? [{ uri: SCHEMA_URI, fileMatch: ['atlassian-connect.json'], schema }] : [],
  });
  return ls;
}
const withSchema = service(true);
const withoutSchema = service(false);

function document(text: string, name = 'atlassian-connect.json'): TextDocument {
  return TextDocument.create(`file:///work/${name}`, 'jsonc', 1, text);
}

async function validate(ls: LanguageService, doc: TextDocument): Promise<Diagnostic[]> {
  return ls.doValidation(doc, ls.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'ignore' });
}

/** The problems the schema adds: what the file gets with the schema minus what it gets without. */
async function schemaProblems(text: string): Promise<Diagnostic[]> {
  const doc = document(text);
  const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}:${messageOf(d)}`;
  const plain = new Set((await validate(withoutSchema, doc)).map(key));
  return (await validate(withSchema, doc)).filter((d) => !plain.has(key(d)));
}

function messageOf(diagnostic: Diagnostic): string {
  const message: string | MarkupContent = diagnostic.message;
  return typeof message === 'string' ? message : message.value;
}

function describe_(problems: readonly Diagnostic[]): string {
  return problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${messageOf(p)}`).join('\n');
}

async function complete(textWithCursor: string): Promise<CompletionItem[]> {
  const offset = textWithCursor.indexOf('|');
  const doc = document(textWithCursor.replace('|', ''));
  const list = await withSchema.doComplete(doc, doc.positionAt(offset), withSchema.parseJSONDocument(doc));
  return list?.items ?? [];
}

async function hover(textWithCursor: string): Promise<string> {
  const offset = textWithCursor.indexOf('|');
  const doc = document(textWithCursor.replace('|', ''));
  const result = await withSchema.doHover(doc, doc.positionAt(offset), withSchema.parseJSONDocument(doc));
  const contents = result?.contents;
  if (!contents) return '';
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
  return (contents as MarkupContent).value;
}

describe('descriptor schema', () => {
  it('is a draft-07 schema that stays open at the root (Jira and Confluence descriptors share the file name)', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, true);
    assert.equal(schema.required, undefined);
  });

  describe('corpus of real descriptors', () => {
    const files = corpusFiles('descriptors');
    before(function () {
      requireCorpus(this, 'descriptors');
    });
    it('has descriptors to check', () => assert.ok(files.length > 0));
    for (const name of files) {
      it(`adds no schema error to ${name}`, async () => {
        const problems = await schemaProblems(corpusText('descriptors', name));
        // The deprecated personal context is the one thing the schema may point out (a warning).
        const unexpected = problems.filter((p) => p.code !== ErrorCode.Deprecated);
        assert.equal(unexpected.length, 0, describe_(unexpected));
        for (const p of problems) assert.equal(p.severity, DiagnosticSeverity.Warning);
      });
    }
  });

  describe('leniency where a rule says it better', () => {
    const cases: Record<string, string> = {
      'a malformed forgeAppLink': '{ "key": "k", "forgeAppLink": "http://example.com/x" }',
      'a bare UUID in forgeAppId': '{ "key": "k", "forgeAppId": "406D303D-0393-4EC4-AD7C-1435BE94583A" }',
      'non-string values': '{ "key": "k", "forgeAppLink": 42, "forgeAppId": null }',
      'templated values':
        '{ "key": "{{appKey}}", "baseUrl": "{{localBaseUrl}}", "forgeAppLink": "{{forgeLink}}", "forgeAppId": "${FORGE_APP_ID}" }',
      'keys nested in modules, vendor, lifecycle and a module':
        '{ "vendor": { "name": "v", "forgeAppLink": "x" }, "lifecycle": { "installed": "/i", "forgeAppId": 1 }, "modules": { "forgeAppLink": "x", "webItems": [{ "key": "w", "forgeAppId": "x" }] } }',
      'misspelled keys at the root': '{ "forgeAppID": "x", "forge_app_link": "y", "forgeAppUrl": "z" }',
      'Jira-only fields and modules':
        '{ "apiVersion": 1, "enableLicensing": true, "scopes": ["READ", "ACT_AS_USER"], "modules": { "jiraIssueTabPanels": [{ "key": "t" }], "webhooks": [{ "event": "jira:issue_created", "url": "/w", "excludeBody": true }] } }',
      'unknown scopes, contexts, webhook events and authentication types':
        '{ "scopes": ["repository", "future:scope"], "contexts": ["account", "repository"], "authentication": { "type": "JWT" }, "modules": { "webhooks": [{ "event": "repo:something_new", "url": "/w" }] } }',
      'single module objects and arrays alike':
        '{ "modules": { "configurePage": [{ "key": "c", "url": "/c", "name": { "value": "C" } }], "webItems": { "key": "w" }, "oauthConsumer": { "clientId": "x" } } }',
    };
    for (const [title, text] of Object.entries(cases)) {
      it(`adds nothing for ${title}`, async () => {
        const problems = await schemaProblems(text);
        assert.equal(problems.length, 0, describe_(problems));
      });
    }
  });

  it('checks what it knows: the shape of documented objects', async () => {
    const problems = await schemaProblems('{ "vendor": "Acme", "modules": [], "scopes": "repository" }');
    assert.deepEqual(problems.map(messageOf).sort(), [
      'Incorrect type. Expected "array".',
      'Incorrect type. Expected "object".',
      'Incorrect type. Expected "object".',
    ]);
  });

  it('marks the personal context as deprecated', async () => {
    const problems = await schemaProblems('{ "contexts": ["personal"] }');
    assert.equal(problems.length, 1, describe_(problems));
    assert.equal(problems[0].code, ErrorCode.Deprecated);
    assert.match(messageOf(problems[0]), /deprecated/);
  });

  describe('completion', () => {
    it('leaves forgeAppLink and forgeAppId to the language server (doNotSuggest), offering the documented root fields', async () => {
      // VS Code's JSON language inserts no comma before a member it adds (after the last member,
      // or after one without its comma): the server's completion brings the commas the place needs.
      const items = await complete('{\n  "key": "my-app",\n  |\n}');
      for (const key of ['forgeAppLink', 'forgeAppId']) assert.ok(!items.some((i) => i.label === key), key);
      for (const label of ['baseUrl', 'authentication', 'lifecycle', 'scopes', 'contexts', 'modules'])
        assert.ok(
          items.some((i) => i.label === label),
          label,
        );
      // No values of its own either: the server's items (Set forgeAppLink…, the matched app.id) are the values.
      assert.deepEqual(await complete('{\n  "key": "my-app",\n  "forgeAppLink": "|"\n}'), []);
      assert.deepEqual(await complete('{\n  "key": "my-app",\n  "forgeAppId": "|"\n}'), []);
    });

    it('offers the Bitbucket module types inside modules (and not their singular spellings)', async () => {
      const items = await complete('{\n  "modules": {\n    |\n  }\n}');
      const labels = items.map((i) => i.label);
      for (const name of BITBUCKET_MODULES) assert.ok(labels.includes(name), `${name} missing from ${labels.join(', ')}`);
      for (const legacy of ['webItem', 'repoPage', 'profileTab']) assert.ok(!labels.includes(legacy), legacy);
      const webhooks = items.find((i) => i.label === 'webhooks');
      assert.match(webhooks?.textEdit?.newText ?? webhooks?.insertText ?? '', /"event": "\$\{1:repo:push\}"/);
    });

    it('offers the documented scopes, contexts and authentication types as values', async () => {
      const scopes = (await complete('{ "scopes": [ | ] }')).map((i) => i.label);
      for (const scope of ['repository', 'pullrequest:write', 'account'])
        assert.ok(
          scopes.some((l) => l.includes(scope)),
          `${scope} in ${scopes.join(', ')}`,
        );
      const contexts = (await complete('{ "contexts": [ | ] }')).map((i) => i.label);
      assert.ok(
        contexts.some((l) => l.includes('account')),
        contexts.join(', '),
      );
      const auth = (await complete('{ "authentication": { "type": | } }')).map((i) => i.label);
      assert.ok(auth.some((l) => l.includes('jwt')) && auth.some((l) => l.includes('none')), auth.join(', '));
    });
  });

  describe('hover', () => {
    it("explains forgeAppLink and forgeAppId with a link to Atlassian's page", async () => {
      const link = await hover('{ "forgeApp|Link": "x" }');
      assert.match(link, /installation link/);
      assert.match(link, /Get the Forge app/);
      assert.match(link, /link-connect-to-its-equivalent-forge-app/);
      const id = await hover('{ "forgeApp|Id": "x" }');
      assert.match(id, /ari:cloud:ecosystem::app\/<uuid>/);
      assert.match(id, /manifest\.yml/);
    });

    it('describes the module types and the documented root fields', async () => {
      assert.match(await hover('{ "modules": { "repo|Pages": [] } }'), /Repository pages/);
      assert.match(await hover('{ "modules": { "web|hooks": [] } }'), /Webhooks/);
      assert.match(await hover('{ "base|Url": "https://x" }'), /https:\/\//);
    });
  });
});
