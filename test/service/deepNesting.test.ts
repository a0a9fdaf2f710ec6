// Documents nested thousands of levels deep: the YAML parser's recursion runs out of stack around
// 800-1,200 levels, and near that point the engine can abort the process instead of throwing (seen
// when a regular expression was compiled that deep). They are reported once and not parsed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, doc, service } from '../helpers/service';
import { maxNesting, nestsDeeperThan } from '../../server/src/service/cloudConfig/nestingDepth';

const shapes: Array<[string, (n: number) => string]> = [
  ['indented sequences', (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}-`).join('\n')],
  ['indented mappings', (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')],
  ['items on one line', (n) => `x:\n  ${'- '.repeat(n)}1`],
  ['flow brackets', (n) => `x: ${'['.repeat(n)}${']'.repeat(n)}`],
  ['flow maps', (n) => `x: ${'{a: '.repeat(n)}1${'}'.repeat(n)}`],
  // Explicit keys and values, alone and mixed with items, anchors and tags: the parser recursed on
  // each and, two such files in one run, the engine aborted (RegExpCompiler allocation failed).
  ['explicit keys on one line', (n) => `${'? '.repeat(n)}x`],
  ['items of explicit keys', (n) => `${'- ? '.repeat(Math.ceil(n / 2))}x`],
  ['explicit keys of items', (n) => `${'? - '.repeat(Math.ceil(n / 2))}x`],
  ['explicit values', (n) => `${': '.repeat(n)}x`],
  ['indented explicit keys', (n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}?`).join('\n')],
  ['keys on one line', (n) => Array.from({ length: n }, (_, i) => `k${i}: `).join('')],
  ['keys after a key', (n) => `k: ${'? '.repeat(n)}x`],
  ['items with anchors and tags', (n) => `${'- &a !t '.repeat(n)}x`],
  // After a block scalar: its content ends at the first line not deeper than its key, and YAML follows.
  [
    'indented sequences after a block',
    (n) => `a: |\n  text\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}-`).join('\n')}`,
  ],
  ['brackets after a block item', (n) => `a:\n  - |\n    text\n  - ${'['.repeat(n)}${']'.repeat(n)}`],
];

test('3,000 brackets and items inside a unit block are text to the YAML reader: read and checked as usual', () => {
  for (const deep of ['['.repeat(3000) + ']'.repeat(3000), '- '.repeat(3000), '? '.repeat(3000)]) {
    const text = `#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      content: |\n        [Service]\n        ExecStart=/bin/echo ${deep}\n`;
    assert.equal(nestsDeeperThan(text, maxNesting), false);
    const svc = service();
    const diags = svc.validate(doc(text), 'cloud-config');
    assert.ok(!diags.some((d) => /nests more than/.test(String(d.message))), diags.map((d) => d.message).join('\n'));
    assert.ok(svc.hover(doc(text), 'cloud-config', { line: 6, character: 10 }), 'the unit line has a hover');
  }
});

for (const [name, make] of shapes) {
  test(`${name}, 3,000 levels: one diagnostic, the same every time, and the server carries on`, () => {
    const text = `#cloud-config\n${make(3000)}\n`;
    // Caught before the parser runs: its recursion that deep is what can abort the process.
    assert.equal(nestsDeeperThan(text, maxNesting), true);
    const svc = service();
    const uri = 'file:///test/deep/user-data';
    const runs = [0, 1, 2].map(() => {
      svc.forget(uri);
      return svc.validate(doc(text, 'cloud-config', uri), 'cloud-config');
    });
    assert.deepEqual(codes(runs[0] ?? []), ['cloud-config/yaml-syntax']);
    assert.match(String(runs[0]?.[0]?.message), /nests more than 200 levels deep/);
    assert.equal(runs[0]?.[0]?.range.start.line, 1, 'reported on the first line after the header');
    assert.deepEqual(runs[1], runs[0]);
    assert.deepEqual(runs[2], runs[0]);
  });

  test(`${name}, 150 levels: parsed and checked as usual`, () => {
    const diags = service().validate(doc(`#cloud-config\n${make(150)}\n`), 'cloud-config');
    assert.ok(!diags.some((d) => /nests more than/.test(String(d.message))), diags.map((d) => d.message).join('\n'));
  });
}
