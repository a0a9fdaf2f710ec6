import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, diagnose, doc, service, caret } from '../helpers/service';
import { cloudConfigSources, measureBrokenLines } from '../helpers/brokenLines';
import { repoRoot, sharedDir } from '../helpers/paths';
import type { MarkupContent } from 'vscode-languageserver-types';

const unit = (broken: string): string => [
  '#cloud-config',
  'coreos:',
  '  units:',
  '    - name: web.service',
  broken,
  '      content: |',
  '        [Service]',
  '        ExecStart=/usr/bin/docker run --name web -p 80:80 nginx',
  '        Restrat=always',
  '',
].join('\n');

test('a unit keeps its findings while a line beside its name is broken (`comm` typed alone)', () => {
  const intact = codes(diagnose(unit('      command: start'))).filter((c) => !c.startsWith('cloud-config/'));
  const broken = diagnose(unit('      comm'));
  assert.ok(codes(broken).includes('cloud-config/yaml-syntax'));
  assert.ok(intact.length > 0);
  assert.deepEqual(codes(broken).filter((c) => !c.startsWith('cloud-config/')), intact);
});

test('completion and hover inside the unit work while the line beside its name is broken', () => {
  const { text, offset } = caret(unit('      comm').replace('Restrat=always', 'Restart|^|=always'));
  const d = doc(text);
  const pos = d.positionAt(offset);
  const h = service().hover(d, 'cloud-config', pos);
  assert.match(h ? (h.contents as MarkupContent).value : '', /Restart/);
  const c = service().complete(d, 'cloud-config', { line: pos.line, character: pos.character - 3 });
  assert.ok(c.items.some((i) => i.label === 'Restart' || i.label === 'Restart='), c.items.slice(0, 5).map((i) => i.label).join(', '));
});

test('broken-line measure on a bounded sample: no crash, and blocks keep what they had in at least 90% of cases', () => {
  const r = measureBrokenLines(cloudConfigSources(repoRoot(), sharedDir()).slice(0, 30), 5, 'identity');
  assert.deepEqual(r.crashes, []);
  assert.ok(r.cases > 40, `only ${r.cases} cases`);
  assert.ok(r.kept / r.cases >= 0.9, `${r.kept} of ${r.cases} kept\n${r.changed.join('\n')}`);
});
