// A keystroke in one rule line of a large rules file works on that line: the whole-file passes of the
// checks (analyses, per-line findings, ipsets, state, counters, stateless ACCEPT, ICMP, parameter
// length, placement, duplicates, chains) are carried over from the model before it, and every answer
// still equals a fresh analysis of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { flowFindings, validateRules } from '../../server/src/service/iptables/validate';
import { wholeFilePasses } from '../../server/src/service/iptables/passCounts';
import { forgetRulesModels, rulesFileOf } from '../../server/src/service/iptables/service';
import { doc, service } from '../helpers/service';
import { repoRoot } from '../helpers/paths';

const uri = 'file:///test/keystroke/rules-save';

function fresh(text: string): unknown {
  const ctx = { text, region: undefined, siblings: [], uri };
  const file = parseRulesSave(text, 'ipv4');
  return [...validateRules(file, ctx), ...flowFindings(file, ctx)];
}

const passes = (): Record<string, number> => Object.fromEntries(wholeFilePasses);

async function kube(lines: number): Promise<string> {
  const { kubeDump } = (await import(pathToFileURL(path.join(repoRoot(), 'scripts/bench/kubeDump.mjs')).href)) as {
    kubeDump: (lines: number) => string;
  };
  return kubeDump(lines);
}

/**
 * A 2,000-line kube-proxy dump analysed once by a fresh service, and the place typed into: a
 * `KUBE-SVC-* -j KUBE-SEP-*` rule past line 500, just after its chain name (before ` -m comment`), so
 * no keystroke there changes the rule's chain or jump target.
 */
async function openedDump(): Promise<{
  lines: string[];
  index: number;
  column: number;
  svc: ReturnType<typeof service>;
}> {
  const text = await kube(2000);
  const lines = text.split('\n');
  const index = lines.findIndex((l, i) => i > 500 && /^-A KUBE-SVC-\S+ .* -j KUBE-SEP-/.test(l));
  const column = (lines[index] as string).indexOf(' -m comment');
  const svc = service();
  svc.findings(doc(text, 'iptables', uri), 'iptables');
  return { lines, index, column, svc };
}

/**
 * The texts as `piece` is typed at `column` of line `index`: one keystroke at a time, or a word at a
 * time (`byWord`, each word with the blank before it) to keep a long piece quick.
 */
function typed(lines: readonly string[], index: number, column: number, piece: string, byWord = false): string[] {
  const line = lines[index] as string;
  const ends = byWord
    ? [...piece.matchAll(/ *\S+/g)].map((m) => (m.index as number) + m[0].length)
    : [...piece].map((_, i) => i + 1);
  return ends.map((end) => {
    const copy = [...lines];
    copy[index] = line.slice(0, column) + piece.slice(0, end) + line.slice(column);
    return copy.join('\n');
  });
}

test('typing options into a rule of a kube-proxy dump runs no whole-file pass, and equals a fresh analysis', async () => {
  const { lines, index, column, svc } = await openedDump();
  // Options that each per-line check reads: the old state match, an ipset no file creates, ICMP, a
  // refused match; typed before the jump, so no chain or jump target changes.
  const piece = ' -m state --state NEW -m set --match-set nosuchset src -p icmp -m owner --uid-owner 0';
  let last: ReadonlyArray<{ code: string }> = [];
  for (const version of typed(lines, index, column, piece, true)) {
    const before = passes();
    last = svc.findings(doc(version, 'iptables', uri), 'iptables');
    assert.deepEqual(passes(), before, `no whole-file pass after typing: ${version.split('\n')[index]}`);
    assert.deepEqual(last, fresh(version));
  }
  for (const code of ['iptables/state-match', 'iptables/missing-ipset', 'iptables/target-not-allowed'])
    assert.ok(
      last.some((f) => f.code === code),
      `${code} among ${last.map((f) => f.code).join(', ')}`,
    );
});

test('a duplicate typed into a chain is reported and cleared without rebuilding the duplicate index', () => {
  const lines = [
    '*filter',
    ':INPUT ACCEPT [0:0]',
    '-A INPUT -p tcp --dport 22 -j ACCEPT',
    '-A INPUT -p tcp --dport 80 -j ACCEPT',
    '-A INPUT -p tcp --dport 23 -j ACCEPT',
    '-A INPUT -p tcp --dport 22 -j ACCEPT',
    'COMMIT',
    '',
  ];
  const svc = service();
  svc.findings(doc(lines.join('\n'), 'iptables', uri), 'iptables');
  const versions = ['2', '22', '2', '23', '2', '80'];
  const expected = [1, 2, 1, 1, 1, 2];
  versions.forEach((port, i) => {
    lines[4] = `-A INPUT -p tcp --dport ${port} -j ACCEPT`;
    const text = lines.join('\n');
    const before = passes().duplicates;
    const found = svc.findings(doc(text, 'iptables', uri), 'iptables');
    assert.equal(passes().duplicates, before, `the duplicate index carried over: ${lines[4]}`);
    assert.deepEqual(found, fresh(text), lines[4]);
    const copies = found.filter((f) => f.code === 'iptables/duplicate-rule');
    assert.equal(copies.length, expected[i], `duplicates with --dport ${port}`);
  });
});

test('a keystroke is carried over even when other documents were analysed in between, until the document is closed', () => {
  const text = [
    '*filter',
    ':INPUT ACCEPT [0:0]',
    '-A INPUT -p tcp --dport 22 -j ACCEPT',
    '-A INPUT -j DROP',
    'COMMIT',
    '',
  ].join('\n');
  const ctx = (t: string, u: string) => ({ text: t, region: undefined, siblings: [], uri: u });
  const first = rulesFileOf(ctx(text, uri), 'iptables');
  const kept = first.lines[3];
  // A large other document pushes this text out of the model cache (it keeps one text over 200k characters).
  const large = `${text}${'# another rules file\n'.repeat(12_000)}`;
  rulesFileOf(ctx(large, 'file:///test/other'), 'iptables');
  const edited = text.replace('--dport 22', '--dport 2');
  const next = rulesFileOf(ctx(edited, uri), 'iptables');
  assert.equal(next.lines[3], kept, 'the unchanged later line is the same object: the model was carried over');
  forgetRulesModels(uri);
  rulesFileOf(ctx(`${large}# again\n`, 'file:///test/other'), 'iptables');
  const after = rulesFileOf(ctx(edited.replace('--dport 2', '--dport 25'), uri), 'iptables');
  assert.notEqual(after.lines[3], kept, 'a closed document is parsed afresh');
});

test('versions that were only completed, never validated, do not make the next validation start over', async () => {
  const { lines, index, column, svc } = await openedDump();
  const versions = typed(lines, index, column, ' -m state --state NEW');
  versions.forEach((version, i) => {
    // As an editor does when typing fast: completion on most versions, validation of the newest only.
    if (i % 3 !== 2) {
      svc.complete(doc(version, 'iptables', uri), 'iptables', { line: index, character: column + 1 });
      return;
    }
    const before = passes();
    const found = svc.findings(doc(version, 'iptables', uri), 'iptables');
    assert.deepEqual(passes(), before, `no whole-file pass: ${version.split('\n')[index]}`);
    assert.deepEqual(found, fresh(version));
  });
});
