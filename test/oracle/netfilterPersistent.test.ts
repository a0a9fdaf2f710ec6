// Parity with netfilter-persistent itself (Debian 12's netfilter-persistent and iptables-persistent
// 1.0.20). ufw Breaks iptables-persistent, so CI cannot install it beside ufw: the two .debs are fetched
// with `apt-get download` into .cache/debs, extracted with `dpkg -x`, and overlaid on /etc and /usr in a
// throw-away network and mount namespace (test/oracle/hosts/nfp-ns.sh). Each case is a cloud-config
// played the way cloud-init plays it (docs/facts/hosts.md, facts 2-4 and 11): files written before
// packages, iptables-persistent's postinst saving the live (empty) ruleset unless debconf says no
// (`netfilter-persistent save`, which runs the same `iptables-save > /etc/iptables/rules.v4`), deferred
// files, then boot (`netfilter-persistent start`). What is live afterwards (`iptables-save`,
// `ip6tables-save`) is compared, file by file, with our verdict: a file's rules are live at boot ⇔ its
// path is one netfilter-persistent's plugins read (our model), it gets neither
// cloud-config/firewall-not-loaded nor cloud-config/rules-overwritten, and no error of ours lies in it.
// A file is never loaded in part: the plugins test-load it first (IPTABLES_TEST_RULESET=yes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnose } from '../helpers/service';
import { repoRoot } from '../helpers/paths';
import { netfilterPersistentFamily } from '../../server/src/service/cloudConfig/rules/persistentRules';

interface RulesFile {
  path: string;
  family: 'v4' | 'v6';
  lines: string[];
  defer?: boolean;
}
interface Case {
  name: string;
  packages: string[];
  /** `apt: debconf_selections:` turning iptables-persistent's autosave off. */
  preseed?: boolean;
  files: RulesFile[];
}

const v4 = [
  '*filter',
  ':INPUT DROP [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -p tcp --dport 22 -j ACCEPT',
  'COMMIT',
];
const v6 = [
  '*filter',
  ':INPUT DROP [0:0]',
  '-A INPUT -p ipv6-icmp -j ACCEPT',
  '-A INPUT -p tcp --dport 22 -j ACCEPT',
  'COMMIT',
];
const ipp = ['iptables-persistent'];
const rulesV4 = (lines: string[], defer = true): RulesFile => ({
  path: '/etc/iptables/rules.v4',
  family: 'v4',
  lines,
  defer,
});
const rulesV6 = (lines: string[], defer = true): RulesFile => ({
  path: '/etc/iptables/rules.v6',
  family: 'v6',
  lines,
  defer,
});

