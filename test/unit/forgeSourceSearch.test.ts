/**
 * The search of a Forge app's source for the client-key route: which files it reads, and its
 * bounds (depth, files, bytes per file and in all), on real files in a temporary folder.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SOURCE_LIMITS, SourceSearchLimits, searchForgeSource } from '../../server/src/workspace/forgeSourceSearch';

const CALL = 'export const clientKey = () => api.asApp().requestBitbucket(route`/2.0/addon/stars/client-key`);\n';

describe('the Forge source search', () => {
  let root: string;
  const write = (relative: string, text: string) => {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  const found = async (limits?: Partial<SourceSearchLimits>) => {
    const search = await searchForgeSource(root, { ...DEFAULT_SOURCE_LIMITS, ...limits });
    return { files: search.calls.map((c) => path.relative(root, c.file).split(path.sep).join('/')).sort(), truncated: search.truncated };
  };

  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'cfl-source-')));
    write('manifest.yml', 'app:\n  id: x\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the call in JavaScript and TypeScript files, with its key and place', async () => {
    for (const file of ['src/index.js', 'src/a.ts', 'src/b.tsx', 'src/c.mjs', 'src/d.cjs', 'src/e.mts']) write(file, CALL);
    write('src/types.d.ts', CALL);
    write('README.md', CALL);
    write('src/data.json', JSON.stringify({ route: '/2.0/addon/stars/client-key' }));
    assert.deepEqual(await found(), {
      files: ['src/a.ts', 'src/b.tsx', 'src/c.mjs', 'src/d.cjs', 'src/e.mts', 'src/index.js'],
      truncated: undefined,
    });
    const [first] = (await searchForgeSource(root)).calls;
    assert.equal(first.call.addonKey, 'stars');
    assert.equal(first.call.range.start.line, 0);
  });

  it('skips dependency and build folders, and the folders of other Forge apps', async () => {
    write('node_modules/@forge/api/index.js', CALL);
    write('dist/index.js', CALL);
    write('static/ui/build/main.js', CALL);
    write('other-app/manifest.yml', 'app:\n  id: y\n');
    write('other-app/src/index.js', CALL);
    write('src/index.js', 'export const run = () => 1;\n');
    assert.deepEqual(await found(), { files: [], truncated: undefined });
  });

  it('never follows symbolic links, to files or folders', async function () {
    if (process.platform === 'win32') this.skip();
    const outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'cfl-outside-')));
    try {
      writeFileSync(path.join(outside, 'index.js'), CALL);
      symlinkSync(outside, path.join(root, 'linked'));
      symlinkSync(path.join(outside, 'index.js'), path.join(root, 'linked.js'));
      symlinkSync(root, path.join(root, 'loop'));
      assert.deepEqual(await found(), { files: [], truncated: undefined });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('is bounded in depth below the manifest', async () => {
    write('a/b/c/index.js', CALL);
    assert.deepEqual((await found({ maxDepth: 3 })).files, ['a/b/c/index.js']);
    const shallow = await found({ maxDepth: 2 });
    assert.deepEqual(shallow.files, []);
    assert.equal(shallow.truncated, 'folders deeper than 2 levels below the manifest were not searched');
  });

  it('is bounded in files, and in bytes per file and in all', async () => {
    for (let i = 0; i < 5; i++) write(`src/f${i}.js`, CALL);
    const few = await found({ maxFiles: 3 });
    assert.equal(few.files.length, 3);
    assert.equal(few.truncated, 'the search stopped after 3 source files');

    const bytes = await found({ maxTotalBytes: CALL.length * 2 });
    assert.equal(bytes.files.length, 2, 'the file that reaches the bound is the last one read');
    assert.equal(bytes.truncated, 'the search stopped after 1 KB of source');

    write('src/bundle.js', `${CALL}${'x'.repeat(2048)}`);
    assert.ok((await found()).files.includes('src/bundle.js'));
    assert.ok(!(await found({ maxFileBytes: 1024 })).files.includes('src/bundle.js'), 'a file over the bound is not read');
  });
});
