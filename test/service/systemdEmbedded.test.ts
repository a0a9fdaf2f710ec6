// Units inside cloud-config: coreos.units[].content, their drop_ins, and write_files to unit paths.
// Findings land on the right document text, fixes edit the YAML with the block's indentation, and
// the unit's name (type, drop-in or not) comes from the entry around the content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAction, diagnose, doc, rangeText, service, withCode } from '../helpers/service';

const units = [
  '#cloud-config',
  'coreos:',
  '  units:',
  '    - name: web.service',
  '      command: start',
  '      content: |',
  '        [Unit]',
  '        Description=web',
  '        [Service]',
  '        After=docker.service',
  '        ExecStart=/usr/bin/web',
  '        Restart=sometimes',
  '      drop-ins:',
  '        - name: 10-restart.conf',
  '          content: |',
  '            [Service]',
  '            Restart=always',
  '    - name: nightly.timer',
  '      content: |',
  '        [Timer]',
  '        OnCalendar=daily',
  '        [Service]',
  '        ExecStart=/bin/true',
  '',
].join('\n');

test('coreos.units content: findings on the document text', () => {
  const diags = diagnose(units, { dialect: 'coreos' }).filter((d) => String(d.code).startsWith('systemd/'));
  assert.deepEqual(
    diags.map((d) => [d.code, rangeText(units, d)]),
    [
      ['systemd/misplaced-directive', 'After'],
      ['systemd/invalid-value', 'sometimes'],
      // A timer has no [Service] section: the unit's type comes from its name.
      ['systemd/unknown-section', 'Service'],
    ],
  );
});

test('a drop-in is not a whole service: no missing-exec-start', () => {
  const diags = diagnose(units, { dialect: 'coreos' });
  assert.deepEqual(withCode(diags, 'systemd/missing-exec-start'), []);
});

test('the move fix re-indents the moved line inside the YAML block', () => {
  const svc = service({ dialect: 'coreos' });
  const d = doc(units);
  const diag = svc.validate(d, 'cloud-config').find((x) => x.code === 'systemd/misplaced-directive');
  assert.ok(diag);
  const action = svc
    .codeActions(d, 'cloud-config', diag.range, ['quickfix'])
    .find((a) => a.diagnostics?.some((x) => x.code === diag.code));
  assert.ok(action);
  const after = applyAction(units, action, d.uri);
  assert.ok(
    after.includes(
      '        [Unit]\n        Description=web\n        After=docker.service\n        [Service]\n        ExecStart=/usr/bin/web\n',
    ),
    after,
  );
});

test('write_files to a unit path and to a drop-in path are analysed as units', () => {
  const text = [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/systemd/system/app.service',
    '    content: |',
    '      [Service]',
    '      Type=oneshot',
    '      ExecStart=/bin/true',
    '      Restart=always',
    '  - path: /etc/systemd/system/app.service.d/override.conf',
    '    content: |',
    '      [Service]',
    '      ExecStart=',
    '      ExecStart=/bin/other',
    '      MemoryLimit=1G',
    '',
  ].join('\n');
  const diags = diagnose(text).filter((d) => String(d.code).startsWith('systemd/'));
  assert.deepEqual(
    diags.map((d) => [d.code, rangeText(text, d)]),
    [
      ['systemd/oneshot-restart', 'always'],
      ['systemd/deprecated-directive', 'MemoryLimit'],
    ],
  );
});

test('standalone unit files: the file name gives the unit type', () => {
  const text = '[Socket]\nListenStream=8080\n[Install]\nWantedBy=sockets.target\n';
  const svc = service();
  assert.deepEqual(svc.validate(doc(text, 'systemd', 'file:///srv/app.socket'), 'systemd'), []);
  const asService = svc.validate(doc(text, 'systemd', 'file:///srv/app.service'), 'systemd');
  assert.deepEqual(
    asService.map((d) => [d.code, rangeText(text, d)]),
    [
      ['systemd/unknown-section', 'Socket'],
      ['systemd/missing-exec-start', 'Socket'],
    ],
  );
});

test('outline and folding of a unit file', () => {
  const text = '[Unit]\nDescription=x\n[Service]\nExecStart=/bin/echo a \\\n  b\nRestart=always\n';
  const svc = service();
  const d = doc(text, 'systemd', 'file:///srv/x.service');
  const symbols = svc.symbols(d, 'systemd');
  assert.deepEqual(
    symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]),
    [
      ['[Unit]', ['Description']],
      ['[Service]', ['ExecStart', 'Restart']],
    ],
  );
  const folds = svc.folding(d, 'systemd').map((f) => [f.startLine, f.endLine]);
  assert.deepEqual(folds, [
    [0, 1],
    [2, 5],
    [3, 4],
  ]);
});
