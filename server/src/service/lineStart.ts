/** Offset where the line holding `offset` starts. */
export function lineStartAt(text: string, offset: number): number {
  // lastIndexOf treats a negative start as 0: at offset 0 a leading newline would count as before it.
  return offset > 0 ? text.lastIndexOf('\n', offset - 1) + 1 : 0;
}
