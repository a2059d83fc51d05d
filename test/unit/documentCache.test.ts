/**
 * The server's one document cache (server/src/lsp/documentCache.ts): each version of a document
 * is analysed once, whoever asks, and again only after a new version, a change of settings or
 * manifests (invalidate), or the document being forgotten. Its collaborators are the two things it
 * reads: the settings of a scope and the workspace's manifests (none here).
 */
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../server/src/lsp/documentCache';
import { DEFAULT_SERVER_SETTINGS, ServerSettings } from '../../server/src/lsp/settings';

const FOLDER = 'file:///work/app';
const DESCRIPTOR = `{\n  "key": "my-app",\n  "contexts": ["account"],\n  "scopes": ["repository"],\n  "baseUrl": "https://example.com"\n}\n`;

function newCache(): { cache: DocumentCache } {
  const settings = {
    forDocument: (): Promise<ServerSettings> => Promise.resolve(DEFAULT_SERVER_SETTINGS),
    forget: (): void => undefined,
  };
  const workspace = { folderUris: [FOLDER], whenIndexed: () => Promise.resolve(), resolverFor: () => undefined };
  return { cache: new DocumentCache(settings, workspace, () => undefined) };
}

function doc(name: string, text: string, languageId = 'json'): TextDocument {
  return TextDocument.create(`${FOLDER}/${name}`, languageId, 1, text);
}

describe('the document cache', () => {
  it('analyses a version once, whoever asks, and each new version again', async () => {
    const { cache } = newCache();
    const document = doc('atlassian-connect.json', DESCRIPTOR);
    const [first, second] = await Promise.all([cache.stateOf(document), cache.stateOf(document)]);
    assert.equal(first.kind, 'descriptor');
    assert.equal(await cache.stateOf(document), first, 'the same state object: not analysed again');
    assert.equal(second, first, 'asked at once (a pull and a hover): analysed once');

    TextDocument.update(document, [{ text: DESCRIPTOR.replace('my-app', 'other-app') }], 2);
    const next = await cache.stateOf(document);
    assert.notEqual(next, first);
    assert.equal(next.version, 2);
    assert.ok(next.kind === 'descriptor' && next.analysis.parsed.text.includes('other-app'));
    assert.equal(await cache.stateOf(document), next);
  });

  it('analyses again after invalidate (settings or manifests changed) and after forget', async () => {
    const { cache } = newCache();
    const document = doc('atlassian-connect.json', DESCRIPTOR);
    const first = await cache.stateOf(document);
    const generation = cache.currentGeneration;
    cache.invalidate();
    assert.equal(cache.currentGeneration, generation + 1);
    const afterInvalidate = await cache.stateOf(document);
    assert.notEqual(afterInvalidate, first);
    assert.equal(await cache.stateOf(document), afterInvalidate);
    cache.forget(document);
    assert.notEqual(await cache.stateOf(document), afterInvalidate);
  });

  it('knows a file ruled out by its name (not JSON) for every version, one ruled out by its text for that version only', async () => {
    const { cache } = newCache();
    const notes = doc('notes.md', '# Notes', 'markdown');
    const data = doc('data.json', '{ "items": [] }');
    assert.equal(cache.isSettledOther(notes), false, 'nothing is known before it is asked');
    assert.equal((await cache.stateOf(notes)).kind, 'other');
    assert.equal((await cache.stateOf(data)).kind, 'other');
    assert.equal(cache.isSettledOther(notes), true);
    assert.equal(cache.isSettledOther(data), true);

    TextDocument.update(notes, [{ text: DESCRIPTOR }], 2);
    TextDocument.update(data, [{ text: DESCRIPTOR }], 2);
    assert.equal(cache.isSettledOther(notes), true, 'a Markdown file is never a descriptor, whatever its text');
    assert.equal(cache.isSettledOther(data), false, 'the new text may make it one');
    assert.equal((await cache.stateOf(data)).kind, 'descriptor');

    cache.invalidate();
    assert.equal(cache.isSettledOther(notes), false, 'new settings may take it (a glob)');
  });
});
