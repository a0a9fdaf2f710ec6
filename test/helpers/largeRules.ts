/**
 * A filter table of `rules` rule lines (one per /24, all distinct) ending in five findings: two of a
 * line on its own (an unknown option, a port out of range) and three of the whole file (a duplicate of
 * an earlier rule, a jump to an undeclared chain, DNAT outside the nat table). `tag` names the SSH
 * rule's comment, so two such documents can differ in one word.
 */
export function largeRules(rules: number, { tag = 'a' } = {}): string {
  const lines = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ':APPS - [0:0]'];
  lines.push('-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  lines.push(`-A INPUT -p tcp --dport 22 -m comment --comment ${tag} -j ACCEPT`, '-A INPUT -j APPS');
  for (let i = 0; lines.length < rules; i++)
    lines.push(`-A APPS -p tcp -s 10.${(i >> 8) & 255}.${i & 255}.0/24 --dport ${1000 + (i % 60000)} -j ACCEPT`);
  lines.push(
    '-A APPS -p tcp --dport 8080 --nosuch 1 -j ACCEPT',
    '-A APPS -p tcp --dport 99999 -j ACCEPT',
    '-A APPS -p tcp -s 10.0.0.0/24 --dport 1000 -j ACCEPT',
    '-A APPS -j NOWHERE',
    '-A OUTPUT -j DNAT --to-destination 10.0.0.1',
    'COMMIT',
    '',
  );
  return lines.join('\n');
}
