/**
 * Rules that load fine but let the wrong packets through, or none of the right ones: TCP accepted on its
 * flags alone (`iptables/stateless-accept`) and `-p icmp` in an ip6tables file (`iptables/icmp-in-ip6tables`).
 */
import type { IpFamily, OptionUse, RuleLine } from '../ast';
import type { Finding } from '../../types';
import type { RuleAnalysis } from '../analyzeRule';
import type { IptablesRule } from './rule';
import { SplicedCheck } from '../lineSplice';

const splitFlags = (word: string | undefined): string[] => (word ?? '').toUpperCase().split(',');
const hasAck = (flags: readonly string[]): boolean => flags.includes('ACK') || flags.includes('ALL');

/** The option that makes a rule match "ACK set" (or "not a SYN"): `--tcp-flags ACK ACK`, `! --syn`. */
function ackOnly(rule: RuleLine): OptionUse | undefined {
  for (const o of rule.options) {
    if (o.name.value === '--syn' && o.negation) return o;
    if (o.name.value === '--tcp-flags' && !o.negation && o.args.length === 2) {
      const [mask, set] = [splitFlags(o.args[0]?.value), splitFlags(o.args[1]?.value)];
      if (hasAck(mask) && hasAck(set) && !set.includes('SYN')) return o;
    }
  }
  return undefined;
}

function restrictsSource(a: RuleAnalysis): boolean {
  return (
    a.rule.options.some((o) => {
      if (o.name.value !== '-s' && o.name.value !== '--source' && o.name.value !== '--src') return false;
      return o.negation !== undefined || !/^(0\.0\.0\.0|::)\/0$/.test(o.args[0]?.value ?? '');
    }) ||
    a.matches.some((m) => ['set', 'iprange', 'conntrack', 'state', 'recent', 'mac', 'policy'].includes(m.spec.name))
  );
}

export function checkStatelessAccept(analyses: ReadonlyMap<RuleLine, RuleAnalysis>): Finding[] {
  const out: Finding[] = [];
  for (const a of analyses.values()) {
    if (a.rule.table?.name.value !== 'filter' || a.targetName !== 'ACCEPT' || a.rule.commandName === '-D') continue;
    if (a.protocolName !== 'tcp' || a.protocolNegated || restrictsSource(a)) continue;
    const flags = ackOnly(a.rule);
    if (!flags) continue;
    const from = flags.negation && flags.negation.start < flags.span.start ? flags.negation.start : flags.span.start;
    out.push({
      code: 'iptables/stateless-accept',
      message:
        'This accepts every TCP packet with ACK set, from anywhere, without asking connection tracking whether it belongs to a connection: scans with forged ACK packets reach every port it covers. Let conntrack decide (`-m conntrack --ctstate ESTABLISHED`).',
      start: from,
      end: flags.span.end,
      fixes: [
        {
          title: 'Accept established connections instead (conntrack)',
          edits: [{ start: from, end: flags.span.end, newText: '-m conntrack --ctstate ESTABLISHED' }],
          preferred: true,
        },
      ],
    });
  }
  return out;
}

export function checkIcmpInIp6tables(analyses: ReadonlyMap<RuleLine, RuleAnalysis>, family: IpFamily): Finding[] {
  if (family !== 'ipv6') return [];
  const out: Finding[] = [];
  for (const a of analyses.values()) {
    if (a.protocolName !== 'icmp') continue;
    const word = a.protocol?.use.args[0];
    if (!word) continue;
    out.push({
      code: 'iptables/icmp-in-ip6tables',
      message:
        '`-p icmp` is the IPv4 ICMP protocol (1). In ip6tables it matches no IPv6 packet worth having, so this rule does nothing. IPv6 uses ICMPv6: `-p ipv6-icmp`.',
      start: word.start,
      end: word.end,
      fixes: [
        {
          title: 'Change to `-p ipv6-icmp`',
          edits: [{ start: word.start, end: word.end, newText: 'ipv6-icmp' }],
          preferred: true,
        },
      ],
    });
  }
  return out;
}

const statelessKept = new SplicedCheck<string>('stateless');
export const statelessAcceptRule: IptablesRule = (input) =>
  statelessKept.findings(
    input.file,
    '',
    () => checkStatelessAccept(input.analyses),
    (rule) => checkStatelessAccept(input.onlyLine(rule)),
  ) as Finding[];

const icmpKept = new SplicedCheck<string>('icmp');
export const icmpInIp6tablesRule: IptablesRule = (input) =>
  icmpKept.findings(
    input.file,
    input.family,
    () => checkIcmpInIp6tables(input.analyses, input.family),
    (rule) => checkIcmpInIp6tables(input.onlyLine(rule), input.family),
  ) as Finding[];
