import { editDistance } from '../text/editDistance';

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
export function closest(
  word: string,
  candidates: Iterable<string>,
  normalise = (s: string) => s.toLowerCase(),
): string | undefined {
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
    const cBare = cn.includes('-') || cn.includes('_') ? cn.replace(/[-_]/g, '') : cn;
    // Lengths further apart than the limit cannot be within it (and a huge word costs nothing).
    if (Math.abs(cn.length - w.length) > limit && cBare.length !== bare.length) continue;
    const d = cBare === bare ? 0.5 : editDistance(w, cn, Math.min(limit, bestScore));
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return bestScore <= limit ? best : undefined;
}
