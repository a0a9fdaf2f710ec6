#!/usr/bin/env node
// npm run bench [-- --docs 1k,2.4k,256k,10k,50k,rules,kube10k,kube50k,kube100k --no-peer --no-build --runs 3]
// Measures the bundled server over stdio on generated documents, next to the peer (yaml-language-server
// with cloud-init's JSON schema) and the floor (a bare `yaml` parse), then writes docs/bench.md and
// docs/bench.svg and prints the table. A benchmark, not a test: it never fails on a slow number.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { userData, rulesSaveLines, probePositions } from './bench/generate.mjs';
import { measureServer } from './bench/measure.mjs';
import { markdown, svg } from './bench/report.mjs';
import { kubeDump } from './bench/kubeDump.mjs';
import { cliRows, kubeMarkdown, kubePositions, restoreAvailable } from './bench/kube.mjs';

const root = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(name); return i < 0 ? undefined : argv[i + 1]; };
const wanted = (opt('--docs') ?? '1k,2.4k,256k,10k,50k,rules,kube10k,kube50k,kube100k').split(',');
const withPeer = !argv.includes('--no-peer');

if (!argv.includes('--no-build')) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

/** cloud-init's JSON schema as Debian's cloud-init package installs it. */
function cloudInitSchema() {
  const listed = spawnSync('dpkg', ['-L', 'cloud-init'], { encoding: 'utf8' });
  const fromDpkg = (listed.stdout ?? '').split('\n').find((l) => l.endsWith('/schema-cloud-config-v1.json'));
  const fallback = '/usr/lib/python3/dist-packages/cloudinit/config/schemas/schema-cloud-config-v1.json';
  return fromDpkg && existsSync(fromDpkg) ? fromDpkg : existsSync(fallback) ? fallback : undefined;
}

/**
 * Where the edits are typed: the start of a unit content line in the middle of the units (the probe
 * position for unit content) and the end of a rule line in the middle of the rules block.
 */
function editPlaces(text, positions, rules) {
  const lines = text.split('\n');
  const unitLine = positions['unit content']?.line;
  const ruleLine = (rules ? positions.iptables : positions['iptables content'])?.line;
  const places = rules || unitLine === undefined ? [] : [{ name: 'a unit', line: unitLine, character: 0 }];
  if (ruleLine !== undefined) places.push({ name: 'the rules block', line: ruleLine, character: lines[ruleLine].length });
  return places;
}

const dir = join(tmpdir(), 'cloud-config-bench');
mkdirSync(dir, { recursive: true });
const docs = [
  { id: '1k', title: 'user-data, ~1k lines (30 units, 400 rules)', make: () => userData(30, 400, { defects: true }) },
  { id: '2.4k', title: 'user-data, 2,425 lines (gen-userdata 100 500 --defects)', make: () => userData(100, 500, { defects: true }) },
  { id: '256k', title: 'user-data, 256 KB (250 units, 2,000 rules)', make: () => userData(250, 2000, { defects: true }) },
  { id: '10k', title: 'user-data, ~10k lines (300 units, 4,300 rules)', make: () => userData(300, 4300, { defects: true }) },
  { id: '50k', title: 'user-data, ~50k lines (1,500 units, 21,500 rules)', make: () => userData(1500, 21500, { defects: true }) },
  { id: 'rules', title: 'standalone rules-save, 20k rules', make: () => rulesSaveLines(20000).join('\n'), rules: true },
].filter((d) => wanted.includes(d.id));
const kubeDocs = [10_000, 50_000, 100_000].map((n) => ({ id: `kube${n / 1000}k`, lines: n })).filter((d) => wanted.includes(d.id));

const schema = withPeer ? cloudInitSchema() : undefined;
const peerBin = join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const peerOk = withPeer && schema && existsSync(peerBin);
if (withPeer && !peerOk) console.log(`peer skipped: ${!schema ? 'cloud-init schema not found (apt-get install cloud-init)' : 'yaml-language-server not installed (npm ci)'}`);
const peerVersion = existsSync(join(root, 'node_modules/yaml-language-server/package.json'))
  ? JSON.parse(readFileSync(join(root, 'node_modules/yaml-language-server/package.json'), 'utf8')).version : '—';
