/**
 * The CLI's folder search as a table: discover() run over a temporary tree, each path with the
 * reason it is taken for, or why it is not (a skipped folder, not JSON by its name, its content,
 * its size), so that what `connect-forge-lint <folder>` checks is written down file by file.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { SKIPPED_FOLDERS } from '../../server/src/core';
import { parseCommandLine } from '../../server/src/cli/args';
import { Discovery, discover } from '../../server/src/cli/discover';
import { MAX_CONTENT_TEST_BYTES, MAX_HEAD_BYTES, descriptorVerdict, mayBeDescriptor } from '../../server/src/workspace/documentSelection';
import { isInSkippedFolder } from '../../server/src/workspace/manifestFiles';

const DESCRIPTOR = JSON.stringify(
  {
    key: 'acme-app',
    name: 'Acme',
    baseUrl: 'https://acme.example.com',
    scopes: ['repository'],
    contexts: ['account'],
    modules: { repoPages: [{ key: 'page', url: '/page', location: 'org.bitbucket.repository.navigation' }] },
  },
  null,
  2,
);
const DESCRIPTOR_MEMBERS = 'key, baseUrl, modules, scopes, contexts';
const ERB = DESCRIPTOR.replace('"https://acme.example.com"', '"<%= ENV["BASE_URL"] %>"');

/** The text padded to exactly `size` bytes (ASCII: one byte a character) by a last member at its root. */
function ofSize(text: string, size: number): string {
  const padded = (filler: number) => text.replace(/\n?\}$/, `,\n  "padding": "${'x'.repeat(filler)}"\n}`);
  return padded(size - padded(0).length);
}

function descriptorOfSize(size: number): string {
  return ofSize(DESCRIPTOR, size);
}

/** GeoJSON as map data comes: over the cap, and nothing like a descriptor at its start. */
const GEOJSON = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Lyon' } }] }, null, 2);

type Expected =
  | { readonly taken: 'name' | 'glob' | 'content' | 'template'; readonly detail?: string }
  | { readonly notTaken: 'skipped folder' | 'not JSON by its name' | 'content'; readonly detail?: string }
  | {
      readonly notTaken: 'too large';
      readonly detail: string;
      /** Whether its first bytes start as a descriptor's (a string key or baseUrl at the root): a check names it on stderr. */
      readonly startsAsDescriptor: boolean;
    };

interface Row {
  readonly path: string;
  readonly text: string;
  readonly expected: Expected;
}

const GLOB = '**/*.descriptor';

const TABLE: readonly Row[] = [
  { path: 'atlassian-connect.json', text: DESCRIPTOR, expected: { taken: 'name', detail: 'atlassian-connect.json' } },
  { path: 'connect-app/connect.json', text: DESCRIPTOR, expected: { taken: 'content', detail: DESCRIPTOR_MEMBERS } },
  { path: 'dev/connect.jsonc', text: `// development\n${DESCRIPTOR}`, expected: { taken: 'content', detail: DESCRIPTOR_MEMBERS } },
  // Upper case: not the name (it is compared exactly, as Bitbucket's tools name it), but JSON all the same.
  { path: 'static/ATLASSIAN-CONNECT.JSON', text: DESCRIPTOR, expected: { taken: 'content' } },
  { path: 'app/views/bitbucket/descriptor.json.erb', text: ERB, expected: { taken: 'template', detail: DESCRIPTOR_MEMBERS } },
  { path: 'app/views/bitbucket/MANIFEST.JSON.ERB', text: ERB, expected: { taken: 'template' } },
  { path: 'views/descriptor.json.hbs', text: DESCRIPTOR.replace('"acme-app"', '"{{appKey}}"'), expected: { taken: 'template' } },
  { path: 'deploy/connect.json.j2', text: DESCRIPTOR.replace('"acme-app"', '"{{ app_key }}"'), expected: { taken: 'template' } },
  { path: 'atlassian-connect.template.json', text: DESCRIPTOR, expected: { taken: 'template' } },
  // Hidden folders are searched: only the listed ones are skipped.
  { path: '.config/connect.json', text: DESCRIPTOR, expected: { taken: 'content' } },
  { path: 'descriptors/prod.descriptor', text: DESCRIPTOR, expected: { taken: 'glob', detail: GLOB } },
  // The size cap: content up to it is read, a byte more is not; a name or a glob decides whatever the size.
  { path: 'at-the-cap/connect.json', text: descriptorOfSize(MAX_CONTENT_TEST_BYTES), expected: { taken: 'content' } },
  { path: 'big/atlassian-connect.json', text: descriptorOfSize(MAX_CONTENT_TEST_BYTES + 1), expected: { taken: 'name' } },
  { path: 'big/staging.descriptor', text: descriptorOfSize(MAX_CONTENT_TEST_BYTES + 1), expected: { taken: 'glob' } },
  {
    path: 'over-the-cap/connect.json',
    text: descriptorOfSize(MAX_CONTENT_TEST_BYTES + 1),
    expected: { notTaken: 'too large', detail: '1025 KB, over the 1 MB up to which content is read', startsAsDescriptor: true },
  },
  {
    path: 'over-the-cap/base-url-first.json',
    text: ofSize('{\n  "baseUrl": "https://acme.example.com",\n  "routes": []\n}', 2 * MAX_CONTENT_TEST_BYTES),
    expected: { notTaken: 'too large', detail: '2.0 MB, over the 1 MB up to which content is read', startsAsDescriptor: true },
  },
  // Large JSON of other kinds (map data, translations, fixtures) is too large all the same, but starts as no descriptor does.
  {
    path: 'maps/regions.json',
    text: ofSize(GEOJSON, MAX_CONTENT_TEST_BYTES + 1),
    expected: { notTaken: 'too large', detail: '1025 KB, over the 1 MB up to which content is read', startsAsDescriptor: false },
  },
  // A descriptor whose first 4 KB hold neither key nor baseUrl looks like any other large file: counted, not named.
  {
    path: 'over-the-cap/padded-first.json',
    text: DESCRIPTOR.replace('{', `{\n  "padding": "${'x'.repeat(MAX_CONTENT_TEST_BYTES)}",`),
    expected: { notTaken: 'too large', detail: '1025 KB, over the 1 MB up to which content is read', startsAsDescriptor: false },
  },
  // A lock file over the cap is ruled out by its first bytes, not left as "too large".
  {
    path: 'package-lock.json',
    text: `{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": { "": { "pad": "${'x'.repeat(MAX_CONTENT_TEST_BYTES)}" } }\n}\n`,
    expected: { notTaken: 'content', detail: 'it has "lockfileVersion", as a package lock does' },
  },
  {
    path: 'package.json',
    text: '{ "name": "app", "version": "1.0.0", "dependencies": { "express": "^5.0.0" } }\n',
    expected: { notTaken: 'content', detail: 'it has "dependencies"' },
  },
  { path: 'views/plain.json.hbs', text: '{ "title": "{{title}}" }\n', expected: { notTaken: 'content', detail: 'it has no "key"' } },
  { path: 'notes/descriptor.txt', text: DESCRIPTOR, expected: { notTaken: 'not JSON by its name' } },
  { path: 'backup/connect.json.bak', text: DESCRIPTOR, expected: { notTaken: 'not JSON by its name' } },
  { path: 'forge/manifest.yml', text: 'app:\n  id: ari:cloud:ecosystem::app/x\n', expected: { notTaken: 'not JSON by its name' } },
  // Every folder the search skips, even for a file named as descriptors are.
  ...SKIPPED_FOLDERS.map((folder) => ({
    path: `${folder}/pkg/atlassian-connect.json`,
    text: DESCRIPTOR,
    expected: { notTaken: 'skipped folder' } as const,
  })),
  { path: 'src/node_modules/dep/connect.json', text: DESCRIPTOR, expected: { notTaken: 'skipped folder' } },
];

