// Lines typed, pasted or deleted inside an embedded block carry the previous model over instead of
// parsing again. The carried-over model must be exactly the model a fresh parse gives: checked on every
// content line of every block of the corpus and the examples, with lines added, removed, split and joined.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCloudConfig, parseCount } from '../../server/src/service/cloudConfig/parse';
import { patchBlockLines } from '../../server/src/service/cloudConfig/patchLines';
import { repoRoot, sharedDir } from '../helpers/paths';
import { doc, service } from '../helpers/service';
import { observable } from '../helpers/modelView';
import { cloudConfigSources } from '../helpers/brokenLines';

/** Every cloud-config of the corpus and the examples, as [display name, text]. */
const sources = (): Array<[string, string]> => cloudConfigSources(repoRoot(), sharedDir());

/** Whole-line edits around one line: lines added after it, it removed, split, joined with the next, pasted. */
function lineEdits(text: string, lineStart: number, lineEnd: number): string[] {
  const line = text.slice(lineStart, lineEnd);
  const indent = /^ */.exec(line)?.[0] ?? '';
  const mid = lineStart + Math.max(indent.length, Math.floor(line.length / 2));
  const next = lineEnd + 1;
  const at = (from: number, to: number, inserted: string): string => text.slice(0, from) + inserted + text.slice(to);
  return [
    at(lineEnd, lineEnd, `\n${indent}added line`),
    at(lineEnd, lineEnd, `\n${indent}one\n${indent}  two\n${indent}three`),
    at(lineStart, next, ''),
    at(mid, mid, `\n${indent}`),
    at(lineEnd, Math.min(next + indent.length, text.length), ' '),
    at(lineStart, lineStart, `${line}\n`),
    // Lines the block cannot hold as they are: less indented, blank, a tab, template syntax, a comment at column 0.
    at(lineEnd, lineEnd, '\nless: indented'),
    at(lineEnd, lineEnd, '\n'),
    at(lineEnd, lineEnd, `\n\t${line.trim()}`),
    at(lineEnd, lineEnd, `\n${indent}\${var.port}`),
    at(lineEnd, lineEnd, '\n# comment'),
    at(lineEnd, lineEnd, `\n${indent.slice(1)}x`),
  ];
}

test('a model carried over for lines changed inside a block equals a fresh parse, on every block line of the corpus', () => {
  let carried = 0;
  let declined = 0;
  for (const [name, text] of sources()) {
    const base = parseCloudConfig(text, 'auto');
    for (const region of base.regions) {
      // The first and last lines of each block and every fifth in between (each edit costs two parses).
      const picked = region.lines.filter((_, i) => i === 0 || i >= region.lines.length - 2 || i % 5 === 0);
      for (const line of picked) {
        const lineStart = text.lastIndexOf('\n', line.docOffset - 1) + 1;
        const nl = text.indexOf('\n', lineStart);
        const lineEnd = nl < 0 ? text.length : nl;
        for (const edited of lineEdits(text, lineStart, lineEnd)) {
          if (edited === text) continue;
          const patched = patchBlockLines(parseCloudConfig(text, 'auto'), edited, 'auto');
          if (!patched) {
            declined++;
            continue;
          }
          carried++;
          assert.deepEqual(
            observable(patched),
            observable(parseCloudConfig(edited, 'auto')),
            `${name}: edit at line ${text.slice(0, lineStart).split('\n').length}: ${JSON.stringify(edited.slice(lineStart, lineEnd + 40))}`,
          );
        }
      }
    }
  }
  assert.ok(carried > 500, `carried over ${carried}, parsed again ${declined}`);
});

test('Enter, a deleted line and a pasted block in a unit answer as a fresh parse without parsing the document', () => {
  let text = readFileSync(path.join(repoRoot(), 'examples', 'coreos-web', 'user-data'), 'utf8');
  const svc = service();
  const uri = 'file:///test/lines/user-data';
  svc.validate(doc(text, 'cloud-config', uri), 'cloud-config');
  const region = parseCloudConfig(text, 'auto').regions.find((r) => r.style === 'literal' && r.lines.length > 4);
  assert.ok(region, 'a literal block with a few lines');
  const anchor = region.lines[2]?.docOffset ?? 0;
  const lineEnd = text.indexOf('\n', anchor);
  const indent = ' '.repeat(region.indent);
  const versions = [
    `${text.slice(0, lineEnd)}\n${indent}X${text.slice(lineEnd)}`,
    `${text.slice(0, lineEnd)}\n${indent}Environment=A=1\n${indent}Environment=B=2${text.slice(lineEnd)}`,
  ];
  versions.push(versions[1]?.replace(`\n${indent}Environment=A=1`, '') ?? '');
  for (const next of versions) {
    const parses = parseCount();
    const incremental = svc.validate(doc(next, 'cloud-config', uri), 'cloud-config');
    assert.equal(parseCount(), parses, 'the document was parsed again');
    assert.deepEqual(incremental, service().validate(doc(next, 'cloud-config', uri), 'cloud-config'));
    text = next;
  }
});

test('brackets pasted into a block are text to a fresh parse too; where the depth guard counts them, they are parsed again', () => {
  const text = '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: |\n      hello\n      world\n';
  const pasted = (t: string): string => t.replace('      world\n', `      ${'['.repeat(250)}\n      world\n`);
  const carried = patchBlockLines(parseCloudConfig(text, 'auto'), pasted(text), 'auto');
  assert.ok(carried, 'carried over');
  assert.deepEqual(observable(carried), observable(parseCloudConfig(pasted(text), 'auto')));
  assert.equal(carried.yamlErrors.length, 0);
  // After a quoted scalar running on over lines the guard counts every later line, block content too.
  const quoted = text.replace('write_files:', 'bootcmd:\n  - "echo one\n    two"\nwrite_files:');
  assert.equal(patchBlockLines(parseCloudConfig(quoted, 'auto'), pasted(quoted), 'auto'), undefined);
  assert.ok(parseCloudConfig(pasted(quoted), 'auto').yamlErrors[0]?.tooDeep, 'a fresh parse finds it too deep');
});
