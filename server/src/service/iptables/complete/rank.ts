/**
 * Long completion answers (every chain of a Kubernetes node's nat table: thousands) are cut to the
 * `maxItems` best: items whose label starts with the typed word, then the ones containing it; within
 * each, chains used near the caret first (the rule's own chain, the chains jumped to in the lines
 * around it), then built-in names, targets and the like, then the other user chains alphabetically.
 * A cut answer says `isIncomplete`, so the editor asks again as the word grows and the server narrows.
 */
import type { CompletionItem } from 'vscode-languageserver-types';

export const maxItems = 200;

/** How many lines above and below the caret count as "nearby" for chain names. */
const nearbyLines = 40;

/** Chain names on the lines around `offset` (rule chains and jump/goto targets), nearest first. */
export function chainsNear(text: string, offset: number): Map<string, number> {
  const near = new Map<string, number>();
  const note = (line: string, distance: number): void => {
    const words = line.split(/\s+/);
    for (let i = 0; i + 1 < words.length; i++) {
      const w = words[i];
      if (
        w === '-A' ||
        w === '-I' ||
        w === '-j' ||
        w === '-g' ||
        w === '--append' ||
        w === '--insert' ||
        w === '--jump' ||
        w === '--goto'
      ) {
        const name = words[i + 1] as string;
        if (!near.has(name) || (near.get(name) as number) > distance) near.set(name, distance);
      }
    }
  };
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  note(text.slice(start, end), 0);
  let up = start,
    down = end;
  for (let d = 1; d <= nearbyLines; d++) {
    if (up > 0) {
      const s = text.lastIndexOf('\n', up - 2) + 1;
      note(text.slice(s, up - 1), d);
      up = s;
    }
    if (down < text.length) {
      let e = text.indexOf('\n', down + 1);
      if (e < 0) e = text.length;
      note(text.slice(down + 1, e), d);
      down = e;
    }
  }
  return near;
}

/**
 * The answer for `items` at a caret whose word so far is `typed`: everything when it is short, else
 * the best `maxItems` with their order fixed by `sortText`. `isUserChain` tells user chains (ranked by
 * nearness, else in the order given, last) from fixed names (kept in their order, after the nearby chains).
 * Linear in the number of items but for the sort of what is kept. `alreadyCut`: the items are a
 * pick already (`pickChains`), so they are ranked and narrowed to the typed word whatever their number.
 */
export function rankAndCap(
  items: CompletionItem[],
  typed: string,
  near: () => Map<string, number>,
  isUserChain: (item: CompletionItem) => boolean,
  alreadyCut = false,
): { items: CompletionItem[]; isIncomplete: boolean } {
  if (items.length <= maxItems && !alreadyCut) return { items, isIncomplete: false };
  const distances = near();
  const word = typed.toLowerCase();
  const kept: CompletionItem[] = [];
  // Prefix matches first, then the labels that only contain the word.
  for (const tier of word === '' ? [0] : [0, 1]) {
    const matches = (label: string): boolean => {
      if (word === '') return true;
      const l = label.toLowerCase();
      return tier === 0 ? l.startsWith(word) : !l.startsWith(word) && l.includes(word);
    };
    const nearby: Array<{ item: CompletionItem; d: number }> = [];
    const fixed: CompletionItem[] = [];
    const user: CompletionItem[] = [];
    for (const item of items) {
      if (!matches(item.label)) continue;
      const d = distances.get(item.label);
      if (d !== undefined) nearby.push({ item, d });
      else if (isUserChain(item)) user.push(item);
      else fixed.push(item);
    }
    nearby.sort((a, b) => a.d - b.d);
    for (const { item } of nearby) kept.push(item);
    for (const item of fixed) kept.push(item);
    if (kept.length >= maxItems) break;
    // User chains arrive sorted by name (`chainsOf` in complete.ts sorts them once per model).
    for (const item of user) {
      if (kept.length >= maxItems) break;
      kept.push(item);
    }
    if (kept.length >= maxItems) break;
  }
  return {
    items: kept.slice(0, maxItems).map((item, rank) => ({ ...item, sortText: String(rank).padStart(4, '0') })),
    isIncomplete: true,
  };
}

/** The first index of `sorted` whose name is not below `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The user chains worth listing when a table has more than `maxItems`: the nearby ones that match the
 * typed word, then the names starting with it (a binary search in the sorted list, as typed and in
 * capitals), then the names containing it. Costs the answer's size, not the table's, but for the
 * names containing the word (`lower`: the names in lower case, index for index).
 */
export function pickChains(
  sorted: readonly string[],
  isChain: (name: string) => boolean,
  typed: string,
  near: Map<string, number>,
  lower: readonly string[] = sorted.map((n) => n.toLowerCase()),
): { names: string[]; cut: boolean } {
  if (sorted.length <= maxItems) return { names: [...sorted], cut: false };
  const word = typed.toLowerCase();
  const picked = new Set<string>();
  const nearby = [...near]
    .filter(([name]) => isChain(name) && name.toLowerCase().includes(word))
    .sort((a, b) => a[1] - b[1]);
  for (const [name] of nearby) picked.add(name);
  for (const prefix of new Set([typed, typed.toUpperCase()])) {
    for (let i = lowerBound(sorted, prefix); i < sorted.length && picked.size < maxItems; i++) {
      const name = sorted[i] as string;
      if (!name.startsWith(prefix)) break;
      picked.add(name);
    }
  }
  if (word !== '') {
    for (let i = 0; i < sorted.length && picked.size < maxItems; i++) {
      if ((lower[i] as string).includes(word)) picked.add(sorted[i] as string);
    }
  }
  return { names: [...picked], cut: true };
}