describe('CLI: the folder search, file by file', () => {
  let root: string;
  let discovery: Discovery;
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const selection = () => ({ globs: [GLOB], workspaceFolders: [URI.file(root).toString()] });
  const takenAs = (file: string) => discovery.targets.find((target) => relative(target.file) === file)?.selected;
  const tooLarge = (file: string) => discovery.tooLarge.find((skipped) => relative(skipped.file) === file);

  before(async () => {
    root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'cfl-folder-search-')));
    for (const row of TABLE) {
      const file = path.join(root, ...row.path.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, row.text);
    }
    const command = parseCommandLine(['--descriptor-glob', GLOB, '.']);
    assert.equal(command.kind, 'check');
    discovery = await discover(command.options, { cwd: root, progress: () => undefined });
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  for (const { path: file, expected } of TABLE) {
    if ('taken' in expected) {
      it(`${file}: taken by ${expected.taken}`, () => {
        const selected = takenAs(file);
        assert.equal(selected?.reason, expected.taken, JSON.stringify(selected));
        if (expected.detail !== undefined) assert.equal(selected.detail, expected.detail);
      });
      continue;
    }
    it(`${file}: not taken (${expected.notTaken})`, () => {
      assert.equal(takenAs(file), undefined);
      const uri = URI.file(path.join(root, file)).toString();
      switch (expected.notTaken) {
        case 'skipped folder':
          assert.ok(isInSkippedFolder(file));
          assert.equal(tooLarge(file), undefined);
          break;
        case 'not JSON by its name':
          assert.equal(mayBeDescriptor(uri, selection()), false, 'not even read');
          break;
        case 'too large':
          assert.deepEqual([tooLarge(file)?.detail, tooLarge(file)?.startsAsDescriptor], [expected.detail, expected.startsAsDescriptor]);
          break;
        case 'content': {
          assert.equal(tooLarge(file), undefined, 'ruled out, not too large');
          // The decision as the search takes it: the size from a stat, the text (or its first bytes) when needed.
          const text = readFileSync(path.join(root, file), 'utf8');
          const verdict = descriptorVerdict(
            { uri, size: statSync(path.join(root, file)).size, text, head: () => text.slice(0, MAX_HEAD_BYTES) },
            selection(),
          );
          assert.ok(expected.detail !== undefined && verdict.detail.includes(expected.detail), verdict.detail);
          break;
        }
      }
    });
  }

  it('takes nothing else, nor holds anything else too large: the table is every file of the tree', () => {
    const listed = new Set(TABLE.map((row) => row.path));
    const others = [...discovery.targets.map((target) => target.file), ...discovery.tooLarge.map((skipped) => skipped.file)]
      .map(relative)
      .filter((file) => !listed.has(file));
    assert.deepEqual(others, []);
  });
});
