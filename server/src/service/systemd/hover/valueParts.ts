/** Pieces of a unit value that hover explains: `Exec*=` prefixes, `%` specifiers, the word under the caret. */
import { execPrefixDocs } from '../../data/systemd/directiveDocs';
import type { UnitEntry } from '../unitAst';

export interface Piece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The `%x` specifier at `offset` in the entry's value (`%%` pairs are skipped). */
export function specifierAt(entry: UnitEntry, offset: number): Piece | undefined {
  const v = entry.value;
  for (let i = 0; i < v.length - 1; i++) {
    if (v[i] !== '%') continue;
    const start = entry.valueOffset(i);
    const end = entry.valueOffset(i + 2);
    if (offset >= start && offset < end) return { text: v.slice(i, i + 2), start, end };
    i++;
  }
  return undefined;
}

/** Each prefix character before the command of an `Exec*=` value (`-`, `@`, `:`, `+`, `!`, `!!`). */
export function execPrefixes(entry: UnitEntry): Piece[] {
  const v = entry.value;
  const out: Piece[] = [];
  let i = 0;
  while (i < v.length) {
    const two = v.slice(i, i + 2);
    const len = two === '!!' ? 2 : '-@:+!'.includes(v[i] as string) ? 1 : 0;
    if (len === 0) break;
    out.push({ text: v.slice(i, i + len), start: entry.valueOffset(i), end: entry.valueOffset(i + len) });
    i += len;
  }
  return out;
}

export function execPrefixDoc(prefix: string): string | undefined {
  return execPrefixDocs.find((p) => p.prefix === prefix)?.doc;
}

/** The blank-separated word of the value at `offset`. */
export function wordAt(entry: UnitEntry, offset: number): Piece | undefined {
  const v = entry.value;
  let i = 0;
  while (i < v.length) {
    while (i < v.length && /\s/.test(v[i] as string)) i++;
    const s = i;
    while (i < v.length && !/\s/.test(v[i] as string)) i++;
    if (i > s) {
      const start = entry.valueOffset(s);
      const end = entry.valueOffset(i);
      if (offset >= start && offset <= end) return { text: v.slice(s, i), start, end };
    }
  }
  return undefined;
}
