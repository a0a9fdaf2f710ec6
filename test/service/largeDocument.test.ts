// A large document held in lines (`largeDocument.ts`): after any sequence of editor changes (typing,
// Enter, deletes across lines, pastes of several lines, CRLF and lone CR line ends, non-ASCII and
// surrogate pairs) it reads exactly as the editor library's document does, and the rules service on it
// gives what a fresh analysis of the same text gives. A keystroke in a large rules document joins no
// whole text: not for diagnostics, not for completion or hover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { LargeDocument } from '../../server/src/service/text/largeDocument';
import { wholeTextJoins } from '../../server/src/service/text/lineTable';
import { limitFlowChecks } from '../../server/src/service/index';
import { doc, service } from '../helpers/service';
import { largeRules } from '../helpers/largeRules';
import { repoRoot } from '../helpers/paths';
// A seeded generator, so a failure names a session that can be replayed.
import { seededRandom as random } from '../fuzz/mutate';

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/** A random change of `text`: a range (sometimes across lines, sometimes reversed) and what replaces it. */
function randomChange(
  next: () => number,
  reference: TextDocument,
  inserts: readonly string[],
): { range: Range; text: string } {
  const length = reference.getText().length;
  const a = Math.floor(next() * (length + 1));
  const r = next();
  const span =
    r < 0.6 ? 0 : r < 0.8 ? Math.floor(next() * 4) : r < 0.97 ? Math.floor(next() * 300) : Math.floor(next() * 8000);
  const b = Math.min(length, a + span);
  const start = reference.positionAt(a),
    end = reference.positionAt(b);
  // Sometimes a position past its line's end or past the last line, as clients send them.
  const wild: Position | undefined = next() < 0.05 ? { line: start.line, character: start.character + 500 } : undefined;
  const range = next() < 0.1 ? { start: end, end: wild ?? start } : { start: wild ?? start, end };
  return { range, text: next() < 0.3 ? '' : pick(next, inserts) };
}

const inserts = [
  'x',
  ' ',
  '\n',
  '\r\n',
  '\r',
  'é',
  '😀',
  'a\nb\n',
  '-A INPUT -j DROP\n',
  '\r\n-A X\r\n',
  '\n\n',
  'ü\r',
  // A paste of more lines than a chunk holds.
  Array.from({ length: 700 }, (_, i) => `pasted ${i}`).join('\n'),
];

test('a document held in lines reads as the editor library document after random changes', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const next = random(seed);
    const eol = seed % 3 === 0 ? '\r\n' : seed % 3 === 1 ? '\n' : '\r';
    // Long enough for several chunks of lines (`lineTable.ts`), so changes cross and split them.
    const lines = Array.from(
      { length: seed < 3 ? 40 : 1500 },
      (_, i) => `line ${i} ${i % 7 === 0 ? 'naïve 😀' : '-A INPUT'}`,
    );
    const start = lines.join(eol) + (seed % 2 ? eol : '');
    const reference = TextDocument.create('file:///r', 'iptables', 1, start);
    const large = new LargeDocument('file:///r', 'iptables', 1, start);
    for (let k = 0; k < 250; k++) {
      const changes = Array.from({ length: next() < 0.2 ? 3 : 1 }, () => randomChange(next, reference, inserts));
      // Each change of a batch is in the text after the ones before it, as the protocol says.
      for (const change of changes) {
        TextDocument.update(reference, [change], k + 2);
        large.update([change], k + 2);
      }
      const text = reference.getText();
      const at = `seed ${seed}, change ${k}`;
      assert.equal(large.version, reference.version, at);
      assert.equal(large.lineCount, reference.lineCount, at);
      assert.equal(large.length, text.length, at);
      for (let i = 0; i < 5; i++) {
        const o = Math.floor(next() * (text.length + 2)) - 1;
        assert.deepEqual(large.positionAt(o), reference.positionAt(o), `${at}: positionAt(${o})`);
        const p = { line: Math.floor(next() * (reference.lineCount + 1)), character: Math.floor(next() * 30) };
        assert.equal(large.offsetAt(p), reference.offsetAt(p), `${at}: offsetAt(${JSON.stringify(p)})`);
        const q = reference.positionAt(Math.floor(next() * (text.length + 1)));
        const range = p.line < q.line ? { start: p, end: q } : { start: q, end: p };
        assert.equal(large.getText(range), reference.getText(range), `${at}: getText(range)`);
        const line = Math.floor(next() * (reference.lineCount + 1)) - 1;
        assert.deepEqual(large.getLineRange(line), reference.getLineRange(line), `${at}: getLineRange`);
        assert.equal(large.getEOLCharacters(line), reference.getEOLCharacters(line), `${at}: getEOLCharacters`);
      }
      if (k % 50 === 0) assert.equal(large.getText(), text, at);
    }
    assert.equal(large.getText(), reference.getText());
  }
});

/** Every finding of a service on a document, as the editor sees them. */
function diagnosticsOf(svc: ReturnType<typeof service>, d: TextDocument): string[] {
  return svc.validate(d, 'iptables').map((x) => JSON.stringify([x.code, x.range, x.message, x.relatedInformation]));
}

