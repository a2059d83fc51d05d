/**
 * Which files are descriptors: the content test written down as a table, every real descriptor of
 * the corpus (under its original file name) taken, the negative set of ordinary JSON files (written
 * as fixtures in test/fixtures/not-descriptors/) never taken, templates, names, globs, the size cap
 * and what a verdict says about caching it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  CONNECT_MEMBERS,
  descriptorContent,
  isTemplateName,
  neutralTemplateText,
  capText,
  parseDescriptor,
  sizeOverCap,
  startsWithTemplateTag,
} from '../../server/src/core';
import {
  DescriptorReason,
  DescriptorSelection,
  MAX_CONTENT_TEST_BYTES,
  descriptorVerdict,
  mayBeDescriptor,
} from '../../server/src/workspace/documentSelection';
import { corpusFiles, corpusIndex, corpusText, requireCorpus } from '../support/corpus';
import { FIXTURES, filesBelow, fixture } from '../support/core';

const NEGATIVES = path.join(FIXTURES, 'not-descriptors');
const NO_GLOBS: DescriptorSelection = { globs: [] };
const MEGABYTE = 1024 * 1024;

function verdictOf(relativePath: string, text: string, selection = NO_GLOBS, languageId?: string) {
  return descriptorVerdict({ uri: URI.file(`/w/${relativePath}`).toString(), text, languageId }, selection);
}

interface ContentCase {
  readonly name: string;
  readonly text: string;
  readonly descriptor: boolean;
  /** A phrase of the verdict's detail. */
  readonly detail: string;
}

const member = (name: string, value: string) => `"${name}": ${value}`;
const root = (...members: string[]) => `{\n  ${members.join(',\n  ')}\n}\n`;
const KEY = member('key', '"my-app"');
const BASE_URL = member('baseUrl', '"https://example.com"');

const EXAMPLE_VALUES: Record<string, string> = { object: '{}', array: '[]', string: '"s"', number: '1', boolean: 'false', null: 'null' };
/** What modules and authentication hold in a descriptor, for them to count. */
const CONNECT_VALUES: Record<string, string> = { modules: '{ "webItems": [{ "key": "item" }] }', authentication: '{ "type": "jwt" }' };
const MODULES = member('modules', CONNECT_VALUES.modules);

