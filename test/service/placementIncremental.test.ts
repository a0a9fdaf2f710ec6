// Typing that changes which built-in chains reach a user chain: the placement findings after each
// keystroke (the model and the per-table reach carried over) equal a fresh analysis of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { flowFindings, validateRules } from '../../server/src/service/iptables/validate';
import { doc, service } from '../helpers/service';

const base = [
  '*nat',
  ':PREROUTING ACCEPT [0:0]',
  ':POSTROUTING ACCEPT [0:0]',
  ':MASQ-HERE - [0:0]',
  '-A POSTROUTING -o eth0 -j MASQ-HERE',
  '-A PREROUTING -p tcp --dport 80 -j ACCEPT',
  '-A MASQ-HERE -j MASQUERADE',
  'COMMIT',
  '',
];

function fresh(text: string, uri: string): unknown {
  const ctx = { text, region: undefined, siblings: [], uri };
  const file = parseRulesSave(text, 'ipv4');
  return [...validateRules(file, ctx), ...flowFindings(file, ctx)];
}

test('a jump typed into PREROUTING makes MASQUERADE in the chain it reaches refused; deleting it clears that', () => {
  const svc = service();
  const uri = 'file:///test/placement/rules-save';
  const masqueradeRefused = (fs: ReadonlyArray<{ code: string; message: string }>): boolean =>
    fs.some(
      (f) =>
        f.code === 'iptables/target-not-allowed' &&
        f.message.includes('MASQUERADE') &&
        f.message.includes('PREROUTING'),
    );
  const lines = [...base];
  let text = lines.join('\n');
  let found = svc.findings(doc(text, 'iptables', uri), 'iptables');
  assert.equal(masqueradeRefused(found), false);
  // Type `-j MASQ-HERE` over `-j ACCEPT` one keystroke at a time: delete ACCEPT, then type the chain name.
  const typed: string[] = [];
  let line = lines[5] as string;
  while (line.endsWith('ACCEPT') || (/-j [A-Z]*$/.test(line) && !line.endsWith('-j '))) {
    line = line.slice(0, -1);
    typed.push(line);
  }
  for (const c of 'MASQ-HERE') {
    line += c;
    typed.push(line);
  }
  for (const version of typed) {
    lines[5] = version;
    text = lines.join('\n');
    found = svc.findings(doc(text, 'iptables', uri), 'iptables');
    assert.deepEqual(found, fresh(text, uri), version);
  }
  assert.equal(masqueradeRefused(found), true, 'MASQUERADE reached from PREROUTING');
  // And back: delete the last character, so PREROUTING jumps to a chain that does not exist.
  lines[5] = (lines[5] as string).slice(0, -1);
  text = lines.join('\n');
  found = svc.findings(doc(text, 'iptables', uri), 'iptables');
  assert.deepEqual(found, fresh(text, uri));
  assert.equal(masqueradeRefused(found), false);
});