const ours = { command: process.execPath, args: [join(root, 'dist', 'server.js'), '--stdio'], settings: { cloudConfig: { dialect: 'auto', rules: {} } } };
const peer = peerOk && {
  command: process.execPath, args: [peerBin, '--stdio'],
  settings: { yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: { [pathToFileURL(schema).href]: '*.yaml' } } },
};

const results = [];
for (const d of docs) {
  const text = d.make();
  const file = join(dir, d.rules ? 'rules-save' : `userdata-${d.id}.yaml`);
  writeFileSync(file, text);
  const lines = text.split('\n').length;
  const positions = probePositions(text, d.rules ? 'rules' : 'user-data');
  const edits = editPlaces(text, positions, d.rules);
  process.stdout.write(`${d.id}: ${lines} lines, ${(text.length / 1024).toFixed(0)} KiB … `);
  const floor = d.rules ? undefined : JSON.parse(spawnSync(process.execPath, [join(root, 'scripts/bench/floor.mjs'), file], { cwd: root, encoding: 'utf8' }).stdout);
  const ourResult = await measureServer(ours, { file, text, languageId: d.rules ? 'iptables' : 'cloud-config', positions, edits });
  process.stdout.write('ours done … ');
  const peerResult = peer && !d.rules ? await measureServer(peer, { file, text, languageId: 'yaml', positions, edits }, { edits: 10, reps: 100, budgetMs: 5_000 }) : undefined;
  console.log(peerResult ? 'peer done' : '');
  results.push({ id: d.id, short: d.id, title: `${d.title}: ${lines} lines`, lines, ours: ourResult, peer: peerResult, floor });
}

const kubeRows = [];
for (const d of kubeDocs) {
  const text = kubeDump(d.lines);
  const file = join(dir, `kube-${d.id}.rules`);
  writeFileSync(file, text);
  const lines = text.split('\n').length;
  process.stdout.write(`${d.id}: ${lines} lines, ${(text.length / 1048576).toFixed(1)} MiB … `);
  if (!restoreAvailable()) { console.log('iptables-restore not installed: skipped'); continue; }
  const cli = cliRows(file, { cli: join(root, 'dist', 'cli.js'), runs: Number(opt('--runs') ?? 3) });
  process.stdout.write('CLI done … ');
  const { positions, edits } = kubePositions(text);
  const editor = await measureServer(ours, { file, text, languageId: 'iptables', positions, edits }, { edits: 100, reps: 200, budgetMs: 10_000 });
  console.log('editor done');
  kubeRows.push({ id: d.id, lines, cli, editor });
}

const by = (id) => results.find((r) => r.id === id);
const targets = [];
const r24 = by('2.4k'), r10 = by('10k'), r50 = by('50k');
if (r24) {
  if (r24.peer) targets.push({ name: 'first diagnostics ≥10× faster than the peer (2.4k lines)', measured: `${(r24.peer.openMs / r24.ours.openMs).toFixed(1)}×`, met: r24.peer.openMs / r24.ours.openMs >= 10 });
  targets.push({ name: 'first diagnostics within 3× of the bare parse (2.4k lines)', measured: `${(r24.ours.openMs / r24.floor.warmMs).toFixed(2)}×`, met: r24.ours.openMs / r24.floor.warmMs <= 3 });
  for (const [place, e] of Object.entries(r24.ours.editsAt ?? {})) {
    targets.push({ name: `one-character edit within 2× of the bare parse (2.4k lines, p50, in ${place})`, measured: `${(e.p50 / r24.floor.warmMs).toFixed(2)}×`, met: e.p50 / r24.floor.warmMs <= 2 });
  }
}
if (r10) {
  const worst = Math.max(...Object.values(r10.ours.positions).flatMap((p) => [p.completion.p99, p.hover.p99]));
  targets.push({ name: 'completion and hover p99 under 10 ms (10k lines)', measured: `worst ${worst.toFixed(2)} ms`, met: worst < 10 });
}
if (r50) targets.push({ name: 'server memory under 100 MB (50k lines)', measured: `${r50.ours.peakRssMb?.toFixed(0)} MB peak RSS`, met: r50.ours.peakRssMb < 100 });
targets.push({ name: 'no debounce longer than 50 ms', measured: 'none: validation runs as soon as the queued messages are read', met: true });

