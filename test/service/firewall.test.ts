import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { cloudConfigDiagnostics, diagnose, fixesFor, rangeText, spans, withCode } from '../helpers/service';

const rules4 =
  'write_files:\n  - path: /var/lib/iptables/rules-save\n    permissions: "0644"\n    content: |\n      *filter\n      :INPUT DROP [0:0]\n      -A INPUT -i lo -j ACCEPT\n      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n      -A INPUT -p tcp --dport 22 -j ACCEPT\n      COMMIT\n';
const rules6 =
  'write_files:\n  - path: /var/lib/ip6tables/rules-save\n    permissions: "0644"\n    content: |\n      *filter\n      :INPUT DROP [0:0]\n      -A INPUT -i lo -j ACCEPT\n      -A INPUT -p tcp --dport 22 -j ACCEPT\n      COMMIT\n';

/** The safe default rules-save entry the quick fixes insert (relative to a `  - ` list item). */
function defaultRulesItem(path: string, icmp: string): string {
  return `  - path: ${path}\n    permissions: "0644"\n    owner: root:root\n    content: |\n      *filter\n      :INPUT DROP [0:0]\n      :FORWARD DROP [0:0]\n      :OUTPUT ACCEPT [0:0]\n      -A INPUT -i lo -j ACCEPT\n      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n      -A INPUT -p ${icmp} -j ACCEPT\n      -A INPUT -p tcp --dport 22 -j ACCEPT\n      COMMIT\n`;
}

describe('cloud-config/firewall-not-loaded', () => {
  const code = 'cloud-config/firewall-not-loaded';

  test('rules written but no restore unit: warning on the path; the fix adds the unit entry', () => {
    const text = `#cloud-config\n${rules4}coreos:\n  units:\n    - name: docker.service\n      command: start\n`;
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), '/var/lib/iptables/rules-save');
    assert.deepEqual(fixesFor(text, code), [
      [
        'Add iptables-restore.service to coreos.units (enable and start)',
        `${text}    - name: iptables-restore.service\n      enable: true\n      command: start\n`,
      ],
    ]);
  });

  test('no units list yet: the fix creates `units:` under coreos', () => {
    const text = `#cloud-config\n${rules4}coreos:\n  update:\n    reboot_strategy: "off"\n`;
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [`${text}  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\n`],
    );
  });

  test('enabled but not started: the fix adds `command: start` and the related info points at the unit', () => {
    const text = `#cloud-config\n${rules4}coreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n`;
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), '/var/lib/iptables/rules-save');
    const related = d!.relatedInformation?.[0];
    assert.ok(related);
    assert.equal(
      related.location.range.start.line,
      text.split('\n').findIndex((l) => l.includes('name: iptables-restore.service')),
    );
    assert.deepEqual(fixesFor(text, code), [
      ['Enable and start iptables-restore.service', `${text}      command: start\n`],
    ]);
  });

  test('`command: start` indented one space too deep (read as part of the enable value): one fix edit re-indents it', () => {
    const text = `#cloud-config\ncoreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n       command: start\n${rules4}`;
    const fixes = fixesFor(text, code);
    assert.deepEqual(
      fixes.map(([title]) => title),
      ['Enable and start iptables-restore.service'],
    );
    const fixed = fixes[0]?.[1] ?? '';
    assert.equal(fixed, text.replace('       command: start', '      command: start'));
    assert.deepEqual(withCode(diagnose(fixed), code), []);
  });

  test('started but not enabled loads the rules at every boot (coreos-cloudinit runs on each boot): no finding', () => {
    for (const rules of [rules4, rules6]) {
      const unit = rules === rules4 ? 'iptables-restore.service' : 'ip6tables-restore.service';
      const text = `#cloud-config\n${rules}coreos:\n  units:\n    - name: ${unit}\n      command: start\n`;
      assert.deepEqual(withCode(diagnose(text), code), [], unit);
      assert.deepEqual(withCode(diagnose(text), 'cloud-config/firewall-rules-missing'), [], unit);
    }
  });

  test('started with `command: restart` also loads them', () => {
    const text = `#cloud-config\n${rules4}coreos:\n  units:\n    - name: iptables-restore.service\n      command: restart\n`;
    assert.deepEqual(withCode(diagnose(text), code), []);
  });

  test('enable: false and command: stop: the fix rewrites both values', () => {
    const text = `#cloud-config\n${rules4}coreos:\n  units:\n    - name: iptables-restore.service\n      enable: false\n      command: stop\n`;
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [text.replace('enable: false', 'enable: true').replace('command: stop', 'command: start')],
    );
  });

  test('IPv6 rules need ip6tables-restore.service', () => {
    const text = `#cloud-config\n${rules6}coreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\n`;
    const found = withCode(diagnose(text), code);
    assert.deepEqual(spans(text, found), [`${code}: /var/lib/ip6tables/rules-save`]);
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [`${text}    - name: ip6tables-restore.service\n      enable: true\n      command: start\n`],
    );
  });

  test('iptables-restore.service enabled and started with rules written: no firewall finding', () => {
    const text = `#cloud-config\n${rules4}coreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\n`;
    const firewallCodes = [
      'cloud-config/firewall-not-loaded',
      'cloud-config/firewall-rules-missing',
      'cloud-config/no-firewall',
    ];
    assert.deepEqual(
      cloudConfigDiagnostics(text).filter((d) => firewallCodes.includes(String(d.code))),
      [],
    );
    assert.deepEqual(cloudConfigDiagnostics(text), []);
  });

  test('a masked restore unit does not load the rules', () => {
    const text = `#cloud-config\n${rules4}coreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\n      mask: true\n`;
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: /var/lib/iptables/rules-save`]);
  });

  test('cloud-init has no restore unit convention: no finding there', () => {
    const text = `#cloud-config\n${rules4}`;
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/firewall-not-loaded with an empty `units: []`', () => {
  test('the fix turns the empty flow list into a block list holding the restore unit', () => {
    const text =
      '#cloud-config\ncoreos:\n  units: []\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |\n      *filter\n      COMMIT\n';
    assert.deepEqual(
      fixesFor(text, 'cloud-config/firewall-not-loaded').map(([, t]) => t),
      [
        text.replace(
          '  units: []',
          '  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start',
        ),
      ],
    );
  });
});

