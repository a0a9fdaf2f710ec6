// A keystroke in one rule line carries the previous rules model over: the changed line is parsed again
// and later lines are moved. The carried-over model, and the diagnostics of a service typing into one
// file keystroke after keystroke, must equal those of a fresh parse: checked on every rule line of the
// rules-save corpus and the iptables fact cases, with typed, deleted and replaced characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IpFamily, OptionUse, RuleLine, RulesFile, Token } from '../../server/src/service/iptables/ast';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { reparseOneLine } from '../../server/src/service/iptables/reparseLine';
import type { ChangedStretch } from '../../server/src/service/text/changedStretch';
import { validateRules } from '../../server/src/service/iptables/validate';
import { flowFindings } from '../../server/src/service/iptables/validate';
import { familyOfPath } from '../../server/src/service/iptables/family';
import { sharedDir } from '../helpers/paths';
import { doc, service } from '../helpers/service';

/** A word as its readers see it (a rule line's words are views made when read). */
function word(t: Token | undefined): unknown {
  return t && { start: t.start, end: t.end, raw: t.raw, value: t.value, quoted: t.quoted };
}

/** An option as its readers see it. */
function option(o: OptionUse | undefined): unknown {
  return (
    o && {
      name: word(o.name),
      negation: word(o.negation),
      args: o.args.map(word),
      span: { start: o.span.start, end: o.span.end },
    }
  );
}

/** Everything a reader of the model sees, with the table of each rule named by its index (no cycles). */
function observable(file: RulesFile): unknown {
  const tableIndex = (t: unknown): number => file.tables.indexOf(t as RulesFile['tables'][number]);
  const rule = (r: RuleLine): unknown => ({
    span: { start: r.span.start, end: r.span.end },
    counters: word(r.counters),
    command: word(r.command),
    chain: word(r.chain),
    position: word(r.position),
    extra: word(r.extra),
    options: r.options.map(option),
    jump: option(r.jump),
    jumpIndex: r.jump ? r.options.indexOf(r.jump) : -1,
    table: tableIndex(r.table),
  });
  const line = (l: RulesFile['lines'][number]): unknown => {
    if (l.kind === 'rule') return { kind: l.kind, span: { start: l.span.start, end: l.span.end }, rule: rule(l.rule) };
    if (l.kind === 'chain')
      return {
        kind: l.kind,
        span: { start: l.span.start, end: l.span.end },
        name: word(l.name),
        policy: word(l.policy),
        counters: word(l.counters),
      };
    return l;
  };
  return {
    text: file.text,
    family: file.family,
    lines: file.lines.map(line),
    tables: file.tables.map((t) => ({
      name: t.name,
      span: t.span,
      commit: t.commit,
      chains: t.chains.map((c) => ({
        name: word(c.name),
        policy: word(c.policy),
        builtin: c.builtin,
        line: file.lines.indexOf(c.line),
      })),
      rules: t.rules.map((r) => file.lines.findIndex((l) => l.kind === 'rule' && l.rule === r)),
    })),
    problems: file.problems.map((p) => (p.table ? { ...p, table: tableIndex(p.table) } : p)),
  };
}

function rulesFiles(): Array<{ name: string; text: string; family: IpFamily }> {
  const corpus = path.join(sharedDir(), 'corpus', 'rules-save');
  const cases = path.join(sharedDir(), 'facts', 'iptables-cases');
  const files = [
    ...readdirSync(corpus).map((f) => path.join(corpus, f)),
    ...readdirSync(cases)
      .filter((f) => f.endsWith('.rules'))
      .map((f) => path.join(cases, f)),
  ];
  return files.map((f) => {
    const name = path.basename(f);
    return {
      name,
      text: readFileSync(f, 'utf8'),
      family: name.startsWith('v6_') ? 'ipv6' : (familyOfPath(name) ?? 'ipv4'),
    };
  });
}

const inserted = [
  ' ',
  'x',
  '-',
  '!',
  '"',
  '#',
  '*',
  ':',
  '\t',
  '[',
  '0',
  ',',
  'é',
  '🙂',
  ' -j',
  ' ! -s 10.0.0.0/8',
  'COMMIT',
];
let seed = 11;
const next = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};

interface Edited {
  readonly text: string;
  /** Where it differs from the text before, as an editor's change event says it. */
  readonly stretch: ChangedStretch;
}

