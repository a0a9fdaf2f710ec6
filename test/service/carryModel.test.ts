// A document nearly equal to another open one (the other side of a diff, a second tab, a copy with a
// line break added at the end) takes that document's parse over instead of parsing the whole text
// again. What the user sees must be exactly what a fresh parse gives: checked on every file of the
// corpus and the examples, as written and with broken lines, through the model and through the service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Position } from 'vscode-languageserver-types';
import { parseCloudConfig, parseCount } from '../../server/src/service/cloudConfig/parse';
import { carryModel } from '../../server/src/service/cloudConfig/carryModel';
import { carriedCount } from '../../server/src/service/cloudConfig/carryFindings';
import { repoRoot, sharedDir } from '../helpers/paths';
import { doc, service } from '../helpers/service';
import { observable } from '../helpers/modelView';
import { cloudConfigSources } from '../helpers/brokenLines';

/** Every cloud-config of the corpus and the examples, as [display name, text]. */
const sources = (): Array<[string, string]> => cloudConfigSources(repoRoot(), sharedDir());

/** The text with one line broken three ways (a colon dropped, a tab indent, an unclosed quote), around its middle. */
function broken(text: string): string[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => i >= lines.length / 2 && /^\s*[\w-]+: \S/.test(l));
  if (at < 0) return [];
  const line = lines[at] as string;
  const withLine = (l: string): string => [...lines.slice(0, at), l, ...lines.slice(at + 1)].join('\n');
  return [withLine(line.replace(': ', ' ')), withLine(`\t${line}`), withLine(line.replace(': ', ': "'))];
}

/** The nearly equal texts a second document may hold: the same, and line breaks added or removed at the end. */
function neighbours(text: string): string[] {
  const out = [text, `${text}\n`, `${text}\n\n\n`];
  if (text.endsWith('\n')) out.push(text.slice(0, -1));
  if (text.endsWith('\n\n')) out.push(text.replace(/\n+$/, '\n'));
  return out;
}

test('a model carried over from a nearly equal document equals a fresh parse, and the donor is left as it was', () => {
  let carried = 0;
  let parsed = 0;
  for (const [name, original] of sources()) {
    for (const text of [original, ...broken(original)]) {
      const donor = parseCloudConfig(text, 'auto');
      const before = observable(donor);
      for (const next of neighbours(text)) {
        const model = carryModel(donor, next, 'auto');
        if (!model) {
          parsed++;
          continue;
        }
        carried++;
        const label = `${name}: ${JSON.stringify(next.slice(text.length - 3))} (${next.length - text.length} chars)`;
        assert.deepEqual(observable(model), observable(parseCloudConfig(next, 'auto')), label);
        assert.deepEqual(observable(donor), before, `${label}: the donor changed`);
      }
    }
  }
  // Texts with broken lines are carried over only as they are (line breaks added to them parse again).
  assert.ok(carried > 300, `carried over ${carried}, parsed again ${parsed}`);
});

/** Positions to ask hover and completion at: the start, middle and end of every few lines. */
function probes(text: string): Position[] {
  const out: Position[] = [];
  text.split('\n').forEach((l, line) => {
    if (line % 11 !== 0) return;
    for (const character of [l.search(/\S|$/), Math.floor(l.length / 2), l.length]) out.push({ line, character });
  });
  return out;
}

/** Everything the service answers about a document: diagnostics, fixes, hover, completion, outline, folding. */
function answers(svc: ReturnType<typeof service>, text: string, uri: string): unknown {
  const d = doc(text, 'cloud-config', uri);
  const whole = { start: { line: 0, character: 0 }, end: d.positionAt(text.length) };
  return {
    diagnostics: svc.validate(d, 'cloud-config'),
    fixes: svc.codeActions(d, 'cloud-config', whole),
    symbols: svc.symbols(d, 'cloud-config'),
    folding: svc.folding(d, 'cloud-config'),
    dialect: svc.dialect(d, 'cloud-config'),
    hover: probes(text).map((p) => svc.hover(d, 'cloud-config', p)),
    completion: probes(text).map((p) => svc.complete(d, 'cloud-config', p)),
  };
}