export const netfilterPersistentCases: readonly Case[] = [
  { name: 'rules.v4, clean, deferred', packages: ipp, files: [rulesV4(v4)] },
  { name: 'rules.v6, clean, deferred', packages: ipp, files: [rulesV6(v6)] },
  { name: 'rules.v4 and rules.v6, clean, deferred', packages: ipp, files: [rulesV4(v4), rulesV6(v6)] },
  {
    name: 'rules.v4 with nat and filter tables',
    packages: ipp,
    files: [
      rulesV4([
        '*nat',
        ':POSTROUTING ACCEPT [0:0]',
        '-A POSTROUTING -s 10.0.0.0/8 -o eth0 -j MASQUERADE',
        'COMMIT',
        '*filter',
        ':FORWARD DROP [0:0]',
        '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        'COMMIT',
      ]),
    ],
  },
  { name: 'rules.v4 without COMMIT', packages: ipp, files: [rulesV4(v4.slice(0, -1))] },
  {
    name: 'rules.v4 with an unknown option',
    packages: ipp,
    files: [rulesV4(['*filter', '-A INPUT -p tcp --dportx 22 -j ACCEPT', 'COMMIT'])],
  },
  {
    name: 'rules.v4 appending to an undeclared chain',
    packages: ipp,
    files: [rulesV4(['*filter', '-A SSH -p tcp --dport 22 -j ACCEPT', 'COMMIT'])],
  },
  {
    name: 'rules.v4 with an unknown conntrack state',
    packages: ipp,
    files: [rulesV4(['*filter', '-A INPUT -m conntrack --ctstate NEWISH -j ACCEPT', 'COMMIT'])],
  },
  {
    name: 'rules.v6 with an IPv4 source',
    packages: ipp,
    files: [rulesV6(['*filter', '-A INPUT -s 10.0.0.0/8 -j ACCEPT', 'COMMIT'])],
  },
  {
    name: 'rules.v6 jumping to an unknown chain',
    packages: ipp,
    files: [rulesV6(['*filter', '-A INPUT -p tcp --dport 22 -j NOSUCH', 'COMMIT'])],
  },
  {
    name: 'rules.v4 clean, rules.v6 without COMMIT',
    packages: ipp,
    files: [rulesV4(v4), rulesV6(v6.slice(0, -1))],
  },
  { name: 'rules.v4 written before packages: saved over', packages: ipp, files: [rulesV4(v4, false)] },
  { name: 'rules.v6 written before packages: saved over', packages: ipp, files: [rulesV6(v6, false)] },
  {
    name: 'rules.v4 and rules.v6 written before packages, autosave preseeded off',
    packages: ipp,
    preseed: true,
    files: [rulesV4(v4, false), rulesV6(v6, false)],
  },
  {
    name: '/etc/iptables.rules with iptables-persistent',
    packages: ipp,
    files: [{ path: '/etc/iptables.rules', family: 'v4', lines: v4, defer: true }],
  },
  {
    name: '/etc/sysconfig/iptables with iptables-persistent',
    packages: ipp,
    files: [{ path: '/etc/sysconfig/iptables', family: 'v4', lines: v4, defer: true }],
  },
  {
    name: '/etc/iptables/rules (no .v4) with iptables-persistent',
    packages: ipp,
    files: [{ path: '/etc/iptables/rules', family: 'v4', lines: v4, defer: true }],
  },
  {
    name: 'rules.v4 with netfilter-persistent alone',
    packages: ['netfilter-persistent'],
    files: [rulesV4(v4)],
  },
  { name: 'rules.v4 with no loader installed', packages: [], files: [rulesV4(v4)] },
];

/** The cloud-config of a case, and the 0-based line span of each file's content. */
function cloudConfig(c: Case): { text: string; spans: Array<[number, number]> } {
  const out = ['#cloud-config'];
  if (c.packages.length) out.push(`packages: [${c.packages.join(', ')}]`);
  if (c.preseed)
    out.push(
      'apt:',
      '  debconf_selections:',
      '    ipp: |',
      '      iptables-persistent iptables-persistent/autosave_v4 boolean false',
      '      iptables-persistent iptables-persistent/autosave_v6 boolean false',
    );
  out.push('write_files:');
  const spans: Array<[number, number]> = [];
  for (const f of c.files) {
    out.push(`  - path: ${f.path}`);
    if (f.defer) out.push('    defer: true');
    out.push('    content: |');
    spans.push([out.length, out.length + f.lines.length - 1]);
    out.push(...f.lines.map((l) => `      ${l}`));
  }
  return { text: out.join('\n') + '\n', spans };
}

/** Our verdict: are the file's rules live after the first boot? */
function ourVerdicts(c: Case): boolean[] {
  const { text, spans } = cloudConfig(c);
  const diags = diagnose(text);
  return c.files.map((f, i) => {
    const [from, to] = spans[i];
    const pathLine = from - (f.defer ? 3 : 2);
    const onPath = (code: string): boolean => diags.some((d) => d.code === code && d.range.start.line === pathLine);
    const errorIn = diags.some(
      (d) =>
        d.severity === DiagnosticSeverity.Error &&
        /^ip6?tables\//.test(String(d.code)) &&
        d.range.start.line >= from &&
        d.range.start.line <= to,
    );
    return (
      netfilterPersistentFamily(f.path) === f.family &&
      !onPath('cloud-config/firewall-not-loaded') &&
      !onPath('cloud-config/rules-overwritten') &&
      !errorIn
    );
  });
}

