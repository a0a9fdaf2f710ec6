// A long random typing session in a Kubernetes node's iptables-save dump (50k lines, kube-proxy shape):
// after every keystroke the service's findings (the model carried over; per-line findings, analyses,
// placement, duplicate buckets, chain checks and shadowed-rule state carried over from the model before
// the keystroke) must equal a fresh parse and analysis of the same text. Bounded for CI; a longer run:
// KUBE_TYPING_KEYSTROKES=400 KUBE_TYPING_SEED=7 node --test out/test/service/kubeTyping.test.js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { validateRules } from '../../server/src/service/iptables/validate';
import { flowFindings } from '../../server/src/service/iptables/validate';
import { doc, service } from '../helpers/service';
import { repoRoot } from '../helpers/paths';
// A seeded generator, so a failure names a session that can be replayed.
import { seededRandom as random } from '../fuzz/mutate';

const keystrokes = Number(process.env.KUBE_TYPING_KEYSTROKES ?? 8);
const seed = Number(process.env.KUBE_TYPING_SEED ?? 18);
const lineCount = Number(process.env.KUBE_TYPING_LINES ?? 50_000);

// What is typed: single characters mostly, sometimes a word that changes what the rule means
// (a duplicate-making deletion, a refused match, a jump to an undeclared chain, a verdict).
const pieces = [
  'x',
  ' ',
  '-',
  '1',
  '0',
  '.',
  '/',
  'A',
  ' -j DROP',
  ' -j ACCEPT',
  ' -m nosuchmatch',
  ' -j KUBE-NOWHERE',
  ' -p tcp',
  ' --dport 22',
  ' !',
  '"',
  // What the per-line checks carried over per keystroke read: the old state match, an ipset nothing
  // creates, ICMP, a match refused in some chains.
  ' -m state --state NEW',
  ' -m set --match-set nosuchset src',
  ' -p icmp',
  ' -m owner --uid-owner 0',
];

test(`${keystrokes} random keystrokes in a ${lineCount}-line kube-proxy dump: findings equal a fresh analysis after each (seed ${seed})`, async () => {
  const { kubeDump } = (await import(pathToFileURL(path.join(repoRoot(), 'scripts/bench/kubeDump.mjs')).href)) as {
    kubeDump: (lines: number) => string;
  };
  let text = kubeDump(lineCount);
  const next = random(seed);
  const svc = service();
  const uri = 'file:///test/kube/rules-save';
  svc.findings(doc(text, 'iptables', uri), 'iptables');
  let lines = text.split('\n');
  // Typing moves around a little, as a person does: a place in the nat or the filter rules, kept for a
  // few keystrokes, then another.
  let line = 0,
    column = 0;
  for (let k = 0; k < keystrokes; k++) {
    if (k % 6 === 0) {
      do line = Math.floor(next() * lines.length);
      while (!(lines[line] as string).startsWith('-A '));
      column = Math.floor(next() * ((lines[line] as string).length + 1));
    }
    const current = lines[line] as string;
    const r = next();
    let edit: string;
    if (r < 0.2 && current.length > 3) {
      // Delete the character before the caret (or after it at the start of the line).
      const at = Math.max(1, column);
      lines[line] = current.slice(0, at - 1) + current.slice(at);
      column = at - 1;
      edit = `delete at ${at - 1}`;
    } else {
      const piece = pieces[Math.floor(next() * pieces.length)] as string;
      lines[line] = current.slice(0, column) + piece + current.slice(column);
      column += piece.length;
      edit = `type ${JSON.stringify(piece)} at ${column - piece.length}`;
    }
    text = lines.join('\n');
    const incremental = svc.findings(doc(text, 'iptables', uri), 'iptables');
    const ctx = { text, region: undefined, siblings: [], uri };
    const file = parseRulesSave(text, 'ipv4');
    const fresh = [...validateRules(file, ctx), ...flowFindings(file, ctx)];
    assert.deepEqual(incremental, fresh, `keystroke ${k + 1}: line ${line + 1}, ${edit}: ${lines[line]}`);
    lines = text.split('\n');
  }
});
