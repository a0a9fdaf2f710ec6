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

/** Edit adding a new top-level `key:` block at the end of the document. */
export function appendTopLevel(text: string, block: string): OffsetEdit {
  const eol = eolOf(text);
  const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
  return { start: text.length, end: text.length, newText: lead + block.split('\n').join(eol) + eol };
}