/** Typed, deleted and replaced characters at the start, end and random columns of one line. */
function editsOf(text: string, start: number, end: number): Edited[] {
  const at = (offset: number, removed: number, add: string): Edited => ({
    text: text.slice(0, offset) + add + text.slice(offset + removed),
    stretch: { from: offset, oldTo: offset + removed, newTo: offset + add.length },
  });
  const len = end - start;
  const out = [
    at(end, 0, ' '),
    at(start, 0, ' '),
    at(end, 0, ' x'),
    at(start, 1, ''),
    at(end - 1, 1, ''),
    at(start, len, '-A INPUT -j DROP'),
  ];
  for (let k = 0; k < 4; k++)
    out.push(at(start + next(len + 1), k === 3 ? Math.min(1, len) : 0, inserted[next(inserted.length)] as string));
  return out;
}

function ruleLineSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (/^\s*[-[]/.test(line)) spans.push([start, start + line.length]);
    start += line.length + 1;
  }
  return spans;
}

test('a carried-over rules model equals a fresh parse for edits on every rule line of the corpus and the fact cases', () => {
  let carried = 0;
  let declined = 0;
  for (const { name, text, family } of rulesFiles()) {
    for (const [start, end] of ruleLineSpans(text)) {
      for (const { text: edited, stretch } of editsOf(text, start, end)) {
        const moved = reparseOneLine(parseRulesSave(text, family), edited);
        // The same edit with the change the editor reported: no compare of the two texts, same model.
        const told = reparseOneLine(parseRulesSave(text, family), edited, stretch);
        // (A replacement by the same text is no change to the compare, but is one to the editor.)
        if (edited !== text)
          assert.equal(told === undefined, moved === undefined, `${name}: ${JSON.stringify(stretch)}`);
        if (!moved && !told) {
          declined++;
          continue;
        }
        carried++;
        const fresh = observable(parseRulesSave(edited, family));
        const what = `${name}: ${JSON.stringify(edited.slice(start, start + 60))}`;
        if (moved) assert.deepEqual(observable(moved), fresh, what);
        if (told) assert.deepEqual(observable(told), fresh, `${what} (change told)`);
      }
    }
  }
  assert.ok(carried > 5000 && carried > 4 * declined, `carried over ${carried}, parsed again ${declined}`);
});

test('edits that add or remove a line, leave the rule lines or touch CR text are parsed again', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n';
  const base = (): RulesFile => parseRulesSave(text, 'ipv4');
  assert.equal(reparseOneLine(base(), text.replace('--dport 22', '--dport\n22')), undefined);
  assert.equal(reparseOneLine(base(), text.replace(':INPUT DROP', ':INPUT ACCEPT')), undefined, 'a chain line');
  assert.equal(reparseOneLine(base(), text.replace('-A INPUT', '#-A INPUT')), undefined, 'a rule commented out');
  assert.equal(reparseOneLine(base(), text.replace(/\n/g, '\r\n').replace('22', '23')), undefined);
  const typed = reparseOneLine(base(), text.replace('--dport 22', '--dport 2222'));
  assert.equal(typed?.tables[0]?.commit?.start, text.indexOf('COMMIT') + 2);
  assert.equal(typed?.tables[0]?.rules[0]?.options.find((o) => o.name.value === '--dport')?.args[0]?.value, '2222');
});

test('a service typing into a rules file keystroke after keystroke gives the findings of a fresh analysis', () => {
  const svc = service();
  for (const { name, text: original, family } of rulesFiles().filter((f) => f.text.split('\n').length > 40)) {
    const lang = family === 'ipv6' ? 'ip6tables' : 'iptables';
    const uri = `file:///test/typing/${name}`;
    let text = original;
    svc.findings(doc(text, lang, uri), lang);
    const ruleLines = ruleLineSpans(text).map(([start]) => text.slice(0, start).split('\n').length - 1);
    // From the last rule line up, every third one: load a match that INPUT refuses (a placement finding)
    // and one that does not exist (a finding of the line itself), type a space, delete the last
    // character. The findings of the lines typed in before lie below each new edit, so they move.
    for (let i = ruleLines.length - 1; i >= 0; i -= 3) {
      for (const edit of [' -m owner --uid-owner 0', ' -m nosuchmatch', ' ', 'delete']) {
        const lines = text.split('\n');
        const n = ruleLines[i] as number;
        lines[n] = edit === 'delete' ? (lines[n] as string).slice(0, -1) : `${lines[n]}${edit}`;
        text = lines.join('\n');
        const incremental = svc.findings(doc(text, lang, uri), lang);
        const ctx = { text, region: undefined, siblings: [], uri };
        const file = parseRulesSave(text, family);
        const fresh = [...validateRules(file, ctx), ...flowFindings(file, ctx)];
        assert.deepEqual(incremental, fresh, `${name}: after editing line ${n + 1} (${edit})`);
      }
    }
  }
});

