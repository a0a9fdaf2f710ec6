// The packet tracer checked against the real kernel: rules files loaded with iptables-restore (legacy
// and nft) in a network namespace, probed over a veth pair from documentation addresses, every probe's
// outcome compared with the tracer's verdict. CI runs a sample (every file of a stride, both backends,
// in parallel); `npm run oracle:kernel` (KERNEL_ORACLE_FULL=1) runs every file and more generated sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { repoRoot } from '../helpers/paths';
import { corpusRulesCases, corpusUserDataCases, factsCases, generatedCases, scenarioCases } from './kernel/cases';
import {
  agrees,
  closeSession,
  openSession,
  runCase,
  type CaseRun,
  type OracleCase,
  type ProbeResult,
} from './kernel/oracle';
import type { Backend } from './kernel/lab';

interface Explained {
  readonly case?: string;
  readonly probe?: string;
  readonly backend?: Backend;
  readonly kernel: string;
  readonly tracer: string;
  readonly why: string;
}

interface Expectations {
  readonly minimumAgreement: number;
  readonly explained: readonly Explained[];
}

const full = process.env.KERNEL_ORACLE_FULL === '1';

function canUseNamespaces(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (ip netns)';
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (r.status !== 0) return `ip netns does not work here: ${r.stderr || r.error?.message}`;
  return undefined;
}

function stride<T>(xs: readonly T[], every: number): T[] {
  return xs.filter((_, i) => i % every === 0);
}

function cases(): OracleCase[] {
  if (full)
    return [
      ...scenarioCases(),
      ...corpusRulesCases(),
      ...factsCases(),
      ...corpusUserDataCases(),
      ...generatedCases(300),
    ];
  return [
    ...scenarioCases(),
    ...stride(corpusRulesCases(), 3),
    ...stride(factsCases(), 6),
    ...corpusUserDataCases(),
    ...generatedCases(60),
  ];
}

function explanation(r: ProbeResult, list: readonly Explained[]): Explained | undefined {
  return list.find(
    (e) =>
      e.kernel === r.kernel &&
      e.tracer === r.tracer &&
      (e.backend === undefined || e.backend === r.backend) &&
      (e.case === undefined || new RegExp(e.case).test(r.case)) &&
      (e.probe === undefined || new RegExp(e.probe).test(r.probe)),
  );
}

const skip = process.env.CI === 'true' ? undefined : canUseNamespaces();

test(
  'kernel oracle: the tracer agrees with real packets in network namespaces',
  { skip, timeout: (full ? 90 : 30) * 60_000 },
  async () => {
    if (process.env.CI === 'true')
      assert.equal(canUseNamespaces(), undefined, 'the CI run needs working network namespaces');
    const expected = JSON.parse(
      fs.readFileSync(path.join(repoRoot(), 'test', 'oracle', 'kernel-tracer.expected.json'), 'utf8'),
    ) as Expectations;
    const all = cases();
    const started = Date.now();
    const runs: CaseRun[] = [];
    await Promise.all(
      (['legacy', 'nft'] as const).map(async (backend) => {
        const session = await openSession(backend);
        try {
          for (const c of all) runs.push(await runCase(session, c));
        } finally {
          closeSession(session);
        }
      }),
    );
    const results = runs.flatMap((r) => r.results);
    const compared = results.filter((r) => agrees(r) !== undefined);
    const disagreements = compared.filter((r) => agrees(r) === false);
    const unexplained = disagreements.filter((r) => !explanation(r, expected.explained));
    const perBackend = Object.fromEntries(
      (['legacy', 'nft'] as const).map((b) => {
        const mine = results.filter((r) => r.backend === b);
        const cmp = mine.filter((r) => agrees(r) !== undefined);
        return [
          b,
          {
            files: runs.filter((r) => r.backend === b && !r.refused).length,
            refusedFiles: runs.filter((r) => r.backend === b && r.refused).length,
            probes: mine.length,
            compared: cmp.length,
            unknown: mine.length - cmp.length,
            agree: cmp.filter((r) => agrees(r) === true).length,
          },
        ];
      }),
    );
    const agreement = compared.length ? (compared.length - disagreements.length) / compared.length : 0;
    const summary = {
      mode: full ? 'full' : 'ci-sample',
      seconds: Math.round((Date.now() - started) / 1000),
      cases: all.length,
      perBackend,
      probes: results.length,
      compared: compared.length,
      disagreements: disagreements.length,
      agreement,
      byOutcome: Object.fromEntries(
        ['accept', 'drop', 'reject', 'error'].map((k) => [k, results.filter((r) => r.kernel === k).length]),
      ),
      unexplained: unexplained.slice(0, 50),
      explainedCounts: expected.explained.map((e) => ({
        why: e.why,
        count: disagreements.filter((r) => explanation(r, expected.explained) === e).length,
      })),
      unknownReasons: Object.entries(
        results
          .filter((r) => r.tracer === 'unknown')
          .flatMap((r) => r.reasons.map((x) => x.replace(/`[^`]*`/g, '`…`')))
          .reduce<Record<string, number>>((m, x) => {
            m[x] = (m[x] ?? 0) + 1;
            return m;
          }, {}),
      )
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10),
    };
    fs.mkdirSync(path.join(repoRoot(), 'out'), { recursive: true });
    fs.writeFileSync(
      path.join(repoRoot(), 'out', `kernel-oracle-${full ? 'full' : 'ci'}.json`),
      `${JSON.stringify({ summary, disagreements }, null, 2)}\n`,
    );
    console.log(JSON.stringify(summary, null, 2));
    assert.ok(compared.length >= (full ? 10_000 : 2_000), `only ${compared.length} probes compared`);
    assert.deepEqual(
      unexplained.map(
        (r) => `${r.backend} ${r.case}: ${r.probe}: kernel ${r.kernel} (${r.detail}), tracer ${r.tracer}`,
      ),
      [],
    );
    assert.ok(agreement >= expected.minimumAgreement, `agreement ${agreement} below ${expected.minimumAgreement}`);
  },
);
