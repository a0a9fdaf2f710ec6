import type { EmbeddedContext } from '../../embedded/languages';
import type { EmbeddedRegion } from '../../embedded/region';
import type { Finding } from '../../types';
import type { IpFamily, RuleLine } from '../ast';
import type { FlowTable } from '../flow/chains';
import { parseCidr, type Cidr } from '../flow/cidr';
import { deferredByRuleRemovals, insertAtChainEnd, insertAtChainStart, insertBeforeRule } from '../flow/insertPoint';
import type { Probe } from '../flow/probe';
import { certainlyDropped, walk, type Outcome } from '../flow/walk';
import { lineStartAt } from '../../text/lines';
import type { IptablesRule } from './rule';

const ephemeral = 45000;

function sshProbe(port: number): Probe {
  return {
    proto: 'tcp',
    src: { kind: 'any' },
    dst: { kind: 'any' },
    inIface: { kind: 'not-loopback' },
    outIface: { kind: 'unknown' },
    sport: 50000,
    dport: port,
    state: 'NEW',
    syn: true,
  };
}

/** Replies to the host's own connections: a TCP answer from a web server, a UDP answer from a DNS server. */
function replyProbes(): Probe[] {
  const base = {
    src: { kind: 'internet' },
    dst: { kind: 'any' },
    inIface: { kind: 'not-loopback' },
    outIface: { kind: 'unknown' },
    dport: ephemeral,
    state: 'ESTABLISHED',
  } as const;
  return [
    { ...base, proto: 'tcp', sport: 443, syn: false },
    { ...base, proto: 'udp', sport: 53, syn: undefined },
  ];
}

function loopbackProbes(family: IpFamily): Probe[] {
  const self = parseCidr(family === 'ipv4' ? '127.0.0.1' : '::1') as Cidr;
  const base = {
    src: { kind: 'within', cidr: self },
    dst: { kind: 'within', cidr: self },
    inIface: { kind: 'name', name: 'lo' },
    outIface: { kind: 'unknown' },
    sport: 50000,
    dport: ephemeral,
    state: 'NEW',
  } as const;
  return [
    { ...base, proto: 'tcp', syn: true },
    { ...base, proto: 'udp', syn: undefined },
  ];
}

const sshComments = new WeakMap<RuleLine, boolean>();

/** A `--comment` of the rule names SSH (once per rule line). */
function commentMentionsSsh(rule: RuleLine): boolean {
  let mentions = sshComments.get(rule);
  if (mentions === undefined) {
    mentions = rule.options.some((o) => o.name.value === '--comment' && o.args.some((a) => /\bssh/i.test(a.value)));
    sshComments.set(rule, mentions);
  }
  return mentions;
}

/**
 * SSH ports: 22, plus ports of rules a comment ties to SSH, plus `Port` lines of an sshd_config in the same user-data.
 */
export function sshPorts(table: FlowTable, text: string, ctx: EmbeddedContext): number[] {
  const ports = new Set<number>([22]);
  for (const chain of table.chains.values()) {
    for (const rule of chain.rules) {
      const dport = rule.conds.dport;
      if (!dport?.value || dport.negated || rule.conds.proto?.value !== 'tcp') continue;
      const lineStart = lineStartAt(text, rule.line.span.start);
      const beforeStart = Math.max(0, text.lastIndexOf('\n', lineStart - 2) + 1);
      const commentAbove = text.charCodeAt(beforeStart) === 35 && /\bssh/i.test(text.slice(beforeStart, lineStart));
      const mentionsSsh = commentAbove || commentMentionsSsh(rule.line);
      if (mentionsSsh) for (const r of dport.value) if (r.from === r.to) ports.add(r.from);
    }
  }
  for (const port of sshdConfigPorts(ctx.siblings)) ports.add(port);
  return [...ports];
}

/** `Port` lines of the sshd_config files (and drop-ins) the same user-data writes. */
export function sshdConfigPorts(siblings: readonly EmbeddedRegion[]): number[] {
  const ports: number[] = [];
  for (const sibling of siblings) {
    if (!sibling.path || !/\/etc\/ssh\/sshd_config(\.d\/.*)?$/.test(sibling.path)) continue;
    for (const m of sibling.text.matchAll(/^\s*Port\s+(\d{1,5})\s*$/gim)) ports.push(Number(m[1]));
  }
  return ports;
}

/** Ports of well-known services other than SSH: an open one does not suggest where sshd listens. */
const notSsh = new Set([
  20, 21, 23, 25, 53, 67, 68, 80, 110, 111, 123, 143, 161, 389, 443, 445, 465, 514, 587, 631, 636, 993, 995, 1194, 1883,
  2049, 2375, 2376, 2379, 2380, 3000, 3306, 3389, 4243, 5000, 5432, 5672, 5900, 6379, 6443, 8000, 8080, 8443, 8883,
  8888, 9000, 9090, 9100, 9200, 9300, 10250, 11211, 15672, 27017,
]);

/**
 * TCP ports other than the SSH ports that INPUT accepts from any address (a rule names the port):
 * where sshd may listen when the config does not say.
 */
