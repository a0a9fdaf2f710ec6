// Typing that changes what the chain checks read (a jump target, a rule a later -D deletes): the
// findings after each keystroke (the model and the per-table chain check carried over) equal a fresh
// analysis of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { flowFindings, validateRules } from '../../server/src/service/iptables/validate';
import { doc, service } from '../helpers/service';

const uri = 'file:///test/chains/rules-save';
const base = [
  '*filter',
  ':INPUT ACCEPT [0:0]',
  ':WEB - [0:0]',
  '-A INPUT -p tcp --dport 80 -j WEB',
  '-A WEB -s 10.0.0.0/8 -j ACCEPT',
  '-D WEB -s 10.0.0.0/8 -j ACCEPT',
  '-A INPUT -p tcp --dport 443 -j ACCEPT',
  'COMMIT',
  '',
];

function fresh(text: string): unknown {
  const ctx = { text, region: undefined, siblings: [], uri };
  const file = parseRulesSave(text, 'ipv4');
  return [...validateRules(file, ctx), ...flowFindings(file, ctx)];
}

/** Types `versions` of line `index` one after another; every answer must equal a fresh analysis. */
function typeLine(
  svc: ReturnType<typeof service>,
  lines: string[],
  index: number,
  versions: readonly string[],
): ReadonlyArray<{ code: string; message: string }> {
  let found: ReadonlyArray<{ code: string; message: string }> = [];
  for (const version of versions) {
    lines[index] = version;
    const text = lines.join('\n');
    found = svc.findings(doc(text, 'iptables', uri), 'iptables');
    assert.deepEqual(found, fresh(text), version);
  }
  return found;
}

const typing = (from: string, to: string): string[] => {
  const out: string[] = [];
  let s = from;
  while (!to.startsWith(s)) {
    s = s.slice(0, -1);
    out.push(s);
  }
  while (s !== to) {
    s = to.slice(0, s.length + 1);
    out.push(s);
  }
  return out;
};

test('a jump retyped to a chain that does not exist is reported, and cleared when typed back', () => {
  const svc = service();
  const lines = [...base];
  assert.deepEqual(svc.findings(doc(lines.join('\n'), 'iptables', uri), 'iptables'), fresh(lines.join('\n')));
  let found = typeLine(svc, lines, 6, typing(lines[6] as string, '-A INPUT -p tcp --dport 443 -j WEBX'));
  assert.ok(found.some((f) => f.code === 'iptables/undeclared-chain' && f.message.includes('WEBX')));
  // A space typed before the jump: the rule reads the same to the chain checks, but its finding moves.
  found = typeLine(svc, lines, 6, ['-A INPUT -p tcp  --dport 443 -j WEBX', '-A INPUT -p tcp   --dport 443 -j WEBX']);
  assert.ok(found.some((f) => f.code === 'iptables/undeclared-chain' && f.message.includes('WEBX')));
  found = typeLine(svc, lines, 6, typing(lines[6] as string, '-A INPUT -p tcp --dport 443 -j ACCEPT'));
  assert.ok(!found.some((f) => f.code === 'iptables/undeclared-chain'));
});

test('editing the rule a later -D deletes makes the deletion fail, and typing it back clears that', () => {
  const svc = service();
  const lines = [...base];
  svc.findings(doc(lines.join('\n'), 'iptables', uri), 'iptables');
  // Typed in the middle of the rule: its key changes, its chain and jump do not.
  let found = typeLine(svc, lines, 4, [
    '-A WEB -s 10.0.0.0/ -j ACCEPT',
    '-A WEB -s 10.0.0.0/1 -j ACCEPT',
    '-A WEB -s 10.0.0.0/16 -j ACCEPT',
  ]);
  assert.ok(found.some((f) => f.message.startsWith('Deleting fails')));
  found = typeLine(svc, lines, 4, [
    '-A WEB -s 10.0.0.0/1 -j ACCEPT',
    '-A WEB -s 10.0.0.0/ -j ACCEPT',
    '-A WEB -s 10.0.0.0/8 -j ACCEPT',
  ]);
  assert.ok(!found.some((f) => f.message.startsWith('Deleting fails')));
});
