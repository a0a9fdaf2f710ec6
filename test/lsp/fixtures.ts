// Documents shared by the protocol-level tests.
import type { Diagnostic } from 'vscode-languageserver-types';
import { textAt } from './client';

/**
 * CoreOS user-data with the four classic mistakes (and nothing else wrong):
 * no `#cloud-config` line, `enabled:` for `enable:`, unquoted `permissions: 0644`, and rules written to
 * /var/lib/iptables/rules-save without iptables-restore.service in coreos.units.
 */
export const classic = [
  'coreos:', //                                                       0  ← cloud-config/header
  '  units:', //                                                      1
  '    - name: docker.service', //                                    2
  '      enabled: true', //                                           3  ← cloud-config/unknown-key
  '      command: start', //                                          4
  '    - name: app.service', //                                       5
  '      enable: true', //                                            6
  '      command: start', //                                          7
  '      content: |', //                                              8
  '        [Unit]', //                                                9
  '        Description=Example app', //                              10
  '', //                                                             11
  '        [Service]', //                                            12
  '        ExecStart=/usr/bin/sleep infinity', //                    13
  '', //                                                             14
  '        [Install]', //                                            15
  '        WantedBy=multi-user.target', //                           16
  'write_files:', //                                                 17
  '  - path: /var/lib/iptables/rules-save', //                       18  ← cloud-config/firewall-not-loaded
  '    permissions: 0644', //                                        19  ← cloud-config/unquoted-permissions
  '    owner: root:root', //                                         20
  '    content: |', //                                               21
  '      *filter', //                                                22
  '      :INPUT DROP [0:0]', //                                      23
  '      :FORWARD DROP [0:0]', //                                    24
  '      :OUTPUT ACCEPT [0:0]', //                                   25
  '      -A INPUT -i lo -j ACCEPT', //                               26
  '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', // 27
  '      -A INPUT -p icmp -j ACCEPT', //                             28
  '      -A INPUT -p tcp --dport 22 -j ACCEPT', //                   29
  '      COMMIT', //                                                 30
  '',
].join('\n');

export const classicCodes = [
  'cloud-config/header',
  'cloud-config/unknown-key',
  'cloud-config/firewall-not-loaded',
  'cloud-config/unquoted-permissions',
] as const;

/** The loader unit entry the firewall quick fix appends after the last coreos.units item. */
export const restoreUnitEntry = '    - name: iptables-restore.service\n      enable: true\n      command: start\n';

/** `classic` with the fix of `code` applied by hand: what the server's quick fix must produce. */
export function fixedByHand(text: string, code: (typeof classicCodes)[number]): string {
  switch (code) {
    case 'cloud-config/header':
      return `#cloud-config\n${text}`;
    case 'cloud-config/unknown-key':
      return replaceOnce(text, '      enabled: true\n', '      enable: true\n');
    case 'cloud-config/unquoted-permissions':
      return replaceOnce(text, '    permissions: 0644\n', '    permissions: "0644"\n');
    case 'cloud-config/firewall-not-loaded':
      return replaceOnce(
        text,
        '        WantedBy=multi-user.target\n',
        `        WantedBy=multi-user.target\n${restoreUnitEntry}`,
      );
  }
}

/** Every classic fix applied: the file as it should have been written. */
export const classicFixed = classicCodes.reduce(fixedByHand, classic);

export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0)
    throw new Error(`test fixture: ${JSON.stringify(from)} must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Compact, comparable view of diagnostics: code, severity, range and the text it covers. */
export function summary(
  text: string,
  diags: readonly Diagnostic[],
): Array<{ code: string; severity: number | undefined; range: string; text: string }> {
  return diags.map((d) => ({
    code: String(d.code),
    severity: d.severity,
    range: `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
    text: textAt(text, d.range),
  }));
}

/** A diagnostic's message as text (LSP 3.18 also allows MarkupContent). */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function codesOf(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => String(d.code));
}
