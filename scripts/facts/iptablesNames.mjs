// Which match and target names iptables really knows, asked of the tools on this machine.
//
//   node scripts/facts/iptablesNames.mjs > docs/facts/iptables-names.tsv
//
// Candidates: every name an extension library in the xtables directory could register (the words in
// its strings that look like an extension name, so aliases such as `icmpv6` or `NOTRACK` are found
// too), each in lower, upper and original case, plus every name in our own tables. For each candidate
// and each of iptables-legacy, iptables-nft, ip6tables-legacy, ip6tables-nft:
//   - `-m NAME -h` (exit 0 = the tool knows the match) and `-j NAME -h` (the help differs from the
//     generic help = the tool knows the target);
//   - a real load of `-A INPUT -m NAME -j ACCEPT` / `-A INPUT -j NAME` with `<backend>-restore --test`
//     inside `unshare -n`: `Couldn't load match|target` means the name is unknown; any other outcome
//     (success, a missing option, a table restriction) means the name itself was accepted.
// A name is "known" to a family when the restore of that family accepts the name with either backend.
// Needs root (unshare -n). Output: one TSV row per (kind, name) with the verdict per tool.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const xtDir = ['/usr/lib/x86_64-linux-gnu/xtables', '/usr/lib/xtables', '/usr/lib64/xtables'].find((d) => {
  try {
    readdirSync(d);
    return true;
  } catch {
    return false;
  }
});
if (!xtDir) {
  console.error('no xtables directory');
  process.exit(2);
}

const ownNames = process.argv.slice(2); // extra names (our tables) passed by the caller
const words = new Set(ownNames);
for (const f of readdirSync(xtDir)) {
  const m = /^lib(xt|ipt|ip6t)_(.+)\.so$/.exec(f);
  if (!m) continue;
  words.add(m[2]);
  const s = spawnSync('strings', ['-n', '2', join(xtDir, f)], { encoding: 'utf8' }).stdout ?? '';
  for (const w of s.split('\n')) if (/^[A-Za-z][A-Za-z0-9_-]{0,28}$/.test(w)) words.add(w);
}
const candidates = [...new Set([...words].flatMap((w) => [w, w.toLowerCase(), w.toUpperCase()]))].sort();

const tools = ['iptables-legacy', 'iptables-nft', 'ip6tables-legacy', 'ip6tables-nft'];
const generic = Object.fromEntries(tools.map((t) => [t, spawnSync(t, ['-h'], { encoding: 'utf8' }).stdout]));
const dir = mkdtempSync(join(tmpdir(), 'xt-names-'));

function helpKnows(tool, kind, name) {
  const r = spawnSync(tool, [kind === 'match' ? '-m' : '-j', name, '-h'], { encoding: 'utf8', timeout: 5000 });
  if (kind === 'match') return r.status === 0;
  return r.status === 0 && r.stdout !== generic[tool];
}

function restoreKnows(tool, kind, name) {
  const rule = kind === 'match' ? `-A INPUT -m ${name} -j ACCEPT` : `-A INPUT -j ${name}`;
  const file = join(dir, 'r');
  writeFileSync(file, `*filter\n:INPUT ACCEPT [0:0]\n${rule}\nCOMMIT\n`);
  const r = spawnSync('unshare', ['-n', `${tool}-restore`, '--test', file], { encoding: 'utf8', timeout: 10000 });
  const err = `${r.stderr ?? ''}`;
  if (/Couldn't load (match|target)/.test(err)) return false;
  // nft --test does not resolve targets (FACTS §3.11): a jump to an unknown name passes there.
  return true;
}

const rows = [['kind', 'name', ...tools.map((t) => `${t} -h`), ...tools.map((t) => `${t}-restore --test`)].join('\t')];
for (const kind of ['match', 'target']) {
  for (const name of candidates) {
    const help = tools.map((t) => helpKnows(t, kind, name));
    // Only names some help accepts, or names we list, are worth a restore.
    if (!help.some(Boolean) && !ownNames.includes(name)) continue;
    const load = tools.map((t) => restoreKnows(t, kind, name));
    rows.push([kind, name, ...help.map((b) => (b ? 'Y' : '-')), ...load.map((b) => (b ? 'Y' : '-'))].join('\t'));
  }
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(rows.join('\n') + '\n');