const b64 = (lines: string[]): string => Buffer.from(lines.join('\n') + '\n').toString('base64');
const write = (f: RulesFile): string =>
  `mkdir -p ${path.dirname(f.path)} && echo ${b64(f.lines)} | base64 -d > ${f.path}`;

/** The case played as cloud-init plays it; the live rules of each family afterwards. */
function play(c: Case, roots: Record<'nfp' | 'both', string>): { v4: string; v6: string; log: string } {
  const installed = c.packages.includes('iptables-persistent')
    ? 'both'
    : c.packages.includes('netfilter-persistent')
      ? 'nfp'
      : undefined;
  const steps = [
    ...c.files.filter((f) => !f.defer).map(write),
    installed === 'both' && !c.preseed ? 'netfilter-persistent save >/dev/null 2>&1' : '',
    ...c.files.filter((f) => f.defer).map(write),
    installed ? 'netfilter-persistent start >&2' : '',
    'echo "== v4"; iptables-save',
    'echo "== v6"; ip6tables-save',
  ].filter((s) => s !== '');
  const r = spawnSync(
    path.join(repoRoot(), 'test/oracle/hosts/nfp-ns.sh'),
    [installed ? roots[installed] : '/nonexistent', steps.join('\n')],
    {
      encoding: 'utf8',
      timeout: 90_000,
    },
  );
  const m = /== v4\n([\s\S]*)== v6\n([\s\S]*)$/.exec(r.stdout ?? '');
  assert.ok(m, `${c.name}: the namespace ran (${r.status}): ${r.stderr}`);
  return { v4: m[1], v6: m[2], log: r.stderr };
}

const appends = (text: string): number => text.split('\n').filter((l) => l.startsWith('-A ')).length;

/** The two .debs in .cache/debs (git-ignored), fetched once; extracted per run. */
function extract(tmp: string): Record<'nfp' | 'both', string> {
  const cache = path.join(repoRoot(), '.cache', 'debs');
  fs.mkdirSync(cache, { recursive: true });
  const debs = (): string[] => fs.readdirSync(cache).filter((f) => /^(netfilter|iptables)-persistent_.*\.deb$/.test(f));
  if (debs().length < 2) {
    const r = spawnSync('apt-get', ['download', 'netfilter-persistent', 'iptables-persistent'], {
      cwd: cache,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, `apt-get download netfilter-persistent iptables-persistent: ${r.stderr}`);
  }
  const roots = { nfp: path.join(tmp, 'nfp'), both: path.join(tmp, 'both') };
  for (const deb of debs()) {
    const targets = deb.startsWith('netfilter-') ? [roots.nfp, roots.both] : [roots.both];
    for (const t of targets) {
      const r = spawnSync('dpkg', ['-x', path.join(cache, deb), t], { encoding: 'utf8' });
      assert.equal(r.status, 0, `dpkg -x ${deb}: ${r.stderr}`);
    }
  }
  assert.ok(fs.existsSync(path.join(roots.both, 'usr/share/netfilter-persistent/plugins.d/15-ip4tables')));
  return roots;
}

test('netfilter-persistent and our verdicts agree on which rules are live at boot', { timeout: 10 * 60_000 }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nfp-'));
  try {
    const roots = extract(tmp);
    const disagreements: string[] = [];
    let files = 0;
    let live = 0;
    for (const c of netfilterPersistentCases) {
      const real = play(c, roots);
      const ours = ourVerdicts(c);
      c.files.forEach((f, i) => {
        files++;
        const got = appends(f.family === 'v4' ? real.v4 : real.v6);
        const want = appends(f.lines.join('\n'));
        assert.ok(got === 0 || got === want, `${c.name}: ${f.path} loaded in part (${got}/${want} rules)`);
        const isLive = got === want;
        if (isLive) live++;
        if (isLive !== ours[i])
          disagreements.push(
            `${c.name}: ${f.path} is ${isLive ? '' : 'not '}live after boot, we say it is${ours[i] ? '' : ' not'}\n${real.log}`,
          );
      });
    }
    console.log(
      `netfilter-persistent: ${netfilterPersistentCases.length} cases, ${files} files, ${files - disagreements.length}/${files} agree (${live} live after boot)`,
    );
    assert.deepEqual(disagreements, []);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
