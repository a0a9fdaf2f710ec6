// The editor's change events, merged between two reads of a document, must say exactly where the text
// read now differs from the text read before (the stretch the whole-text compare finds, or a wider one
// that still fits), and a service fed through them must answer as a fresh analysis does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readText, updateDocument } from '../../server/src/service/text/changeTrail';
import { changedStretch } from '../../server/src/service/text/changedStretch';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { flowFindings, validateRules } from '../../server/src/service/iptables/validate';
import { service } from '../helpers/service';

let seed = 5;
const next = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};

/** A random change of `doc`: a few characters typed, deleted or replaced, sometimes a line break. */
function randomChange(doc: TextDocument): { range: { start: Position; end: Position }; text: string } {
  const length = doc.getText().length;
  const a = next(length + 1);
  const b = Math.min(length, a + (next(3) === 0 ? next(4) : 0));
  const text = ['x', ' ', '', 'ab', '\n', '-j DROP'][next(6)] as string;
  // Sometimes the range is given end first: the editor's range is read either way round.
  const [s, e] = next(5) === 0 ? [b, a] : [a, b];
  return { range: { start: doc.positionAt(s), end: doc.positionAt(e) }, text };
}
type Position = ReturnType<TextDocument['positionAt']>;

test('changes merged between reads give the stretch in which the texts differ', () => {
  const doc = TextDocument.create('file:///t/rules', 'iptables', 1, 'line one\nline two\nline three\n'.repeat(20));
  let before = readText(doc).text;
  for (let round = 0; round < 400; round++) {
    const changes = Array.from({ length: 1 + next(3) }, () => randomChange(doc));
    // Each change is given in the text as it is after the ones before it, as in a didChange notification.
    for (const change of changes) updateDocument(doc, [change], doc.version + 1);
    const { text, change } = readText(doc);
    if (text === before) {
      before = text;
      continue;
    }
    assert.ok(change, `round ${round}: a change was noted`);
    assert.equal(change.before, before);
    const { from, oldTo, newTo } = change.stretch;
    // Outside the told stretch the texts are equal; it starts at or before their first difference (it
    // may be wider than the compare's: a change may put back what was there, and "x" typed after an "x"
    // is placed by the compare one character later).
    assert.ok(from <= oldTo && from <= newTo && before.length - oldTo === text.length - newTo, `round ${round}`);
    assert.equal(before.slice(0, from), text.slice(0, from), `round ${round}`);
    assert.equal(before.slice(oldTo), text.slice(newTo), `round ${round}`);
    assert.ok(from <= changedStretch(before, text).from, `round ${round}`);
    before = text;
  }
});

test('a change made without the trail (or a whole-text change) tells no stretch', () => {
  const doc = TextDocument.create('file:///t/rules2', 'iptables', 1, 'abc\ndef\n');
  readText(doc);
  updateDocument(doc, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'x' }], 2);
  TextDocument.update(
    doc,
    [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'y' }],
    3,
  );
  assert.equal(readText(doc).change, undefined, 'updated around the trail');
  updateDocument(doc, [{ text: 'whole\n' }], 4);
  assert.equal(readText(doc).change, undefined, 'a full change');
  updateDocument(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'z' }], 5);
  assert.deepEqual(readText(doc).change?.stretch, { from: 0, oldTo: 0, newTo: 1 });
});

test('a service typing through the change trail answers as a fresh analysis, ranges included', () => {
  const rules = Array.from(
    { length: 400 },
    (_, i) =>
      `-A INPUT -s 10.0.${i % 250}.0/24 -p tcp --dport ${1000 + (i % 7)} -m comment --comment "r${i}" -j ACCEPT`,
  );
  const text = `*filter\n:INPUT DROP [0:0]\n${rules.join('\n')}\n-A INPUT -j nosuchchain\nCOMMIT\n`;
  const svc = service();
  const doc = TextDocument.create('file:///t/typed.rules', 'iptables', 1, text);
  svc.findings(doc, 'iptables');
  for (let k = 0; k < 120; k++) {
    const line = 2 + next(400);
    const lineText = doc.getText().split('\n')[line] as string;
    const col = next(lineText.length + 1);
    const typed = ['x', ' ', '', ' -j DROP', '"', '!'][next(6)] as string;
    const end = typed === '' ? Math.min(lineText.length, col + 1) : col;
    updateDocument(
      doc,
      [{ range: { start: { line, character: col }, end: { line, character: end } }, text: typed }],
      doc.version + 1,
    );
    const incremental = svc.findings(doc, 'iptables');
    const now = doc.getText();
    const ctx = { text: now, region: undefined, siblings: [], uri: doc.uri };
    const file = parseRulesSave(now, 'ipv4');
    assert.deepEqual(incremental, [...validateRules(file, ctx), ...flowFindings(file, ctx)], `keystroke ${k}`);
  }
});
