/**
 * While a user types, the YAML is often broken on one line. The parser's own recovery can then lose
 * whole entries (a unit whose `content: |` is intact vanishes because of `comm` typed beside `name:`).
 * Here each line the parser reports an error on is neutralised (same length, so every offset stays)
 * and the text is parsed again, a few rounds at most: the entries on intact lines come back with
 * their embedded blocks. A neutralised line keeps its indentation and `- ` and becomes an empty key
 * (`____:`), so the lines after it still belong to the same entry; a line too short for that is
 * blanked. The errors reported are still those of the text as written.
 */
import { isMap, isScalar, parseDocument, visit, type Document, type YAMLError } from 'yaml';

const maxRounds = 4;

/**
 * The keys embedded blocks hang under. A broken line that is only the start of one of them (its colon
 * dropped, or cut short: `write_files`, `write_`, `  uni`) above lines that are YAML structure keeps
 * its children as structure, and the key gets its name back, so the blocks under it survive.
 */
const blockParents: readonly string[] = ['write_files', 'coreos', 'units', 'drop-ins', 'drop_ins'];

/**
 * The same-length stand-in for a broken line: its indentation and `- ` kept, the rest an empty key;
 * when the lines after it are indented deeper (a broken `content: |`, a key cut short above its
 * children), a key holding a literal block, so that those lines stay text and break nothing else.
 */
function standIn(line: string, nextIndent: number | undefined, nextStructural = false): string {
  const m = /^([ \t]*(?:-[ \t]+)*)([\s\S]*)$/.exec(line) as RegExpExecArray;
  const lead = m[1] as string;
  const rest = m[2] as string;
  if (rest.length < 2) return ' '.repeat(line.length);
  // `name web.service`, `content |`: a key whose colon was dropped. Its last letter gives way to the
  // colon (same length); the key gets its whole name back after the parse (nameRepairedKeys).
  const dropped = /^([A-Za-z_][\w-]+)([ \t]+)(\S.*)$/.exec(rest);
  if (dropped && !/:[ \t]/.test(rest) && !/^#/.test(rest))
    return `${lead}${(dropped[1] as string).slice(0, -1)}:${dropped[2]}${dropped[3]}`;
  if (nextIndent !== undefined && nextIndent > lead.length && nextStructural && parentKeyOf(rest))
    return `${lead}${'_'.repeat(rest.length - 1)}:`;
  if (nextIndent !== undefined && nextIndent > lead.length && rest.length >= 4)
    return `${lead}${'_'.repeat(rest.length - 3)}: |`;
  return `${lead}${'_'.repeat(rest.length - 1)}:`;
}

/** The block parent a broken key line stands for: the one key it is the start of (3 characters at least). */
function parentKeyOf(rest: string): string | undefined {
  const word = rest.trim().replace(/:$/, '');
  if (word.length < 3 || !/^[\w-]+$/.test(word)) return undefined;
  const keys = blockParents.filter((k) => k.startsWith(word));
  return keys.length === 1 ? keys[0] : undefined;
}

/** Whether the first non-blank line after `end` is YAML structure (`- item`, `key:`), not block text. */
function nextIsStructure(text: string, end: number): boolean {
  let at = text.indexOf('\n', end);
  while (at >= 0) {
    const start = at + 1;
    let stop = text.indexOf('\n', start);
    if (stop < 0) stop = text.length;
    const line = text.slice(start, stop).replace(/\r$/, '');
    if (line.trim() !== '') return /^[ \t]*(-[ \t]|[\w-]+:([ \t]|$))/.test(line);
    at = stop < text.length ? stop : -1;
  }
  return false;
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
    if (line.trim() !== '' && standIn(line, nextIndentAfter(text, end), nextIsStructure(text, end)) !== line)
      spans.push([start, end]);
  }
  if (spans.length === 0) return undefined;
  spans.sort((a, b) => a[0] - b[0]);
  // A block parent given back its children: the errors below it may only have followed from it, so
  // the lines after it wait for the next round.
  const parent = spans.findIndex(
    ([start, end]) =>
      /^[ \t]*(?:-[ \t]+)*_+:$/.test(
        standIn(text.slice(start, end), nextIndentAfter(text, end), nextIsStructure(text, end)),
      ) && parentKeyOf(text.slice(start, end)) !== undefined,
  );
  if (parent >= 0) spans.length = parent + 1;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) continue;
    out +=
      text.slice(at, start) + standIn(text.slice(start, end), nextIndentAfter(text, end), nextIsStructure(text, end));
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
    const next = blankLines(
      current,
      doc.errors.map((e) => locate(at, current, e)),
    );
    if (next === undefined) break;
    const parsed = parseDocument(next, options) as Document.Parsed;
    current = next;
    doc = parsed;
  }
  if (doc === broken) return undefined;
  nameRepairedKeys(doc, text, current);
  return { doc, text: current };
}

/**
 * Give repaired keys their names back: a stand-in that was the start of a block parent (`write_fi`)
 * that parent's name, a key whose colon was dropped (`nam: web.service` from `name web.service`) its
 * whole word.
 */
function nameRepairedKeys(doc: Document.Parsed, original: string, current: string): void {
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (isScalar(key) && typeof key.value === 'string' && key.range && key.type === 'PLAIN') {
        const [start, end] = key.range;
        const word = /^[\w-]+/.exec(original.slice(start, end + 1))?.[0];
        if (
          current[end] === ':' &&
          original.slice(start, end) === key.value &&
          word &&
          word.length === end + 1 - start &&
          /[ \t]/.test(original[end + 1] ?? '')
        ) {
          key.value = word;
          key.source = word;
          return;
        }
      }
      if (
        !isScalar(key) ||
        typeof key.value !== 'string' ||
        !/^_+$/.test(key.value) ||
        !key.range ||
        (!isMap(pair.value) && !(pair.value && 'items' in (pair.value as object)))
      )
        return;
      const [start, end] = key.range;
      if (current.slice(start, end) !== key.value) return;
      const name = parentKeyOf(
        original.slice(start, original.indexOf('\n', start) < 0 ? original.length : original.indexOf('\n', start)),
      );
      if (name) {
        key.value = name;
        key.source = name;
      }
    },
  });
}
