import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { parseCloudConfig } from '../cloudConfig/parse';
import { hostCommandsOf } from '../cloudConfig/hostCommands';
import { toDocumentOffset, type EmbeddedRegion } from '../embedded/region';
import type { DialectSetting, LanguageId } from '../types';
import { familyOf } from '../iptables/family';
import { parseRulesSave } from '../iptables/parse';
import type { IpFamily, Span } from '../iptables/ast';
import { parseCidr } from '../iptables/flow/cidr';
import { normalizeProtocol } from '../iptables/flow/conditions';
import { ruleSetOf, type RuleSet } from '../iptables/trace/ruleSet';
import { withDocker } from '../iptables/trace/dockerRules';
import { familyExposure, type ExposureEntry, type FamilyExposure, type Listener } from '../iptables/trace/exposure';
import { tracePacket, type TraceStep, type Verdict } from '../iptables/trace/trace';
import { traceConnection } from '../iptables/trace/connection';
import type { ConntrackState, TracePacket } from '../iptables/trace/packet';
import { hostServices, type HostServices } from './listeners';
import { isUfwRulesPath, ufwRulesOf, type UfwLineSource, type UfwRules } from './ufwRules';

/** A rules file as the exposure map and the tracer see it: its rule set and where its text sits in the document. */
interface RulesPlace {
  readonly name: string;
  readonly family: IpFamily;
  readonly set: RuleSet;
  /** Document offset of a rules-text offset. */
  readonly toDoc: (offset: number) => number;
  /** Document range of the `*filter` line (or the region's first line). */
  readonly anchor: Span;
  /** The rules text the set was built from (with Docker's publications, when added): what the map depends on. */
  readonly key: string;
  /** The rules ufw loads, when they stand for the host's firewall (steps are mapped back to `ufw` commands). */
  readonly ufw?: UfwRules;
}

interface Rulesets {
  readonly places: readonly RulesPlace[];
  readonly services: HostServices | undefined;
  readonly doc: TextDocument;
}

function placesOf(text: string, lang: LanguageId, dialect: DialectSetting, uri: string): Rulesets {
  const doc = TextDocument.create(uri, lang, 1, text);
  if (lang === 'iptables' || lang === 'ip6tables') {
    const family = familyOf({ text, region: undefined, siblings: [], uri }, lang);
    const file = parseRulesSave(text, family);
    const filter = file.tables.find((t) => t.name.value === 'filter');
    const anchor = filter ? { start: filter.span.start, end: filter.name.end } : { start: 0, end: 0 };
    return {
      doc,
      services: undefined,
      places: [
        {
          name: uri.split('/').pop() ?? 'rules',
          family,
          set: ruleSetOf(file),
          toDoc: (o) => o,
          anchor,
          key: `${family}\n${text}`,
        },
      ],
    };
  }
  const model = parseCloudConfig(text, dialect);
  const commands = hostCommandsOf(model.hostRoot, model.dialect);
  const services = hostServices(model.regions, commands);
  const places: RulesPlace[] = [];
  const ufwSets = ufwRulesOf(model);
  for (const region of model.regions) {
    if ((region.language !== 'iptables' && region.language !== 'ip6tables') || region.encoded) continue;
    // With ufw enabled, its rules files are part of what ufw loads (below), not a firewall of their own.
    if (ufwSets.length && isUfwRulesPath(region.path)) continue;
    const family = familyOf({ text: region.text, region, siblings: model.regions }, region.language);
    const file = parseRulesSave(region.text, family);
    let set = ruleSetOf(file);
    if (family === 'ipv4') set = withDocker(set, services.publications);
    const filter = file.tables.find((t) => t.name.value === 'filter');
    const toDoc = (o: number): number => toDocumentOffset(region as EmbeddedRegion, o);
    const anchor = filter
      ? { start: toDoc(filter.span.start), end: toDoc(filter.name.end) }
      : { start: toDoc(0), end: toDoc(0) };
    const pubs = family === 'ipv4' ? JSON.stringify(services.publications) : '';
    places.push({
      name: region.path ?? region.name ?? 'rules',
      family,
      set,
      toDoc,
      anchor,
      key: `${family}\n${pubs}\n${region.text}`,
    });
  }
  // ufw enabled by the user-data: the rules it loads, for a family no rules file of the user-data covers.
  for (const ufw of ufwSets) {
    if (places.some((p) => p.family === ufw.family)) continue;
    let set = ruleSetOf(parseRulesSave(ufw.text, ufw.family));
    if (ufw.family === 'ipv4') set = withDocker(set, services.publications);
    const pubs = ufw.family === 'ipv4' ? JSON.stringify(services.publications) : '';
    places.push({
      name: ufw.family === 'ipv4' ? 'ufw' : 'ufw (IPv6)',
      family: ufw.family,
      set,
      toDoc: (o) => o,
      anchor: ufw.policy.span ? { start: ufw.policy.span[0], end: ufw.policy.span[1] } : { start: 0, end: 0 },
      key: `${ufw.family}\n${pubs}\n${ufw.text}`,
      ufw,
    });
  }
  // No rules for a family: nothing filters it (the kernel's default policies accept).
  for (const family of ['ipv4', 'ipv6'] as const) {
    if (places.some((p) => p.family === family)) continue;
    let set = ruleSetOf({ family, text: '', tables: [] });
    if (family === 'ipv4') set = withDocker(set, services.publications);
    const pubs = family === 'ipv4' ? JSON.stringify(services.publications) : '';
    places.push({
      name: `no ${family === 'ipv4' ? 'iptables' : 'ip6tables'} rules`,
      family,
      set,
      toDoc: (o) => o,
      anchor: { start: 0, end: 0 },
      key: `${family}\n${pubs}\n`,
    });
  }
  return { doc, services, places };
}