describe('cloud-config/firewall-rules-missing', () => {
  const code = 'cloud-config/firewall-rules-missing';

  test('restore unit enabled but no rules file: warning on the unit name; the fix adds a rules-save entry', () => {
    const text =
      '#cloud-config\ncoreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\n';
    const [d, ...rest] = withCode(diagnose(text), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Warning);
    assert.equal(rangeText(text, d!), 'iptables-restore.service');
    assert.deepEqual(fixesFor(text, code), [
      [
        'Add a /var/lib/iptables/rules-save write_files entry',
        `${text}write_files:\n${defaultRulesItem('/var/lib/iptables/rules-save', 'icmp')}`,
      ],
    ]);
  });

  test('ip6tables-restore.service: the fix appends to the existing write_files list with an ICMPv6 rule', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: hi\ncoreos:\n  units:\n    - name: ip6tables-restore.service\n      enable: true\n';
    const [d] = withCode(diagnose(text), code);
    assert.equal(rangeText(text, d!), 'ip6tables-restore.service');
    assert.deepEqual(
      fixesFor(text, code).map(([, t]) => t),
      [
        `#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: hi\n${defaultRulesItem('/var/lib/ip6tables/rules-save', 'ipv6-icmp')}coreos:\n  units:\n    - name: ip6tables-restore.service\n      enable: true\n`,
      ],
    );
  });

  test('the inserted rules produce no firewall finding afterwards', () => {
    const text =
      '#cloud-config\ncoreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\n';
    const [[, fixed]] = fixesFor(text, code) as [[string, string]];
    assert.deepEqual(cloudConfigDiagnostics(fixed), []);
  });

  test('a restore unit that is neither enabled nor started, or is masked, is not reported', () => {
    const text =
      '#cloud-config\ncoreos:\n  units:\n    - name: iptables-restore.service\n      mask: true\n    - name: ip6tables-restore.service\n      command: stop\n';
    assert.deepEqual(withCode(diagnose(text), code), []);
  });
});

