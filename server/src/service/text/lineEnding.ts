/**
 * The line ending a text uses (`\r\n` when it has any, else `\n`), for edits that add lines. Fixes ask
 * for it once per finding: the answer for the last text asked about is kept, so a large document is
 * scanned once rather than once per fix.
 */
let lastText: string | undefined;
let lastEol = '\n';

export function eolOf(text: string): string {
  if (text !== lastText) {
    lastEol = text.includes('\r\n') ? '\r\n' : '\n';
    lastText = text;
  }
  return lastEol;
}
