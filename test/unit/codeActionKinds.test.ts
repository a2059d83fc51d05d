/** The one decision of which code action kinds a request's `only` asks for, as LSP and VS Code match kinds. */
import * as assert from 'node:assert/strict';
import { CodeActionKind } from 'vscode-languageserver/node';
import { isKindRequested } from '../../server/src/lsp/codeActionKinds';

const FIX_ALL = 'source.fixAll.connectForgeLink';

describe('code action kinds a request asks for', () => {
  const table: [only: string[] | undefined, kind: string, requested: boolean][] = [
    // No `only`: what the light bulb shows; source actions are never in it.
    [undefined, CodeActionKind.QuickFix, true],
    [undefined, FIX_ALL, false],
    // The kind itself, and its parents in the hierarchy.
    [['quickfix'], CodeActionKind.QuickFix, true],
    [['source'], FIX_ALL, true],
    [['source.fixAll'], FIX_ALL, true],
    [[FIX_ALL], FIX_ALL, true],
    // The empty kind is every kind's parent.
    [[''], CodeActionKind.QuickFix, true],
    [[''], FIX_ALL, true],
    // A prefix of a kind's name that is no parent of it, a child of it, another kind.
    [['quick'], CodeActionKind.QuickFix, false],
    [['source.fix'], FIX_ALL, false],
    [['quickfix.connectForgeLink'], CodeActionKind.QuickFix, false],
    [['source.fixAll.eslint'], FIX_ALL, false],
    [['refactor'], CodeActionKind.QuickFix, false],
    [['source.organizeImports'], FIX_ALL, false],
    [['quickfix'], FIX_ALL, false],
    [['source.fixAll'], CodeActionKind.QuickFix, false],
    [[], CodeActionKind.QuickFix, false],
    // Several kinds: any of them.
    [['refactor', 'quickfix'], CodeActionKind.QuickFix, true],
    [['refactor', 'source'], FIX_ALL, true],
  ];
  for (const [only, kind, requested] of table) {
    it(`${JSON.stringify(only)} ${requested ? 'asks' : 'does not ask'} for ${kind}`, () => {
      assert.equal(isKindRequested(only, kind), requested);
    });
  }
});
