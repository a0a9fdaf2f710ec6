/**
 * Completion order by real use: the names people write most come first, the rest follow
 * alphabetically. Counted in the corpus of real user-data, rules files and units (../shared/corpus,
 * 110 public sources), with
 *
 *   grep -rhoE -- '(^|\s)-m [a-z0-9_]+' . | awk '{print $2}' | sort | uniq -c | sort -rn
 *   grep -rhoE -- '(^|\s)-j [A-Za-z0-9_-]+' . | awk '{print $2}' | sort | uniq -c | sort -rn
 *   grep -rhoE '^\s*[A-Z][A-Za-z]+=' units cloud-config cloud-init-hosts | tr -d ' =' | sort | uniq -c | sort -rn
 *
 * which gave (2026-12): matches tcp 118, conntrack 96, comment 70, state 55, udp 24, hl 22, icmp 9,
 * connmark 4, limit 3, rt 3, recent 2, string 2, owner 2, mark 2, addrtype 1; targets ACCEPT 362,
 * RETURN 46, DROP 26, REJECT 16, LOG 14, MASQUERADE 10, DNAT 5, CONNMARK 2, REDIRECT 1; directives
 * ExecStartPre 77, ExecStart 57, Description 53, After 38, Requires 37, WantedBy 30, Environment 28,
 * Restart 24, ExecStop 22, EnvironmentFile 22, Type 19, TimeoutStartSec 16, RestartSec 13,
 * ListenStream 10, ExecStopPost 10, Before 10, ConditionPathExists 5, LimitNOFILE 4, Conflicts 4,
 * WorkingDirectory 3, Wants 3, TimeoutStopSec 3, RemainAfterExit 3, User 2, KillMode 2, ExecStartPost 2.
 *
 * The corpus is small, so the lists below follow it and fill in what it under-counts: `multiport`
 * and `set` (one rule for many ports or addresses, common in hand-written firewalls) rank with the
 * top matches, conntrack before tcp (`-p tcp` loads tcp implicitly, so `-m tcp` is mostly
 * iptables-save's own spelling), ExecStart before ExecStartPre (every service needs one; the Docker
 * units of the corpus inflate ExecStartPre), and the timer, socket and mount keys after the service ones.
 */
export const matchUsage: readonly string[] = [
  'conntrack',
  'multiport',
  'tcp',
  'comment',
  'state',
  'udp',
  'set',
  'limit',
  'icmp',
  'icmp6',
  'recent',
  'hashlimit',
  'mark',
  'connmark',
  'owner',
  'addrtype',
  'iprange',
  'mac',
  'connlimit',
  'string',
  'hl',
  'ttl',
  'length',
  'pkttype',
  'physdev',
  'rt',
  'policy',
];

export const targetUsage: readonly string[] = [
  'ACCEPT',
  'DROP',
  'RETURN',
  'REJECT',
  'LOG',
  'MASQUERADE',
  'DNAT',
  'SNAT',
  'REDIRECT',
  'MARK',
  'CONNMARK',
  'TCPMSS',
  'CT',
  'NFLOG',
  'NOTRACK',
];

export const directiveUsage: readonly string[] = [
  'ExecStart',
  'Description',
  'ExecStartPre',
  'After',
  'Requires',
  'WantedBy',
  'Environment',
  'Restart',
  'ExecStop',
  'EnvironmentFile',
  'Type',
  'TimeoutStartSec',
  'RestartSec',
  'Wants',
  'Before',
  'ExecStopPost',
  'User',
  'WorkingDirectory',
  'RemainAfterExit',
  'ExecReload',
  'ExecStartPost',
  'TimeoutStopSec',
  'Conflicts',
  'ConditionPathExists',
  'LimitNOFILE',
  'KillMode',
  'Group',
  'RequiredBy',
  'StartLimitIntervalSec',
  'StartLimitBurst',
  'OnCalendar',
  'OnBootSec',
  'OnUnitActiveSec',
  'Persistent',
  'Unit',
  'ListenStream',
  'ListenDatagram',
  'Accept',
  'What',
  'Where',
  'Options',
];

/** A sortText that puts `name` at its rank in `usage` ("0" + position), others after it alphabetically. */
export function usageSortText(usage: readonly string[], name: string): string {
  const i = usage.indexOf(name);
  return i >= 0 ? `0${String(i).padStart(3, '0')}` : `1${name}`;
}
