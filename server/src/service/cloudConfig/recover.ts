/**
 * While a user types, the YAML is often broken on one line. The parser's own recovery can then lose
 * whole entries (a unit whose `content: |` is intact vanishes because of `comm` typed beside `name:`).
 * Here each line the parser reports an error on is neutralised (same length, so every offset stays)
 * and the text is parsed again, a few rounds at most: the entries on intact lines come back with
 * their embedded blocks. A neutralised line keeps its indentation and `- ` and becomes an empty key
 * (`____:`), so the lines after it still belong to the same entry; a line too short for that is
 * blanked. The errors reported are still those of the text as written.
 */
import { parseDocument, type Document, type YAMLError } from 'yaml';

const maxRounds = 4;

/**
 * The same-length stand-in for a broken line: its indentation and `- ` kept, the rest an empty key;
 * when the lines after it are indented deeper (a broken `content: |`, a key cut short above its
 * children), a key holding a literal block, so that those lines stay text and break nothing else.
 */
function standIn(line: string, nextIndent: number | undefined): string {
  const m = /^([ \t]*(?:-[ \t]+)*)([\s\S]*)$/.exec(line) as RegExpExecArray;
  const lead = m[1] as string;
  const rest = m[2] as string;
  if (rest.length < 2) return ' '.repeat(line.length);
  if (nextIndent !== undefined && nextIndent > lead.length && rest.length >= 4) return `${lead}${'_'.repeat(rest.length - 3)}: |`;
  return `${lead}${'_'.repeat(rest.length - 1)}:`;
}

/** Indentation of the first line after `end` that is not blank. */
function nextIndentAfter(text: string, end: number): number | undefined {
  let at = text.indexOf('\n', end);
  while (at >= 0) {
    const start = at + 1;
    let stop = text.indexOf('\n', start);
    if (stop < 0) stop = text.length;
    const line = text.slice(start, stop).replace(/\r$/, '');
    if (line.trim() !== '') return line.length - line.trimStart().length;
    at = stop < text.length ? stop : -1;
  }
  return undefined;
}

/** Neutralise the lines holding the offsets; returns undefined when nothing changes. */
function blankLines(text: string, offsets: readonly number[]): string | undefined {
  const spans: Array<[number, number]> = [];
  for (const o of offsets) {
    const at = Math.min(Math.max(o, 0), text.length);
    const start = text.lastIndexOf('\n', at - 1) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    if (end > start && text[end - 1] === '\r') end--;
    const line = text.slice(start, end);
    if (line.trim() !== '' && standIn(line, nextIndentAfter(text, end)) !== line) spans.push([start, end]);
  }
  if (spans.length === 0) return undefined;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) continue;
    out += text.slice(at, start) + standIn(text.slice(start, end), nextIndentAfter(text, end));
    at = end;
  }
  return out + text.slice(at);
}

/**
 * A document parsed from `text` with its broken lines blanked, and that text; or undefined when the
 * parse had no errors or blanking does not help.
 */
export function recoverDocument<T extends Parameters<typeof parseDocument>[1]>(
  text: string,
  broken: Document.Parsed,
  options: T,
  /** Where an error really is (an unclosed quote is reported where the text ends). */
  locate: (doc: Document.Parsed, text: string, e: YAMLError) => number,
): { doc: Document.Parsed; text: string } | undefined {
  if (broken.errors.length === 0) return undefined;
  let current = text;
  let doc = broken;
  for (let round = 0; round < maxRounds && doc.errors.length > 0; round++) {
    const at = doc;
    const next = blankLines(current, doc.errors.map((e) => locate(at, current, e)));
    if (next === undefined) break;
    const parsed = parseDocument(next, options) as Document.Parsed;
    current = next;
    doc = parsed;
  }
  return doc === broken ? undefined : { doc, text: current };
}
