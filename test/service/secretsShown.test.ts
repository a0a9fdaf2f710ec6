// Secret values are never shown in the outline (issue 13 item 9), and a scalar is shown as written
// (`permissions: 0644` is `0644`, not 420).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { doc, service } from '../helpers/service';

function details(text: string, lang: 'cloud-config' | 'systemd' = 'cloud-config'): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const walk = (s: DocumentSymbol): void => {
    out.set(s.name, s.detail);
    s.children?.forEach(walk);
  };
  service().symbols(doc(text, lang), lang).forEach(walk);
  return out;
}

test('outline: passwords, tokens and password hashes are hidden; other values are shown', () => {
  const d = details(
    [
      '#cloud-config',
      'hostname: web-1',
      'password: hunter2',
      'chpasswd:',
      '  expire: false',
      'users:',
      '  - name: ops',
      '    hashed_passwd: $6$rounds=4096$salt$abcdefghijklmnop',
      '    plain_text_passwd: s3cret',
      '    lock_passwd: false',
      'ubuntu_pro:',
      '  token: C1234567890',
      'write_files:',
      '  - path: /etc/app.conf',
      '    permissions: 0644',
      '    owner: root:root',
      '',
    ].join('\n'),
  );
  assert.equal(d.get('hostname'), 'web-1');
  assert.equal(d.get('password'), '••••••');
  assert.equal(d.get('hashed_passwd'), '••••••');
  assert.equal(d.get('plain_text_passwd'), '••••••');
  assert.equal(d.get('token'), '••••••');
  assert.equal(d.get('owner'), 'root:root');
  const all = JSON.stringify([...d.values()]);
  for (const secret of ['hunter2', 's3cret', 'C1234567890', 'abcdefghijklmnop'])
    assert.ok(!all.includes(secret), `${secret} shown in ${all}`);
});

test('outline: permissions: 0644 is shown as written, not as 420', () => {
  const d = details('#cloud-config\nwrite_files:\n  - path: /etc/x\n    permissions: 0644\n');
  assert.equal(d.get('permissions'), '0644');
});

test('outline of a unit: Environment= values of secret-named variables and secret keys are hidden', () => {
  const d = details(
    '[Service]\nEnvironment="DB_PASSWORD=hunter2 x" MODE=prod API_TOKEN=abc123\nExecStart=/usr/bin/docker run -e MYSQL_ROOT_PASSWORD=pw1 app\n',
    'systemd',
  );
  assert.equal(d.get('Environment'), '"DB_PASSWORD=••••••" MODE=prod API_TOKEN=••••••');
  assert.equal(d.get('ExecStart'), '/usr/bin/docker run -e MYSQL_ROOT_PASSWORD=•••••• app');
});