/** A trace step with its place in the document. */
export interface DocStep extends Omit<TraceStep, 'span'> {
  readonly range: Range | undefined;
}

export interface DocEntry extends Omit<ExposureEntry, 'decidedBy'> {
  readonly label: string;
  readonly decidedBy: DocStep | undefined;
}

export interface RulesExposure {
  /** The rules file (write_files path, unit name, file name) or "no iptables rules". */
  readonly name: string;
  readonly family: 4 | 6;
  /** The `*filter` line, where a code lens sits. */
  readonly range: Range;
  readonly inIface: string;
  /** False when the map does not know the interface (ufw's rules with no `--in`): `on IFACE` rules are unknowns. */
  readonly inIfaceKnown: boolean;
  readonly internetSource: string;
  readonly entries: readonly DocEntry[];
  readonly openNothingListens: readonly string[];
  readonly listensButClosed: ReadonlyArray<{
    readonly what: string;
    readonly port: string;
    readonly decidedBy: DocStep | undefined;
  }>;
}

export interface ExposureReport {
  readonly files: readonly RulesExposure[];
  /** What the user-data says will listen (undefined for a standalone rules file). */
  readonly listeners: readonly Listener[] | undefined;
  /** Published container ports whose host port Docker picks. */
  readonly unknownPorts: readonly string[];
}

/** A reason as the user reads it: a name ufw could not resolve rather than the set standing for it. */
function said(reason: string, place: RulesPlace): string {
  let out = reason;
  for (const [set, why] of place.ufw?.unresolved ?? []) out = out.replace(`depends on set \`${set}\``, why);
  return out;
}

function docStep(s: TraceStep | undefined, place: RulesPlace, doc: TextDocument): DocStep | undefined {
  if (!s) return undefined;
  if (s.assumption !== undefined && place.ufw) s = { ...s, assumption: said(s.assumption, place) };
  if (place.ufw) return ufwStep(s, place.ufw, doc);
  const { span, ...rest } = s;
  const range =
    span && s.origin !== 'docker'
      ? { start: doc.positionAt(place.toDoc(span.start)), end: doc.positionAt(place.toDoc(span.end)) }
      : undefined;
  return { ...rest, range };
}

/** A step through the rules ufw loads, named by the `ufw` command (or ufw's own file) it comes from. */
function ufwStep(s: TraceStep, ufw: UfwRules, doc: TextDocument): DocStep {
  const { span, ...rest } = s;
  let source: UfwLineSource | undefined;
  if (s.kind === 'policy' && s.chain === 'INPUT') source = ufw.policy;
  else if (span && s.origin !== 'docker') source = ufw.lines.get(ufw.text.slice(0, span.start).split('\n').length - 1);
  if (!source) return { ...rest, range: undefined };
  const range = source.span
    ? { start: doc.positionAt(source.span[0]), end: doc.positionAt(source.span[1]) }
    : undefined;
  return { ...rest, text: source.text, range };
}

/** ufw's rules include one limited to an interface (`ufw allow in on eth1 …`). */
function onInterface(place: RulesPlace): boolean {
  return place.ufw !== undefined && /^-A ufw-user-input .*-i /m.test(place.ufw.text);
}

function familyNumber(f: IpFamily): 4 | 6 {
  return f === 'ipv4' ? 4 : 6;
}