test('a second document opened beside a nearly equal one answers as a fresh service, with one parse less', () => {
  let saved = 0;
  for (const [name, original] of sources()) {
    for (const text of [original, ...broken(original).slice(0, 1)]) {
      for (const next of neighbours(text).slice(0, 2)) {
        const svc = service();
        svc.validate(doc(text, 'cloud-config', 'file:///test/first/user-data'), 'cloud-config');
        const parses = parseCount();
        const second = answers(svc, next, 'file:///test/second/user-data');
        if (parseCount() === parses) saved++;
        assert.deepEqual(
          second,
          answers(service(), next, 'file:///test/second/user-data'),
          `${name}: ${next.length - text.length} chars added`,
        );
      }
    }
  }
  assert.ok(saved > 60, `second documents that parsed nothing: ${saved}`);
});

test('the warm open of the bench: the same user-data plus a line break under another URI parses nothing', () => {
  const text = readFileSync(path.join(repoRoot(), 'examples', 'coreos-web', 'user-data'), 'utf8');
  const svc = service();
  svc.validate(doc(text, 'cloud-config', 'file:///test/a/user-data'), 'cloud-config');
  const parses = parseCount();
  const diagnostics = svc.validate(doc(`${text}\n`, 'cloud-config', 'file:///test/b/user-data'), 'cloud-config');
  assert.equal(parseCount(), parses, 'the second document was parsed again');
  assert.deepEqual(diagnostics, service().validate(doc(`${text}\n`, 'cloud-config', 'file:///test/c'), 'cloud-config'));
  // Typing in the first document afterwards still answers as a fresh parse (its model was not handed away).
  const typed = text.replace('\n', '\n# typed\n');
  assert.deepEqual(
    svc.validate(doc(typed, 'cloud-config', 'file:///test/a/user-data'), 'cloud-config'),
    service().validate(doc(typed, 'cloud-config', 'file:///test/d'), 'cloud-config'),
  );
});

test('line breaks added after a block that keeps its trailing line breaks are parsed again (they join its value)', () => {
  for (const header of ['|+', '>+', '|2+', '|-', '|']) {
    const text = `#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: ${header}\n        hello\n\n`;
    const next = `${text}\n\n`;
    const model = carryModel(parseCloudConfig(text, 'auto'), next, 'auto');
    if (header.includes('+')) assert.equal(model, undefined, header);
    else assert.ok(model, header);
    if (model) assert.deepEqual(observable(model), observable(parseCloudConfig(next, 'auto')), header);
  }
});

/** Diagnostics and every fix of a document, as an editor receives them. */
function findingsSeen(svc: ReturnType<typeof service>, text: string, uri: string): unknown {
  const d = doc(text, 'cloud-config', uri);
  const whole = { start: { line: 0, character: 0 }, end: d.positionAt(text.length) };
  return { diagnostics: svc.validate(d, 'cloud-config'), fixes: svc.codeActions(d, 'cloud-config', whole) };
}

test('a second document with the same text or other line breaks at the end takes the findings over, equal to a fresh analysis', () => {
  let carried = 0;
  let checked = 0;
  for (const [name, original] of sources()) {
    for (const text of [original, ...broken(original)]) {
      for (const next of neighbours(text)) {
        const svc = service();
        svc.validate(doc(text, 'cloud-config', 'file:///test/first/user-data'), 'cloud-config');
        const before = carriedCount();
        const second = findingsSeen(svc, next, 'file:///test/second/user-data');
        if (carriedCount() > before) carried++;
        checked++;
        assert.deepEqual(
          second,
          findingsSeen(service(), next, 'file:///test/second/user-data'),
          `${name}: ${next.length - text.length} chars added`,
        );
      }
    }
  }
  assert.ok(carried > 300, `findings carried over for ${carried} of ${checked} second documents`);
});

