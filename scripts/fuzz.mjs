#!/usr/bin/env node
// npm run fuzz -- [--cases N] [--seed S] [--first I] [--lsp N] [--save] [--fix-claims]
// Mutates ../shared/corpus and ../shared/facts cases and drives every feature of the language service
// (and, with --lsp N, the built server over stdio) for every language. Reproducible: the same seed and
// case index give the same document. --save writes each failing case to test/fuzz/fixtures/.
// --fix-claims also checks that every finding fix-all fixes is gone from the fixed text.
// Needs the compiled tests (tsc -p tsconfig.json) and, for --lsp, dist/server.js (node scripts/build.mjs).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i < 0 ? fallback : Number(argv[i + 1]);
};
const seed = opt('--seed', 1);
const cases = opt('--cases', 10_000);
const first = opt('--first', 0);
const lspCases = opt('--lsp', 0);

const enginePath = join(root, 'out/test/fuzz/engine.js');
if (!existsSync(enginePath)) {
  console.error(
    'out/test/fuzz/engine.js is missing: run `node node_modules/typescript/bin/tsc -p tsconfig.json` first',
  );
  process.exit(2);
}
const { loadSeeds, runFuzz } = require(enginePath);
const seeds = loadSeeds(resolve(root, '..', 'shared'));
if (!seeds.length) {
  console.error('no seed documents found in ../shared/corpus or ../shared/facts');
  process.exit(2);
}
console.log(`fuzz: seed ${seed}, cases ${first}..${first + cases - 1}, ${seeds.length} seed documents`);

const stats = runFuzz(seeds, {
  seed,
  cases,
  first,
  fixClaims: argv.includes('--fix-claims'),
  onProgress: (done, s) =>
    console.log(`  ${done} cases, ${s.failures.length} failing, slowest ${s.slowestMs.toFixed(0)} ms`),
});
console.log(
  `service: ${stats.cases} cases, ${stats.calls} calls in ${(stats.elapsedMs / 1000).toFixed(1)} s; slowest call ${stats.slowestMs.toFixed(0)} ms (${stats.slowest})`,
);

let failed = stats.failures.length;
for (const f of stats.failures.slice(0, 20)) {
  console.log(
    `\n✗ case ${f.case.index} (reproduce: --seed ${seed} --first ${f.case.index} --cases 1) from ${f.case.seed} as ${f.case.lang} after ${f.case.applied.join(', ')}`,
  );
  for (const p of f.problems.slice(0, 5)) console.log(`  ${p.split('\n').slice(0, 6).join('\n    ')}`);
}
if (argv.includes('--save')) {
  const dir = join(root, 'test/fuzz/fixtures');
  mkdirSync(dir, { recursive: true });
  for (const f of stats.failures) {
    const file = join(dir, `seed${seed}-case${f.case.index}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ lang: f.case.lang, from: f.case.seed, mutations: f.case.applied, problem: f.problems[0]?.split('\n')[0], text: f.case.text })}\n`,
    );
    console.log(`saved ${file}`);
  }
}

if (lspCases > 0) {
  const { fuzzServer } = await import('./fuzz/lspFuzz.mjs');
  const result = await fuzzServer({
    root,
    seeds,
    seed,
    cases: lspCases,
    first,
    makeCase: require(enginePath).makeCase,
  });
  console.log(
    `lsp: ${result.cases} cases, ${result.requests} requests; ${result.failures.length} failing; slowest answer ${result.slowestMs.toFixed(0)} ms`,
  );
  for (const f of result.failures.slice(0, 10)) console.log(`✗ ${f}`);
  failed += result.failures.length;
}
console.log(failed ? `\n${failed} failing` : '\nno failures');
process.exit(failed ? 1 : 0);
