/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur.push(v);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n] as number;
}

/** Known slips that edit distance alone ranks poorly. */
const knownSlips: Readonly<Record<string, string>> = {
  enabled: 'enable',
  contents: 'content',
  write_file: 'write_files',
  writefiles: 'write_files',
  files: 'write_files',
  unit: 'units',
  dropins: 'drop_ins',
  drop_in: 'drop_ins',
  perms: 'permissions',
  mode: 'permissions',
  permission: 'permissions',
  authorized_keys: 'ssh_authorized_keys',
  ssh_authorised_keys: 'ssh_authorized_keys',
  user: 'users',
  cmd: 'command',
};

/** The closest candidate to `word`, or undefined when nothing is close enough to be a plausible slip. */
export function closest(word: string, candidates: Iterable<string>, normalise = (s: string) => s.toLowerCase()): string | undefined {
  const list = [...candidates];
  const w = normalise(word);
  const slip = knownSlips[w.replace(/-/g, '_')];
  if (slip !== undefined) {
    const hit = list.find((c) => normalise(c).replace(/-/g, '_') === slip);
    if (hit) return hit;
  }
  let best: string | undefined;
  let bestScore = Infinity;
  const limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  const bare = w.replace(/[-_]/g, '');
  for (const c of list) {
    const cn = normalise(c);
    // Lengths further apart than the limit cannot be within it (and a huge word costs nothing).
    if (Math.abs(cn.length - w.length) > limit && cn.replace(/[-_]/g, '').length !== bare.length) continue;
    let d = editDistance(w, cn);
    if (cn.replace(/[-_]/g, '') === bare) d = 0.5;
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return bestScore <= limit ? best : undefined;
}
