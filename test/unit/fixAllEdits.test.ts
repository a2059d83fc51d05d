/**
 * Fix-all as edits: one edit per fixed place, each trimmed to the characters that change, never
 * overlapping, and together giving exactly fix-all's text (an editor applies them without
 * replacing what lies between the places, so markers, folding and undo stay where they were).
 */
import * as assert from 'node:assert/strict';
import { TextEdit, applyEdits, composeEdits, fixAll, minimalEdit, trimEdits } from '../../server/src/core';
import { ARI, LINK, UUID, assertMinimalFixAllEdits, assertNoOverlap } from '../support/core';

describe('fix-all as minimal edits', () => {
  it('returns one edit per fixed place, each trimmed to what changes', () => {
    const before = [
      '{',
      '  "key": "my-app",',
      '  "name": "My app",',
      `  "forgeAppID": "${UUID}",`,
      '  "contexts": ["account"],',
      '  "modules": {',
      `    "forgeAppLink": " ${LINK}",`,
      '    "webItems": []',
      '  }',
      '}',
      '',
    ].join('\n');
    const result = fixAll(before);
    assert.equal(
      result.text,
      [
        '{',
        '  "key": "my-app",',
        `  "forgeAppLink": "${LINK}",`,
        '  "name": "My app",',
        `  "forgeAppId": "${ARI}",`,
        '  "contexts": ["account"],',
        '  "modules": {',
        '    "webItems": []',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    assert.deepEqual(assertMinimalFixAllEdits(before, result), [
      // The move: inserted after "key", without the stray space (the second pass's fix, merged)…
      ['', `\n  "forgeAppLink": "${LINK}",`],
      // …the rename (first pass) and the ARI (second pass), each trimmed to what changes…
      ['D', 'd'],
      ['', 'ari:cloud:ecosystem::app/'],
      // …and the nested copy removed with its line.
      [`    "forgeAppLink": " ${LINK}",\n`, ''],
    ]);
  });

  it('keeps places apart on one minified line', () => {
    const before = `{"key":"k","forgeAppID":"${ARI}","contexts":["account"],"vendor":{"name":"v","forgeAppLink":"${LINK}"}}`;
    const result = fixAll(before);
    assert.equal(result.text, `{"key":"k","forgeAppLink":"${LINK}","forgeAppId":"${ARI}","contexts":["account"],"vendor":{"name":"v"}}`);
    assert.deepEqual(assertMinimalFixAllEdits(before, result), [
      ['', `"forgeAppLink":"${LINK}",`],
      ['D', 'd'],
      [`,"forgeAppLink":"${LINK}"`, ''],
    ]);
  });

  it('returns no edit when there is nothing to fix, and when the fixes stop at a parse failure', () => {
    const clean = `{\n  "key": "k",\n  "forgeAppLink": "${LINK}",\n  "contexts": ["account"]\n}\n`;
    assert.deepEqual(fixAll(clean).edits, []);
    assert.deepEqual(fixAll('{ "key": ').edits, []);
  });

  it('keeps CRLF and CR-only line breaks in its edits', () => {
    for (const eol of ['\r\n', '\r']) {
      const before = ['{', '  "key": "k",', '  "contexts": ["account"],', `  "vendor": { "forgeAppId": "${UUID}" }`, '}', ''].join(eol);
      const result = fixAll(before);
      assertMinimalFixAllEdits(before, result);
      assert.ok(
        result.edits.every((edit) => !edit.newText.replace(/\r\n/g, '').includes(eol === '\r' ? '\n' : '\r')),
        JSON.stringify(result.edits),
      );
      assert.equal(
        result.text,
        ['{', '  "key": "k",', `  "forgeAppId": "${ARI}",`, '  "contexts": ["account"],', '  "vendor": {}', '}', ''].join(eol),
      );
    }
  });
});

describe('composeEdits', () => {
  /** Applies `steps` one after another, each composed onto the edits so far; checks the result. */
  function composeAll(original: string, steps: readonly (readonly TextEdit[])[]): { text: string; edits: TextEdit[] } {
    let state = { text: original, edits: [] as TextEdit[] };
    for (const step of steps) {
      const expected = applyEdits(state.text, step);
      state = composeEdits(state.text, state.edits, step);
      assert.equal(state.text, expected, 'the composed text is the step applied');
      assert.equal(applyEdits(original, state.edits), state.text, 'the composed edits on the original give it');
      assertNoOverlap(state.edits);
    }
    return state;
  }

  it('maps a later edit past earlier ones', () => {
    const { edits } = composeAll('abcdefgh', [[{ start: 1, end: 2, newText: 'BBB' }], [{ start: 6, end: 7, newText: 'F' }]]);
    assert.deepEqual(edits, [
      { start: 1, end: 2, newText: 'BBB' },
      { start: 4, end: 5, newText: 'F' },
    ]);
  });

  it('merges a later edit into the text an earlier one inserted, and an insert that touches it', () => {
    const { edits, text } = composeAll('abcdef', [
      [{ start: 2, end: 2, newText: 'XYZ' }],
      [{ start: 3, end: 4, newText: '_' }],
      [{ start: 5, end: 5, newText: '!' }],
    ]);
    assert.equal(text, 'abX_Z!cdef');
    assert.deepEqual(edits, [{ start: 2, end: 2, newText: 'X_Z!' }]);
  });

  it('keeps apart an edit that only touches an earlier one (LSP allows touching edits)', () => {
    const { edits, text } = composeAll('abcdef', [[{ start: 2, end: 2, newText: 'XYZ' }], [{ start: 1, end: 2, newText: '' }]]);
    assert.equal(text, 'aXYZcdef');
    assert.deepEqual(edits, [
      { start: 1, end: 2, newText: '' },
      { start: 2, end: 2, newText: 'XYZ' },
    ]);
  });

  it('merges a later edit that spans several earlier ones', () => {
    const { edits, text } = composeAll('0123456789', [
      [
        { start: 2, end: 3, newText: 'a' },
        { start: 6, end: 7, newText: 'b' },
      ],
      [{ start: 1, end: 8, newText: '-' }],
    ]);
    assert.equal(text, '0-89');
    assert.deepEqual(edits, [{ start: 1, end: 8, newText: '-' }]);
  });

  it('keeps inserts at one offset in the order given, as applyEdits does', () => {
    const { text } = composeAll('ab', [
      [
        { start: 1, end: 1, newText: 'x' },
        { start: 1, end: 1, newText: 'y' },
      ],
    ]);
    assert.equal(text, 'axyb');
  });

  it('refuses overlapping edits', () => {
    assert.throws(
      () =>
        composeEdits(
          'abcdef',
          [],
          [
            { start: 1, end: 4, newText: '' },
            { start: 3, end: 5, newText: '' },
          ],
        ),
      /Overlapping/,
    );
  });

  it('an edit undone by a later one leaves no edit after trimming', () => {
    const { edits } = composeAll('abc', [[{ start: 1, end: 2, newText: 'X' }], [{ start: 1, end: 2, newText: 'b' }]]);
    assert.deepEqual(
      edits.map((edit) => minimalEdit('abc'.slice(edit.start, edit.end), edit.newText)),
      [undefined],
    );
  });
});

describe('trimEdits', () => {
  it('trims each edit, drops no-ops and joins inserts that come to share an offset', () => {
    assert.deepEqual(
      trimEdits('abcdef', [
        { start: 0, end: 1, newText: 'a' },
        { start: 2, end: 2, newText: 'X' },
        { start: 2, end: 4, newText: 'Ycd' },
        { start: 5, end: 6, newText: 'F' },
      ]),
      [
        { start: 2, end: 2, newText: 'XY' },
        { start: 5, end: 6, newText: 'F' },
      ],
    );
  });
});

describe('minimalEdit', () => {
  it('trims to the changed characters', () => {
    assert.deepEqual(minimalEdit('"forgeAppID"', '"forgeAppId"'), { start: 10, end: 11, newText: 'd' });
    assert.deepEqual(minimalEdit('abc', 'abXbc'), { start: 2, end: 2, newText: 'Xb' });
  });

  it('never splits a surrogate pair', () => {
    // 😀 and 😁 share their high surrogate; the edit takes both halves.
    assert.deepEqual(minimalEdit('a😀b', 'a😁b'), { start: 1, end: 3, newText: '😁' });
    // U+1F600 and U+1FA00 share their low surrogate.
    const before = 'a\ud83d\ude00b';
    const after = 'a\ud83e\ude00b';
    assert.deepEqual(minimalEdit(before, after), { start: 1, end: 3, newText: '\ud83e\ude00' });
  });
});
