// Bounded fuzzing in `npm test`: every feature of every language on mutated real documents, plus the
// regression fixtures earlier runs found. Long runs: `npm run fuzz -- --cases 100000`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { getLanguageService } from '../../server/src/service/index';
import { repoRoot, sharedDir } from '../helpers/paths';
import { loadSeeds, runCase, runFuzz, languages, type Failure } from './engine';
import { fixtureCase, loadFixtures } from './fixtures';
import { seededRandom } from './mutate';

const fixtures = loadFixtures(path.join(repoRoot(), 'test', 'fuzz', 'fixtures'));
const isKnown = (problem: string): boolean => fixtures.some((f) => f.open && f.known?.test(problem));

describe('fuzz: regression fixtures', () => {
  for (const [i, f] of fixtures.entries()) {
    it(`${f.name} (${f.lang})`, f.open ? { todo: f.open } : {}, () => {
      const { problems } = runCase(getLanguageService(), fixtureCase(f, i), seededRandom(i), 2_000, true);
      assert.deepEqual(problems, []);
    });
  }
});

describe('fuzz: mutated corpus and facts cases', () => {
  const seed = Number(process.env.FUZZ_SEED ?? 20_250_601);
  const seeds = loadSeeds(sharedDir());
  // Fix-all's claims checked too: every finding whose fix fix-all applied is gone from the result.
  const stats = runFuzz(seeds, { seed, cases: 3_000, cpuBudgetMs: 50_000, fixClaims: true });
  const known: Failure[] = [],
    fresh: Failure[] = [];
  for (const f of stats.failures) (f.problems.every(isKnown) ? known : fresh).push(f);

  it(`covers every language with a few thousand cases (seed ${seed})`, () => {
    assert.ok(seeds.length > 100, `seed documents: ${seeds.length}`);
    for (const lang of languages)
      assert.ok(seeds.some((s) => s.lang === lang) || lang === 'ip6tables', `no seed for ${lang}`);
    assert.ok(
      stats.cases >= 1_000,
      `only ${stats.cases} cases ran within the CPU-time budget (${(stats.cpuMs / 1000).toFixed(1)} s of CPU, ${(stats.elapsedMs / 1000).toFixed(1)} s of wall clock)`,
    );
  });

  it('finds no exception, slow call, out-of-document answer or fix-all fix that leaves its finding', () => {
    const report = fresh
      .slice(0, 5)
      .map(
        (f) =>
          `case ${f.case.index} (--seed ${seed} --first ${f.case.index} --cases 1; ${f.case.seed} as ${f.case.lang} after ${f.case.applied.join(', ')}):\n  ${f.problems.slice(0, 3).join('\n  ')}`,
      );
    assert.equal(fresh.length, 0, report.join('\n'));
  });

  it(
    'shows only the open problems the fixtures describe',
    { todo: known.length ? `${known.length} cases hit open fixture problems` : false },
    () => {
      assert.equal(known.length, 0);
    },
  );
});