const r256 = by('256k');
if (r256?.peer) {
  targets.push({ name: 'cold open of a 256 KB user-data ≥ 3× faster than the peer', measured: `${(r256.peer.openMs / r256.ours.openMs).toFixed(2)}× (${Math.round(r256.ours.openMs)} vs ${Math.round(r256.peer.openMs)} ms)`, met: r256.peer.openMs / r256.ours.openMs >= 3 });
  targets.push({ name: 'warm open (second document) of a 256 KB user-data ≥ 10× faster than the peer', measured: `${(r256.peer.warmOpenMs / r256.ours.warmOpenMs).toFixed(2)}× (${Math.round(r256.ours.warmOpenMs)} vs ${Math.round(r256.peer.warmOpenMs)} ms)`, met: r256.peer.warmOpenMs / r256.ours.warmOpenMs >= 10 });
}
const k100 = kubeRows.find((r) => r.id === 'kube100k');
if (k100) {
  const { ours, nft, legacy } = k100.cli;
  targets.push({ name: 'CLI on 100k dump lines no slower than iptables-legacy-restore --test (CPU time)', measured: `${(ours.cpuMs / legacy.cpuMs).toFixed(2)}× (${Math.round(ours.cpuMs)} vs ${Math.round(legacy.cpuMs)} ms)`, met: ours.cpuMs <= legacy.cpuMs });
  targets.push({ name: 'CLI peak RSS ≤ 2× iptables-nft-restore --test (100k lines)', measured: `${(ours.rssMb / nft.rssMb).toFixed(2)}× (${ours.rssMb.toFixed(0)} vs ${nft.rssMb.toFixed(0)} MB)`, met: ours.rssMb <= 2 * nft.rssMb });
  const k10 = kubeRows.find((r) => r.id === 'kube10k');
  if (k10) targets.push({ name: 'CLI cost linear in size (CPU per line, 100k vs 10k)', measured: `${((ours.cpuMs / k100.lines) / (k10.cli.ours.cpuMs / k10.lines)).toFixed(2)}×`, met: (ours.cpuMs / k100.lines) / (k10.cli.ours.cpuMs / k10.lines) <= 1.25 });
  const e = k100.editor;
  if (e && !e.error) {
    targets.push({ name: 'editor open → diagnostics no slower than iptables-nft-restore --test (100k lines, wall)', measured: `${(e.openMs / nft.wallMs).toFixed(2)}× (${Math.round(e.openMs)} vs ${Math.round(nft.wallMs)} ms)`, met: e.openMs <= nft.wallMs });
    const edit = Object.values(e.editsAt)[0];
    targets.push({ name: 'edit → diagnostics p99 ≤ 30 ms (100k lines)', measured: `${edit.p99.toFixed(1)} ms (p50 ${edit.p50.toFixed(1)})`, met: edit.p99 <= 30 });
    const comp = Object.values(e.positions).filter((p) => p.completion);
    const worst = Math.max(...comp.map((p) => p.completion.p99)), most = Math.max(...comp.map((p) => p.completionItems));
    targets.push({ name: 'completion p99 ≤ 10 ms and at most a few hundred items (100k lines)', measured: `${worst.toFixed(2)} ms, ${most} items`, met: worst <= 10 && most <= 500 });
  }
}
const meta = { date: new Date().toISOString().slice(0, 10), machine: `${cpus().length} CPUs, Node ${process.version}`, peerVersion, targets };
const md = markdown(results, meta) + (kubeRows.length ? `\n${kubeMarkdown(kubeRows)}` : '');
if (!argv.includes('--no-write')) {
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs', 'bench.md'), md);
  writeFileSync(join(root, 'docs', 'bench.svg'), svg(results));
  writeFileSync(join(dir, 'results.json'), JSON.stringify({ results, kubeRows }, null, 2));
}
console.log(`\n${md}`);