test('typing in a one-megabyte rule line with a quarter of a million stray words neither overflows nor differs', () => {
  // Each stray word was once a problem of the line, and they went into push() as arguments (fuzz seed 17,
  // case 33107: v4_84_commit_lowercase.rules with a megabyte line, a character typed in it). Now only
  // the 251 words iptables-restore reads are looked at, and word 252 is the one problem past them.
  const text = `*filter\n-A INPUT ${'x y '.repeat(250_000)}\nCOMMIT\n`;
  const edited = text.replace('\nCOMMIT', 'z\nCOMMIT');
  const moved = reparseOneLine(parseRulesSave(text, 'ipv4'), edited);
  const fresh = parseRulesSave(edited, 'ipv4');
  assert.ok(moved && fresh.problems.length > 200 && fresh.problems.length < 300, `${fresh.problems.length} problems`);
  assert.equal(moved.problems.length, fresh.problems.length);
  assert.deepEqual(
    [moved.problems[0], moved.problems[moved.problems.length - 1]],
    [fresh.problems[0], fresh.problems[fresh.problems.length - 1]],
  );
  const ctx = { text: edited, region: undefined, siblings: [] };
  assert.equal(validateRules(moved, ctx).length, validateRules(fresh, ctx).length);
});

/** Every object a line's model reaches (words, options, their spans, the rule), its own span left out. */
function objectsOfLine(line: RulesFile['lines'][number]): object[] {
  const out = new Set<object>();
  const add = (o: unknown): void => {
    if (o && typeof o === 'object' && o !== line.span && !out.has(o)) out.add(o);
  };
  if (line.kind === 'table') add(line.name);
  if (line.kind === 'chain') [line.name, line.policy, line.counters].forEach(add);
  if (line.kind === 'commit') add(line.trailing);
  if (line.kind === 'rule') {
    const r = line.rule;
    [r, r.span, r.counters, r.command, r.chain, r.position, r.extra, r.options, r.jump].forEach(add);
    for (const o of r.options) [o, o.name, o.negation, o.args, o.span, ...o.args].forEach(add);
  }
  return [...out];
}

test('a keystroke writes to no word, option or rule object of a later line: each later line moves by its span alone', () => {
  const rule = (i: number): string =>
    `[3:${i}] -A KUBE-SVC-${i} -m comment --comment "ns/svc-${i}:http" -p tcp ! -s 10.0.0.0/8 --dport ${i % 65535} -j DNAT --to-destination 10.1.${i % 250}.${i % 200}:80`;
  const lines = ['*nat', ':PREROUTING ACCEPT [0:0]'];
  for (let i = 0; i < 300; i++) lines.push(`:KUBE-SVC-${i} - [0:0]`);
  for (let i = 0; i < 300; i++) lines.push(rule(i));
  lines.push(
    'COMMIT ',
    '# filter',
    '*filter',
    ':INPUT DROP [1:2]',
    '-A INPUT -p tcp --dport 22 -j ACCEPT',
    'COMMIT',
    '',
  );
  const text = lines.join('\n');
  const editAt = text.indexOf('-A KUBE-SVC-7 ') + '-A KUBE-SVC-7'.length;
  const file = parseRulesSave(text, 'ipv4');
  const index = file.lines.findIndex((l) => l.span.start <= editAt && editAt <= l.span.end);
  let frozen = 0;
  for (const line of file.lines.slice(index + 1))
    for (const o of objectsOfLine(line)) {
      Object.freeze(o);
      frozen++;
    }
  assert.ok(frozen > 300 * 20, `${frozen} objects of later lines`);
  for (const [typed, edited] of [
    ['x', text.slice(0, editAt) + 'x' + text.slice(editAt)],
    ['', text.slice(0, editAt - 1) + text.slice(editAt)],
  ] as const) {
    const stretch = { from: typed ? editAt : editAt - 1, oldTo: editAt, newTo: typed ? editAt + 1 : editAt - 1 };
    // Moving a frozen word (as every later word was once moved) would throw here.
    const moved = reparseOneLine(parseRulesSave(text, 'ipv4'), edited, stretch);
    assert.ok(moved);
    assert.deepEqual(observable(moved), observable(parseRulesSave(edited, 'ipv4')));
  }
  const moved = reparseOneLine(file, text.slice(0, editAt) + 'x' + text.slice(editAt));
  assert.ok(moved, 'carried over with its later lines frozen');
  const last = moved.tables[1]?.rules[0]?.options.find((o) => o.name.value === '--dport');
  const port = text.lastIndexOf('--dport 22') + 1;
  assert.deepEqual([last?.args[0]?.start, last?.span.end], [port + 8, port + 10]);
});
