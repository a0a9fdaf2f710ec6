// An edit typed inside an embedded block carries the previous model over instead of parsing again.
// The carried-over model must be exactly the model a fresh parse gives: checked here on every
// content line of real cloud-configs, with typed, deleted and replaced characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCloudConfig } from '../../server/src/service/cloudConfig/parse';
import { patchCloudConfig } from '../../server/src/service/cloudConfig/patchModel';
import { repoRoot, sharedDir } from '../helpers/paths';
import { doc, service } from '../helpers/service';
import { observable } from '../helpers/modelView';

/** Typed, deleted and replaced characters at a few columns of one line. */
function editsOf(text: string, lineStart: number, lineEnd: number): string[] {
  const at = (offset: number, removed: number, inserted: string): string =>
    text.slice(0, offset) + inserted + text.slice(offset + removed);
  const len = lineEnd - lineStart;
  const mid = lineStart + Math.floor(len / 2);
  const out = [at(lineStart, 0, ' '), at(lineEnd, 0, 'x'), at(mid, 0, 'Z'), at(lineEnd, 0, ' \\')];
  if (len > 0) out.push(at(mid, 1, ''), at(lineEnd - 1, 1, ''), at(lineStart, 1, ''), at(mid, 1, '#'));
  // Characters YAML gives a meaning to, a tab, non-ASCII and astral ones, at pseudo-random columns.
  for (let k = 0; k < 3; k++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const ch = hostile[seed % hostile.length] as string;
    out.push(at(lineStart + ((seed >>> 8) % (len + 1)), k === 2 && len > 0 ? 1 : 0, ch));
  }
  return out;
}

const hostile = [
  ':',
  ': ',
  '- ',
  '"',
  "'",
  '#',
  ' #',
  '|',
  '>',
  '{',
  '}',
  '[',
  ']',
  '&a',
  '*a',
  '!',
  '%',
  '@',
  '`',
  '\t',
  '\\',
  'é',
  '🙂',
  '---',
  '...',
];
let seed = 7;

function sources(): Array<[string, string]> {
  const corpus = path.join(sharedDir(), 'corpus', 'cloud-config');
  const examples = ['coreos-good/user-data', 'coreos-web/user-data', 'ubuntu-cloud-init/cloud-config.yaml'].map((f) =>
    path.join(repoRoot(), 'examples', f),
  );
  const files = [...readdirSync(corpus).map((f) => path.join(corpus, f)), ...examples];
  return files.map((f) => [path.basename(f), readFileSync(f, 'utf8')]);
}

test('a carried-over model equals a fresh parse for every edit on every content line of the corpus and examples', () => {
  let carried = 0;
  let declined = 0;
  for (const [name, text] of sources()) {
    const base = parseCloudConfig(text, 'auto');
    for (const region of base.regions) {
      for (const line of region.lines) {
        const lineStart = text.lastIndexOf('\n', line.docOffset - 1) + 1;
        const nl = text.indexOf('\n', lineStart);
        const lineEnd = nl < 0 ? text.length : nl;
        for (const edited of editsOf(text, lineStart, lineEnd)) {
          const patched = patchCloudConfig(parseCloudConfig(text, 'auto'), edited, 'auto');
          if (!patched) {
            declined++;
            continue;
          }
          carried++;
          assert.deepEqual(
            observable(patched),
            observable(parseCloudConfig(edited, 'auto')),
            `${name}: edit on line ${text.slice(0, lineStart).split('\n').length}`,
          );
        }
      }
    }
  }
  // Most edits inside blocks are carried over; the rest (blank lines, first lines, CR files…) parse again.
  assert.ok(carried > 1000 && carried > declined, `carried over ${carried}, parsed again ${declined}`);
});

test('edits outside the blocks, or that add a line, are parsed again', () => {
  const text = [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/motd',
    '    content: |',
    '      hello',
    '      world',
    'runcmd:',
    '  - [echo, hi]',
    '',
  ].join('\n');
  const base = () => parseCloudConfig(text, 'auto');
  assert.equal(patchCloudConfig(base(), text.replace('/etc/motd', '/etc/mold'), 'auto'), undefined);
  assert.equal(patchCloudConfig(base(), text.replace('hello', 'hel\nlo'), 'auto'), undefined);
  assert.equal(patchCloudConfig(base(), text.replace('      world', 'world'), 'auto'), undefined);
  assert.equal(
    patchCloudConfig(base(), text.replace('      hello', '       hello'), 'auto'),
    undefined,
    'the first line sets the indentation',
  );
  const typed = patchCloudConfig(base(), text.replace('world', 'wor ld'), 'auto');
  assert.equal(typed?.regions[0]?.text, 'hello\nwor ld\n');
});

