import type { RuleConditions } from './conditions';

/** Rules naming at most this many destination ports are indexed under each of them. */
const fewPorts = 64;

/** The destination ports of a rule that names a few (`--dport 22`, `--dports 80,443`, `8000:8010`). */
export function fewDestinationPorts(c: RuleConditions): number[] | undefined {
  const ranges = c.dport?.value;
  if (!ranges || ranges.length === 0) return undefined;
  let count = 0;
  for (const r of ranges) count += r.to - r.from + 1;
  if (count > fewPorts) return undefined;
  const ports = new Set<number>();
  for (const r of ranges) for (let p = r.from; p <= r.to; p++) ports.add(p);
  return [...ports];
}
