// Very long rule lines: iptables-restore reads at most 251 words of a rule (docs/facts/parity.md,
// "Parser cannot handle more arguments") and stops at the first word of 1,024 bytes, so the analysis
// of a megabyte line costs what those words cost, not what the line's size would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, diagnose, rangeText } from '../helpers/service';

/** `*filter`, a rule of exactly `words` words (`-m comment --comment c` blocks), `COMMIT`. */
const rule = (words: number, counters = ''): string => {
  const fill = words - 4;
  const tails = [[], ['-p', 'tcp', '-m', 'tcp', '--syn'], ['-p', 'tcp'], ['-p', 'tcp', '--syn']];
  const tail = tails[fill % 4] ?? [];
  const blocks = Array.from({ length: (fill - tail.length) / 4 }, () => '-m comment --comment c');
  return `*filter\n${counters}${['-A INPUT', ...blocks, ...tail, '-j ACCEPT'].join(' ')}\nCOMMIT\n`;
};

test('iptables: 251 words in a rule pass, the 252nd stops iptables-restore ("Parser cannot handle more arguments")', () => {
  const limit = (text: string) =>
    diagnose(text, {}, 'iptables').filter((d) => /Parser cannot handle more arguments/.test(String(d.message)));
  for (const counters of ['', '[0:0] ']) {
    assert.deepEqual(limit(rule(251, counters)), [], counters);
    const text = rule(252, counters);
    const over = limit(text);
    assert.equal(over.length, 1, counters);
    assert.equal(over[0]?.code, 'iptables/syntax');
    assert.match(String(over[0]?.message), /More than 251 words in one rule/);
    // The finding is on word 252 (after the counters), the last one.
    assert.equal(rangeText(text, over[0] as never), 'ACCEPT');
  }
});

function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

test('a multi-megabyte rule line is validated in bounded CPU time with a bounded number of findings', () => {
  diagnose(rule(10), {}, 'iptables'); // load and warm the service outside the measurement
  const size = 3_000_000;
  const lines = [
    `-A INPUT ${'x y '.repeat(size / 4)}`, // 750,000 stray words
    `-A INPUT -m comment --comment ${'a'.repeat(size)} -j ACCEPT`, // one word of 3 MB
    `-A INPUT ${'-p tcp '.repeat(size / 7)}`, // 430,000 options
    `-A INPUT -m comment --comment "${'😀 '.repeat(size / 3)}"`, // one quoted word with 1,000,000 spaces
  ];
  let found: string[][] = [];
  const ms = cpuMs(() => {
    found = lines.map((line) => codes(diagnose(`*filter\n${line}\nCOMMIT\n`, {}, 'iptables')));
  });
  // About 0.1 s here; each line took over 10 s of CPU when every word of the line was analysed.
  assert.ok(ms < 2000, `${ms.toFixed(0)} ms of CPU for four 3 MB lines`);
  for (const [i, c] of found.entries()) {
    assert.ok(c.includes('iptables/syntax'), `line ${i}: ${c.slice(0, 5).join(', ')}`);
    assert.ok(c.length <= 300, `line ${i}: ${c.length} findings`);
  }
});
