import type { Pair, YAMLMap } from 'yaml';
import type { OffsetEdit } from '../types';
import { nodeRange } from './yamlNodes';
import { lineStartAt, nextLineStart } from '../text/lines';

export function indentAt(text: string, offset: number): number {
  const start = lineStartAt(text, offset);
  let i = start;
  while (text[i] === ' ') i++;
  return i - start;
}

/** Start offset of a pair (its key) and end offset (end of its value). */
export function pairSpan(pair: Pair): [number, number] | undefined {
  const k = nodeRange(pair.key);
  if (!k) return undefined;
  const v = nodeRange(pair.value);
  return [k[0], v ? Math.max(v[1], k[1]) : k[1]];
}

/** Edit deleting the whole lines a block-style pair occupies. */
export function deletePairLines(text: string, pair: Pair): OffsetEdit | undefined {
  const span = pairSpan(pair);
  if (!span) return undefined;
  const start = lineStartAt(text, span[0]);
  if (text.slice(start, span[0]).trim() !== '') {
    // The key shares its line with something else (e.g. `- key:`): delete from the key only.
    return { start: span[0], end: nextLineStart(text, Math.max(span[0], span[1] - 1)), newText: '' };
  }
  const lastContentEnd = Math.max(span[0], span[1] - 1);
  return { start, end: nextLineStart(text, lastContentEnd), newText: '' };
}

/** Edit deleting a pair of a flow mapping with the separator before it (`, key: value`); not for its first pair. */
export function deleteFlowPair(map: YAMLMap, pair: Pair): OffsetEdit | undefined {
  const i = map.items.indexOf(pair);
  const prev = i > 0 ? map.items[i - 1] : undefined;
  const prevSpan = prev ? pairSpan(prev as Pair) : undefined;
  const span = pairSpan(pair);
  if (!prevSpan || !span) return undefined;
  return { start: prevSpan[1], end: span[1], newText: '' };
}
