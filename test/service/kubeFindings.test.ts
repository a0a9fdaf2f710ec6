// The whole-file checks on a kube-proxy dump with problems put in: copies of rules, a rule that hides
// later ones, endpoint chains left undeclared, `-D` by content and `-I` at positions that do not
// exist. The counts are those of the checks before they were made to keep less per line (duplicate
// buckets, hider index, per-line findings, chain numbers in placement): the same findings, fewer objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { flowFindings, validateRules } from '../../server/src/service/iptables/validate';
import { repoRoot } from '../helpers/paths';

async function kube(lines: number): Promise<string> {
  const { kubeDump } = (await import(pathToFileURL(path.join(repoRoot(), 'scripts/bench/kubeDump.mjs')).href)) as {
    kubeDump: (lines: number) => string;
  };
  return kubeDump(lines);
}

/** The dump with problems at fixed places (by line number), so the expected findings are fixed too. */
function withProblems(text: string): string {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    const n = i + 1;
    if (line.startsWith(':KUBE-SEP') && n % 13 === 0) return;
    out.push(line);
    if (line.startsWith('-A') && n % 97 === 0) out.push(line);
    if (line.startsWith('-A KUBE-SERVICES') && n % 51 === 0) out.push('-A KUBE-SERVICES -p tcp -j ACCEPT');
    if (line.startsWith('-A') && n % 233 === 0) out.push(line.replace(/^-A/, '-D'));
    if (line.startsWith('-A') && n % 311 === 0) out.push(`-I ${line.split(' ')[1] ?? ''} 99 -j DROP`);
  });
  return out.join('\n');
}

function tally(text: string): Record<string, number> {
  const ctx = { text, region: undefined, siblings: [], uri: 'file:///test/kube/rules-save' };
  const file = parseRulesSave(text, 'ipv4');
  const counts: Record<string, number> = {};
  for (const f of [...validateRules(file, ctx), ...flowFindings(file, ctx)]) {
    counts[f.code] = (counts[f.code] ?? 0) + 1;
    if (f.fixes?.length) counts[`${f.code} with a fix`] = (counts[`${f.code} with a fix`] ?? 0) + 1;
  }
  return counts;
}

test('a 3,000-line kube-proxy dump with problems put in gives the same findings', async () => {
  const text = withProblems(await kube(3000));
  assert.deepEqual(tally(text), EXPECTED);
});

test('the same dump without the problems has only the permissive-filter note', async () => {
  assert.deepEqual(tally(await kube(3000)), { 'iptables/permissive-filter': 1 });
});

const EXPECTED: Record<string, number> = {
  'iptables/undeclared-chain': 128,
  'iptables/undeclared-chain with a fix': 128,
  'iptables/duplicate-rule': 24,
  'iptables/duplicate-rule with a fix': 24,
  'iptables/syntax': 6,
  'iptables/target-not-allowed': 7,
  'iptables/shadowed-rule': 157,
  'iptables/permissive-filter': 1,
};
