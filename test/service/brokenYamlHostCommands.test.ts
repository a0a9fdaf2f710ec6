// A broken line elsewhere in the user-data must not hide the host's own commands (runcmd, bootcmd)
// from the checks that read them across the document: they are read from the document with its broken
// lines neutralised, as the embedded blocks are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { codes, diagnose } from '../helpers/service';

/** Code and line of every finding that is not on the broken line itself (nor a YAML syntax error). */
const findingsOutside = (text: string, brokenLine: number): string[] =>
  diagnose(text)
    .filter((d: Diagnostic) => d.code !== 'cloud-config/yaml-syntax' && d.range.start.line !== brokenLine)
    .map((d) => `${d.range.start.line} ${String(d.code)}`)
    .sort();

/** Each variant breaks one line; every other finding stays as it was in the intact text. */
function keepsFindings(lines: readonly string[], variants: ReadonlyArray<readonly [number, string]>): string[] {
  const intact = findingsOutside(`${lines.join('\n')}\n`, -1);
  for (const [at, broken] of variants) {
    const copy = [...lines];
    copy[at] = broken;
    const text = `${copy.join('\n')}\n`;
    assert.ok(codes(diagnose(text)).includes('cloud-config/yaml-syntax'), broken);
    assert.deepEqual(
      findingsOutside(text, at),
      intact.filter((f) => !f.startsWith(`${at} `)),
      JSON.stringify(broken),
    );
  }
  return intact;
}

test('runcmd firewall rules still guard a unit’s published port when a line above them is broken', () => {
  const lines = [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/systemd/system/web.service',
    "    permissions: '0644'",
    '    content: |',
    '      [Unit]',
    '      Description=web',
    '      [Service]',
    '      ExecStart=/usr/bin/docker run --rm --name=web -p 8080:80 nginx',
    '',
    'bootcmd:',
    '  - systemctl start node-problem-detector',
    '',
    'runcmd:',
    '  - iptables -I INPUT 1 -p tcp -m tcp --dport 8080 -j ACCEPT',
    '  - systemctl start web.service',
  ];
  const intact = keepsFindings(lines, [
    [10, 'bootcmd'],
    [10, 'bootc'],
    [1, 'write_files'],
  ]);
  // The port is published past the iptables rules (Docker's own chains), never `no-firewall`.
  assert.ok(intact.includes('8 docker/port-exposure'), intact.join(', '));
  assert.ok(!intact.some((f) => f.endsWith('cloud-config/no-firewall')), intact.join(', '));
});

test('an ipset created by bootcmd still counts for the rules block when a line above bootcmd is broken', () => {
  const lines = [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/iptables/rules.v4',
    '    content: |',
    '      *filter',
    '      :INPUT DROP [0:0]',
    '      -A INPUT -m set --match-set blocked src -j DROP',
    '      -A INPUT -p tcp --dport 22 -j ACCEPT',
    '      COMMIT',
    'users:',
    '  - name: ops',
    '    groups: sudo',
    'bootcmd:',
    '  - ipset create blocked hash:ip',
  ];
  const intact = keepsFindings(lines, [
    [9, 'users'],
    [9, 'use'],
    [11, '    groups sudo'],
  ]);
  assert.ok(!intact.some((f) => f.endsWith('iptables/missing-ipset')), intact.join(', '));
});
