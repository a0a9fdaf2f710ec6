import { parseCidr, type Cidr } from '../flow/cidr';
import type { ConntrackState, PacketView, TracePacket } from './packet';
import type { RuleSet } from './ruleSet';
import {
  tracePacket,
  traceView,
  type TraceOptions,
  type TracePath,
  type TraceResult,
  type TraceStep,
  type Verdict,
} from './trace';

/**
 * A new connection is more than its first packet: the host's answer leaves through OUTPUT (or, for a
 * published container, comes back through FORWARD), and a TCP client's next packet (its ACK, in state
 * ESTABLISHED) must get in too. A connection whose answer is dropped or rejected on the way out is
 * never heard by the client (a drop); one whose next packet is dropped or rejected fails with that.
 */
export function traceConnection(set: RuleSet, packet: TracePacket, opts: TraceOptions = {}): TraceResult {
  const first = tracePacket(set, packet, opts);
  // Untracked first packets: what conntrack makes of the answer is not modelled; the first packet decides.
  if (first.verdict !== 'accept' || packet.state !== 'NEW') return first;
  const seen = new Map<string, TraceResult>();
  const results: TraceResult[] = [];
  for (const path of first.paths) {
    const key = `${path.delivered.local}|${path.delivered.dst}|${path.delivered.dport}|${path.delivered.outIface}|${path.delivered.untracked}`;
    let later = seen.get(key);
    if (!later) {
      later = afterFirst(set, packet, path, opts);
      seen.set(key, later);
    }
    results.push(later);
  }
  const verdicts = new Set(results.map((r) => r.verdict));
  if (verdicts.size === 1 && verdicts.has('accept')) return first;
  const blocked = results.find((r) => r.verdict !== 'accept') as TraceResult;
  if (verdicts.size === 1) return blocked;
  const reasons = new Set([
    ...first.paths.flatMap((p) => p.assumptions.map((a) => a.replace(/^not: /, ''))),
    ...results.flatMap((r) => r.reasons),
  ]);
  return { ...blocked, verdict: 'unknown', reasons: [...reasons] };
}

const replyType: Readonly<Record<string, string>> = { 'echo-request': 'echo-reply' };

/**
 * The conntrack state of the answer to an untracked first packet: conntrack never saw the question,
 * so the answer is the first packet it sees of a connection. A TCP SYN-ACK and an ICMP echo reply
 * cannot begin one (INVALID); a UDP datagram can (NEW). Measured in network namespaces, legacy and nft
 * alike (docs/facts/kernel-tracer.md, "After an untracked first packet").
 */
function answerStateAfterUntracked(proto: string): ConntrackState {
  return proto === 'tcp' || proto === 'icmp' || proto === 'icmpv6' ? 'INVALID' : 'NEW';
}

/** The answer and (TCP) the client's next packet, after the first packet took `path`. */
function afterFirst(set: RuleSet, packet: TracePacket, path: TracePath, opts: TraceOptions): TraceResult {
  const d = path.delivered;
  const to = d.dst === undefined ? packet.dst : parseCidr(d.dst);
  const answer: PacketView = {
    family: packet.family,
    proto: packet.proto,
    sport: d.dport ?? packet.dport ?? 0,
    dport: packet.sport,
    icmpType: packet.icmpType === undefined ? undefined : (replyType[packet.icmpType] ?? packet.icmpType),
    src: to as Cidr,
    dst: packet.src,
    state: d.untracked ? answerStateAfterUntracked(packet.proto) : 'ESTABLISHED',
    reply: true,
    fromHost: d.local,
    // From the host itself no input interface; from a container, the bridge it sits behind.
    inIface: d.local ? '' : (d.outIface ?? ''),
    outIface: packet.inIface,
    local: false,
    origDst: packet.dst,
    origDport: packet.dport,
    dnat: natted(packet, to, d.dport),
  };
  const reply = traceView(set, answer, d.local ? 'output' : 'inbound', opts);
  const replyNote: TraceStep = {
    table: 'routing',
    chain: d.local ? 'OUTPUT' : 'FORWARD',
    kind: 'route',
    span: undefined,
    origin: 'kernel',
    text: d.local ? 'the host answers: OUTPUT' : 'the container answers: FORWARD',
  };
  if (reply.verdict !== 'accept') {
    // The client never hears an answer that is stopped on its way out.
    const verdict: Verdict = reply.verdict === 'unknown' ? 'unknown' : 'drop';
    return joined(path, replyNote, reply, verdict);
  }
  if (packet.proto !== 'tcp') return reply;
  const next: PacketView = {
    ...packet,
    // After an untracked SYN the answer made no entry either: conntrack picks the connection up at the
    // client's ACK and calls it NEW (unless the raw table leaves the ACK untracked too).
    state: d.untracked ? 'NEW' : 'ESTABLISHED',
    midStream: true,
    dst: to,
    dport: d.dport ?? packet.dport,
    local: d.local,
    outIface: d.outIface,
    origDst: packet.dst,
    origDport: packet.dport,
    dnat: natted(packet, to, d.dport),
  };
  const followUp = traceView(set, next, 'inbound', opts);
  if (followUp.verdict === 'accept') return followUp;
  const nextNote: TraceStep = {
    table: 'routing',
    chain: 'INPUT',
    kind: 'route',
    span: undefined,
    origin: 'kernel',
    text: `the client's next packet (${d.untracked ? 'its ACK: conntrack has no entry, NEW unless left untracked' : 'ESTABLISHED'})`,
  };
  return joined(path, nextNote, followUp, followUp.verdict);
}

/** Whether the first packet's destination was rewritten on the way. */
function natted(packet: TracePacket, to: Cidr | undefined, dport: number | undefined): boolean {
  return dport !== packet.dport || (to !== undefined && (packet.dst === undefined || to.base !== packet.dst.base));
}

/** The first packet's path, then the later packet's that decides. */
function joined(first: TracePath, note: TraceStep, later: TraceResult, verdict: Verdict): TraceResult {
  const join = (p: TracePath): TracePath => ({
    ...p,
    steps: [...first.steps, note, ...p.steps],
    assumptions: [...first.assumptions, ...p.assumptions],
    delivered: first.delivered,
  });
  return { verdict, reasons: later.reasons, path: join(later.path), paths: later.paths.map(join) };
}