test('findings reaching the line breaks at the end (fixes appending to the text) are worked out again, not carried', () => {
  const texts = [
    // The ufw recipe for published container ports is appended at the end of the text.
    '#cloud-config\npackages:\n  - docker.io\n  - ufw\nruncmd:\n  - ufw enable\n  - docker run -d -p 8080:80 nginx\n',
    // The unit loading the rules is appended as a new top-level block.
    '#cloud-config\nwrite_files:\n  - path: /etc/iptables/rules.v4\n    content: |\n      *filter\n      :INPUT DROP [0:0]\n      COMMIT\n',
    // A firewall for published ports: its fix ends at the last line and appends at the end.
    '#cloud-config\ncoreos:\n  units:\n    - name: app.service\n      command: start\n      content: |\n        [Service]\n        ExecStart=/usr/bin/docker run -p 80:80 nginx\n',
  ];
  for (const text of texts) {
    const fresh = (t: string): unknown => findingsSeen(service(), t, 'file:///test/second/user-data');
    const endFixes = service()
      .findings(doc(text), 'cloud-config')
      .filter((f) => f.fixes?.some((x) => x.edits.some((e) => e.start === text.length)));
    assert.ok(endFixes.length > 0, `a fix appends at the end of:\n${text}`);
    for (const next of [text, `${text}\n`, `${text}\n\n\n`]) {
      const svc = service();
      svc.validate(doc(text, 'cloud-config', 'file:///test/first/user-data'), 'cloud-config');
      const before = carriedCount();
      assert.deepEqual(findingsSeen(svc, next, 'file:///test/second/user-data'), fresh(next), JSON.stringify(next));
      // The same text is carried over whole; other line breaks at the end run the checks again.
      assert.equal(carriedCount() - before, next === text ? 1 : 0, JSON.stringify(next));
    }
  }
});

test('a large second document gets its complete findings at once, no first pass', () => {
  const unit = (i: number): string =>
    `    - name: app${i}.service\n      command: start\n      content: |\n        [Service]\n        ExecStart=/usr/bin/docker run --name app${i} -p 127.0.0.1:${8000 + i}:80 nginx\n        Restart=always\n`;
  const text = `#cloud-config\ncoreos:\n  units:\n${Array.from({ length: 400 }, (_, i) => unit(i)).join('')}`;
  const svc = service();
  const first = doc(text, 'cloud-config', 'file:///test/a/user-data');
  assert.ok(svc.firstPass(first, 'cloud-config'), 'the first document gets a first pass');
  svc.validate(first, 'cloud-config');
  const before = carriedCount();
  const second = doc(`${text}\n`, 'cloud-config', 'file:///test/b/user-data');
  assert.equal(svc.firstPass(second, 'cloud-config'), undefined);
  assert.equal(carriedCount() - before, 1);
  assert.deepEqual(svc.validate(second, 'cloud-config'), service().validate(second, 'cloud-config'));
});

test('two documents sharing one parse are each typed in afterwards and answer as a fresh service', () => {
  const text = readFileSync(path.join(repoRoot(), 'examples', 'coreos-web', 'user-data'), 'utf8');
  const svc = service();
  const a = 'file:///test/a/user-data';
  const b = 'file:///test/b/user-data';
  svc.validate(doc(text, 'cloud-config', a), 'cloud-config');
  const parses = parseCount();
  svc.validate(doc(`${text}\n`, 'cloud-config', b), 'cloud-config');
  assert.equal(parseCount(), parses, "the second document shares the first one's parse");
  // A keystroke inside a unit (patched in place) in each document in turn, then the other document again.
  const typed = (t: string, chars: string): string =>
    t.replace('ExecStart=/usr/bin/docker run -d', `ExecStart=/usr/bin/docker run -d${chars}`);
  const steps: Array<[string, string]> = [
    [b, typed(`${text}\n`, 'x')],
    [a, typed(text, 'y')],
    [b, typed(`${text}\n`, 'xx')],
    [a, typed(text, 'yy')],
  ];
  for (const [uri, next] of steps) {
    const fresh = answers(service(), next, uri);
    const before = parseCount();
    assert.deepEqual(answers(svc, next, uri), fresh, `${uri}: ${next.length} chars`);
    assert.equal(parseCount(), before, `${uri}: the keystroke was patched in, not parsed again`);
  }
});

test("a second document takes the first one's diagnostics over, their related spans pointing at itself", () => {
  const text =
    '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: hello\n  - path: /etc/motd\n    content: again\n';
  for (const next of [text, `${text}\n`]) {
    const svc = service();
    svc.validate(doc(text, 'cloud-config', 'file:///test/first/user-data'), 'cloud-config');
    const before = carriedCount();
    const second = svc.validate(doc(next, 'cloud-config', 'file:///test/second/user-data'), 'cloud-config');
    assert.equal(carriedCount() - before, 1);
    const related = second.flatMap((d) => d.relatedInformation ?? []);
    assert.ok(related.length > 0, 'the second entry for the path points at the first one');
    assert.ok(related.every((r) => r.location.uri === 'file:///test/second/user-data'));
    assert.deepEqual(
      second,
      service().validate(doc(next, 'cloud-config', 'file:///test/second/user-data'), 'cloud-config'),
    );
  }
});
