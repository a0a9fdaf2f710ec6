import type { Finding } from '../../types';
import type { FlowRule, FlowTable } from '../flow/chains';
import { cidrContains, parseCidr, type Cidr } from '../flow/cidr';
import { deferredByRuleRemovals, insertAtChainEnd, insertBeforeRule } from '../flow/insertPoint';
import type { Probe } from '../flow/probe';
import { certainlyDropped, walk } from '../flow/walk';
import type { IptablesRule } from './rule';

const loopback = ['127.0.0.0/8', '::1/128'].map((t) => parseCidr(t) as Cidr);

/** Rules of INPUT and of the user chains INPUT jumps to, in order. */
function inputSideRules(filter: FlowTable): FlowRule[] {
  const seen = new Set<string>(['INPUT']);
  const queue = ['INPUT'];
  const out: FlowRule[] = [];
  while (queue.length > 0) {
    const chain = filter.chains.get(queue.shift() as string);
    if (!chain) continue;
    for (const rule of chain.rules) {
      out.push(rule);
      const t = rule.conds.target?.name;
      const next = t === undefined ? undefined : filter.chains.get(t);
      if (next && !next.builtin && !seen.has(next.name)) {
        seen.add(next.name);
        queue.push(next.name);
      }
    }
  }
  return out;
}

/** Worked out once per rule line (it depends on nothing else). */
const trustedOf = new WeakMap<FlowRule['line'], ReadonlyArray<{ text: string; cidr: Cidr }>>();

function trustedSources(rule: FlowRule): ReadonlyArray<{ text: string; cidr: Cidr }> {
  let trusted = trustedOf.get(rule.line);
  if (!trusted) {
    trusted = trustedSourcesOf(rule);
    trustedOf.set(rule.line, trusted);
  }
  return trusted;
}

/** A rule that trusts whole source networks: `-s NET -j ACCEPT`, nothing narrower than an input interface. */
function trustedSourcesOf(rule: FlowRule): Array<{ text: string; cidr: Cidr }> {
  const c = rule.conds;
  if (c.target?.name !== 'ACCEPT' || !c.src || c.src.negated || !c.src.value) return [];
  if (
    c.proto ||
    c.dst ||
    c.sport ||
    c.dport ||
    c.anyPort ||
    c.states ||
    c.icmpType ||
    c.syn ||
    c.fragment ||
    c.outIface
  )
    return [];
  if (c.opaque.length > 0 || c.repeated) return [];
  const option = rule.line.options.find((o) => ['-s', '--source', '--src'].includes(o.name.value));
  const words = option?.args[0]?.value.split(',') ?? [];
  return c.src.value
    .map((cidr, i) => ({ text: words[i] ?? '', cidr }))
    .filter(({ cidr }) => cidr.prefix > 0 && !loopback.some((l) => cidrContains(l, cidr)));
}

function forwardProbe(cidr: Cidr): Probe {
  return {
    proto: undefined,
    src: { kind: 'within', cidr },
    dst: { kind: 'any' },
    inIface: { kind: 'unknown' },
    outIface: { kind: 'unknown' },
    sport: undefined,
    dport: undefined,
    state: 'NEW',
    syn: undefined,
  };
}

/** `iptables/forward-not-mirrored`: INPUT trusts networks whose routed traffic FORWARD (policy DROP) drops. */
export function forwardMirrorFindings(filter: FlowTable, text: string): Finding[] {
  const forward = filter.chains.get('FORWARD');
  if (forward?.policy?.value !== 'DROP') return [];
  const findings: Finding[] = [];
  const mirrored = new Set<string>();
  for (const rule of inputSideRules(filter)) {
    const missing: string[] = [];
    let before: FlowRule | undefined;
    for (const { text: net, cidr } of trustedSources(rule)) {
      if (mirrored.has(net)) continue;
      const outcomes = walk(filter, 'FORWARD', forwardProbe(cidr));
      if (!certainlyDropped(outcomes)) continue;
      mirrored.add(net);
      missing.push(net);
      const last = [...outcomes].reverse().find((o) => o.verdict === 'drop');
      before ??= last?.entry;
    }
    if (missing.length === 0) continue;
    const lines = missing.map((net) => `-A FORWARD -s ${net} -j ACCEPT`);
    const edit = before
      ? insertBeforeRule(filter, text, 'FORWARD', before, lines)
      : insertAtChainEnd(filter, text, 'FORWARD', lines);
    findings.push({
      code: 'iptables/forward-not-mirrored',
      message: `INPUT accepts ${missing.join(', ')}, but FORWARD (policy DROP) does not: traffic from ${missing.length > 1 ? 'these networks' : 'this network'} that is routed through the host — containers, pods, overlay peers — is dropped.`,
      start: rule.line.span.start,
      end: rule.line.span.end,
      fixes: [
        {
          title: `Accept ${missing.join(', ')} in FORWARD too`,
          edits: [edit],
          preferred: true,
          deferredBy: deferredByRuleRemovals(edit),
        },
      ],
    });
  }
  return findings;
}

export const forwardMirrorRule: IptablesRule = (input) => {
  const filter = input.filter;
  return filter ? forwardMirrorFindings(filter, input.text) : [];
};