/** The interface internet traffic is assumed to arrive on: the outside-looking one the rules name, else eth0. */
function outsideInterface(set: RuleSet): string {
  const counts = new Map<string, number>();
  for (const table of set.tables.values()) {
    for (const chain of table.chains.values()) {
      for (const rule of chain.rules) {
        const i = rule.conds.inIface;
        if (i && /^(eth|en[a-z0-9]|em\d|bond|venet|wan)[\w.]*$/.test(i.value) && !i.value.endsWith('+'))
          counts.set(i.value, (counts.get(i.value) ?? 0) + 1);
      }
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'eth0';
}

export interface ExposureOptions {
  readonly dialect?: DialectSetting;
  readonly uri?: string;
  /** Interface internet traffic arrives on (default: guessed from the rules, else eth0). */
  readonly inIface?: string;
}

/**
 * Maps already computed, by what they depend on: the rules text, Docker's publications, the
 * interface and the listeners. Tracing every port range is the costly part; an edit elsewhere in a
 * user-data (or one that only moves the rules) finds its map here. Steps point into the rules text,
 * so a cached map is placed in the document afresh.
 */
const familyCache = new Map<string, FamilyExposure>();
const familyCacheSize = 32;

/** How many family maps were computed rather than found (for tests). */
export const exposureCacheStats = { computed: 0 };

function cachedFamilyExposure(
  place: RulesPlace,
  fam: 4 | 6,
  iface: string,
  listeners: readonly Listener[] | undefined,
  ifaceKnown: boolean,
): FamilyExposure {
  const key = `${iface}${ifaceKnown ? '' : '?'}\n${JSON.stringify(listeners ?? null)}\n${place.key}`;
  const hit = familyCache.get(key);
  if (hit) {
    // Most recently used last: the first key is the one to evict.
    familyCache.delete(key);
    familyCache.set(key, hit);
    return hit;
  }
  exposureCacheStats.computed++;
  const ex = familyExposure(place.set, fam, iface, listeners, ifaceKnown);
  familyCache.set(key, ex);
  if (familyCache.size > familyCacheSize) familyCache.delete(familyCache.keys().next().value as string);
  return ex;
}

/** The exposure map of a user-data or a standalone rules file. */
export function exposureReport(text: string, lang: LanguageId, opts: ExposureOptions = {}): ExposureReport {
  const { doc, services, places } = placesOf(text, lang, opts.dialect ?? 'auto', opts.uri ?? 'file:///rules');
  const files: RulesExposure[] = places.map((place) => {
    const fam = familyNumber(place.family);
    const iface = opts.inIface ?? outsideInterface(place.set);
    // ufw applies its rules on every interface; a rule limited by `on IFACE` is known only with the interface.
    const ifaceKnown = opts.inIface !== undefined || !onInterface(place);
    const ex: FamilyExposure = cachedFamilyExposure(place, fam, iface, services?.listeners, ifaceKnown);
    const toEntry = (e: ExposureEntry): DocEntry => ({
      ...e,
      reasons: e.reasons.map((r) => said(r, place)),
      sources: e.sources.map((r) => said(r, place)),
      label: labelOf(e),
      decidedBy: docStep(e.decidedBy, place, doc),
    });
    return {
      name: place.name,
      family: fam,
      range: { start: doc.positionAt(place.anchor.start), end: doc.positionAt(place.anchor.end) },
      inIface: ex.inIface,
      inIfaceKnown: ex.inIfaceKnown,
      internetSource: ex.internetSource,
      entries: ex.entries.map(toEntry),
      openNothingListens: ex.openNothingListens.map(labelOf),
      listensButClosed: ex.listensButClosed.map(({ listener, entry }) => ({
        what: listener.what,
        port: `${listener.port}/${listener.proto}`,
        decidedBy: docStep(entry.decidedBy, place, doc),
      })),
    };
  });
  return { files, listeners: services?.listeners, unknownPorts: services?.unknownPorts ?? [] };
}

function labelOf(e: Pick<ExposureEntry, 'proto' | 'from' | 'to' | 'icmpType'>): string {
  if (e.icmpType) return `${e.proto} ${e.icmpType}`;
  if (e.from === 1 && e.to === 65535) return `every port/${e.proto}`;
  return e.from === e.to ? `${e.from}/${e.proto}` : `${e.from}-${e.to}/${e.proto}`;
}

/** "Reachable from the internet: 22/tcp, 80/tcp · via Docker: 5432/tcp" for a code lens. */
export function exposureSummary(file: RulesExposure): string {
  const host = file.entries.filter((e) => e.status === 'open' && !e.viaDocker).map((e) => e.label);
  const docker = file.entries.filter((e) => e.status === 'open' && e.viaDocker).map((e) => e.label);
  const some = file.entries.filter((e) => e.status === 'some-sources').map((e) => e.label);
  const unknown = file.entries.filter((e) => e.status === 'unknown').map((e) => e.label);
  const fam = file.family === 4 ? 'IPv4' : 'IPv6';
  const parts = [`${fam} reachable from the internet: ${host.length ? host.join(', ') : 'nothing'}`];
  if (docker.length) parts.push(`via Docker: ${docker.join(', ')}`);
  if (some.length) parts.push(`from some sources: ${some.join(', ')}`);
  if (unknown.length) parts.push(`unknown: ${unknown.join(', ')}`);
  return parts.join(' · ');
}

export interface TraceRequest {
  readonly proto: string;
  readonly dport?: number;
  readonly src: string;
  readonly dst?: string;
  readonly inIface?: string;
  readonly state?: ConntrackState;
  /** ICMP type for ICMP packets (default echo-request). */
  readonly icmpType?: string;
}

export interface TraceReport {
  /** The rules file traced (the one of the source address's family). */
  readonly file: string;
  readonly family: 4 | 6;
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  readonly steps: readonly DocStep[];
  readonly delivered: { readonly local: boolean; readonly dst: string | undefined; readonly dport: number | undefined };
  /** Other ways the packet may go, when the verdict is unknown. */
  readonly alternatives: ReadonlyArray<{
    readonly verdict: Verdict;
    readonly assumptions: readonly string[];
    readonly steps: readonly DocStep[];
  }>;
}

export class TraceRequestError extends Error {}

/** Trace one packet through the rules of a user-data or rules file. */
export function traceReport(
  text: string,
  lang: LanguageId,
  req: TraceRequest,
  opts: Omit<ExposureOptions, 'inIface'> = {},
): TraceReport {
  const src = parseCidr(req.src);
  if (!src || (src.family === 4 ? src.prefix !== 32 : src.prefix !== 128))
    throw new TraceRequestError(`not a host address: ${req.src}`);
  const dst = req.dst === undefined ? undefined : parseCidr(req.dst);
  if (req.dst !== undefined && (!dst || dst.family !== src.family))
    throw new TraceRequestError(`not a host address of the same family: ${req.dst}`);
  const family: IpFamily = src.family === 4 ? 'ipv4' : 'ipv6';
  const { doc, places } = placesOf(text, lang, opts.dialect ?? 'auto', opts.uri ?? 'file:///rules');
  const place = places.find((p) => p.family === family);
  if (!place)
    throw new TraceRequestError(
      `this file holds no ${family === 'ipv4' ? 'IPv4' : 'IPv6'} rules; the source address is ${family === 'ipv4' ? 'IPv4' : 'IPv6'}`,
    );
  let proto = normalizeProtocol(req.proto);
  if (proto === 'icmp' && family === 'ipv6') proto = 'icmpv6';
  const icmp = proto === 'icmp' || proto === 'icmpv6';
  if (!icmp && req.dport === undefined) throw new TraceRequestError(`a ${proto} packet needs a destination port`);
  const packet: TracePacket = {
    family: src.family,
    proto,
    sport: 40000,
    dport: icmp ? undefined : req.dport,
    icmpType: icmp ? (req.icmpType ?? 'echo-request') : undefined,
    src,
    dst,
    inIface: req.inIface ?? outsideInterface(place.set),
    ...(req.inIface === undefined && onInterface(place) ? { inIfaceUnknown: true } : {}),
    state: req.state ?? 'NEW',
  };
  // A new connection is judged whole (the host's answer and the client's next packet too).
  const result = packet.state === 'NEW' ? traceConnection(place.set, packet) : tracePacket(place.set, packet);
  const steps = (s: readonly TraceStep[]): DocStep[] => s.map((x) => docStep(x, place, doc) as DocStep);
  return {
    file: place.name,
    family: src.family,
    verdict: result.verdict,
    reasons: result.reasons.map((r) => said(r, place)),
    steps: steps(result.path.steps),
    delivered: {
      local: result.path.delivered.local,
      dst: result.path.delivered.dst,
      dport: result.path.delivered.dport,
    },
    alternatives:
      result.verdict === 'unknown'
        ? result.paths
            .filter((p) => p !== result.path)
            .slice(0, 8)
            .map((p) => ({
              verdict: p.verdict,
              assumptions: p.assumptions.map((a) => said(a, place)),
              steps: steps(p.steps),
            }))
        : [],
  };
}
