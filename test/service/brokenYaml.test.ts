import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, diagnose, doc, service, caret } from '../helpers/service';
import { cloudConfigSources, measureBrokenLines } from '../helpers/brokenLines';
import { repoRoot, sharedDir } from '../helpers/paths';
import type { MarkupContent } from 'vscode-languageserver-types';

const unit = (broken: string): string =>
  [
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
  assert.deepEqual(
    codes(broken).filter((c) => !c.startsWith('cloud-config/')),
    intact,
  );
});

test('completion and hover inside the unit work while the line beside its name is broken', () => {
  const { text, offset } = caret(unit('      comm').replace('Restrat=always', 'Restart|^|=always'));
  const d = doc(text);
  const pos = d.positionAt(offset);
  const h = service().hover(d, 'cloud-config', pos);
  assert.match(h ? (h.contents as MarkupContent).value : '', /Restart/);
  const c = service().complete(d, 'cloud-config', { line: pos.line, character: pos.character - 3 });
  assert.ok(
    c.items.some((i) => i.label === 'Restart' || i.label === 'Restart='),
    c.items
      .slice(0, 5)
      .map((i) => i.label)
      .join(', '),
  );
});

test('broken-line measure on a bounded sample: no crash, and blocks keep what they had in at least 90% of cases', () => {
  const r = measureBrokenLines(cloudConfigSources(repoRoot(), sharedDir()).slice(0, 30), 5, 'identity');
  assert.deepEqual(r.crashes, []);
  assert.ok(r.cases > 40, `only ${r.cases} cases`);
  assert.ok(r.kept / r.cases >= 0.9, `${r.kept} of ${r.cases} kept\n${r.changed.join('\n')}`);
});

const twoBlocks = [
  '#cloud-config',
  'coreos:',
  '  units:',
  '    - name: web.service',
  '      command: start',
  '      content: |',
  '        [Service]',
  '        ExecStart=/usr/bin/docker run --name web -p 80:80 nginx',
  '        Restrat=always',
  'write_files:',
  '  - path: /var/lib/iptables/rules-save',
  '    content: |',
  '      *filter',
  '      :INPUT DROP [0:0]',
  '      -A INPUT -p tcp --dport 22 -j ACCEPT',
  '      -A INPUT -p tpc --dport 80 -j ACCEPT',
  '      COMMIT',
  '',
].join('\n');

test('a block parent key with its colon dropped or cut short (`write_files`, `write_`, `  units`, `cor`) keeps every block under it', () => {
  const embedded = (text: string): string[] =>
    codes(diagnose(text))
      .filter((c) => !c.startsWith('cloud-config/'))
      .sort();
  const intact = embedded(twoBlocks);
  assert.ok(
    intact.some((c) => c.startsWith('systemd/')) && intact.some((c) => c.startsWith('iptables/')),
    intact.join(', '),
  );
  for (const [line, broken] of [
    ['write_files:', 'write_files'],
    ['write_files:', 'write_'],
    ['  units:', '  units'],
    ['coreos:', 'cor'],
  ] as const) {
    const text = twoBlocks.replace(`${line}\n`, `${broken}\n`);
    assert.ok(codes(diagnose(text)).includes('cloud-config/yaml-syntax'), broken);
    assert.deepEqual(embedded(text), intact, broken);
  }
});

test('a key line with its colon dropped (`- name web.service`, `- path /x`, `content |`) keeps the block and its name', () => {
  const embedded = (text: string): string[] =>
    codes(diagnose(text))
      .filter((c) => !c.startsWith('cloud-config/'))
      .sort();
  const intact = embedded(twoBlocks);
  for (const [line, broken] of [
    ['- name: web.service', '- name web.service'],
    ['- path: /var/lib/iptables/rules-save', '- path /var/lib/iptables/rules-save'],
    ['    content: |\n      *filter', '    content |\n      *filter'],
  ] as const) {
    const text = twoBlocks.replace(line, broken);
    assert.ok(codes(diagnose(text)).includes('cloud-config/yaml-syntax'), broken);
    assert.deepEqual(embedded(text), intact, broken);
  }
  // The unit keeps its name: hover on the docker run inside it still knows the unit.
  const hover = (text: string): string => {
    const at = text.indexOf('Restrat');
    const d = doc(text);
    const h = service().hover(d, 'cloud-config', d.positionAt(at + 2));
    return h ? (h.contents as MarkupContent).value : '';
  };
  assert.equal(hover(twoBlocks.replace('- name: web.service', '- name web.service')), hover(twoBlocks));
});
