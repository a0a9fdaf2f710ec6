import type { Cidr } from '../flow/cidr';
import { cidrContains, formatCidr, isNonPublic, parseCidr } from '../flow/cidr';
import { parsePortList } from '../flow/ports';
import type { TracePacket } from './packet';
import type { RuleSet } from './ruleSet';
import { traceConnection } from './connection';
import type { TraceResult, TraceStep } from './trace';

/** A service the user-data sets up to listen on a port. */
export interface Listener {
  readonly proto: string;
  readonly port: number;
  /** `sshd`, `web.socket`, `container (-p 8080:80)`. */
  readonly what: string;
  /** Only one family, when the listening address says so. */
  readonly family?: 4 | 6;
}

export type ExposureStatus = 'open' | 'some-sources' | 'closed' | 'unknown';

export interface ExposureEntry {
  readonly family: 4 | 6;
  readonly proto: string;
  readonly from: number;
  readonly to: number;
  /** For ICMP: the type looked at (echo-request). */
  readonly icmpType?: string;
  readonly status: ExposureStatus;
  /** Reached through Docker's NAT and FORWARD (a published container), not INPUT. */
  readonly viaDocker: boolean;
  /** For `some-sources`: the source networks that get in. */
  readonly sources: readonly string[];
  /** For `unknown`: what the answer depends on. */
  readonly reasons: readonly string[];
  /** The rule or policy that decides for an internet source (or for the first source let in). */
  readonly decidedBy: TraceStep | undefined;
  /** The services that listen there, per the user-data. */
  readonly listeners: readonly string[];
}

export interface FamilyExposure {
  readonly family: 4 | 6;
  /** The interface internet traffic is assumed to arrive on. */
  readonly inIface: string;
  /** False when the interface is not known: rules on a named interface are then "depends on interface …". */
  readonly inIfaceKnown: boolean;
  /** The address standing for "any internet host". */
  readonly internetSource: string;
  /** Every port range with one status (closed ones included), per protocol, in port order. */
  readonly entries: readonly ExposureEntry[];
  /** Open to some source but nothing listens (only when the user-data says what listens). */
  readonly openNothingListens: readonly ExposureEntry[];
  /** Listening services whose port is closed to every source we tried. */
  readonly listensButClosed: ReadonlyArray<{ readonly listener: Listener; readonly entry: ExposureEntry }>;
}

const internetCandidates: Readonly<Record<4 | 6, readonly string[]>> = {
  4: ['203.0.113.200', '198.51.100.200', '192.0.2.200', '100.0.0.1', '9.9.9.9'],
  6: ['2001:db8:ffff::200', '2001:db8:fffe::200', '2a00::1', '2600::1'],
};

const maxSegments = 512;
const maxSources = 16;

function addressesIn(set: RuleSet): Cidr[] {
  const out = new Map<string, Cidr>();
  for (const table of set.tables.values()) {
    for (const chain of table.chains.values()) {
      for (const rule of chain.rules) {
        for (const c of rule.conds.src?.value ?? []) out.set(formatCidr(c), c);
        for (const o of rule.conds.opaque) {
          if (o.name.value === '--src-range') {
            const from = parseCidr(o.args[0]?.value.split('-')[0] ?? '');
            if (from) out.set(formatCidr(from), from);
          }
        }
      }
    }
  }
  return [...out.values()];
}

/** A host inside a network (the second address of a larger one). */
function representative(c: Cidr): Cidr {
  const bitsTotal = c.family === 4 ? 32 : 128;
  return { family: c.family, base: c.prefix < bitsTotal ? c.base + 1n : c.base, prefix: bitsTotal };
}

/** Port boundaries where a verdict can change: every port and range the rules, publications and listeners name. */
function boundaries(set: RuleSet, extra: readonly number[]): number[] {
  const cut = new Set<number>([1, 65536]);
  const addRange = (from: number, to: number): void => {
    cut.add(Math.max(1, from));
    cut.add(Math.min(65536, to + 1));
  };
  for (const table of set.tables.values()) {
    for (const chain of table.chains.values()) {
      for (const rule of chain.rules) {
        for (const r of rule.conds.dport?.value ?? []) addRange(r.from, r.to);
        for (const r of rule.conds.anyPort?.value ?? []) addRange(r.from, r.to);
        for (const o of rule.conds.opaque) {
          if (o.name.value === '--ctorigdstport')
            for (const r of parsePortList(o.args[0]?.value ?? '') ?? []) addRange(r.from, r.to);
        }
      }
    }
  }
  for (const p of extra) addRange(p, p);
  return [...cut].sort((a, b) => a - b);
}

function protocolsIn(set: RuleSet): string[] {
  const protos = new Set(['tcp', 'udp']);
  for (const table of set.tables.values()) {
    for (const chain of table.chains.values()) {
      for (const rule of chain.rules) {
        const p = rule.conds.proto?.value;
        if (p === 'sctp' || p === 'dccp' || p === 'udplite') protos.add(p);
      }
    }
  }
  return [...protos];
}

/** The step that decided: the last rule or policy of a filter chain, else the last step. */
export function decidingStep(r: TraceResult): TraceStep | undefined {
  const steps = r.path.steps;
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i] as TraceStep;
    if (s.table === 'filter' && (s.kind === 'rule' || s.kind === 'policy')) return s;
  }
  return [...steps].reverse().find((s) => s.kind !== 'route');
}

interface Probe {
  readonly src: Cidr;
  readonly label: string;
}

/**
 * What a new connection from the internet can reach, for one family: each protocol's ports cut into
 * ranges that the rules treat alike, each traced from an arbitrary internet address and from every
 * source network the rules name; ICMP echo requests alike.
 */