/** The content test's rule, clause by clause. */
const CONTENT_RULE: readonly ContentCase[] = [
  {
    name: 'key, baseUrl and two Connect members',
    text: root(KEY, BASE_URL, MODULES, member('scopes', '["repository"]')),
    descriptor: true,
    detail: 'key, baseUrl, modules, scopes',
  },
  {
    name: 'members in any order, the two Connect members first',
    text: root(member('contexts', '["account"]'), member('lifecycle', '{ "installed": "/i" }'), BASE_URL, KEY),
    descriptor: true,
    detail: 'key, baseUrl, lifecycle, contexts',
  },
  {
    name: 'key and baseUrl with a single Connect member',
    text: root(KEY, BASE_URL, member('lifecycle', '{ "installed": "/installed" }')),
    descriptor: false,
    detail: 'only lifecycle',
  },
  {
    name: 'an API client config: key, baseUrl, scopes and credentials as authentication',
    text: root(KEY, BASE_URL, member('authentication', '{ "clientId": "abc", "clientSecret": "s3cret" }'), member('scopes', '["read:me"]')),
    descriptor: false,
    detail: `only scopes of ${Object.keys(CONNECT_MEMBERS).join(', ')} (its authentication is not of type jwt or none)`,
  },
  {
    name: 'an API client config whose authentication has a type of its own',
    text: root(
      KEY,
      BASE_URL,
      member('authentication', '{ "type": "oauth2", "tokenUrl": "https://example.com/token" }'),
      member('scopes', '["read"]'),
    ),
    descriptor: false,
    detail: 'its authentication is not of type jwt or none',
  },
  {
    name: 'Connect authentication counts: type jwt or none, in any case, wherever it stands in the object',
    text: root(KEY, BASE_URL, member('authentication', '{ "publicKey": "k", "type": "JWT" }'), member('scopes', '["repository"]')),
    descriptor: true,
    detail: 'key, baseUrl, authentication, scopes',
  },
  {
    name: 'a locale file: key and baseUrl as labels, and empty groups named as Connect members',
    text: root(
      member('key', '"Key"'),
      member('baseUrl', '"Base URL"'),
      member('modules', '{}'),
      member('authentication', '{}'),
      member('vendor', '{}'),
    ),
    descriptor: false,
    detail: `only vendor of ${Object.keys(CONNECT_MEMBERS).join(', ')} (its modules hold no module; its authentication is not of type jwt or none)`,
  },
  {
    name: 'a locale file whose modules group holds labels, Bitbucket module types and locations among them',
    text: root(
      KEY,
      BASE_URL,
      member('modules', '{ "repoPages": "Repository pages", "location": "org.bitbucket.repository.navigation" }'),
      member('vendor', '{}'),
    ),
    descriptor: false,
    detail: 'only vendor',
  },
  {
    name: 'Bitbucket: key, baseUrl and modules alone, with a module type only Bitbucket has',
    text: root(
      KEY,
      BASE_URL,
      member('modules', '{ "repoPages": [{ "key": "p", "url": "/p", "location": "org.bitbucket.repository.navigation" }] }'),
    ),
    descriptor: true,
    detail: 'key, baseUrl, modules (a Bitbucket "repoPages" module)',
  },
  {
    name: 'Bitbucket: key, baseUrl and modules alone, with a location only Bitbucket has',
    text: root(
      KEY,
      BASE_URL,
      member('modules', '{ "webItems": [{ "key": "i", "url": "/i", "location": "org.bitbucket.repository.actions" }] }'),
    ),
    descriptor: true,
    detail: 'key, baseUrl, modules (the Bitbucket location "org.bitbucket.repository.actions")',
  },
  {
    name: 'key, baseUrl and modules alone, with module types and locations any product has',
    text: root(KEY, BASE_URL, member('modules', '{ "webItems": [{ "key": "i", "url": "/i", "location": "system.top.navigation.bar" }] }')),
    descriptor: false,
    detail: 'only modules',
  },
  {
    name: 'a Bitbucket location after modules is no marker',
    text: root(KEY, BASE_URL, MODULES, member('links', '{ "at": "org.bitbucket.repository.navigation" }')),
    descriptor: false,
    detail: 'only modules',
  },
  { name: 'key and baseUrl alone', text: root(KEY, BASE_URL), descriptor: false, detail: 'none of' },
  {
    name: 'Connect member names with other kinds of value (a translation file)',
    text: root(KEY, BASE_URL, member('modules', '"Modules"'), member('scopes', '"Scopes"'), member('apiVersion', '"1"')),
    descriptor: false,
    detail: 'none of',
  },
  {
    name: 'every Connect member counts with its kind of value',
    text: root(
      KEY,
      BASE_URL,
      ...Object.entries(CONNECT_MEMBERS).map(([name, kind]) => member(name, CONNECT_VALUES[name] ?? EXAMPLE_VALUES[kind])),
    ),
    descriptor: true,
    detail: `key, baseUrl, ${Object.keys(CONNECT_MEMBERS).join(', ')}`,
  },
  {
    name: 'no key',
    text: root(BASE_URL, MODULES, member('scopes', '[]')),
    descriptor: false,
    detail: 'it has no "key"',
  },
  {
    name: 'key is not a string',
    text: root(member('key', '{ "id": 1 }'), BASE_URL, MODULES, member('scopes', '[]')),
    descriptor: false,
    detail: '"key" is not a string',
  },
  {
    name: 'no baseUrl (and not HipChat)',
    text: root(KEY, MODULES, member('scopes', '[]')),
    descriptor: false,
    detail: 'no "baseUrl"',
  },
  {
    name: 'HipChat: key, capabilities and links',
    text: root(KEY, member('links', '{ "self": "/d" }'), member('capabilities', '{ "hipchatApiConsumer": {} }')),
    descriptor: true,
    detail: 'HipChat',
  },
  {
    name: 'capabilities as a list (a Trello Power-Up) is not HipChat',
    text: root(KEY, member('links', '{}'), member('capabilities', '["card-buttons"]')),
    descriptor: false,
    detail: 'no "baseUrl"',
  },
  {
    name: 'a member of another format rules it out, wherever it is',
    text: root(KEY, BASE_URL, MODULES, member('scopes', '[]'), member('devDependencies', '{}')),
    descriptor: false,
    detail: 'it has "devDependencies", as a package manifest does',
  },
  {
    name: 'a JSON Schema (it describes descriptors, it is not one)',
    text: root(member('$schema', '"https://json-schema.org/draft/2020-12/schema"'), KEY, BASE_URL, MODULES, member('scopes', '[]')),
    descriptor: false,
    detail: 'it is a JSON Schema',
  },
  {
    name: 'a $schema that is not a meta-schema does not count',
    text: root(member('$schema', '"./connect-schema.json"'), KEY, BASE_URL, MODULES, member('scopes', '[]')),
    descriptor: true,
    detail: 'key, baseUrl, modules, scopes',
  },
  {
    name: 'the members must be at the root: one nested below another is not seen',
    text: root(member('app', root(KEY, BASE_URL, MODULES, member('scopes', '[]')))),
    descriptor: false,
    detail: 'it has no "key"',
  },
  {
    name: 'nested values holding braces, brackets, quotes and comments are skipped whole',
    text: root(
      KEY,
      member('modules', '{ "a": "}]\\"{[", /* } */ "b": [[{}], "//"] // ]\n  }'),
      BASE_URL,
      member('scopes', '["repository"]'),
    ),
    descriptor: true,
    detail: 'key, baseUrl, modules, scopes',
  },
  {
    name: 'JSONC: comments and trailing commas',
    text: `// the app\n{\n  ${KEY}, /* id */\n  ${BASE_URL},\n  ${member('modules', '{ "webItems": [] },')}\n  ${member('scopes', '[],')}\n}\n`,
    descriptor: true,
    detail: 'key, baseUrl, modules, scopes',
  },
  {
    name: 'a byte order mark',
    text: `\uFEFF${root(KEY, BASE_URL, MODULES, member('scopes', '[]'))}`,
    descriptor: true,
    detail: 'key, baseUrl, modules, scopes',
  },
  {
    name: 'a root array holding a descriptor',
    text: `[${root(KEY, BASE_URL, MODULES, member('scopes', '[]'))}]`,
    descriptor: false,
    detail: 'its root is not an object',
  },
  { name: 'an empty text', text: '', descriptor: false, detail: 'its root is not an object' },
  {
    name: 'a syntax error after the members that decide (a missing comma)',
    text: `{\n  ${KEY}\n  ${BASE_URL},\n  ${MODULES},\n  ${member('scopes', '[]')}\n}\n`,
    descriptor: true,
    detail: 'key, baseUrl, modules, scopes',
  },
  {
    name: 'an unclosed nested value ends the text: what was read decides',
    text: `{\n  ${KEY},\n  ${BASE_URL},\n  ${member('scopes', '[]')},\n  "modules": { "a": [`,
    descriptor: true,
    detail: 'key, baseUrl, modules, scopes',
  },
];

