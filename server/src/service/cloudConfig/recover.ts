/**
 * While a user types, the YAML is often broken on one line. The parser's own recovery can then lose
 * whole entries (a unit whose `content: |` is intact vanishes because of `comm` typed beside `name:`).
 * Here each line the parser reports an error on is neutralised (same length, so every offset stays)
 * and the text is parsed again, a few rounds at most: the entries on intact lines come back with
 * their embedded blocks. A neutralised line keeps its indentation and `- ` and becomes an empty key
 * (`____:`), so the lines after it still belong to the same entry; a line too short for that is
 * blanked. Lines that cannot be YAML whatever the parser says of them (a bare word above deeper keys,
 * `  etcd2`) are neutralised first: the parser reports their error on the lines below them. The errors
 * reported are still those of the text as written.
 */
import { isMap, isScalar, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { restoreContentBlocks } from './recoverBlock';

const maxRounds = 4;

/**
 * The keys embedded blocks hang under. A broken line that is only the start of one of them (its colon
 * dropped, or cut short: `write_files`, `write_`, `  uni`) above lines that are YAML structure keeps
 * its children as structure, and the key gets its name back, so the blocks under it survive.
 */
const blockParents: readonly string[] = ['write_files', 'coreos', 'units', 'drop-ins', 'drop_ins'];

/** Whether a line is YAML structure (`- item`, `key:`), not block text. */
function isStructure(line: string): boolean {
  return /^[ \t]*(-[ \t]|[\w-]+:([ \t]|$))/.test(line);
}

/**
 * The same-length stand-in for a broken line: its indentation and `- ` kept, the rest an empty key;
 * when the lines after it are indented deeper (a broken `content: |`, a key cut short above its
 * children), a key holding a literal block, so that those lines stay text and break nothing else.
 */
function standIn(line: string, next: NextLine | undefined): string {
  const m = /^([ \t]*(?:-[ \t]+)*)([\s\S]*)$/.exec(line) as RegExpExecArray;
  const lead = m[1] as string;
  const rest = m[2] as string;
  if (rest.length < 2) return ' '.repeat(line.length);
  // `name web.service`, `content |`: a key whose colon was dropped. Its last letter gives way to the
  // colon (same length); the key gets its whole name back after the parse (nameRepairedKeys).
  const dropped = /^([A-Za-z_][\w-]+)([ \t]+)(\S.*)$/.exec(rest);
  if (dropped && !/:[ \t]/.test(rest) && !/^#/.test(rest))
    return `${lead}${(dropped[1] as string).slice(0, -1)}:${dropped[2]}${dropped[3]}`;
  const deeper = next !== undefined && next.indent > lead.length;
  if (deeper && isStructure(next.text) && parentKeyOf(line, next)) return `${lead}${'_'.repeat(rest.length - 1)}:`;
  if (deeper && rest.length >= 4) return `${lead}${'_'.repeat(rest.length - 3)}: |`;
  return `${lead}${'_'.repeat(rest.length - 1)}:`;
}

/**
 * The lines of text under a broken line too short to hold a literal block key (`      co` cut from
 * `content: |`): each becomes a comment of the same length, so that they break nothing else either.
 */
function commentedBody(text: string, end: number, indent: number): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  let at = text.indexOf('\n', end);
  while (at >= 0) {
    const start = at + 1;
    let stop = text.indexOf('\n', start);
    if (stop < 0) stop = text.length;
    const line = text.slice(start, stop).replace(/\r$/, '');
    const own = line.length - line.trimStart().length;
    if (line.trim() !== '' && own <= indent) break;
    if (line.trim() !== '' && line[own] !== '#') out.push([start + own, start + own + 1, '#']);
    at = stop < text.length ? stop : -1;
  }
  return out;
}

/** The replacements for one broken line: the line's stand-in, and its text body commented out when needed. */
function replacementsFor(text: string, start: number, end: number): Array<[number, number, string]> {
  const line = text.slice(start, end);
  const next = nextLineAfter(text, end);
  const replacement = standIn(line, next);
  const lead = (/^[ \t]*(?:-[ \t]+)*/.exec(line) as RegExpExecArray)[0].length;
  const out: Array<[number, number, string]> = [[start, end, replacement]];
  if (
    next !== undefined &&
    next.indent > lead &&
    !isStructure(next.text) &&
    !/: \|$/.test(replacement) &&
    !/^[ \t]*(?:-[ \t]+)*[\w-]+:[ \t]/.test(replacement)
  )
    out.push(...commentedBody(text, end, lead));
  return out;
}

/**
 * Lines that are not YAML whatever the parser says of them: outside block scalars, a bare word (no
 * colon) with deeper YAML structure under it (`  etcd2` above its keys, `users` above its entries).
 * The parser reports such a line's error on the lines under it (they make a key of several lines),
 * so these are neutralised first.
 */
function bareKeyLines(text: string): number[] {
  const out: number[] = [];
  /** Indentation a block scalar's lines must exceed; -1 outside one. */
  let blockIndent = -1;
  let start = 0;
  while (start <= text.length) {
    let stop = text.indexOf('\n', start);
    if (stop < 0) stop = text.length;
    const line = text.slice(start, stop).replace(/\r$/, '');
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '';
    if (!blank && blockIndent >= 0 && indent <= blockIndent) blockIndent = -1;
    if (!blank && blockIndent < 0 && !/^[ \t]*#/.test(line)) {
      const m = /^([ \t]*(?:-[ \t]+)*)(.*)$/.exec(line) as RegExpExecArray;
      const lead = m[1] as string;
      const rest = m[2] as string;
      if (/^[|>][-+0-9]*[ \t]*(#.*)?$/.test(rest)) blockIndent = indent;
      else if (/:[ \t]+[|>][-+0-9]*[ \t]*(#.*)?$/.test(rest)) blockIndent = lead.length;
      else if (lead.length === indent && /^[A-Za-z_][\w.-]*$/.test(rest)) {
        const next = nextLineAfter(text, start + line.length);
        if (next && next.indent > indent && isStructure(next.text)) out.push(start);
      }
    }
    start = stop + 1;
  }
  return out;
}

/** The first line after a broken one that is neither blank nor a comment: its indentation and text. */
interface NextLine {
  readonly indent: number;
  readonly text: string;
}

/** Where a block parent lives: `write_files:` and `coreos:` at the top, `units:` and `drop-ins:` below. */
const topParents: readonly string[] = ['write_files', 'coreos'];
/** The parents whose value is a list of entries (`- path:`, `- name:`), the others a mapping. */
const listParents: readonly string[] = ['write_files', 'units', 'drop-ins', 'drop_ins'];

/**
 * The block parent a broken key line stands for: the one key of its level (the top for `write_files`
 * and `coreos`, below it for `units` and `drop-ins`) it is the start of, 3 characters at least; a shorter
 * start (`  un`, `    u`, `wr`) only when the lines under it have that parent's shape (list entries for
 * `write_files`, `units` and `drop-ins`, keys for `coreos`).
 */
function parentKeyOf(line: string, next: NextLine | undefined): string | undefined {
  const m = /^([ \t]*)(\S.*)$/.exec(line.replace(/\r$/, ''));
  if (!m) return undefined;
  const indent = (m[1] as string).length;
  const word = (m[2] as string).trim().replace(/:$/, '');
  if (word.length === 0 || !/^[\w-]+$/.test(word)) return undefined;
  const level = blockParents.filter((k) => topParents.includes(k) === (indent === 0));
  const keys = level.filter((k) => k.startsWith(word));
  // `drop-ins` and `drop_ins` are one key spelled two ways.
  const key = keys.length === 1 || (keys.length === 2 && keys.every((k) => k.startsWith('drop'))) ? keys[0] : undefined;
  if (key === undefined || word.length >= 3) return key;
  if (!next || next.indent <= indent) return undefined;
  const item = /^[ \t]*-[ \t]/.test(next.text);
  return item === listParents.includes(key) ? key : undefined;
}

/** The first line after `end` that is neither blank nor only a comment. */
function nextLineAfter(text: string, end: number): NextLine | undefined {
  let at = text.indexOf('\n', end);
  while (at >= 0) {
    const start = at + 1;
    let stop = text.indexOf('\n', start);
    if (stop < 0) stop = text.length;
    const line = text.slice(start, stop).replace(/\r$/, '');
    if (line.trim() !== '' && !/^[ \t]*#/.test(line))
      return { indent: line.length - line.trimStart().length, text: line };
    at = stop < text.length ? stop : -1;
  }
  return undefined;
}

/**
 * Neutralise the lines holding the offsets; returns undefined when nothing changes. With `stepwise`,
 * a block parent given back its children ends the round: the errors below it may only have followed
 * from it, so the lines after it wait for the next round.
 */
function blankLines(text: string, offsets: readonly number[], stepwise = true): string | undefined {
  const spans: Array<[number, number]> = [];
  for (const o of offsets) {
    const at = Math.min(Math.max(o, 0), text.length);
    const start = text.lastIndexOf('\n', at - 1) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    if (end > start && text[end - 1] === '\r') end--;
    const line = text.slice(start, end);
    if (line.trim() !== '' && standIn(line, nextLineAfter(text, end)) !== line) spans.push([start, end]);
  }
  if (spans.length === 0) return undefined;
  spans.sort((a, b) => a[0] - b[0]);
  const parent = stepwise
    ? spans.findIndex(
        ([start, end]) =>
          /^[ \t]*(?:-[ \t]+)*_+:$/.test(standIn(text.slice(start, end), nextLineAfter(text, end))) &&
          parentKeyOf(text.slice(start, end), nextLineAfter(text, end)) !== undefined,
      )
    : -1;
  if (parent >= 0) spans.length = parent + 1;
  const edits = spans.flatMap(([start, end]) => replacementsFor(text, start, end)).sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end, replacement] of edits) {
    if (start < at) continue;
    out += text.slice(at, start) + replacement;
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
  const bare = blankLines(text, bareKeyLines(text), false);
  if (bare !== undefined) {
    current = bare;
    doc = parseDocument(bare, options) as Document.Parsed;
  }
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
  restoreContentBlocks(doc, text, current, options);
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
      const lineEnd = original.indexOf('\n', start) < 0 ? original.length : original.indexOf('\n', start);
      const lineStart = original.lastIndexOf('\n', start - 1) + 1;
      const name = parentKeyOf(original.slice(lineStart, lineEnd), nextLineAfter(original, lineEnd));
      if (name) {
        key.value = name;
        key.source = name;
      }
    },
  });
}
