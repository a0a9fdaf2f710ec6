/** Offset where the line holding `offset` starts. */
export function lineStartAt(text: string, offset: number): number {
  // lastIndexOf treats a negative start as 0: at offset 0 a leading newline would count as before it.
  return offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
}

/** Offset where the content of the line holding `offset` ends: before its `\n` or `\r\n`, or the text's end. */
export function lineEndAt(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/** Offset just after the line break of the line holding `offset` (or the end of text). */
export function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * The edit that removes the whole line(s) from `start` to `end` with one line break: the one before
 * them (so the following lines do not move up into their place), or the one after on the first line.
 */
export function removeLinesEdit(
  text: string,
  start: number,
  end: number,
): { start: number; end: number; newText: string } {
  const from = lineStartAt(text, start);
  if (from > 0) return { start: from - 1, end: lineEndAt(text, end), newText: '' };
  return { start: from, end: nextLineStart(text, end), newText: '' };
}