/** Why each corpus file is taken under its original name: by its name unless said here. */
const CORPUS_REASONS: Readonly<Record<string, DescriptorReason>> = {
  'connect.json': 'content',
  'examples/connect-inspector-descriptor.json': 'content',
  'atlassian-connect.template.json': 'template',
  'app/views/bitbucket/descriptor.json.erb': 'template',
  'part-2/app/views/bitbucket/descriptor.json.erb': 'template',
};

describe('descriptor selection', () => {
  describe('the content test, clause by clause', () => {
    for (const c of CONTENT_RULE) {
      it(`${c.name}: ${c.descriptor ? 'a descriptor' : 'not one'}`, () => {
        const verdict = descriptorContent(c.text);
        assert.equal(verdict.descriptor, c.descriptor, verdict.detail);
        assert.ok(verdict.detail.includes(c.detail), `"${verdict.detail}" says "${c.detail}"`);
      });
    }
  });

  describe('every descriptor of the corpus, of every product', () => {
    it('the index lists every corpus descriptor', function () {
      requireCorpus(this, 'descriptors');
      assert.deepEqual(
        corpusIndex()
          .filter((entry) => entry.kind === 'descriptors')
          .map((entry) => entry.name)
          .sort(),
        corpusFiles('descriptors'),
      );
    });

    for (const entry of corpusIndex().filter((e) => e.kind === 'descriptors')) {
      const reason = CORPUS_REASONS[entry.path] ?? 'name';
      it(`${entry.repo}: ${entry.path} (${entry.productGuess}) is one by its ${reason}, and by its content too`, () => {
        const text = corpusText('descriptors', entry.name);
        const verdict = verdictOf(`${entry.repo}/${entry.path}`, text);
        assert.deepEqual([verdict.descriptor, verdict.reason], [true, reason], verdict.detail);
        // Whatever the name says, the content alone says so as well (as `connect.json` it would be taken).
        const renamed = verdictOf(
          `${entry.repo}/${path.posix.dirname(entry.path)}/connect${isTemplateName(entry.path) ? '.json.erb' : '.json'}`,
          text,
        );
        assert.equal(renamed.descriptor, true, renamed.detail);
        assert.ok(renamed.byContent);
      });
    }
  });

  describe('the negative set: ordinary JSON files are never descriptors', () => {
    const files = filesBelow(NEGATIVES);

    it('holds the kinds of file the issue lists, and more', () => {
      for (const expected of [
        'app/package.json',
        'vscode-extension/package.json',
        'tsconfig.json',
        'composer.json',
        'browser-extension/manifest.json',
        'heroku/app.json',
        'expo/app.json',
        '.eslintrc.json',
        'appsettings.json',
        'renovate.json',
        'schema.json',
        'firebase/firebase.json',
        'vercel/vercel.json',
        '.vscode/launch.json',
        'openapi.json',
        'package-lock.json',
      ]) {
        assert.ok(files.includes(expected), expected);
      }
      assert.ok(files.length >= 40, `${files.length} files`);
    });

    for (const file of files) {
      it(`${file}: not a descriptor, even opened as JSON`, () => {
        const text = readFileSync(path.join(NEGATIVES, file), 'utf8');
        const verdict = verdictOf(file, text, NO_GLOBS, 'json');
        assert.equal(verdict.descriptor, false, verdict.detail);
        assert.equal(verdict.reason, undefined);
        assert.equal(verdict.byContent, true, 'its content was read');
      });
    }

    it('the browser extension manifest, which has "key" and "name", is ruled out at once', () => {
      assert.equal(
        descriptorContent(readFileSync(path.join(NEGATIVES, 'browser-extension/manifest.json'), 'utf8')).detail,
        'it has "manifest_version", as a browser extension manifest does',
      );
    });

    it('a Connect install payload (key and baseUrl, but no Connect member) is not a descriptor', () => {
      assert.match(descriptorContent(readFileSync(path.join(NEGATIVES, 'test-payloads/installed.json'), 'utf8')).detail, /none of/);
    });
  });

  describe('templates', () => {
    const TEMPLATE_NAMES: readonly [string, boolean][] = [
      ['descriptor.json.erb', true],
      ['app/views/bitbucket/descriptor.json.erb', true],
      ['atlassian-connect.json.hbs', true],
      ['atlassian-connect.json.ejs', true],
      ['atlassian-connect.json.j2', true],
      ['atlassian-connect.template.json', true],
      ['CONNECT.JSON.ERB', true],
      ['.json.erb', false],
      ['descriptor.erb', false],
      ['atlassian-connect.json', false],
      ['template.json', false],
    ];
    for (const [name, template] of TEMPLATE_NAMES) {
      it(`${name}: ${template ? 'a template name' : 'not a template name'}`, () => assert.equal(isTemplateName(name), template));
    }

    it('a Go {{define}} wrapper in a .json file is read as a template', () => {
      const text = fixture('go-define-wrapper.json');
      assert.ok(startsWithTemplateTag(text));
      assert.equal(descriptorContent(text).descriptor, false, 'the raw text hides the members');
      assert.deepEqual(verdictOf('templates/app.json', text), {
        descriptor: true,
        reason: 'template',
        detail: 'key, baseUrl, modules, authentication, scopes, contexts',
        byContent: true,
      });
    });

    it('ERB whose tags break the JSON is taken by its markers', () => {
      const verdict = verdictOf('app/views/bitbucket/descriptor.json.erb', fixture('erb-nested-quotes.json.erb'));
      assert.deepEqual([verdict.descriptor, verdict.reason], [true, 'template']);
    });

    it('a template without the markers is not taken', () => {
      const verdict = verdictOf('descriptor.json.erb', readFileSync(path.join(NEGATIVES, 'descriptor.json.erb'), 'utf8'));
      assert.deepEqual([verdict.descriptor, verdict.detail], [false, 'it has no "key"']);
    });

    it('the neutral reading keeps every offset, and values that are templates stay templates', () => {
      for (const text of [fixture('go-define-wrapper.json'), fixture('erb-nested-quotes.json.erb')]) {
        const neutral = neutralTemplateText(text);
        assert.equal(neutral.length, text.length);
        assert.deepEqual(
          [...neutral].map((c, i) => (c === '\n' ? i : -1)).filter((i) => i >= 0),
          [...text].map((c, i) => (c === '\n' ? i : -1)).filter((i) => i >= 0),
          'line breaks stay where they were',
        );
        assert.equal(parseDescriptor(neutral).syntaxErrors.length, 0, neutral);
      }
      const erb = neutralTemplateText('{ "key": "stars<%= "." + env %>", "baseUrl": "<%= base_url %>" }');
      assert.equal(erb, `{ "key": "stars<%= '.' + env %>", "baseUrl": "<%= base_url %>" }`);
      assert.equal(neutralTemplateText('{{define "d"}}{ "a": "{{.B}}" }{{end}}'), `${' '.repeat(14)}{ "a": "{{.B}}" }       `);
      assert.equal(neutralTemplateText('{ "a": "b" }'), '{ "a": "b" }', 'JSON without tags is left as it is');
    });
  });

  describe('names, globs, size and reading', () => {
    const DESCRIPTOR = root(KEY, BASE_URL, MODULES, member('scopes', '[]'));

    it('atlassian-connect.json by its name, without reading the text', () => {
      const verdict = descriptorVerdict(
        { uri: 'file:///w/app/atlassian-connect.json', text: () => assert.fail('the text is not read') },
        NO_GLOBS,
      );
      assert.deepEqual(verdict, { descriptor: true, reason: 'name', detail: 'atlassian-connect.json', byContent: false });
    });

    it('a glob, relative to a workspace folder, without reading the text', () => {
      const verdict = descriptorVerdict(
        { uri: 'file:///w/descriptor/prod.json', text: () => assert.fail('the text is not read') },
        { globs: ['**/other/*.json', 'descriptor/*.json'], workspaceFolders: ['file:///w'] },
      );
      assert.deepEqual(verdict, { descriptor: true, reason: 'glob', detail: 'descriptor/*.json', byContent: false });
    });

    it('globs as users write them: dot folders, braces, classes, absolute paths, case', () => {
      const cases: readonly [glob: string, path: string, matches: boolean][] = [
        ['**/*.json', '/w/.config/app.json', true],
        ['**/*.json', '/w/.app.json', true],
        ['**/descriptor/*.json', '/w/src/descriptor/prod.json', true],
        ['descriptor/*.json', '/w/src/descriptor/prod.json', false],
        ['**/{prod,dev}.json', '/w/d/dev.json', true],
        ['**/[pd]*.json', '/w/d/prod.json', true],
        ['/w/**/connect-*.json', '/w/a/b/connect-dev.json', true],
        ['**/*.JSON', '/w/d/prod.json', process.platform === 'win32'],
        ['**/prod.json', '/w/d/prod.jsonc', false],
      ];
      for (const [glob, path, matches] of cases) {
        const verdict = descriptorVerdict({ uri: `file://${path}`, text: '' }, { globs: [glob], workspaceFolders: ['file:///w'] });
        assert.equal(verdict.descriptor, matches, `${glob} ${matches ? 'matches' : 'does not match'} ${path}`);
      }
    });

    it('neither JSON nor a template: not read', () => {
      const verdict = descriptorVerdict({ uri: 'file:///w/forge/manifest.yml', text: () => assert.fail('the text is not read') }, NO_GLOBS);
      assert.deepEqual([verdict.descriptor, verdict.byContent], [false, false]);
    });

    it('a .jsonc file by its content, as a .json file (a closed file has no language to tell)', () => {
      assert.deepEqual(
        [verdictOf('d/connect.jsonc', `// dev\n${DESCRIPTOR}`).reason, verdictOf('d/CONNECT.JSONC', DESCRIPTOR).reason],
        ['content', 'content'],
      );
      assert.equal(mayBeDescriptor(URI.file('/w/d/connect.jsonc').toString(), NO_GLOBS), true, 'a folder search takes it');
    });

    it('any name when the editor says the document is JSON (an untitled document)', () => {
      assert.equal(verdictOf('Untitled-1', DESCRIPTOR, NO_GLOBS, 'jsonc').reason, 'content');
      assert.equal(verdictOf('Untitled-1', DESCRIPTOR).descriptor, false);
    });

    it('over the size cap, the content is not read (a stat says so), nor decided from the text', () => {
      const verdict = descriptorVerdict(
        { uri: 'file:///w/big.json', size: MAX_CONTENT_TEST_BYTES + 1, text: () => assert.fail('the text is not read') },
        NO_GLOBS,
      );
      assert.equal(verdict.descriptor, false);
      assert.match(verdict.detail, /^1025 KB, over the 1 MB up to which content is read$/);
      const padded = DESCRIPTOR.replace('{', `{ "pad": "${'x'.repeat(MAX_CONTENT_TEST_BYTES)}",`);
      assert.equal(verdictOf('big.json', padded).descriptor, false);
      assert.equal(verdictOf('atlassian-connect.json', padded).descriptor, true, 'the name still decides');
    });

    it('over the cap, its first bytes rule out what they can (a lock file), and leave the rest too large to read', () => {
      const over = (name: string, head: string) =>
        descriptorVerdict(
          { uri: `file:///w/${name}`, size: 5 * MAX_CONTENT_TEST_BYTES, text: () => assert.fail('the text is not read'), head: () => head },
          NO_GLOBS,
        );
      const lock = over(
        'package-lock.json',
        '{\n  "name": "app",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "na',
      );
      assert.deepEqual(lock, { descriptor: false, detail: 'it has "lockfileVersion", as a package lock does', byContent: true });
      assert.deepEqual(
        [over('data.json', '[{ "id": 1 }, { "id"').tooLarge, over('data.json', '[').detail],
        [undefined, 'its root is not an object'],
      );
      // What could still be a descriptor further on is too large, not ruled out: a template's tags do not rule it out either.
      for (const [name, head] of [
        ['connect.json', '{ "key": "my-app", "baseUrl": "https://example.com", "modules": { "webItems": [{ "key": "i'],
        ['descriptor.json.erb', '<% base = ENV["BASE_URL"] %>\n{ "key": "my-app", "baseUrl": "<%= base %>", "modu'],
        ['empty.json', ''],
      ]) {
        assert.deepEqual(
          [over(name, head).tooLarge, over(name, head).detail],
          [true, '5.0 MB, over the 1 MB up to which content is read'],
          name,
        );
      }
    });

    it('sizes over a cap never read as the cap itself', () => {
      const cases: readonly [bytes: number, cap: number, shown: string][] = [
        [MEGABYTE + 1, MEGABYTE, '1025 KB'],
        [MEGABYTE + 51 * 1024, MEGABYTE, '1075 KB'],
        [Math.round(1.1 * MEGABYTE), MEGABYTE, '1.1 MB'],
        [5 * MEGABYTE, MEGABYTE, '5.0 MB'],
        [64 * MEGABYTE + 1, 64 * MEGABYTE, '65537 KB'],
        [70 * MEGABYTE, 64 * MEGABYTE, '70.0 MB'],
      ];
      for (const [bytes, cap, shown] of cases) assert.equal(sizeOverCap(bytes, cap), shown, `${bytes} bytes over ${capText(cap)}`);
    });

    it('a file that cannot be read', () => {
      const verdict = descriptorVerdict({ uri: 'file:///w/gone.json', text: () => undefined }, NO_GLOBS);
      assert.deepEqual([verdict.descriptor, verdict.detail], [false, 'it could not be read']);
    });
  });
});
