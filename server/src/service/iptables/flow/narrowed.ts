/**
 * A table cut down to the rules a kind of packet can match whatever its destination port: for many
 * walks of packets that differ only in that port (one per published container port), the rules that
 * exclude such packets anyway (a private source for a packet from the internet…) are dropped once
 * instead of being looked at in every walk. Walks of such packets end the same on the cut-down table.
 */
import type { FlowChain, FlowTable } from './chains';
import { matchRule, type Probe } from './probe';

export function narrowed(table: FlowTable, probe: Probe): FlowTable {
  // With the port unknown, a rule answers "no" only for a condition other than the port: it answers
  // "no" for every port.
  const anyPort: Probe = { ...probe, dport: undefined };
  const chains = new Map<string, FlowChain>();
  for (const [name, chain] of table.chains) {
    chains.set(name, { ...chain, rules: chain.rules.filter((r) => matchRule(r.conds, anyPort) !== 'no') });
  }
  return { block: table.block, chains };
}
