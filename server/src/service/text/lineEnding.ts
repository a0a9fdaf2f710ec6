/**
 * The line ending a text uses (`\r\n` when it has any, else `\n`), for edits that add lines. Fixes ask
 * for it once per finding: the answer for the last text asked about is kept, so a large document is
 * scanned once rather than once per fix.
 */
import type { Finding } from '../types';

let lastText: string | undefined;
let lastEol = '\n';

export function eolOf(text: string): string {
  if (text !== lastText) {
    lastEol = text.includes('\r\n') ? '\r\n' : '\n';
    lastText = text;
  }
  return lastEol;
}

/**
 * Fixes written in the document's line ending: in a CRLF document every line break a fix inserts is
 * CRLF (a rule added to a CRLF rules file with a bare LF would be one line with a stray CR to
 * iptables-restore), in a document of lone CRs (old Mac files, which cloud-init reads line by line)
 * it is CR, unless `loneCrBreaks` is false: iptables-restore splits lines at LF only, so to it a file of
 * lone CRs is one line, and a COMMIT added after a CR would still be part of that line.
 * Findings are returned as they are when nothing changes.
 */
export function fixesInLineEnding(text: string, findings: readonly Finding[], loneCrBreaks = true): readonly Finding[] {
  const eol =
    eolOf(text) === '\r\n' ? '\r\n' : loneCrBreaks && text.includes('\r') && !text.includes('\n') ? '\r' : '\n';
  if (eol === '\n' || !findings.some((f) => f.fixes?.some((x) => x.edits.some((e) => e.newText.includes('\n')))))
    return findings;
  return findings.map((f) =>
    f.fixes
      ? {
          ...f,
          fixes: f.fixes.map((x) => ({
            ...x,
            edits: x.edits.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, eol) })),
          })),
        }
      : f,
  );
}
