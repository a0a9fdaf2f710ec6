// Kubernetes-scale rows: our CLI next to `iptables-restore --test` (nft and legacy, each in its own
// network namespace) on the same kube-proxy-shaped dump, and the editor on it. Medians of `runs`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { percentile } from './measure.mjs';

const median = (xs) =>
  percentile(
    xs.filter((x) => x !== null && x !== undefined),
    50,
  );

/**
 * Wall time, CPU time (user + system) and peak RSS of one command, by GNU time. The machine is shared,
 * so CPU time is the steadier figure; wall time is what a user waits.
 */
function timed(command, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '@@%e %U %S %M', command, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const m = /@@([\d.]+) ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(r.stderr ?? '');
  if (!m) return { error: (r.stderr ?? '').slice(-300) };
  return {
    status: r.status,
    wallMs: Number(m[1]) * 1000,
    cpuMs: (Number(m[2]) + Number(m[3])) * 1000,
    rssMb: Number(m[4]) / 1024,
  };
}

/** The CLI command line of `cliRows`, for profiling the same work. */
export const cliArgs = (cli, file) => [cli, '--language', 'iptables', '--max-size', '64M', file];

/** Runs each command `runs` times, interleaved so that load changes hit all of them alike. */
export function cliRows(file, { cli, runs = 3 }) {
  const commands = {
    // --max-size: the CLI's default limit (5 MB) would refuse the larger dumps unread.
    ours: [process.execPath, cliArgs(cli, file)],
    nft: ['unshare', ['-n', 'iptables-nft-restore', '--test', file]],
    legacy: ['unshare', ['-n', 'iptables-legacy-restore', '--test', file]],
  };
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, [command, args]] of Object.entries(commands)) samples[name].push(timed(command, args));
  }
  const out = {};
  for (const [name, list] of Object.entries(samples)) {
    const ok = list.filter((s) => !s.error);
    out[name] =
      ok.length === 0
        ? { error: list[0]?.error }
        : {
            wallMs: median(ok.map((s) => s.wallMs)),
            cpuMs: median(ok.map((s) => s.cpuMs)),
            rssMb: median(ok.map((s) => s.rssMb)),
            accepted: name === 'ours' ? undefined : ok.every((s) => s.status === 0),
            runs: ok.length,
          };
  }
  return out;
}

export const restoreAvailable = () =>
  existsSync('/usr/sbin/iptables-legacy-restore') && existsSync('/usr/sbin/iptables-nft-restore');

/** Where completion, hover and edits go in a kube dump: a KUBE-SVC rule in the middle of the nat table. */
export function kubePositions(text) {
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 4);
  let l = mid;
  while (l < lines.length && !/^-A KUBE-SVC-\S+ -m comment .* -m statistic .* -j KUBE-SEP-/.test(lines[l])) l++;
  const line = lines[l];
  return {
    line: l,
    positions: {
      'after -j': { line: l, character: line.indexOf(' -j ') + 4 },
      'after -A': { line: l, character: 3 },
      '--probability': { line: l, character: line.indexOf('--probability') + 4 },
    },
    // Typing at the end of the statistic rule, and inside its comment (a different key, the same chains).
    edits: [{ name: 'a KUBE-SVC rule', line: l, character: line.length }],
  };
}

const ms = (v) =>
  v === null || v === undefined ? '—' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v).toString();
const x = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');

/** The markdown of the Kubernetes rows. */
export function kubeMarkdown(rows) {
  const out = [
    '## Kubernetes iptables-save dumps (kube-proxy shape, `scripts/bench/kubeDump.mjs`)',
    '',
    'CLI: `node dist/cli.js --language iptables FILE` against `unshare -n iptables-{nft,legacy}-restore --test FILE`, interleaved, medians. CPU = user + system time (steadier than wall time on a shared machine).',
    '',
    '| lines | ours wall / CPU (ms) | nft wall / CPU (ms) | legacy wall / CPU (ms) | ours/legacy CPU | ours RSS (MB) | nft RSS (MB) | ours/nft RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const { ours, nft, legacy } = r.cli;
    out.push(
      `| ${r.lines} | ${ms(ours.wallMs)} / ${ms(ours.cpuMs)} | ${ms(nft.wallMs)} / ${ms(nft.cpuMs)} | ${ms(legacy.wallMs)} / ${ms(legacy.cpuMs)} | ${x(ours.cpuMs, legacy.cpuMs)} | ${ms(ours.rssMb)} | ${ms(nft.rssMb)} | ${x(ours.rssMb, nft.rssMb)} |`,
    );
  }
  out.push(
    '',
    'Editor (the bundled server over stdio, the dump opened as an iptables document; a large one gets the findings of each line first, the whole-file checks in the complete set):',
    '',
    '| lines | open → first / complete diagnostics (ms) | first / nft wall | edit → diagnostics p50 / p99 (ms) | completion after `-j ` p50 / p99 (ms), items | completion after `-A ` p99 (ms), items | hover p99 (ms) | peak RSS (MB) | diagnostics |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of rows) {
    const e = r.editor;
    if (!e) continue;
    const edit = Object.values(e.editsAt ?? {})[0] ?? {};
    const j = e.positions?.['after -j'],
      a = e.positions?.['after -A'],
      h = e.positions?.['--probability'];
    out.push(
      `| ${r.lines} | ${ms(e.openMs)} / ${ms(e.openCompleteMs)} | ${x(e.openMs, r.cli.nft.wallMs)} | ${ms(edit.p50)} / ${ms(edit.p99)} | ${ms(j?.completion.p50)} / ${ms(j?.completion.p99)}, ${j?.completionItems ?? '—'} | ${ms(a?.completion.p99)}, ${a?.completionItems ?? '—'} | ${ms(h?.hover.p99)} | ${ms(e.peakRssMb)} | ${e.diagnostics ?? '—'}${e.error ? ` (failed: ${e.error})` : ''} |`,
    );
  }
  out.push('');
  return out.join('\n');
}
