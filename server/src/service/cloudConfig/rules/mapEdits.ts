import type { YAMLMap } from 'yaml';
import type { OffsetEdit } from '../../types';
import { indentAt } from '../textEdits';
import { lineEndAt } from '../../text/lines';
import { eolOf } from '../../text/lineEnding';
import { lineStartAt } from '../../text/lines';
import { nodeRange, pairs } from '../yamlNodes';

/** Column of the first key of a block mapping. */
export function mapKeyColumn(text: string, map: YAMLMap): number | undefined {
  const first = pairs(map)[0];
  const r = nodeRange(first?.key);
  if (!r) return undefined;
  return r[0] - lineStartAt(text, r[0]);
}

/** Edit adding `key: value` lines (given without indentation, `\n`-separated) at the end of a block mapping. */
export function appendToMap(text: string, map: YAMLMap, lines: string): OffsetEdit | undefined {
  const col = mapKeyColumn(text, map);
  const r = nodeRange(map);
  if (col === undefined || !r || map.flow) return undefined;
  const eol = eolOf(text);
  const pad = ' '.repeat(col);
  const body = lines
    .split('\n')
    .map((l) => (l === '' ? '' : pad + l))
    .join(eol);
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1] ?? '')) end--;
  end = lineEndAt(text, end);
  // A key the parse lost (on a line a broken one next to it took in) would be written twice.
  const from = lineStartAt(text, r[0]);
  const keys = lines.split('\n').flatMap((l) => /^([^:\s]+):/.exec(l)?.[1] ?? []);
  if (keys.some((k) => keyWritten(text, k, { from, to: end, column: col }))) return undefined;
  return { start: end, end, newText: eol + body };
}

/** Edit adding an item (lines without indentation, continuation lines relative to the `- `) to a block sequence. */
export function itemText(lines: string, col: number, eol: string): string {
  const pad = ' '.repeat(col);
  return lines
    .split('\n')
    .map((l, i) => (i === 0 ? `${pad}- ${l}` : l === '' ? '' : `${pad}  ${l}`))
    .join(eol);
}

/** Edit appending an item to a block sequence (lines relative to the item's `- `). */
export function appendToSeq(
  text: string,
  seq: { items: unknown[]; range?: [number, number, number] | null; flow?: boolean },
  lines: string,
): OffsetEdit | undefined {
  const first = nodeRange(seq.items[0]);
  const r = seq.range;
  if (!first || !r || seq.flow) return undefined;
  const col = indentAt(text, first[0]);
  let end = r[1];
  while (end > r[0] && /\s/.test(text[end - 1] ?? '')) end--;
  end = lineEndAt(text, end);
  const eol = eolOf(text);
  return { start: end, end, newText: eol + itemText(lines, col, eol) };
}

/**
 * Whether `key` is written as a key on a line of text[from, to) though the parsed YAML lacks it there:
 * at `column`, or at any column when `anyColumn` (a broken document: a mis-indented or damaged line
 * the parser dropped). `-` and `_` count alike and case is ignored (`write-files`, `write_Files`); lines
 * end at LF, CR or CRLF. A fix adding the key would write it a second time, and the reader of the
 * fixed file would still see neither or reject the duplicate.
 */
export function keyWritten(
  text: string,
  key: string,
  where: { from?: number; to?: number; column?: number; anyColumn?: boolean },
): boolean {
  const name = key.replace(/[-_]/g, '[-_]').replace(/\./g, '\\.');
  const re = new RegExp(`(?:^|[\\r\\n])([ \\t]*)(?:-[ \\t]+)?${name}[ \\t]*:`, 'gi');
  const from = where.from ?? 0;
  const to = where.to ?? text.length;
  re.lastIndex = from > 0 ? from - 1 : 0;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    if (where.anyColumn || (m[1] as string).length === (where.column ?? 0)) return true;
  }
  return false;
}

/** The end of the top-level block holding offset `from`: the start of the next line written at column 0. */
export function topLevelBlockEnd(text: string, from: number): number {
  const re = /[\r\n][^\s#]/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index + 1 : text.length;
}

/**
 * Edit adding a new top-level `key:` block at the end of the document; none when the key is already
 * written at column 0, or anywhere in a `broken` document (one with YAML errors), though the parse
 * lacks it: the block would be a second one (see keyWritten).
 */
export function appendTopLevel(text: string, block: string, broken = false): OffsetEdit | undefined {
  const key = /^([^:\n]+):/.exec(block)?.[1];
  if (key && keyWritten(text, key, { column: 0, anyColumn: broken })) return undefined;
  const eol = eolOf(text);
  const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
  return { start: text.length, end: text.length, newText: lead + block.split('\n').join(eol) + eol };
}