export function familyExposure(
  set: RuleSet,
  family: 4 | 6,
  inIface: string,
  listeners: readonly Listener[] | undefined,
  inIfaceKnown = true,
): FamilyExposure {
  const named = addressesIn(set).filter((c) => c.family === family);
  const internetText =
    internetCandidates[family].find((a) => {
      const c = parseCidr(a) as Cidr;
      return !named.some((n) => n.prefix > 0 && cidrContains(n, c));
    }) ?? (internetCandidates[family][0] as string);
  const internet = parseCidr(internetText) as Cidr;
  const others: Probe[] = named
    .filter((c) => c.prefix > 0 && !cidrContains(c, internet))
    .slice(0, maxSources)
    .map((c) => ({ src: representative(c), label: formatCidr(c) }));
  const base = (proto: string, dport: number | undefined, icmpType: string | undefined, src: Cidr): TracePacket => ({
    family,
    proto,
    sport: 40000,
    dport,
    icmpType,
    src,
    dst: undefined,
    inIface,
    ...(inIfaceKnown ? {} : { inIfaceUnknown: true }),
    state: 'NEW',
  });
  const mine = (listeners ?? []).filter((l) => l.family === undefined || l.family === family);
  const cuts = boundaries(
    set,
    mine.map((l) => l.port),
  ).slice(0, maxSegments + 1);
  const entries: ExposureEntry[] = [];
  const judge = (proto: string, from: number, to: number, icmpType: string | undefined): ExposureEntry => {
    const dport = icmpType ? undefined : from;
    const r = traceConnection(set, base(proto, dport, icmpType, internet));
    const listening = mine.filter((l) => l.proto === proto && l.port >= from && l.port <= to).map((l) => l.what);
    const common = { family, proto, from, to, ...(icmpType ? { icmpType } : {}), listeners: listening };
    if (r.verdict === 'accept') {
      return {
        ...common,
        status: 'open',
        viaDocker: !r.path.delivered.local,
        sources: [],
        reasons: [],
        decidedBy: decidingStep(r),
      };
    }
    if (r.verdict === 'unknown') {
      return {
        ...common,
        status: 'unknown',
        viaDocker: r.paths.some((p) => p.verdict === 'accept' && !p.delivered.local),
        sources: [],
        reasons: r.reasons,
        decidedBy: decidingStep(r),
      };
    }
    const letIn: string[] = [];
    let first: TraceResult | undefined;
    for (const o of others) {
      const t = traceConnection(set, base(proto, dport, icmpType, o.src));
      if (t.verdict === 'accept' || t.verdict === 'unknown') {
        letIn.push(t.verdict === 'unknown' ? `${o.label} (${t.reasons.join('; ')})` : o.label);
        first ??= t;
      }
    }
    if (first) {
      return {
        ...common,
        status: 'some-sources',
        viaDocker: !first.path.delivered.local,
        sources: letIn,
        reasons: [],
        decidedBy: decidingStep(first),
      };
    }
    return { ...common, status: 'closed', viaDocker: false, sources: [], reasons: [], decidedBy: decidingStep(r) };
  };
  for (const proto of protocolsIn(set)) {
    for (let i = 0; i + 1 < cuts.length; i++) {
      const from = cuts[i] as number;
      const to = (cuts[i + 1] as number) - 1;
      const e = judge(proto, from, to, undefined);
      const prev = entries[entries.length - 1];
      if (prev && prev.proto === proto && prev.to + 1 === from && same(prev, e)) {
        entries[entries.length - 1] = { ...prev, to, listeners: [...prev.listeners, ...e.listeners] };
      } else {
        entries.push(e);
      }
    }
  }
  entries.push(judge(family === 4 ? 'icmp' : 'icmpv6', 0, 0, 'echo-request'));
  const known = listeners !== undefined;
  const openNothingListens = known
    ? entries.filter(
        (e) =>
          (e.status === 'open' || e.status === 'some-sources') &&
          !e.icmpType &&
          !e.viaDocker &&
          e.listeners.length === 0 &&
          e.to - e.from < 64,
      )
    : [];
  const listensButClosed: Array<{ listener: Listener; entry: ExposureEntry }> = [];
  for (const l of mine) {
    const entry = entries.find((e) => e.proto === l.proto && e.from <= l.port && l.port <= e.to);
    if (entry && entry.status === 'closed') listensButClosed.push({ listener: l, entry });
  }
  return { family, inIface, inIfaceKnown, internetSource: internetText, entries, openNothingListens, listensButClosed };
}

function same(a: ExposureEntry, b: ExposureEntry): boolean {
  return (
    a.status === b.status &&
    a.viaDocker === b.viaDocker &&
    a.sources.join() === b.sources.join() &&
    a.reasons.join() === b.reasons.join() &&
    a.decidedBy?.text === b.decidedBy?.text &&
    a.decidedBy?.span?.start === b.decidedBy?.span?.start
  );
}

/** `22/tcp`, `8000-8010/tcp`, `icmp echo-request`. */
export function entryLabel(e: Pick<ExposureEntry, 'proto' | 'from' | 'to' | 'icmpType'>): string {
  if (e.icmpType) return `${e.proto} ${e.icmpType}`;
  if (e.from === 1 && e.to === 65535) return `every port/${e.proto}`;
  return e.from === e.to ? `${e.from}/${e.proto}` : `${e.from}-${e.to}/${e.proto}`;
}

/** The internet sources a rules set names that are not public (for messages). */
export function isPrivateSource(label: string): boolean {
  const c = parseCidr(label.split(' ')[0] ?? '');
  return c !== undefined && isNonPublic(c);
}
