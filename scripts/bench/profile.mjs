// Summarises a V8 CPU profile (`node --cpu-prof`): self time by function and by source file, and the
// share of the garbage collector. Bundled code (dist/*.js, built without minification) is attributed to
// its source file by the `// path/to/file.ts` comments esbuild writes before each module.
// usage: node scripts/bench/profile.mjs PROFILE.cpuprofile [TOP]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bundles = new Map();
/** For a bundle: the first line of each module and its source path, in order. */
function modulesOf(url) {
  if (bundles.has(url)) return bundles.get(url);
  let starts = [];
  try {
    const lines = readFileSync(url.startsWith('file:') ? fileURLToPath(url) : url, 'utf8').split('\n');
    lines.forEach((l, i) => {
      if (/^\/\/ (server|client|node_modules|shared)\/\S+\.[cm]?[jt]s$/.test(l)) starts.push([i, l.slice(3)]);
    });
  } catch {
    starts = [];
  }
  bundles.set(url, starts);
  return starts;
}

function sourceOf(frame) {
  const { url, lineNumber } = frame;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const starts = modulesOf(url);
  if (starts.length === 0) return url.replace(/^file:\/\/.*?\/(out|dist|node_modules)\//, '$1/');
  let lo = 0,
    hi = starts.length - 1,
    found = undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid][0] <= lineNumber) {
      found = starts[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found ?? url;
}

/** Self time per function and per file, GC share, total sampled time, from one profile. */
export function summariseProfile(path, top = 12) {
  const p = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = p.timeDeltas ?? [];
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (deltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const fns = new Map(),
    files = new Map();
  let gc = 0,
    idle = 0;
  for (const [id, us] of self) {
    const f = byId.get(id).callFrame;
    if (f.functionName === '(garbage collector)') gc += us;
    if (f.functionName === '(idle)' || f.functionName === '(program)') idle += us;
    const file = sourceOf(f);
    // A line number only where it is one of the named file (not of a bundle).
    const line = f.url && modulesOf(f.url).length === 0 ? `:${f.lineNumber + 1}` : '';
    const fn =
      f.functionName === '(garbage collector)' ? f.functionName : `${f.functionName || '(anonymous)'} ${file}${line}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
  }
  const rank = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return {
    totalMs: total / 1000,
    gcShare: gc / total,
    idleShare: idle / total,
    functions: rank(fns),
    files: rank(files),
  };
}

/** Markdown lines of a profile summary. */
export function profileMarkdown(s, top = 8) {
  const pct = (v) => `${(v * 100).toFixed(1)}%`;
  const out = [
    `Sampled ${Math.round(s.totalMs)} ms; garbage collector ${pct(s.gcShare)}, idle/program ${pct(s.idleShare)}.`,
    '',
    '| self time by file | ms | share |',
    '|---|---:|---:|',
  ];
  for (const f of s.files.slice(0, top)) out.push(`| ${f.name} | ${Math.round(f.ms)} | ${pct(f.share)} |`);
  out.push('', '| self time by function | ms | share |', '|---|---:|---:|');
  for (const f of s.functions.slice(0, top)) out.push(`| \`${f.name}\` | ${Math.round(f.ms)} | ${pct(f.share)} |`);
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = summariseProfile(process.argv[2], Number(process.argv[3] ?? 20));
  console.log(profileMarkdown(s, Number(process.argv[3] ?? 20)));
}

/**
 * Runs `node [nodeArgs] args…` once under the CPU profiler and summarises the profile it writes
 * (profiling slows a run down a little, so this is a separate run from the timed ones).
 */
export function profileNode(args, dir, { nodeArgs = [], top = 12 } = {}) {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.cpuprofile')) rmSync(join(dir, f));
  spawnSync(process.execPath, [...nodeArgs, '--cpu-prof', '--cpu-prof-dir', dir, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  return newestProfile(dir, top);
}

/** The summary of the newest profile in `dir` (undefined when none was written). */
export function newestProfile(dir, top = 12) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0] ? { ...summariseProfile(files[0], top), file: files[0] } : undefined;
}
