// A standalone rules file is served as a region whose offset map is the identity: the same text on its
// own and written by a user-data's write_files gives the same iptables findings, hover and completion,
// each moved by the block's place in the user-data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { doc, service } from '../helpers/service';

const rules = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED,BOGUS -j ACCEPT',
  '-A INPUT -p tcp --dport 22 -j ACCEPT',
  '-A INPUT -p tcp --dport 70000 -j ACCEPT',
  '-A INPUT -p tcp -j ACCEPT',
  '-A INPUT -p tcp --dport 80 -j ACCEPT',
  '-A INPUT -s db.example.com -p icmp --icmp-type echo-request -j ACCEPT',
  '-A INPUT -p tcp --dport 22 -j ACCEPT',
  '-A INPUT -p udp --bogus 1 -j REJECT --reject-with icmp-port-unreachable',
  'COMMIT',
];
const standaloneText = `${rules.join('\n')}\n`;
const header = ['#cloud-config', 'write_files:', '  - path: /etc/iptables/rules.v4', '    content: |'];
const indent = 6;
const embeddedText = `${[...header, ...rules.map((l) => ' '.repeat(indent) + l)].join('\n')}\n`;
/** Where line 0 of the rules sits in the user-data. */
const firstLine = header.length;

const moved = (p: Position): Position => ({ line: p.line + firstLine, character: p.character + indent });
const movedRange = (r: Range): Range => ({ start: moved(r.start), end: moved(r.end) });

const svc = service();
const standalone = doc(standaloneText, 'iptables', 'file:///etc/iptables/rules.v4');
const embedded = doc(embeddedText, 'cloud-config', 'file:///srv/user-data');

test('the same iptables findings, at the same places moved by the block', () => {
  const own = svc.validate(standalone, 'iptables');
  const inUserData = svc.validate(embedded, 'cloud-config').filter((d) => String(d.code).startsWith('iptables/'));
  assert.ok(own.length >= 5, `the rules have findings of their own: ${own.map((d) => d.code).join(', ')}`);
  const shape = (d: Diagnostic, range: Range): string =>
    `${String(d.code)} ${JSON.stringify(range)} ${JSON.stringify(d.message)}`;
  assert.deepEqual(
    inUserData.map((d) => shape(d, d.range)).sort(),
    own.map((d) => shape(d, movedRange(d.range))).sort(),
  );
});

function hoverShape(h: Hover | null, move: (r: Range) => Range): string | undefined {
  if (!h) return undefined;
  return `${JSON.stringify(h.contents)} ${h.range ? JSON.stringify(move(h.range)) : ''}`;
}

test('the same hover at every character of the rules, with the range moved by the block', () => {
  let hovers = 0;
  for (const [line, text] of rules.entries()) {
    for (let character = 0; character <= text.length; character++) {
      const own = hoverShape(svc.hover(standalone, 'iptables', { line, character }), movedRange);
      const inUserData = hoverShape(svc.hover(embedded, 'cloud-config', moved({ line, character })), (r) => r);
      assert.equal(inUserData, own, `hover at rules line ${line + 1}, column ${character + 1}`);
      if (own) hovers++;
    }
  }
  assert.ok(hovers > 200, `hover answers most characters (${hovers})`);
});

function completionShape(list: CompletionList, move: (r: Range) => Range): string[] {
  return list.items.map((i) => {
    const edit = i.textEdit && 'range' in i.textEdit ? JSON.stringify(move(i.textEdit.range)) : '';
    return `${i.label} ${i.detail ?? ''} ${edit}`;
  });
}

test('the same completion at the end and inside each rule, with the edit ranges moved by the block', () => {
  let offered = 0;
  for (const [line, text] of rules.entries()) {
    for (const character of [text.length, Math.min(text.length, 12), Math.min(text.length, 20)]) {
      const own = completionShape(svc.complete(standalone, 'iptables', { line, character }), movedRange);
      const inUserData = completionShape(svc.complete(embedded, 'cloud-config', moved({ line, character })), (r) => r);
      assert.deepEqual(inUserData, own, `completion at rules line ${line + 1}, column ${character + 1}`);
      offered += own.length;
    }
  }
  assert.ok(offered > 100, `completion offers items (${offered})`);
});
