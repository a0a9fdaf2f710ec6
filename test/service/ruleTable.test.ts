import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { ruleTable } from '../../server/src/service/rules';
import type { ServiceSettings } from '../../server/src/service/types';
import { diagnose, rangeText, withCode } from '../helpers/service';

/**
 * One small document per `cloud-config/*` rule, and the text its diagnostic covers. The feature
 * test files check each rule in depth; this table makes sure no rule in the table goes untested
 * and that each one fires with the severity the table gives it.
 */
const fixtures: Record<string, { text: string; covers: string; settings?: Partial<ServiceSettings> }> = {
  'cloud-config/header': { text: '# cloud-config\nhostname: a\n', covers: '# cloud-config' },
  'cloud-config/yaml-syntax': { text: '#cloud-config\n\thostname: a\n', covers: '\t' },
  'cloud-config/unknown-key': { text: '#cloud-config\nhostnme: a\n', covers: 'hostnme' },
  'cloud-config/type': { text: '#cloud-config\nssh_authorized_keys: ssh-rsa AAAA\n', covers: 'ssh-rsa AAAA' },
  'cloud-config/invalid-value': {
    text: '#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      command: Start\n',
    covers: 'Start',
  },
  'cloud-config/missing-key': { text: '#cloud-config\nwrite_files:\n  - content: hi\n', covers: 'content' },
  'cloud-config/empty': { text: '#cloud-config\n', covers: '#cloud-config' },
  'cloud-config/deprecated': { text: '#cloud-config\ncoreos:\n  fleet:\n    metadata: a=b\n', covers: 'fleet' },
  'cloud-config/hyphen-key': {
    text: '#cloud-config\ncoreos:\n  units: []\nwrite-files:\n  - path: /etc/a\n',
    covers: 'write-files',
  },
  'cloud-config/unquoted-permissions': {
    text: '#cloud-config\nwrite_files:\n  - path: /etc/a\n    permissions: 0644\n',
    covers: '0644',
  },
  'cloud-config/owner': {
    text: '#cloud-config\nwrite_files:\n  - path: /etc/a\n    owner: root.root\n',
    covers: 'root.root',
  },
  'cloud-config/relative-path': { text: '#cloud-config\nwrite_files:\n  - path: etc/a\n', covers: 'etc/a' },
  'cloud-config/read-only-path': {
    text: '#cloud-config\ncoreos:\n  units: []\nwrite_files:\n  - path: /usr/bin/a\n',
    covers: '/usr/bin/a',
  },
  'cloud-config/duplicate-key': { text: '#cloud-config\nhostname: a\nhostname: b\n', covers: 'hostname' },
  'cloud-config/duplicate-unit': {
    text: '#cloud-config\ncoreos:\n  units:\n    - name: docker.service\n    - name: docker.service\n',
    covers: 'docker.service',
  },
  'cloud-config/duplicate-file': {
    text: '#cloud-config\nwrite_files:\n  - path: /etc/a\n  - path: /etc/a\n',
    covers: '/etc/a',
  },
  'cloud-config/unit-name': { text: '#cloud-config\ncoreos:\n  units:\n    - name: docker\n', covers: 'docker' },
  'cloud-config/unit-missing-install': {
    text: '#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      enable: true\n      content: |\n        [Service]\n        ExecStart=/bin/true\n',
    covers: 'enable',
  },
  'cloud-config/unit-not-defined': {
    text: '#cloud-config\ncoreos:\n  units:\n    - name: mine.service\n      command: start\n',
    covers: 'mine.service',
  },
  'cloud-config/firewall-not-loaded': {
    text: '#cloud-config\ncoreos:\n  units: []\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |\n      *filter\n      COMMIT\n',
    covers: '/var/lib/iptables/rules-save',
  },
  'cloud-config/firewall-rules-missing': {
    text: '#cloud-config\ncoreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\n',
    covers: 'iptables-restore.service',
  },
  'cloud-config/secret-permissions': {
    text: '#cloud-config\nwrite_files:\n  - path: /root/.netrc\n    permissions: "0644"\n',
    covers: '"0644"',
  },
  'cloud-config/folded-embedded': {
    text: '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: >\n      *filter\n      COMMIT\n',
    covers: '>',
  },
  'cloud-config/rules-strip-newline': {
    text: '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |-\n      *filter\n      COMMIT\n',
    covers: '|-',
  },
  'cloud-config/write-files-under-coreos': {
    text: '#cloud-config\ncoreos:\n  write_files:\n    - path: /etc/a\n',
    covers: 'write_files',
  },
  'cloud-config/missing-final-newline': { text: '#cloud-config\nhostname: a', covers: 'hostname: a' },
  'cloud-config/no-firewall': {
    text: '#cloud-config\ncoreos:\n  units:\n    - name: web.service\n      command: start\n      content: |\n        [Service]\n        ExecStart=/usr/bin/docker run --rm -p 80:80 nginx\n',
    covers: '-p 80:80',
  },
  'cloud-config/other-format': { text: '#!/bin/sh\necho hi\n', covers: '#!/bin/sh' },
  'cloud-config/template': { text: '#cloud-config\nhostname: ${name}\n', covers: '#cloud-config' },
  'cloud-config/rules-overwritten': {
    text: '#cloud-config\npackages: [iptables-persistent]\nwrite_files:\n  - path: /etc/iptables/rules.v4\n',
    covers: '/etc/iptables/rules.v4',
  },
  'cloud-config/ufw-lockout': { text: '#cloud-config\nruncmd:\n  - ufw enable\n', covers: 'ufw enable' },
  'cloud-config/ufw-command': { text: '#cloud-config\nruncmd:\n  - ufw allow 80,443\n', covers: 'ufw allow 80,443' },
  'cloud-config/firewalld-runtime-only': {
    text: '#cloud-config\nruncmd:\n  - firewall-cmd --add-service=http\n',
    covers: 'firewall-cmd --add-service=http',
  },
  'cloud-config/firewalld-not-reloaded': {
    text: '#cloud-config\nruncmd:\n  - firewall-cmd --permanent --add-service=http\n',
    covers: 'firewall-cmd --permanent --add-service=http',
  },
  'cloud-config/firewalld-command': {
    text: '#cloud-config\nruncmd:\n  - firewall-cmd --permanent --add-port=80\n  - firewall-cmd --reload\n',
    covers: 'firewall-cmd --permanent --add-port=80',
  },
  'cloud-config/embedded-not-analysed': {
    text: '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: "*filter\\nCOMMIT\\n"\n',
    covers: '"*filter\\nCOMMIT\\n"',
  },
};

const severityOf = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

describe('rule table', () => {
  const tableCodes = Object.keys(ruleTable)
    .filter((c) => c.startsWith('cloud-config/'))
    .sort();

  test('every cloud-config rule in the table has a fixture here (and no fixture is stale)', () => {
    assert.deepEqual(Object.keys(fixtures).sort(), tableCodes);
  });

  for (const code of tableCodes) {
    const fixture = fixtures[code];
    if (!fixture) continue; // reported by the test above
    test(`${code} fires with its table severity on the expected text`, () => {
      const found = withCode(diagnose(fixture.text, fixture.settings ?? {}), code);
      assert.equal(found.length, 1, `${code}: ${found.length} diagnostics`);
      assert.equal(rangeText(fixture.text, found[0]!), fixture.covers);
      assert.equal(found[0]!.severity, severityOf[ruleTable[code as keyof typeof ruleTable].severity]);
      assert.equal(found[0]!.source, 'cloud-config');
    });
  }
});
