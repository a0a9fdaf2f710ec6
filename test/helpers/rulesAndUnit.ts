/**
 * A user-data that writes a rules-save file (loaded by iptables-restore.service) and runs one
 * container unit, optionally with an sshd_config and a shell script written next to them.
 */
export interface RulesAndUnit {
  readonly rules: readonly string[];
  /** The unit's `ExecStart=` value. */
  readonly execStart: string;
  /** Writes /etc/ssh/sshd_config with this `Port`. */
  readonly sshdPort?: number;
  /** Writes /opt/bin/firewall-sets with this line. */
  readonly script?: string;
}

export function rulesAndUnitUserData(p: RulesAndUnit): string {
  return [
    '#cloud-config',
    'write_files:',
    '  - path: /var/lib/iptables/rules-save',
    '    permissions: "0644"',
    '    content: |',
    ...p.rules.map((l) => `      ${l}`),
    ...(p.sshdPort === undefined
      ? []
      : ['  - path: /etc/ssh/sshd_config', '    content: |', `      Port ${p.sshdPort}`, '      PermitRootLogin no']),
    ...(p.script === undefined
      ? []
      : [
          '  - path: /opt/bin/firewall-sets',
          '    permissions: "0755"',
          '    content: |',
          '      #!/bin/sh',
          `      ${p.script}`,
        ]),
    'coreos:',
    '  units:',
    '    - name: iptables-restore.service',
    '      enable: true',
    '      command: start',
    '    - name: web.service',
    '      command: start',
    '      content: |',
    '        [Unit]',
    '        After=docker.service',
    '        Requires=docker.service',
    '        [Service]',
    `        ExecStart=${p.execStart}`,
    '',
  ].join('\n');
}

/** INPUT drops by default and accepts loopback, replies and SSH; FORWARD drops. Ends with COMMIT. */
export const basicFirewall: readonly string[] = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
  'COMMIT',
];
