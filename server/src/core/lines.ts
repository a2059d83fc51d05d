/**
 * Offsets to lines and columns, as LSP counts them: `\r\n`, `\n` and a lone `\r` each end a line,
 * and columns are UTF-16 code units. The one place the core turns an offset into a line.
 */
export interface LinePosition {
  /** 0-based. */
  readonly line: number;
  /** 0-based, in UTF-16 code units. */
  readonly character: number;
}

export interface LineRange {
  readonly start: LinePosition;
  readonly end: LinePosition;
}

const LF = 10;
const CR = 13;

/**
 * The line and column of an offset (clamped to the text). An offset between the `\r` and `\n` of
 * a line break is the end of its line, as vscode-languageserver-textdocument's positionAt says.
 */
export function linePosition(text: string, offset: number): LinePosition {
  let end = Math.max(0, Math.min(offset, text.length));
  if (end > 0 && text.charCodeAt(end - 1) === CR && text.charCodeAt(end) === LF) end--;
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: end - lineStart };
}

/** The offset of a line and column, as linePosition counts them (clamped to the line and the text). */
export function offsetAt(text: string, position: LinePosition): number {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length && line < position.line; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) {
      line++;
      lineStart = i + 1;
    }
  }
  if (line < position.line) return text.length;
  let lineEnd = lineStart;
  while (lineEnd < text.length && text.charCodeAt(lineEnd) !== LF && text.charCodeAt(lineEnd) !== CR) lineEnd++;
  return Math.min(lineStart + Math.max(0, position.character), lineEnd);
}
