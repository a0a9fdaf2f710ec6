import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver-types';
import { codes, diagnose, doc, service } from '../helpers/service';

/** What the embedded blocks report: code and line of every finding that is not the cloud-config's own. */
const embedded = (text: string): string[] =>
  diagnose(text)
    .filter((d: Diagnostic) => !String(d.code).startsWith('cloud-config/'))
    .map((d) => `${d.range.start.line} ${String(d.code)}`)
    .sort();

/** Each broken variant still reads as broken YAML, and every embedded block reports as before. */
function keepsBlocks(intact: string, variants: ReadonlyArray<readonly [string, string]>): void {
  const before = embedded(intact);
  assert.ok(before.length > 0, 'the intact text has embedded findings');
  for (const [line, broken] of variants) {
    assert.ok(intact.includes(`${line}\n`), line);
    const text = intact.replace(`${line}\n`, `${broken}\n`);
    assert.ok(codes(diagnose(text)).includes('cloud-config/yaml-syntax'), broken);
    assert.deepEqual(embedded(text), before, JSON.stringify(broken));
  }
}

const withDropIn = [
  '#cloud-config',
  'coreos:',
  '  etcd2:',
  '    # a comment first',
  '    advertise-client-urls: http://$public_ipv4:2379',
  '    listen-client-urls: http://0.0.0.0:2379',
  '  units:',
  '    - name: flanneld.service',
  '      drop-ins:',
  '        - name: 50-network-config.conf',
  '          content: |',
  '            [Service]',
  '            Restrat=always',
  '    - name: web.service',
  '      command: start',
  '      content: |',
  '        [Service]',
  '        ExecStart=/usr/bin/docker run --name web nginx',
  '        Restrat=always',
  '',
].join('\n');

test('`coreos:` broken keeps the CoreOS dialect: drop-ins are still read as blocks', () => {
  keepsBlocks(withDropIn, [
    ['coreos:', 'coreos'],
    ['coreos:', 'core'],
  ]);
});

test('a key above its own keys with its colon dropped or cut short (`  etcd2`, `users`) leaves the blocks after it alone', () => {
  keepsBlocks(withDropIn, [
    ['  etcd2:', '  etcd2'],
    ['  etcd2:', '  et'],
  ]);
  const cloudInit = [
    '#cloud-config',
    'users:',
    '  - name: ops',
    '    groups: sudo',
    'write_files:',
    '  - path: /etc/systemd/system/web.service',
    '    content: |',
    '      [Service]',
    '      ExecStart=/usr/bin/docker run --name web nginx',
    '      Restrat=always',
    'runcmd:',
    '  - systemctl start web',
    '',
  ].join('\n');
  keepsBlocks(cloudInit, [
    ['users:', 'users'],
    ['users:', 'use'],
    ['runcmd:', 'runcmd'],
    ['runcmd:', 'run'],
  ]);
});

test('`units:` cut to two letters keeps its units when the lines under it are unit entries', () => {
  keepsBlocks(withDropIn, [['  units:', '  un']]);
});

const twoUnits = [
  '#cloud-config',
  'coreos:',
  '  units:',
  '    - name: app.service',
  '      command: start',
  '      content: |',
  '        [Service]',
  '        ExecStart=/usr/bin/docker run --name app -p 127.0.0.1:5000:5000 app',
  '        Restrat=always',
  '    - name: proxy.service',
  '      command: start',
  '      content: |',
  '        [Unit]',
  '        Wants=app.service',
  '        [Service]',
  '        ExecStart=/usr/bin/docker run --name proxy --network host caddy',
  '        Restrat=always',
  '',
].join('\n');

test('`content: |` cut short (`      co`) keeps its block, read from the text by indentation, and the unit stays defined', () => {
  keepsBlocks(twoUnits, [['      content: |', '      co']]);
  // The unit is still one of the user-data's own for the other unit: offered after `Wants=`.
  const names = (text: string): string[] => {
    const d = doc(text);
    const line = text.split('\n').indexOf('        Wants=app.service');
    return service()
      .complete(d, 'cloud-config', { line, character: '        Wants='.length })
      .items.map((i) => i.label)
      .filter((l) => l === 'app.service');
  };
  const broken = twoUnits.replace('      content: |\n        [Service]', '      co\n        [Service]');
  assert.deepEqual(names(broken), names(twoUnits));
  assert.deepEqual(names(twoUnits), ['app.service']);
  // Hover inside the block whose key is cut short still knows systemd.
  const hover = (text: string): string => {
    const line = text.split('\n').findIndex((l) => l.includes('--name app'));
    const h = service().hover(doc(text), 'cloud-config', { line, character: 10 });
    return h ? (h.contents as MarkupContent).value : '';
  };
  assert.match(hover(twoUnits), /ExecStart/);
  assert.equal(hover(broken), hover(twoUnits));
});

test('a `-p` that docker refuses (cut short, colon lost) publishes nothing: the rules block does not change', () => {
  const rulesAndUnit = (publish: string): string =>
    [
      '#cloud-config',
      'write_files:',
      '  - path: /var/lib/iptables/rules-save',
      '    content: |',
      '      *filter',
      '      :INPUT DROP [0:0]',
      '      -A INPUT -p tcp --dport 22 -j ACCEPT',
      '      COMMIT',
      'coreos:',
      '  units:',
      '    - name: app.service',
      '      command: start',
      '      content: |',
      '        [Service]',
      `        ExecStart=/usr/bin/docker run --name app ${publish} app`,
      '',
    ].join('\n');
  const bypass = (publish: string): number =>
    diagnose(rulesAndUnit(publish)).filter((d) => d.code === 'iptables/docker-bypass').length;
  assert.equal(bypass('-p 80:5000'), 1);
  assert.equal(bypass('-p 127.0.0.1:5000:5000'), 0);
  for (const refused of ['-p 80:', '-p 805000', '-p 127.0.0.', '-p 127.0.0.15000:5000'])
    assert.equal(bypass(refused), 0, refused);
  assert.equal(bypass('-p ${PORT}:5000'), 1);
});
