/**
 * --output-file's file, in process: opening it changes nothing, the report replaces it whole
 * through a temporary file renamed over it (a symbolic link followed, the permissions kept), and a
 * replacement that fails leaves no temporary file behind.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { openOutputFile } from '../../server/src/cli/outputFile';
import { temporaryWorkspaces } from './harness';

const PREVIOUS = '<testsuites name="previous run"/>\n'.repeat(50);

describe('CLI: the --output-file file', () => {
  const workspace = temporaryWorkspaces();

  it('is left as it was when the run ends without writing it', async () => {
    const file = path.join(workspace(), 'report.xml');
    writeFileSync(file, PREVIOUS);
    const output = await openOutputFile(file);
    assert.equal(readFileSync(file, 'utf8'), PREVIOUS, 'opening it does not empty it');
    await output.close();
    assert.equal(readFileSync(file, 'utf8'), PREVIOUS);
  });

  it('is replaced whole, its permissions kept, the file a symbolic link names replaced and the link kept', async () => {
    const folder = workspace();
    mkdirSync(path.join(folder, 'reports'));
    const real = path.join(folder, 'reports', 'junit.xml');
    writeFileSync(real, PREVIOUS);
    chmodSync(real, 0o640);
    const link = path.join(folder, 'latest.xml');
    symlinkSync(real, link);
    const output = await openOutputFile(link);
    await output.write('<testsuites/>\n');
    await output.close();
    assert.ok(lstatSync(link).isSymbolicLink(), 'still a link');
    assert.equal(readFileSync(real, 'utf8'), '<testsuites/>\n');
    assert.equal(statSync(real).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(path.join(folder, 'reports')), ['junit.xml'], 'no temporary file left');
  });

  it('a replacement that fails throws and leaves no temporary file', async () => {
    const folder = workspace();
    const file = path.join(folder, 'report.xml');
    writeFileSync(file, PREVIOUS);
    const output = await openOutputFile(file);
    // Between the check and the write, a folder that is not empty takes the file's place: nothing can be renamed over it.
    rmSync(file);
    mkdirSync(path.join(file, 'inside'), { recursive: true });
    await assert.rejects(output.write('<testsuites/>\n'), (error: NodeJS.ErrnoException) =>
      /^(EISDIR|ENOTEMPTY|EEXIST|EPERM)$/.test(error.code ?? ''),
    );
    assert.deepEqual(readdirSync(folder), ['report.xml']);
    assert.deepEqual(readdirSync(file), ['inside'], 'the folder untouched');
  });

  it('a folder cannot be opened as the file, and is left as it is', async () => {
    const folder = workspace();
    writeFileSync(path.join(folder, 'kept.txt'), 'kept');
    await assert.rejects(openOutputFile(folder), (error: NodeJS.ErrnoException) => error.code === 'EISDIR');
    assert.deepEqual(readdirSync(folder), ['kept.txt']);
  });
});
