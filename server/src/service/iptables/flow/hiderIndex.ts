/**
 * Terminal rules of a chain ("hiders") indexed by what a later rule must share with them to be covered:
 * a rule for a few destination ports only covers rules whose ports are among them (filed under each,
 * looked up by the inner rule's first port), a rule for one source network only rules whose sources lie
 * inside it, a rule for one protocol only rules of that protocol. The rest are compared with every
 * rule. Each list keeps rule order. Hiders can be removed and added again, so the index of a chain
 * follows a keystroke that changes one rule.
 */
import type { RuleLine } from '../ast';
import { maskOf, type Cidr } from './cidr';
import type { RuleConditions } from './conditions';
import { covers } from './covers';
import { fewDestinationPorts } from './fewPorts';

export interface Hider {
  readonly conds: RuleConditions;
  readonly line: RuleLine;
  /** Position in the chain. */
  readonly index: number;
  /** The rule's words (`ruleKey`): copies of one rule are duplicates, not hidden. */
  readonly text: string;
}

/** Where a hider is filed. */
type Filing =
  | { readonly kind: 'ports'; readonly ports: readonly number[] }
  | { readonly kind: 'source'; readonly key: string; readonly family: 4 | 6; readonly prefix: number }
  | { readonly kind: 'proto'; readonly proto: string }
  | { readonly kind: 'other' };

/** The one source network a rule matches (`-s 10.1.0.0/16`), if it names exactly one that is not everything. */
function singleSource(c: RuleConditions): Cidr | undefined {
  const cidrs = c.src?.value;
  const only = cidrs?.length === 1 ? cidrs[0] : undefined;
  return only && only.prefix > 0 ? only : undefined;
}

function networkKey(family: 4 | 6, base: bigint, prefix: number): string {
  return `${family}/${prefix}/${base & maskOf(family, prefix)}`;
}

function filingOf(c: RuleConditions): Filing {
  const ports = fewDestinationPorts(c);
  if (ports !== undefined) return { kind: 'ports', ports };
  const source = singleSource(c);
  if (source)
    return {
      kind: 'source',
      key: networkKey(source.family, source.base, source.prefix),
      family: source.family,
      prefix: source.prefix,
    };
  const proto = c.proto?.value;
  if (proto !== undefined && proto !== 'all') return { kind: 'proto', proto };
  return { kind: 'other' };
}

/** A port every destination port set of `c` contains, when it has one: what a hider must also match. */
function firstDestinationPort(c: RuleConditions): number | undefined {
  return c.dport?.value?.[0]?.from;
}

function insertOrdered(list: Hider[], h: Hider): void {
  let i = list.length;
  while (i > 0 && (list[i - 1] as Hider).index > h.index) i--;
  list.splice(i, 0, h);
}

function removeFrom<K>(map: Map<K, Hider[]> | undefined, key: K, h: Hider): void {
  const list = map?.get(key);
  const i = list ? list.indexOf(h) : -1;
  if (list && i >= 0) list.splice(i, 1);
}

function fileUnder<K>(map: Map<K, Hider[]>, key: K, h: Hider): void {
  const list = map.get(key);
  if (list) insertOrdered(list, h);
  else map.set(key, [h]);
}

/**
 * Most chains of a large dump have no hider or only a few (kube-proxy's endpoint chains DNAT): each map
 * and list is made when the first hider is filed in it, not per chain.
 */
export class HiderIndex {
  private byPort: Map<number, Hider[]> | undefined;
  private bySource: Map<string, Hider[]> | undefined;
  private byProto: Map<string, Hider[]> | undefined;
  /** The source network sizes filed, with how many hiders use each. */
  private prefixes: Map<string, { readonly family: 4 | 6; readonly prefix: number; count: number }> | undefined;
  private others: Hider[] | undefined;
  private filings: Map<Hider, Filing> | undefined;

