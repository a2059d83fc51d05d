import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { linePosition, readManifest } from '../../server/src/core';

describe('linePosition: offsets to lines, as LSP counts them', () => {
  const cases: { name: string; text: string; offset: number; line: number; character: number }[] = [
    { name: 'the start', text: 'ab\ncd', offset: 0, line: 0, character: 0 },
    { name: 'after LF', text: 'ab\ncd', offset: 4, line: 1, character: 1 },
    { name: 'after CRLF', text: 'ab\r\ncd', offset: 5, line: 1, character: 1 },
    { name: 'between CR and LF: the end of the first line', text: 'ab\r\ncd', offset: 3, line: 0, character: 2 },
    { name: 'after a lone CR (old Mac line endings)', text: 'ab\rcd', offset: 4, line: 1, character: 1 },
    { name: 'mixed endings', text: 'a\rb\r\nc\nd', offset: 7, line: 3, character: 0 },
    { name: 'CR CR LF: two breaks', text: 'a\r\r\nb', offset: 4, line: 2, character: 0 },
    { name: 'UTF-16 columns (a surrogate pair is two)', text: 'x\n😀y', offset: 4, line: 1, character: 2 },
    { name: 'past the end: clamped', text: 'ab\ncd', offset: 99, line: 1, character: 2 },
    { name: 'negative: clamped to the start', text: 'ab', offset: -3, line: 0, character: 0 },
    { name: 'the end after a final break', text: 'ab\n', offset: 3, line: 1, character: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(linePosition(c.text, c.offset), { line: c.line, character: c.character });
    });
  }

  it("agrees with vscode-languageserver-textdocument's positionAt on any text and offset", () => {
    const text = fc.array(fc.constantFrom('a', 'é', '😀', '\n', '\r', '\r\n', ' '), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat(60), (content, offset) => {
        const document = TextDocument.create('file:///t.txt', 'plaintext', 1, content);
        assert.deepEqual(linePosition(content, offset), document.positionAt(offset));
      }),
      { numRuns: 2000 },
    );
  });

  it("a manifest's messages give the line an editor shows, lone CR included", () => {
    // The same error, at the end of the text, whichever the line breaks (the old count said line 1 for CR).
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['modules: {}', 'app:', '  id: [unclosed', ''].join(eol);
      const error = readManifest(text).errors.find((e) => e.start === text.length);
      assert.ok(error, JSON.stringify(readManifest(text).errors));
      assert.deepEqual([error.code, error.line, error.column], ['yaml-syntax', 4, 1], JSON.stringify(eol));
      assert.match(error.message, /\(line 4, column 1\)/);
    }
  });
});
