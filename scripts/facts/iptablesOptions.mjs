// Which options each match and target of our tables really has, asked of the tools on this machine.
//
//   npx tsc -p . && node scripts/facts/iptablesOptions.mjs > docs/facts/iptables-options.tsv
//
// For every match and target our tables know, and each of iptables-legacy, iptables-nft,
// ip6tables-legacy, ip6tables-nft:
//   - `TOOL -m NAME -h` / `TOOL -j NAME -h`: the part after the generic help is the module's own help;
//     every `--word` in it is a candidate option (so options we lack are found);
//   - every candidate and every spelling of our tables is then parsed for real:
//       unshare -n TOOL -w 5 -A INPUT [-p PROTO] -m NAME --OPTION      (targets: -j NAME --OPTION)
//     `unknown option "--OPTION"` means the tool refuses the name; anything else (a missing argument,
//     a missing companion option, success) means it accepts it. The option is given without a value,
//     so nothing but the name is judged.
// A getopt quirk to keep in mind: the tools also accept any unambiguous abbreviation of a long option,
// so "accepted" for a name the help does not list may be such an abbreviation (column `help`).
// Needs root (unshare -n). Output: one TSV row per (family, kind, module, option).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(root, 'out', 'server', 'src', 'service', 'data', 'iptables');
const data = require(join(dataDir, 'index.js'));
const genericOptionNames = require(join(dataDir, 'generic.js')).genericOptions.flatMap((o) => [
  o.name,
  ...(o.aliases ?? []),
]);

const tools = { ipv4: ['iptables-legacy', 'iptables-nft'], ipv6: ['ip6tables-legacy', 'ip6tables-nft'] };
const genericHelp = new Map();
/** The help printed before the module's own: the generic one, plus the protocol match's when `-p` is given. */
function generic(tool, pre) {
  const key = `${tool} ${pre.join(' ')}`;
  if (!genericHelp.has(key)) genericHelp.set(key, spawnSync(tool, [...pre, '-h'], { encoding: 'utf8' }).stdout ?? '');
  return genericHelp.get(key);
}
const xtDir = ['/usr/lib/x86_64-linux-gnu/xtables', '/usr/lib/xtables', '/usr/lib64/xtables'].find((d) => {
  try {
    readdirSync(d);
    return true;
  } catch {
    return false;
  }
});
const libs = xtDir ? readdirSync(xtDir) : [];

/**
 * Option names a module's library could register but its help does not list (old spellings kept for
 * compatibility): every lower-case word in the library's strings, and every tail of it after a `-`
 * (the linker shares the tail of `--match-set` as the option name `set`).
 */
function hiddenCandidates(name, family) {
  const prefixes = family === 'ipv6' ? ['xt', 'ip6t'] : ['xt', 'ipt'];
  const words = new Set();
  for (const f of libs) {
    const m = /^lib(xt|ipt|ip6t)_(.+)\.so$/.exec(f);
    if (!m || !prefixes.includes(m[1]) || m[2].toLowerCase() !== name.toLowerCase()) continue;
    const s = spawnSync('strings', ['-n', '2', join(xtDir, f)], { encoding: 'utf8' }).stdout ?? '';
    for (const tok of s.match(/[a-z][a-z0-9-]*[a-z0-9]/g) ?? []) {
      const parts = tok.split('-');
      for (let i = 0; i < parts.length; i++) if (parts[i]) words.add(`--${parts.slice(i).join('-')}`);
    }
  }
  return words;
}

