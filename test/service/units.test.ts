import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { cloudConfigDiagnostics, diagnose, fixesFor, rangeText, spans, withCode } from '../helpers/service';

const head = '#cloud-config\ncoreos:\n  units:\n';

describe('cloud-config/duplicate-unit', () => {
  const code = 'cloud-config/duplicate-unit';

  test('the second entry with the same name is a warning pointing back to the first', () => {
    const text = `${head}    - name: app.service\n      command: start\n      content: |\n        [Service]\n        ExecStart=/bin/true\n    - name: app.service\n      command: stop\n`;
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), 'app.service');
    assert.equal(d!.range.start.line, 8);
    assert.equal(d!.relatedInformation?.[0]?.location.range.start.line, 3);
  });

  test('different unit names are fine', () => {
    const text = `${head}    - name: docker.service\n      command: start\n    - name: docker.socket\n      command: start\n`;
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/unit-name', () => {
  const code = 'cloud-config/unit-name';

  test('a name without a unit suffix is an error', () => {
    const text = `${head}    - name: docker\n      mask: true\n`;
    const [d] = withCode(diagnose(text), code);
    assert.equal(d!.severity, DiagnosticSeverity.Error);
    assert.equal(rangeText(text, d!), 'docker');
  });

  test('a misspelt suffix is an error', () => {
    const text = `${head}    - name: app.srvice\n      mask: true\n`;
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: app.srvice`]);
  });

  test('a space in the name is an error covering the quoted value', () => {
    const text = `${head}    - name: "my app.service"\n      mask: true\n`;
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: "my app.service"`]);
  });

  test('valid names of every kind are fine', () => {
    const names = [
      'app.service',
      'backup.timer',
      'sshd@.service',
      'getty@tty1.service',
      'data-disk.mount',
      '10-eth0.network',
      'br0.netdev',
      'app.socket',
      'x.path',
      'y.target',
    ];
    const text = head + names.map((n) => `    - name: ${n}\n      mask: true\n`).join('');
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/unit-missing-install', () => {
  const code = 'cloud-config/unit-missing-install';

  test('enable: true without [Install] warns on `enable`; the fix appends an [Install] section', () => {
    const text = `${head}    - name: app.service\n      enable: true\n      command: start\n      content: |\n        [Unit]\n        Description=App\n\n        [Service]\n        ExecStart=/usr/bin/app\n`;
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), 'enable');
    assert.deepEqual(fixesFor(text, code), [
      [
        'Add [Install] with WantedBy=multi-user.target',
        `${head}    - name: app.service\n      enable: true\n      command: start\n      content: |\n        [Unit]\n        Description=App\n\n        [Service]\n        ExecStart=/usr/bin/app\n\n        [Install]\n        WantedBy=multi-user.target\n`,
      ],
    ]);
  });

  test('the fix lands before trailing blank lines and before the next entry', () => {
    const text = `${head}    - name: app.service\n      enable: true\n      content: |\n        [Service]\n        ExecStart=/usr/bin/app\n\n    - name: docker.service\n      command: start\n`;
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [
        `${head}    - name: app.service\n      enable: true\n      content: |\n        [Service]\n        ExecStart=/usr/bin/app\n\n        [Install]\n        WantedBy=multi-user.target\n\n    - name: docker.service\n      command: start\n`,
      ],
    );
  });

  test('the fix keeps CRLF line endings', () => {
    const text =
      `${head}    - name: app.service\n      enable: true\n      content: |\n        [Service]\n        ExecStart=/usr/bin/app\n`.replace(
        /\n/g,
        '\r\n',
      );
    const expected =
      `${head}    - name: app.service\n      enable: true\n      content: |\n        [Service]\n        ExecStart=/usr/bin/app\n\n        [Install]\n        WantedBy=multi-user.target\n`.replace(
        /\n/g,
        '\r\n',
      );
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [expected],
    );
  });

  test('an [Install] section in a drop-in counts', () => {
    const text = `${head}    - name: app.service\n      enable: true\n      content: |\n        [Service]\n        ExecStart=/usr/bin/app\n      drop_ins:\n        - name: 10-install.conf\n          content: |\n            [Install]\n            WantedBy=multi-user.target\n`;
    assert.deepEqual(withCode(diagnose(text), code), []);
  });

  test('a unit with [Install] and enable: true is fine', () => {
    const text = `${head}    - name: app.service\n      enable: true\n      command: start\n      content: |\n        [Service]\n        ExecStart=/usr/bin/app\n\n        [Install]\n        WantedBy=multi-user.target\n`;
    assert.deepEqual(cloudConfigDiagnostics(text), []);
  });

  test('enable: false or no enable at all does not need [Install]', () => {
    for (const enable of ['      enable: false\n', '']) {
      const text = `${head}    - name: app.service\n${enable}      command: start\n      content: |\n        [Service]\n        ExecStart=/usr/bin/app\n`;
      assert.deepEqual(withCode(diagnose(text), code), [], enable);
    }
  });
});

describe('cloud-config/unit-not-defined', () => {
  const code = 'cloud-config/unit-not-defined';

  test('starting a unit that nothing defines is information on its name', () => {
    const text = `${head}    - name: myapp.service\n      command: start\n`;
    const [d] = withCode(diagnose(text), code);
    assert.equal(d!.severity, DiagnosticSeverity.Information);
    assert.equal(rangeText(text, d!), 'myapp.service');
  });

  test('enabling an undefined unit is reported too', () => {
    const text = `${head}    - name: myapp.service\n      enable: true\n`;
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: myapp.service`]);
  });

  test('units the OS ships are fine', () => {
    const text = `${head}    - name: docker.service\n      command: start\n    - name: etcd-member.service\n      command: start\n`;
    assert.deepEqual(withCode(diagnose(text), code), []);
  });

  test('units defined by content, a drop-in or write_files are fine', () => {
    const text =
      `${head}    - name: a.service\n      command: start\n      content: |\n        [Service]\n        ExecStart=/bin/true\n` +
      '    - name: b.service\n      command: start\n      drop_ins:\n        - name: 10-x.conf\n          content: |\n            [Service]\n            ExecStart=/bin/true\n' +
      '    - name: c.service\n      command: start\n' +
      'write_files:\n  - path: /etc/systemd/system/c.service\n    content: |\n      [Service]\n      ExecStart=/bin/true\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });

  test('a masked unit or one that is only stopped is not reported', () => {
    const text = `${head}    - name: myapp.service\n      mask: true\n    - name: other.service\n      command: stop\n`;
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});