  add(h: Hider): void {
    const f = filingOf(h.conds);
    (this.filings ??= new Map()).set(h, f);
    switch (f.kind) {
      case 'ports':
        for (const port of f.ports) fileUnder((this.byPort ??= new Map()), port, h);
        break;
      case 'source': {
        fileUnder((this.bySource ??= new Map()), f.key, h);
        const size = `${f.family}/${f.prefix}`;
        const prefixes = (this.prefixes ??= new Map());
        const known = prefixes.get(size);
        if (known) known.count++;
        else prefixes.set(size, { family: f.family, prefix: f.prefix, count: 1 });
        break;
      }
      case 'proto':
        fileUnder((this.byProto ??= new Map()), f.proto, h);
        break;
      case 'other':
        insertOrdered((this.others ??= []), h);
        break;
    }
  }

  remove(h: Hider): void {
    const f = this.filings?.get(h);
    if (!this.filings || !f) return;
    this.filings.delete(h);
    switch (f.kind) {
      case 'ports':
        for (const port of f.ports) removeFrom(this.byPort, port, h);
        break;
      case 'source': {
        removeFrom(this.bySource, f.key, h);
        const size = `${f.family}/${f.prefix}`;
        const known = this.prefixes?.get(size);
        if (known && --known.count === 0) this.prefixes?.delete(size);
        break;
      }
      case 'proto':
        removeFrom(this.byProto, f.proto, h);
        break;
      case 'other': {
        const i = this.others ? this.others.indexOf(h) : -1;
        if (i >= 0) this.others?.splice(i, 1);
        break;
      }
    }
  }

  /** Whether looking up `inner` reaches the list `h` is filed in (the same test `first` makes). */
  private reaches(h: Hider, inner: RuleConditions): boolean {
    const f = this.filings?.get(h);
    switch (f?.kind) {
      case undefined:
        return false;
      case 'other':
        return true;
      case 'ports': {
        const port = firstDestinationPort(inner);
        return port !== undefined && f.ports.includes(port);
      }
      case 'proto':
        return inner.proto?.value === f.proto;
      case 'source': {
        const first = inner.src?.value?.[0];
        return (
          !!first &&
          first.family === f.family &&
          f.prefix <= first.prefix &&
          networkKey(f.family, first.base, f.prefix) === f.key
        );
      }
    }
  }

  /** `h` (a filed hider) hides `inner`: looked up by it, not a copy of it, and takes all its packets. */
  hides(h: Hider, inner: RuleConditions, innerText: string): boolean {
    return this.reaches(h, inner) && h.text !== innerText && covers(h.conds, inner);
  }

  private candidates(inner: RuleConditions): Hider[][] {
    const lists: Hider[][] = [];
    if (this.others) lists.push(this.others);
    const port = firstDestinationPort(inner);
    const byPort = port !== undefined ? this.byPort?.get(port) : undefined;
    if (byPort) lists.push(byPort);
    const proto = inner.proto?.value;
    const byProto = proto !== undefined ? this.byProto?.get(proto) : undefined;
    if (byProto) lists.push(byProto);
    // Every source network of the inner rule must lie in the hider's: looking up the first is enough.
    const first = inner.src?.value?.[0];
    if (first && this.prefixes && this.bySource) {
      for (const { family, prefix } of this.prefixes.values()) {
        if (family !== first.family || prefix > first.prefix) continue;
        const list = this.bySource.get(networkKey(family, first.base, prefix));
        if (list) lists.push(list);
      }
    }
    return lists;
  }

  /** The earliest hider before `index` that hides `inner`. */
  first(inner: RuleConditions, index: number, innerText: string): Hider | undefined {
    if (!this.filings?.size) return undefined;
    let best: Hider | undefined;
    for (const list of this.candidates(inner)) {
      for (const h of list) {
        if (h.index >= index || (best && h.index >= best.index)) break;
        if (h.text !== innerText && covers(h.conds, inner)) {
          best = h;
          break;
        }
      }
    }
    return best;
  }
}