/** A random keystroke in a rules document: mostly typing in a rule, sometimes Enter or a delete across lines. */
function keystroke(next: () => number, reference: TextDocument): { range: Range; text: string } {
  const text = reference.getText();
  const lines = text.split('\n');
  let line = Math.floor(next() * lines.length);
  for (let i = 0; i < 20 && !(lines[line] ?? '').startsWith('-A '); i++) line = Math.floor(next() * lines.length);
  const content = (lines[line] ?? '').replace(/\r$/, '');
  const character = Math.floor(next() * (content.length + 1));
  const at = { line, character };
  const r = next();
  if (r < 0.08) return { range: { start: at, end: at }, text: '\n' };
  if (r < 0.12) return { range: { start: at, end: { line: line + 2, character: 3 } }, text: '' };
  if (r < 0.15)
    return { range: { start: at, end: at }, text: '-A INPUT -p tcp --dport 80 -j ACCEPT\n-A INPUT -j NOWHERE\n' };
  if (r < 0.3 && character > 0) return { range: { start: { line, character: character - 1 }, end: at }, text: '' };
  return {
    range: { start: at, end: at },
    text: pick(next, ['x', ' ', '-', '1', ' -j DROP', ' -m nosuch', 'é', '😀', ' !', '"']),
  };
}

function typingSession(seed: number, eol: string, keystrokes: number): void {
  const next = random(seed);
  const start = largeRules(400).replace(/\n/g, eol);
  const uri = 'file:///test/large/rules.v4';
  const reference = TextDocument.create(uri, 'iptables', 1, start);
  const large = new LargeDocument(uri, 'iptables', 1, start);
  const svc = service();
  svc.validate(large, 'iptables');
  for (let k = 0; k < keystrokes; k++) {
    const change = keystroke(next, reference);
    TextDocument.update(reference, [change], k + 2);
    large.update([change], k + 2);
    const at = `seed ${seed}, keystroke ${k}: ${JSON.stringify(change)}`;
    // Completion first (asked right after the keystroke, before diagnostics), then the diagnostics.
    const pos = change.range.start;
    const fresh = service();
    const freshDoc = doc(reference.getText(), 'iptables', uri);
    assert.deepEqual(svc.complete(large, 'iptables', pos), fresh.complete(freshDoc, 'iptables', pos), at);
    assert.deepEqual(diagnosticsOf(svc, large), diagnosticsOf(fresh, freshDoc), at);
    const hoverAt = { line: pos.line, character: Math.max(0, pos.character - 2) };
    assert.deepEqual(svc.hover(large, 'iptables', hoverAt), fresh.hover(freshDoc, 'iptables', hoverAt), at);
  }
  // Fixes (which may read the whole text) are those of a fresh analysis too.
  const whole = { start: { line: 0, character: 0 }, end: reference.positionAt(reference.getText().length) };
  assert.deepEqual(
    svc.codeActions(large, 'iptables', whole),
    service().codeActions(doc(reference.getText(), 'iptables', uri), 'iptables', whole),
  );
}

test('random keystrokes in a large rules document (LF): completion, diagnostics and hover equal a fresh analysis', () => {
  typingSession(11, '\n', 50);
  typingSession(12, '\n', 30);
});

test('random keystrokes in a large rules document (CRLF): diagnostics equal a fresh analysis', () => {
  typingSession(13, '\r\n', 25);
});

test('a keystroke in a large rules document joins no whole text (diagnostics, completion, hover)', async () => {
  const { kubeDump } = (await import(pathToFileURL(path.join(repoRoot(), 'scripts/bench/kubeDump.mjs')).href)) as {
    kubeDump: (lines: number) => string;
  };
  // As the server does above 25,000 rule lines: the whole-rule-set flow checks are off.
  limitFlowChecks({ maxRuleLines: 1_000, skipped() {} });
  try {
    const text = kubeDump(12_000);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.startsWith('-A KUBE-SVC'));
    const column = (lines[line] as string).length;
    const large = new LargeDocument('file:///test/kube/kube.rules', 'iptables', 1, text);
    const svc = service();
    svc.firstPass(large, 'iptables');
    svc.validate(large, 'iptables');
    const joins = wholeTextJoins();
    let cpu = 0;
    for (let k = 0; k < 30; k++) {
      const at = { line, character: column + k };
      const used = process.cpuUsage();
      large.update([{ range: { start: at, end: at }, text: k % 2 ? 'x' : ' ' }], k + 2);
      svc.complete(large, 'iptables', { line, character: column + k + 1 });
      svc.validate(large, 'iptables');
      const spent = process.cpuUsage(used);
      cpu = Math.max(cpu, (spent.user + spent.system) / 1000);
      svc.hover(large, 'iptables', { line: line + 1, character: 5 });
    }
    assert.equal(wholeTextJoins(), joins, 'no keystroke joined the whole text');
    // Generous: a keystroke costs a few ms of CPU here; joining and re-parsing 12k lines costs far more.
    assert.ok(cpu < 150, `a keystroke took ${cpu.toFixed(1)} ms of CPU`);
    // What was typed is there, and the document still reads whole when asked.
    assert.equal(large.getText().split('\n')[line], `${lines[line]} x x x x x x x x x x x x x x x`);
    assert.equal(wholeTextJoins(), joins + 1);
  } finally {
    limitFlowChecks(undefined);
  }
});