function otherOpenPorts(filter: FlowTable, sshPortList: readonly number[]): number[] {
  const candidates = new Set<number>();
  for (const chain of filter.chains.values()) {
    for (const rule of chain.rules) {
      const dport = rule.conds.dport;
      if (!dport?.value || dport.negated || rule.conds.proto?.value !== 'tcp' || rule.conds.target?.name !== 'ACCEPT')
        continue;
      for (const r of dport.value)
        if (r.from === r.to && !notSsh.has(r.from) && !sshPortList.includes(r.from)) candidates.add(r.from);
    }
  }
  const open: number[] = [];
  for (const port of candidates) {
    const probe: Probe = { ...sshProbe(port), src: { kind: 'internet' } };
    if (walk(filter, 'INPUT', probe).some((o) => o.verdict === 'accept' && o.rule !== undefined)) open.push(port);
  }
  return open.sort((a, b) => a - b);
}

/** The final way INPUT drops: its policy, or the last rule that drops. */
function finalDrop(outcomes: readonly Outcome[]): Outcome | undefined {
  return [...outcomes].reverse().find((o) => o.verdict === 'drop');
}

function anchor(o: Outcome): { start: number; end: number } | undefined {
  if (o.policy) return { start: o.policy.start, end: o.policy.end };
  const line = (o.entry ?? o.rule)?.line;
  return line ? { start: line.span.start, end: line.span.end } : undefined;
}

/** `iptables/lockout`, `iptables/no-established`, `iptables/no-loopback` for filter INPUT. */
export function inputDefaultFindings(
  filter: FlowTable,
  family: IpFamily,
  text: string,
  ctx: EmbeddedContext,
): Finding[] {
  if (!filter.chains.has('INPUT')) return [];
  const findings: Finding[] = [];
  const ports = sshPorts(filter, text, ctx);
  const sshWalks = ports.map((p) => walk(filter, 'INPUT', sshProbe(p)));
  if (sshWalks.every(certainlyDropped)) {
    const drop = finalDrop(sshWalks[0] as Outcome[]);
    const at = drop && anchor(drop);
    if (drop && at) {
      const port = ports.find((p) => p !== 22) ?? 22;
      const line = `-A INPUT -p tcp -m tcp --dport ${port} -j ACCEPT`;
      const dropRule = drop.entry ?? drop.rule;
      const edit = dropRule
        ? insertBeforeRule(filter, text, 'INPUT', dropRule, [line])
        : insertAtChainEnd(filter, text, 'INPUT', [line]);
      const elsewhere = otherOpenPorts(filter, ports);
      if (elsewhere.length) {
        // sshd may well listen on one of these: say so, without calling it a lockout.
        const list = elsewhere
          .slice(0, 5)
          .map((p) => `tcp/${p}`)
          .join(', ');
        findings.push({
          code: 'iptables/lockout',
          message: `No rule accepts SSH on tcp/${ports.join(', tcp/')}. ${list} ${elsewhere.length > 1 ? 'are' : 'is'} open to every source: if sshd listens on ${elsewhere.length > 1 ? 'one of them' : `${elsewhere[0] as number}`}, this is fine.`,
          ...at,
          severity: 'information',
          fixes: [
            {
              title: `Accept SSH (tcp/${port}) before the drop`,
              edits: [edit],
              preferred: false,
              deferredBy: deferredByRuleRemovals(edit),
            },
          ],
        });
      } else {
        findings.push({
          code: 'iptables/lockout',
          message: `These rules lock SSH out: INPUT drops new connections to tcp/${ports.join(', tcp/')}. No rule before the drop accepts them; loading these rules on a remote machine cuts off SSH, including the session you would use to repair it.`,
          ...at,
          fixes: [
            {
              title: `Accept SSH (tcp/${port}) before the drop`,
              edits: [edit],
              preferred: true,
              deferredBy: deferredByRuleRemovals(edit),
            },
          ],
        });
      }
    }
  }
  const replies = replyProbes().map((p) => walk(filter, 'INPUT', p));
  const droppedReply = replies.find(certainlyDropped);
  if (droppedReply) {
    const drop = finalDrop(droppedReply);
    const at = drop && anchor(drop);
    if (at) {
      const line = '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT';
      findings.push({
        code: 'iptables/no-established',
        message:
          "INPUT drops replies to the host's own connections: nothing accepts RELATED,ESTABLISHED. Answers to the host's own requests, such as DNS replies and downloads, are dropped.",
        ...at,
        fixes: [
          {
            title: 'Accept RELATED,ESTABLISHED traffic first',
            edits: [insertAtChainStart(filter, text, 'INPUT', [line])],
            preferred: true,
          },
        ],
      });
    }
  }
  const loop = loopbackProbes(family).map((p) => walk(filter, 'INPUT', p));
  const droppedLoop = loop.find(certainlyDropped);
  if (droppedLoop) {
    const drop = finalDrop(droppedLoop);
    const at = drop && anchor(drop);
    if (at) {
      findings.push({
        code: 'iptables/no-loopback',
        message:
          'INPUT drops loopback traffic: nothing accepts -i lo. Programs on this host that talk to each other over localhost are cut off.',
        ...at,
        fixes: [
          {
            title: 'Accept loopback traffic',
            edits: [insertAtChainStart(filter, text, 'INPUT', ['-A INPUT -i lo -j ACCEPT'])],
            preferred: true,
          },
        ],
      });
    }
  }
  return findings;
}

export const inputDefaultsRule: IptablesRule = (input) => {
  const filter = input.filter;
  return filter ? inputDefaultFindings(filter, input.family, input.text, input.ctx) : [];
};