/** A quick screen that touches no rule set: `TOOL … --OPTION -h` says "unknown option" or not. */
function screens(tool, kind, name, pre, option) {
  const r = spawnSync(tool, [...pre, kind === 'match' ? '-m' : '-j', name, option, '-h'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  return !/unknown option/.test(`${r.stderr ?? ''}${r.stdout ?? ''}`);
}

/** The `-p` a module needs before its options are parsed (tcp/udp/icmp load through the protocol). */
function protocolArgs(spec, family) {
  const p = spec.protocols?.[0];
  if (!p) return [];
  if (p === 'icmp' && family === 'ipv6') return ['-p', 'ipv6-icmp'];
  return ['-p', p];
}

function moduleHelp(tool, kind, name, pre) {
  const r = spawnSync(tool, [...pre, kind === 'match' ? '-m' : '-j', name, '-h'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (r.status !== 0) return undefined;
  const out = r.stdout ?? '';
  const base = generic(tool, pre);
  const own = out.startsWith(base) ? out.slice(base.length) : out;
  if (kind === 'target' && own.trim() === '') return undefined;
  return own;
}

function helpOptions(help) {
  const found = new Set();
  for (const m of help.matchAll(/(?<![\w-])--[A-Za-z0-9][A-Za-z0-9_-]*/g)) found.add(m[0].replace(/-+$/, ''));
  return found;
}

function parses(tool, kind, name, pre, option) {
  const args = ['-n', tool, '-w', '5', '-A', 'INPUT', ...pre, kind === 'match' ? '-m' : '-j', name, option];
  const r = spawnSync('unshare', args, { encoding: 'utf8', timeout: 15_000 });
  const err = `${r.stderr ?? ''}${r.stdout ?? ''}`;
  if (/unknown option/.test(err)) return 'unknown';
  if (/Couldn't load (match|target)|No such file or directory.*extension|can't initialize/i.test(err))
    return 'no-module';
  return 'accepted';
}

const rows = [
  [
    'family',
    'kind',
    'module',
    'option',
    'ours',
    'listed in -h',
    ...['legacy', 'nft'].map((b) => `${b} parse`),
    'command',
  ].join('\t'),
];
let probes = 0;
for (const family of ['ipv4', 'ipv6']) {
  const fam = (s) => !s.family || s.family === family;
  const specs = [
    ...data.allMatches.filter(fam).map((s) => ['match', s]),
    ...data.allTargets
      .filter(fam)
      .filter((s) => s.options.length || true)
      .map((s) => ['target', s]),
  ];
  const seen = new Set();
  for (const [kind, spec] of specs) {
    const key = `${kind} ${spec.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pre = protocolArgs(spec, family);
    const ours = new Set(spec.options.flatMap((o) => [o.name, ...(o.aliases ?? [])]));
    const helps = tools[family].map((t) => moduleHelp(t, kind, spec.name, pre));
    const baseline = new Set([...helpOptions(generic(tools[family][0], pre)), ...genericOptionNames, '--help']);
    // The module's help follows the generic help and, with `-p`, the protocol match's: their options
    // are not the module's.
    const listed = new Set(
      helps.flatMap((h) => (h ? [...helpOptions(h)] : [])).filter((o) => ours.has(o) || !baseline.has(o)),
    );
    const known = [...ours, ...listed, ...baseline];
    // A hidden name counts when the tool takes it and it is not just an abbreviation of a known one.
    const hidden =
      helps[0] === undefined
        ? []
        : [...hiddenCandidates(spec.name, family)]
            .filter((o) => !ours.has(o) && !listed.has(o) && !baseline.has(o) && !known.some((k) => k.startsWith(o)))
            .filter((o) => {
              probes++;
              return screens(tools[family][0], kind, spec.name, pre, o);
            })
            // `--local` is taken only as the start of `--localtz`: keep the full names.
            .filter((o, _, all) => !all.some((k) => k !== o && k.startsWith(o)));
    const candidates = [...new Set([...ours, ...listed, ...hidden])].sort();
    for (const option of candidates) {
      const verdicts = tools[family].map((t, i) =>
        helps[i] === undefined ? 'no-module' : parses(t, kind, spec.name, pre, option),
      );
      probes += tools[family].length;
      const cmd = `unshare -n ${tools[family][0].replace('-legacy', '-{legacy,nft}')} -A INPUT ${[...pre, kind === 'match' ? '-m' : '-j', spec.name, option].join(' ')}`;
      rows.push(
        [
          family,
          kind,
          spec.name,
          option,
          ours.has(option) ? 'Y' : '-',
          listed.has(option) ? 'Y' : '-',
          ...verdicts,
          cmd,
        ].join('\t'),
      );
    }
  }
}
process.stdout.write(rows.join('\n') + '\n');
process.stderr.write(`${rows.length - 1} rows, ${probes} parses\n`);
