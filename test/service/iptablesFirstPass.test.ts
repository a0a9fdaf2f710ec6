// A large rules document just opened: the first pass has the findings of each line on its own (parse,
// options, values); the whole-file checks (duplicates, chains, placement, flow) follow in the complete
// set, which is what a single full pass gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { doc, service } from '../helpers/service';
import { rulesFirstPassFrom } from '../../server/src/service/iptables/service';
import { largeRules } from '../helpers/largeRules';

const key = (d: Diagnostic): string =>
  `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

test('a large rules document: the first pass is the per-line findings, a subset; the complete set is a single full pass', () => {
  const text = largeRules(rulesFirstPassFrom + 200);
  const s = service();
  const opened = doc(text, 'iptables', 'file:///a/rules.v4');
  const first = s.firstPass(opened, 'iptables');
  assert.ok(first, 'a first pass for a large rules document');
  assert.deepEqual(
    first.map((d) => String(d.code)),
    ['iptables/unknown-option', 'iptables/invalid-port'],
  );
  const complete = s.validate(opened, 'iptables');
  assert.deepEqual(
    complete.map((d) => String(d.code)),
    [
      'iptables/unknown-option',
      'iptables/invalid-port',
      'iptables/duplicate-rule',
      'iptables/undeclared-chain',
      'iptables/target-not-allowed',
    ],
  );
  const all = new Set(complete.map(key));
  for (const d of first) assert.ok(all.has(key(d)), `first-pass finding missing from the complete set: ${key(d)}`);
  // The same fixes as in the complete set (the quick fixes work on the first publication too).
  assert.deepEqual(first, complete.slice(0, 2));
  // A service that never made a first pass answers the same complete set.
  const single = service().validate(doc(text, 'iptables', 'file:///a/single.rules'), 'iptables');
  assert.deepEqual(complete.map(key), single.map(key));
  // Once the complete set is known there is no first pass for that version.
  assert.equal(s.firstPass(opened, 'iptables'), undefined);
});

test('a small rules document gets no first pass: its complete set costs about as much', () => {
  const text = largeRules(rulesFirstPassFrom - 100);
  const s = service();
  const opened = doc(text, 'iptables', 'file:///a/small.rules');
  assert.equal(s.firstPass(opened, 'iptables'), undefined);
  assert.equal(s.validate(opened, 'iptables').length, 5);
});

test('ip6tables documents get the same first pass', () => {
  const text = largeRules(rulesFirstPassFrom + 10)
    .replace(/-s 10\.(\d+)\.(\d+)\.0\/24/g, (_m, a: string, b: string) => `-s fd00:${a}:${b}::/64`)
    .replace('--to-destination 10.0.0.1', '--to-destination fd00::1');
  const s = service();
  const opened = doc(text, 'ip6tables', 'file:///a/rules.v6');
  const first = s.firstPass(opened, 'ip6tables');
  assert.ok(first && first.length > 0);
  const all = new Set(s.validate(opened, 'ip6tables').map(key));
  assert.ok(all.size > first.length);
  for (const d of first) assert.ok(all.has(key(d)), key(d));
});
