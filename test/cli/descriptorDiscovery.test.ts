/**
 * Descriptors found by what they are: a folder's `connect.json` and `descriptor.json.erb` are
 * checked without options, `--list-descriptors` says why each file was taken, ordinary JSON files
 * never are, and every descriptor of the corpus is found and checked under its original name.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { descriptorVerdict } from '../../server/src/workspace/documentSelection';
import { MAX_CONTENT_TEST_BYTES } from '../../server/src/workspace/documentSelection';
import { corpusIndex, corpusText, requireCorpus } from '../support/corpus';
import { FIXTURES as CORE_FIXTURES, filesBelow } from '../support/core';
import { JsonReport, VERSION, cli, temporaryWorkspaces } from './harness';

interface Listing {
  formatVersion: number;
  tool: { name: string; version: string };
  descriptors: { path: string; reason: string; detail: string }[];
  notRead: { path: string; detail: string }[];
}

const CONNECT_JSON = 'named-otherwise/connect-app/connect.json';
const RAILS_ERB = 'named-otherwise/rails-app/app/views/bitbucket/descriptor.json.erb';
const GO_TEMPLATE = 'named-otherwise/go-app/templates/descriptor.json';

describe('CLI: descriptors found by what they are', () => {
  const workspace = temporaryWorkspaces();

  it('checks a folder holding connect.json and descriptor.json.erb without options', async () => {
    const cwd = workspace('named-otherwise');
    const run = await cli(['--format', 'json', '.'], { cwd });
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(
      report.files.map((file) => [file.path, file.product]),
      [
        [CONNECT_JSON, 'bitbucket'],
        [GO_TEMPLATE, 'bitbucket'],
        [RAILS_ERB, 'bitbucket'],
      ],
    );
    const rules = (file: string) => report.files.find((f) => f.path === file)?.findings.map((f) => [f.rule, f.severity]);
    assert.deepEqual(rules(CONNECT_JSON), [['forge-app-link-missing', 'warning']]);
    // The ERB never mentions forgeAppLink: it cannot render one.
    assert.deepEqual(rules(RAILS_ERB), [
      ['forge-app-link-missing', 'warning'],
      ['descriptor-unreadable', 'info'],
    ]);
    assert.match(report.files[2].findings[0].message, /^No forgeAppLink in this template: its text never mentions one\./);
    // The Go template renders forgeAppLink from a tag: not reported missing, its value is a template.
    assert.deepEqual(rules(GO_TEMPLATE), [
      ['descriptor-unreadable', 'info'],
      ['forge-value-template', 'info'],
    ]);
    assert.equal(run.code, 1);
  });

  it('--list-descriptors prints each file taken and why, and checks nothing', async () => {
    const cwd = workspace('named-otherwise', 'descriptor-glob', 'clean');
    const run = await cli(['--list-descriptors', '--descriptor-glob', '**/descriptor/*.json', '.'], { cwd });
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((line) => line.replace(/ {2,}/, '  ')),
      [
        'clean/atlassian-connect.json  name: atlassian-connect.json',
        'descriptor-glob/descriptor/connect.json  glob: **/descriptor/*.json',
        `${CONNECT_JSON}  content: key, baseUrl, modules, authentication, lifecycle, scopes, contexts`,
        `${GO_TEMPLATE}  template: key, baseUrl, modules, authentication, scopes, contexts`,
        `${RAILS_ERB}  template: key, baseUrl, modules, authentication, lifecycle, scopes, contexts`,
        '5 descriptors (1 by name, 1 by a glob, 1 by content, 2 as a template).',
      ],
    );
    assert.ok(!run.stdout.includes('package.json') && !run.stdout.includes('connect-client.json'), 'ordinary JSON files are not listed');
  });

  it('--list-descriptors --format json, with the files too large to read and a file argument', async () => {
    const cwd = workspace('named-otherwise');
    writeFileSync(path.join(cwd, 'big.json'), `{ "pad": "${'x'.repeat(MAX_CONTENT_TEST_BYTES)}" }`);
    const run = await cli(
      ['--list-descriptors', '--format', 'json', 'named-otherwise/connect-app', 'named-otherwise/config/package.json', '.'],
      {
        cwd,
      },
    );
    const listing = JSON.parse(run.stdout) as Listing;
    assert.deepEqual([listing.formatVersion, listing.tool], [1, { name: 'connect-forge-lint', version: VERSION }]);
    assert.deepEqual(
      listing.descriptors.map((d) => [d.path, d.reason]),
      [
        [CONNECT_JSON, 'content'],
        ['named-otherwise/config/package.json', 'argument'],
        [GO_TEMPLATE, 'template'],
        [RAILS_ERB, 'template'],
      ],
    );
    assert.deepEqual(listing.notRead, [{ path: 'big.json', detail: '1025 KB, over the 1 MB up to which content is read' }]);
  });

  it('a check notes on stderr each file it did not read for its size that starts as a descriptor; one named atlassian-connect.json or given is checked', async () => {
    const cwd = workspace('named-otherwise');
    const descriptor = readFileSync(path.join(cwd, CONNECT_JSON), 'utf8');
    assert.match(descriptor, /^\{\s*"key": "[^"]+",\s*"name": "[^"]+",\s*"baseUrl": /, 'it starts with its key and baseUrl');
    /** The text padded to `size` bytes by a last member, after what it starts with. */
    const ofSize = (text: string, size: number) => {
      const padded = (filler: number) => text.replace(/\n?\}\s*$/, `,\n  "padding": "${'x'.repeat(filler)}"\n}\n`);
      return padded(size - padded(0).length);
    };
    const padded = (size: number) => ofSize(descriptor, size);
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
      writeFileSync(path.join(cwd, file), text);
    };
    write('large/prod/connect.json', padded(Math.round(1.1 * MAX_CONTENT_TEST_BYTES)));
    write('large/edge/connect.json', padded(MAX_CONTENT_TEST_BYTES + 1));
    write('large/named/atlassian-connect.json', padded(Math.round(1.1 * MAX_CONTENT_TEST_BYTES)));
    // Large JSON of other kinds, searched on every run: map data and translations get no note.
    write('large/maps/regions.json', ofSize('{ "type": "FeatureCollection", "features": [] }', 2 * MAX_CONTENT_TEST_BYTES));
    write('large/i18n/messages.de.json', ofSize('{ "greeting": "Hallo", "farewell": "Tschüss" }', MAX_CONTENT_TEST_BYTES + 10));
    // Ruled out by its first bytes: no note for it.
    write(
      'large/package-lock.json',
      `{ "name": "app", "lockfileVersion": 3, "packages": { "": "${'x'.repeat(2 * MAX_CONTENT_TEST_BYTES)}" } }`,
    );
    assert.equal(readFileSync(path.join(cwd, 'large/edge/connect.json')).length, MAX_CONTENT_TEST_BYTES + 1);

    const run = await cli(['--format', 'json', 'large'], { cwd });
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(
      report.files.map((file) => [file.path, file.findings.map((finding) => finding.rule)]),
      [['large/named/atlassian-connect.json', ['forge-app-link-missing']]],
      'checked by its name, whatever its size',
    );
    const hint = 'name it as an argument, or match it with --descriptor-glob, to check it as a descriptor';
    assert.deepEqual(run.stderr.trimEnd().split('\n'), [
      `connect-forge-lint: note: skipped large/edge/connect.json: 1025 KB, over the 1 MB up to which content is read; ${hint}`,
      `connect-forge-lint: note: skipped large/prod/connect.json: 1.1 MB, over the 1 MB up to which content is read; ${hint}`,
    ]);

    // Alone in its folder: "no descriptors", the note says why, and the message counts it.
    const alone = await cli(['large/prod'], { cwd });
    assert.match(
      alone.stdout,
      /^No Connect descriptors found in large\/prod \(.*\)\.\n1 JSON file over 1 MB was not read; --list-descriptors lists it\.\n$/,
    );
    assert.match(alone.stderr, /^connect-forge-lint: note: skipped large\/prod\/connect\.json: 1\.1 MB, over the 1 MB/);
    assert.equal(alone.code, 0);

    // Only large files of other kinds: no note, one line in the message, and the listing names them.
    const others = await cli(['large/maps', 'large/i18n'], { cwd });
    assert.deepEqual([others.code, others.stderr], [0, '']);
    assert.equal(
      others.stdout,
      'No Connect descriptors found in large/maps, large/i18n (looked for atlassian-connect.json, and JSON files and templates whose content is a descriptor).\n' +
        '2 JSON files over 1 MB were not read; --list-descriptors lists them.\n',
    );
    const listedOthers = await cli(['--list-descriptors', 'large/maps', 'large/i18n'], { cwd });
    assert.match(listedOthers.stdout, /^large\/maps\/regions\.json {2}not read: 2\.0 MB, over the 1 MB/m);
    assert.match(listedOthers.stdout, /^large\/i18n\/messages\.de\.json {2}not read: 1025 KB, over the 1 MB/m);
    const noneTooLarge = await cli(['named-otherwise/config'], { cwd });
    assert.match(
      noneTooLarge.stdout,
      /^No Connect descriptors found in named-otherwise\/config \(.*\)\.\n$/,
      'no count when nothing was too large',
    );

    // Given as an argument, or matched by a glob, it is checked, with no note.
    for (const args of [['large/prod/connect.json'], ['--descriptor-glob', '**/prod/*.json', 'large/prod']]) {
      const named = await cli(['--format', 'json', ...args], { cwd });
      assert.deepEqual(
        (JSON.parse(named.stdout) as JsonReport).files.map((file) => [file.path, file.findings.map((finding) => finding.rule)]),
        [['large/prod/connect.json', ['forge-app-link-missing']]],
        args.join(' '),
      );
      assert.equal(named.stderr, '', args.join(' '));
    }

    // --list-descriptors lists them on stdout (not read: …) instead.
    const listed = await cli(['--list-descriptors', 'large'], { cwd });
    assert.equal(listed.stderr, '');
    assert.match(listed.stdout, /large\/prod\/connect\.json {2}not read: 1\.1 MB, over the 1 MB/);
  });

  it('the negative set (ordinary JSON files) yields no descriptor', async () => {
    const cwd = workspace();
    cpSync(path.join(CORE_FIXTURES, 'not-descriptors'), path.join(cwd, 'not-descriptors'), { recursive: true });
    const listed = await cli(['--list-descriptors', '.'], { cwd });
    assert.equal(listed.stdout, 'No Connect descriptors found.\n');
    const checked = await cli(['.'], { cwd });
    assert.match(checked.stdout, /^No Connect descriptors found in \. \(looked for atlassian-connect\.json, and JSON files and templates/);
    assert.equal(checked.code, 0);
  });

  it('every descriptor of the corpus is found and checked under its original name, with no option set', async function () {
    requireCorpus(this, 'descriptors');
    const cwd = workspace();
    const entries = corpusIndex().filter((entry) => entry.kind === 'descriptors');
    const written = new Map<string, (typeof entries)[number]>();
    for (const entry of entries) {
      const file = path.join(cwd, entry.repo, entry.path);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, corpusText('descriptors', entry.name));
      written.set(`${entry.repo}/${entry.path}`, entry);
    }

    const run = await cli(['--format', 'json'], { cwd });
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout) as JsonReport;
    assert.deepEqual(report.files.map((file) => file.path).sort(), [...written.keys()].sort(), 'every descriptor, and only them');
    const bitbucket = report.files.filter((file) => written.get(file.path)?.productGuess === 'bitbucket');
    assert.equal(bitbucket.length, entries.filter((entry) => entry.productGuess === 'bitbucket').length);
    for (const file of bitbucket) {
      assert.equal(file.product, 'bitbucket', file.path);
      assert.deepEqual(
        file.findings.filter((f) => f.rule === 'forge-app-link-missing').map((f) => f.severity),
        ['warning'],
        `${file.path} is asked for its forgeAppLink`,
      );
    }
    assert.equal(run.code, 1);

    // The decision the server will make for each file, called directly: the same answer.
    for (const file of filesBelow(cwd)) {
      const verdict = descriptorVerdict(
        { uri: URI.file(path.join(cwd, file)).toString(), text: () => readFileSync(path.join(cwd, file), 'utf8') },
        { globs: [] },
      );
      assert.equal(verdict.descriptor, true, `${file}: ${verdict.detail}`);
    }
  });
});