test('a service answering one document edit after edit gives the diagnostics of a fresh parse', () => {
  let text = readFileSync(path.join(repoRoot(), 'examples', 'coreos-web', 'user-data'), 'utf8');
  const svc = service();
  const uri = 'file:///test/edited/user-data';
  svc.validate(doc(text, 'cloud-config', uri), 'cloud-config');
  // Type at the end of every content line of every block, one keystroke at a time.
  const contentLines = parseCloudConfig(text, 'auto').regions.flatMap((r) =>
    r.lines.filter((l) => l.length > 0).map((l) => text.slice(0, l.docOffset).split('\n').length - 1),
  );
  let carried = 0;
  for (const n of contentLines) {
    const lines = text.split('\n');
    lines[n] = `${lines[n]} x`;
    const next = lines.join('\n');
    if (patchCloudConfig(parseCloudConfig(text, 'auto'), next, 'auto')) carried++;
    text = next;
    const incremental = svc.validate(doc(text, 'cloud-config', uri), 'cloud-config');
    assert.deepEqual(
      incremental,
      service().validate(doc(text, 'cloud-config', 'file:///test/fresh/user-data'), 'cloud-config'),
      `after typing on line ${n + 1}`,
    );
  }
  assert.ok(carried > 10, `edits carried over: ${carried} of ${contentLines.length}`);
});

/** A text with `count` copies of `typed` added at the end of the first line holding `marker`. */
function typedInto(text: string, marker: string, typed: string, count: number): string {
  const at = text.indexOf('\n', text.indexOf(marker));
  return text.slice(0, at) + typed.repeat(count) + text.slice(at);
}

test("200 '[' typed into a unit line one at a time are carried over as a fresh parse reads them: block content is text", () => {
  const text = readFileSync(path.join(repoRoot(), 'examples', 'coreos-web', 'user-data'), 'utf8');
  const marker = 'ExecStart=/usr/bin/docker run';
  let model = parseCloudConfig(text, 'auto');
  for (let n = 1; n <= 200; n++) {
    const next = typedInto(text, marker, '[', n);
    const patched = patchCloudConfig(model, next, 'auto');
    assert.ok(patched, `keystroke ${n} was carried over`);
    model = patched;
    if (n % 50 === 0) assert.deepEqual(observable(model), observable(parseCloudConfig(next, 'auto')), `${n} brackets`);
  }
  assert.equal(model.yamlErrors.length, 0, 'the document is read as usual, not refused as too deep');
  // Through the service, as an editor types: the diagnostics of a fresh parse.
  const svc = service();
  const uri = 'file:///test/brackets/user-data';
  svc.validate(doc(text, 'cloud-config', uri), 'cloud-config');
  for (let n = 1; n <= 200; n++) {
    const next = typedInto(text, marker, '[', n);
    const incremental = svc.validate(doc(next, 'cloud-config', uri), 'cloud-config');
    if (n % 40 === 0) assert.deepEqual(incremental, service().validate(doc(next), 'cloud-config'), `${n} brackets`);
  }
});

test('where the depth guard cannot tell a block from YAML (after a quote running on), typing past its limit is refused as a fresh parse', () => {
  // The guard does not follow a quoted scalar over lines: every later line counts, block content too.
  const text = `#cloud-config\nbootcmd:\n  - "echo one\n    two"\ncoreos:\n  units:\n    - name: a.service\n      content: |\n        [Service]\n        ExecStart=/bin/true\n`;
  let model = parseCloudConfig(text, 'auto');
  let refusedAt = 0;
  for (let n = 1; n <= 210 && !refusedAt; n++) {
    const next = typedInto(text, 'ExecStart=', '[', n);
    const fresh = parseCloudConfig(next, 'auto');
    const patched = patchCloudConfig(model, next, 'auto');
    if (!patched) {
      assert.ok(fresh.yamlErrors[0]?.tooDeep, `${n} brackets: not carried over, and a fresh parse refuses it`);
      refusedAt = n;
    } else {
      assert.deepEqual(observable(patched), observable(fresh), `${n} brackets`);
      model = patched;
    }
  }
  assert.ok(refusedAt > 190, `refused after ${refusedAt} brackets`);
});
