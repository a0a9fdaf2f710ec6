import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, fixesFor, fixesForDiagnostic, withCode } from '../helpers/service';

const code = 'systemd/credentials-in-environment';

test('CoreOS unit: the secret moves to /etc/<unit>.env written 0600, the unit loads it, and the finding is gone', () => {
  const text = [
    '#cloud-config',
    'coreos:',
    '  units:',
    '    - name: app.service',
    '      command: start',
    '      content: |',
    '        [Service]',
    '        Environment=DB_PASSWORD=hunter2',
    '        Environment=LOG_LEVEL=info',
    '        ExecStart=/opt/bin/app',
    'write_files:',
    '  - path: /etc/motd',
    '    content: hello',
    '',
  ].join('\n');
  assert.equal(withCode(diagnose(text), code).length, 1);
  const fixes = fixesFor(text, code);
  assert.equal(fixes.length, 1);
  const [title, fixed] = fixes[0]!;
  assert.equal(title, 'Move the secrets to /etc/app.env (mode 0600) and load it with EnvironmentFile=');
  assert.equal(
    fixed,
    [
      '#cloud-config',
      'coreos:',
      '  units:',
      '    - name: app.service',
      '      command: start',
      '      content: |',
      '        [Service]',
      '        EnvironmentFile=/etc/app.env',
      '        Environment=LOG_LEVEL=info',
      '        ExecStart=/opt/bin/app',
      'write_files:',
      '  - path: /etc/motd',
      '    content: hello',
      '  - path: /etc/app.env',
      "    permissions: '0600'",
      '    content: |',
      '      DB_PASSWORD=hunter2',
      '',
    ].join('\n'),
  );
  assert.deepEqual(withCode(diagnose(fixed!), code), []);
  assert.deepEqual(withCode(diagnose(fixed!), 'cloud-config/secret-permissions'), []);
});

test('cloud-init write_files unit: two secrets on one line with a plain variable; one fix moves both, the file is quoted where needed', () => {
  const text = [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/systemd/system/worker.service',
    '    content: |',
    '      [Service]',
    '      Environment=API_TOKEN=abc123 MODE=prod "DB_PASSWORD=two words"',
    '      ExecStart=/usr/bin/worker',
    'runcmd:',
    '  - systemctl enable --now worker.service',
    '',
  ].join('\n');
  const found = withCode(diagnose(text), code);
  assert.equal(found.length, 2);
  const [first, second] = found.map((d) => fixesForDiagnostic(text, d));
  assert.equal(first!.length, 1);
  assert.deepEqual(first, second, 'both findings offer the same whole-unit fix');
  const fixed = first![0]![1];
  assert.match(fixed, /\n {6}Environment=MODE=prod\n {6}EnvironmentFile=\/etc\/worker\.env\n {6}ExecStart=/);
  assert.match(
    fixed,
    /\n {2}- path: \/etc\/worker\.env\n {4}permissions: '0600'\n {4}content: \|\n {6}API_TOKEN=abc123\n {6}DB_PASSWORD="two words"\n/,
  );
  assert.deepEqual(withCode(diagnose(fixed), code), []);
});

test('no write_files yet: the fix adds the key; a standalone unit file gets no fix (the file would not exist)', () => {
  const text =
    '#cloud-config\ncoreos:\n  units:\n    - name: db.service\n      content: |\n        [Service]\n        Environment=SECRET_KEY=s3cr3t\n        ExecStart=/bin/db\n';
  const [[, fixed]] = fixesFor(text, code);
  assert.ok(
    fixed!.endsWith(
      "write_files:\n  - path: /etc/db.env\n    permissions: '0600'\n    content: |\n      SECRET_KEY=s3cr3t\n",
    ),
    fixed,
  );
  assert.deepEqual(withCode(diagnose(fixed!), code), []);
  const unit = '[Service]\nEnvironment=SECRET_KEY=s3cr3t\nExecStart=/bin/db\n';
  assert.equal(withCode(diagnose(unit, {}, 'systemd', 'file:///etc/systemd/system/db.service'), code).length, 1);
  assert.deepEqual(fixesFor(unit, code, {}, 'systemd'), []);
});
