/** A write_files item (relative lines, no leading `- `) holding a safe default rules-save for `path`. */
export function rulesSaveItem(path: string): string {
  const v6 = path.includes('ip6tables');
  const icmp = v6 ? '-A INPUT -p ipv6-icmp -j ACCEPT' : '-A INPUT -p icmp -j ACCEPT';
  return [
    `path: ${path}`,
    'permissions: "0644"',
    'owner: root:root',
    'content: |',
    '  *filter',
    '  :INPUT DROP [0:0]',
    '  :FORWARD DROP [0:0]',
    '  :OUTPUT ACCEPT [0:0]',
    '  -A INPUT -i lo -j ACCEPT',
    '  -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    icmp,
    '  -A INPUT -p tcp --dport 22 -j ACCEPT'.trimStart(),
    '  COMMIT',
  ]
    .map((l, i) => (i >= 4 && !l.startsWith('  ') ? `  ${l}` : l))
    .join('\n');
}
