/** The CLI's own small machinery, in process: the unified diff of --fix-dry-run and the progress line. */
import * as assert from 'node:assert/strict';
import { unifiedDiff } from '../../server/src/cli/diff';
import { createProgress } from '../../server/src/cli/progress';

describe('CLI internals', () => {
  describe('unifiedDiff', () => {
    it('is empty for equal texts', () => {
      assert.equal(unifiedDiff('f', 'a\n', 'a\n'), '');
    });

    it('makes separate hunks for changes far apart, with 3 lines of context', () => {
      const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
      const after = before.replace('line 2\n', 'line two\n').replace('line 18\n', '');
      assert.equal(
        unifiedDiff('f.json', before, after),
        [
          '--- a/f.json',
          '+++ b/f.json',
          '@@ -1,5 +1,5 @@',
          ' line 1',
          '-line 2',
          '+line two',
          ' line 3',
          ' line 4',
          ' line 5',
          '@@ -15,6 +15,5 @@',
          ' line 15',
          ' line 16',
          ' line 17',
          '-line 18',
          ' line 19',
          ' line 20',
          '',
        ].join('\n'),
      );
    });

    it('marks a last line without a newline, and compares CRLF lines whole', () => {
      assert.equal(
        unifiedDiff('f', 'a\r\nb', 'a\r\nc'),
        [
          '--- a/f',
          '+++ b/f',
          '@@ -1,2 +1,2 @@',
          ' a',
          '-b',
          '\\ No newline at end of file',
          '+c',
          '\\ No newline at end of file',
          '',
        ].join('\n'),
      );
      assert.equal(unifiedDiff('f', 'a\n', ''), ['--- a/f', '+++ b/f', '@@ -1 +0,0 @@', '-a', ''].join('\n'));
    });
  });

  describe('progress line', () => {
    function fakeTerminal(isTTY: boolean): {
      stream: { isTTY: boolean; columns: number; write: (text: string) => void };
      written: string[];
    } {
      const written: string[] = [];
      return { stream: { isTTY, columns: 40, write: (text) => written.push(text) }, written };
    }

    it('stays silent for a quick run and whenever stderr is not a terminal', () => {
      let time = 0;
      const quick = fakeTerminal(true);
      const progress = createProgress(quick.stream, () => time);
      progress.update('Checking 1/2');
      time = 300;
      progress.update('Checking 2/2');
      progress.done();
      assert.deepEqual(quick.written, []);

      const piped = fakeTerminal(false);
      const silent = createProgress(piped.stream, () => time);
      time = 5000;
      silent.update('Checking');
      silent.done();
      assert.deepEqual(piped.written, []);
    });

    it('shows one line, redrawn in place, after half a second, and erases it at the end', () => {
      let time = 0;
      const terminal = fakeTerminal(true);
      const progress = createProgress(terminal.stream, () => time);
      progress.update('Searching .');
      time = 600;
      progress.update('Checking 1/3: a/atlassian-connect.json and a name too long for the line');
      time = 650;
      progress.update('Checking 2/3: throttled');
      time = 800;
      progress.update('Checking 3/3');
      progress.done();
      assert.deepEqual(terminal.written, ['\r\u001b[KChecking 1/3: a/atlassian-connect.json…', '\r\u001b[KChecking 3/3', '\r\u001b[K']);
    });
  });
});
