import type { Finding } from '../../types';
import type { FlowTable } from '../flow/chains';
import type { Probe } from '../flow/probe';
import { walk } from '../flow/walk';
import type { IptablesRule } from './rule';

/** A stranger from the internet knocking on a port nobody opened, on the outside interface. */
function strangerProbes(): Probe[] {
  const base = {
    src: { kind: 'internet' },
    dst: { kind: 'any' },
    inIface: { kind: 'external' },
    outIface: { kind: 'unknown' },
    sport: 50000,
    dport: 45000,
    state: 'NEW',
  } as const;
  return [
    { ...base, proto: 'tcp', syn: true },
    { ...base, proto: 'udp', syn: undefined },
  ];
}

/** `iptables/permissive-filter`: filter INPUT accepts by policy whatever its rules do not stop. */
export function permissiveFindings(filter: FlowTable): Finding[] {
  const input = filter.chains.get('INPUT');
  if (!input || input.rules.length === 0) return [];
  const policy = input.policy?.value;
  if (policy !== undefined && policy !== 'ACCEPT') return [];
  const reachesPolicy = strangerProbes().some((p) =>
    walk(filter, 'INPUT', p).some((o) => o.verdict === 'accept' && o.rule === undefined),
  );
  if (!reachesPolicy) return [];
  const at = input.policy?.token ?? filter.block.name;
  return [
    {
      code: 'iptables/permissive-filter',
      message:
        'This firewall lets everything else in: filter INPUT accepts by default. No final DROP or REJECT stops what the rules above do not handle.',
      start: at.start,
      end: at.end,
    },
  ];
}

export const permissiveRule: IptablesRule = (input) => {
  const filter = input.filter;
  return filter ? permissiveFindings(filter) : [];
};