describe('cloud-config/no-firewall', () => {
  const code = 'cloud-config/no-firewall';
  const webUnit =
    '#cloud-config\ncoreos:\n  units:\n    - name: web.service\n      command: start\n      content: |\n        [Service]\n        ExecStart=/usr/bin/docker run --rm -p 80:80 nginx\n';

  test('a published port without any firewall: information on the -p option', () => {
    const [d, ...rest] = withCode(diagnose(webUnit), code);
    assert.equal(rest.length, 0);
    assert.equal(d!.severity, DiagnosticSeverity.Information);
    assert.equal(rangeText(webUnit, d!), '-p 80:80');
  });

  test('CoreOS: the fix adds the restore unit and a default rules-save file', () => {
    assert.deepEqual(fixesFor(webUnit, code), [
      [
        'Add a firewall (rules-save file and iptables-restore.service)',
        `${webUnit}    - name: iptables-restore.service\n      enable: true\n      command: start\nwrite_files:\n${defaultRulesItem('/var/lib/iptables/rules-save', 'icmp')}`,
      ],
    ]);
  });

  test('the fixed document has no firewall findings left', () => {
    const [[, fixed]] = fixesFor(webUnit, code) as [[string, string]];
    const firewallCodes = [
      'cloud-config/firewall-not-loaded',
      'cloud-config/firewall-rules-missing',
      'cloud-config/no-firewall',
    ];
    assert.deepEqual(
      cloudConfigDiagnostics(fixed).filter((d) => firewallCodes.includes(String(d.code))),
      [],
    );
  });

  test('cloud-init: a unit written by write_files publishing a port', () => {
    const text =
      '#cloud-config\nwrite_files:\n  - path: /etc/systemd/system/web.service\n    content: |\n      [Service]\n      ExecStart=/usr/bin/docker run --rm --publish 8080:80 nginx\nruncmd:\n  - systemctl start web.service\n';
    const found = withCode(diagnose(text), code);
    assert.equal(found.length, 1);
    assert.match(rangeText(text, found[0]!), /8080:80/);
  });

  test('a config that writes rules, or uses a firewall tool in runcmd, is not reported', () => {
    const withRules = `${webUnit.replace('#cloud-config\n', `#cloud-config\n${rules4}`)}    - name: iptables-restore.service\n      enable: true\n      command: start\n`;
    assert.deepEqual(withCode(diagnose(withRules), code), []);
    const withUfw =
      '#cloud-config\nwrite_files:\n  - path: /etc/systemd/system/web.service\n    content: |\n      [Service]\n      ExecStart=/usr/bin/docker run --rm -p 80:80 nginx\nruncmd:\n  - ufw allow 22/tcp\n  - ufw enable\n';
    assert.deepEqual(withCode(diagnose(withUfw), code), []);
  });

  test('with a loopback-bound and an open port, the open one is reported', () => {
    const text = webUnit.replace('-p 80:80', '-p 127.0.0.1:8080:8080 -p 443:443');
    assert.deepEqual(spans(text, withCode(diagnose(text), code)), [`${code}: -p 443:443`]);
  });

  test('a container bound to 127.0.0.1 or with no published port is not reported', () => {
    const local = webUnit.replace('-p 80:80', '-p 127.0.0.1:80:80');
    assert.deepEqual(withCode(diagnose(local), code), []);
    const none = webUnit.replace(' -p 80:80', '');
    assert.deepEqual(withCode(diagnose(none), code), []);
  });
});
