/** Whether one rule's conditions take every packet another's take (the test behind shadowed rules). */
import { cidrContains, type Cidr } from './cidr';
import type { Cond, RuleConditions } from './conditions';
import { portsCover, type PortRange } from './ports';

type Cover = boolean;

/** `outer` matches every packet `inner` matches, as far as one condition can tell (absent = matches all). */
function coverCond<T>(
  outer: Cond<T> | undefined,
  inner: Cond<T> | undefined,
  covers: (o: T, i: T) => boolean,
  matchesAll?: (o: T) => boolean,
): Cover {
  if (outer === undefined) return true;
  if (inner === undefined) return matchesAll ? matchesAll(outer.value) : false;
  return covers(outer.value, inner.value);
}

function cidrsCover(o: readonly Cidr[] | undefined, i: readonly Cidr[] | undefined): boolean {
  return o !== undefined && i !== undefined && i.every((c) => o.some((x) => cidrContains(x, c)));
}

function portsOk(o: readonly PortRange[] | undefined, i: readonly PortRange[] | undefined): boolean {
  return o !== undefined && i !== undefined && portsCover(o, i);
}

const allPorts = (o: readonly PortRange[] | undefined): boolean =>
  o !== undefined && portsCover(o, [{ from: 0, to: 65535 }]);

function interfaceCovers(o: string, i: string): boolean {
  if (!o.endsWith('+')) return o === i;
  return i.startsWith(o.slice(0, -1));
}

const condKeys = [
  'proto',
  'src',
  'dst',
  'inIface',
  'outIface',
  'sport',
  'dport',
  'anyPort',
  'states',
  'icmpType',
  'syn',
  'fragment',
] as const;

function hasNegation(c: RuleConditions): boolean {
  for (const key of condKeys) if (c[key]?.negated === true) return true;
  return false;
}

/** No negation, no condition the comparison does not understand, none twice. */
export function comparable(c: RuleConditions): boolean {
  return c.opaque.length === 0 && !c.repeated && !hasNegation(c);
}

/** `outer` covers `inner`; both already known to be comparable. Cheap, selective checks first. */
export function covers(outer: RuleConditions, inner: RuleConditions): boolean {
  if (
    !coverCond(
      outer.proto,
      inner.proto,
      (o, i) => o === 'all' || o === i,
      (o) => o === 'all',
    )
  )
    return false;
  if (!coverCond(outer.dport, inner.dport, portsOk, allPorts)) return false;
  if (!coverCond(outer.sport, inner.sport, portsOk, allPorts)) return false;
  if (outer.anyPort) {
    const o = outer.anyPort.value;
    const ok = inner.anyPort
      ? portsOk(o, inner.anyPort.value)
      : (inner.dport !== undefined && portsOk(o, inner.dport.value)) ||
        (inner.sport !== undefined && portsOk(o, inner.sport.value));
    if (!ok) return false;
  }
  return (
    coverCond(outer.inIface, inner.inIface, interfaceCovers, (o) => o === '+') &&
    coverCond(outer.outIface, inner.outIface, interfaceCovers, (o) => o === '+') &&
    coverCond(outer.states, inner.states, (o, i) => [...i].every((s) => o.has(s))) &&
    coverCond(
      outer.icmpType,
      inner.icmpType,
      (o, i) => o === 'any' || o === i,
      (o) => o === 'any',
    ) &&
    coverCond(outer.syn, inner.syn, () => true) &&
    coverCond(outer.fragment, inner.fragment, () => true) &&
    coverCond(outer.src, inner.src, cidrsCover, (o) => o?.some((c) => c.prefix === 0) === true) &&
    coverCond(outer.dst, inner.dst, cidrsCover, (o) => o?.some((c) => c.prefix === 0) === true)
  );
}
