/**
 * A minimal line-based unified diff (the `diff -u` / `git diff` shape), enough to show what
 * --fix would change. Fixes touch a few lines, so the common head and tail are trimmed first and
 * only the middle is compared; a middle too large to compare cheaply is shown as replaced whole.
 */

const CONTEXT_LINES = 3;
/** Above this many cells the middle is shown as one replacement instead of a minimal diff. */
const MAX_TABLE_CELLS = 4_000_000;

interface Line {
  /** The line without its terminator, as printed. */
  readonly text: string;
  /** The line with its terminator, as compared (so a changed line ending counts as a change). */
  readonly full: string;
  readonly terminated: boolean;
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: Line };

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (const match of text.matchAll(pattern)) {
    const end = match.index;
    lines.push({ text: text.slice(start, end), full: text.slice(start, end + match[0].length), terminated: true });
    start = end + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), full: text.slice(start), terminated: false });
  return lines;
}

/** The edit script from a to b: common lines, deletions and insertions in order. */
function diffLines(a: readonly Line[], b: readonly Line[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head].full === b[head].full) head++;
  let tailA = a.length;
  let tailB = b.length;
  while (tailA > head && tailB > head && a[tailA - 1].full === b[tailB - 1].full) {
    tailA--;
    tailB--;
  }
  const ops: Op[] = a.slice(0, head).map((line) => ({ kind: ' ', line }));
  const midA = a.slice(head, tailA);
  const midB = b.slice(head, tailB);
  if ((midA.length + 1) * (midB.length + 1) > MAX_TABLE_CELLS) {
    ops.push(...midA.map((line): Op => ({ kind: '-', line })), ...midB.map((line): Op => ({ kind: '+', line })));
  } else {
    ops.push(...lcsOps(midA, midB));
  }
  ops.push(...a.slice(tailA).map((line): Op => ({ kind: ' ', line })));
  return ops;
}

/** Longest common subsequence by dynamic programming; deletions before insertions in a change. */
function lcsOps(a: readonly Line[], b: readonly Line[]): Op[] {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i].full === b[j].full ? table[(i + 1) * width + j + 1] + 1 : Math.max(table[(i + 1) * width + j], table[i * width + j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i].full === b[j].full) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
    } else if (j >= b.length || (i < a.length && table[(i + 1) * width + j] >= table[i * width + j + 1])) {
      ops.push({ kind: '-', line: a[i++] });
    } else {
      ops.push({ kind: '+', line: b[j++] });
    }
  }
  return ops;
}

/** `--- a/<name>` / `+++ b/<name>` and the hunks; empty when the texts are equal. */
export function unifiedDiff(name: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const out: string[] = [`--- a/${name}`, `+++ b/${name}`];
  // Walk the script, grouping changes that are at most 2 × CONTEXT_LINES apart into one hunk.
  let index = 0;
  while (index < ops.length) {
    while (index < ops.length && ops[index].kind === ' ') index++;
    if (index >= ops.length) break;
    const start = Math.max(0, index - CONTEXT_LINES);
    let end = index;
    let lastChange = index;
    while (end < ops.length) {
      if (ops[end].kind !== ' ') lastChange = end;
      else if (end - lastChange > 2 * CONTEXT_LINES) break;
      end++;
    }
    end = Math.min(ops.length, lastChange + CONTEXT_LINES + 1);
    out.push(...hunk(ops, start, end));
    index = end;
  }
  return `${out.join('\n')}\n`;
}

function hunk(ops: readonly Op[], start: number, end: number): string[] {
  // Line numbers (1-based) of the hunk's first line in each text.
  let oldLine = 1;
  let newLine = 1;
  for (let k = 0; k < start; k++) {
    if (ops[k].kind !== '+') oldLine++;
    if (ops[k].kind !== '-') newLine++;
  }
  let oldCount = 0;
  let newCount = 0;
  const body: string[] = [];
  for (let k = start; k < end; k++) {
    const op = ops[k];
    if (op.kind !== '+') oldCount++;
    if (op.kind !== '-') newCount++;
    body.push(`${op.kind}${op.line.text}`);
    if (!op.line.terminated) body.push('\\ No newline at end of file');
  }
  const range = (line: number, count: number): string => (count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`);
  return [`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`, ...body];
}
