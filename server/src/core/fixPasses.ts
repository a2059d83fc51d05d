/**
 * Fix-all for any kind of document: every safe fix, pass after pass (a fix can reveal or settle
 * another), until none is left. When a pass's combined result would not parse as well as the text
 * before it, that pass is dropped and fixing stops there: the text returned always parses at least
 * as well as the input.
 */
import { TextEdit, composeEdits, trimEdits } from './edits';
import { Finding } from './types';

export interface FixAllResult {
  readonly text: string;
  /** Titles of the fixes applied, in order. */
  readonly applied: readonly string[];
  /**
   * The same change as edits on the input text: one per fixed place (a later pass's edit merged
   * into the earlier one it touches), trimmed to the characters that change, sorted, none touching.
   */
  readonly edits: readonly TextEdit[];
}

export interface FixableDocument {
  /** The findings of a text and how many syntax errors it has (`pass` 0 is the text given). */
  readonly analyze: (text: string, pass: number) => { readonly findings: readonly Finding[]; readonly syntaxErrors: number };
  /** How many syntax errors a fixed text has, or undefined when it cannot be read at all. */
  readonly syntaxErrorsOf: (text: string) => number | undefined;
}

const MAX_FIX_PASSES = 10;

export function fixPasses(text: string, document: FixableDocument): FixAllResult {
  let current = text;
  let edits: TextEdit[] = [];
  const applied: string[] = [];
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { findings, syntaxErrors } = document.analyze(current, pass);
    const chosen: TextEdit[] = [];
    const titles: string[] = [];
    for (const finding of findings) {
      const fix = finding.fixes.find((f) => f.safe);
      if (!fix) continue;
      const fixEdits = fix.edits();
      if (fixEdits.some((edit) => chosen.some((other) => overlaps(edit, other)))) continue;
      chosen.push(...fixEdits);
      titles.push(fix.title);
    }
    if (chosen.length === 0) break;
    const next = composeEdits(current, edits, chosen);
    const after = document.syntaxErrorsOf(next.text);
    if (after === undefined || after > syntaxErrors) break;
    current = next.text;
    edits = next.edits;
    applied.push(...titles);
  }
  return { text: current, applied, edits: trimEdits(text, edits) };
}

/** Touching ranges count as overlapping: two inserts at one offset would interleave unpredictably. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}
