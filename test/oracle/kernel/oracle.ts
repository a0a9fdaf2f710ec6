// Compare the packet tracer's verdicts with what the kernel does to real packets.
import { parseRulesSave } from '../../../server/src/service/iptables/parse';
import { parseCidr, type Cidr } from '../../../server/src/service/iptables/flow/cidr';
import { ruleSetOf, type RuleSet } from '../../../server/src/service/iptables/trace/ruleSet';
import {
  dockerRulesText,
  withDocker,
  type DockerPublication,
} from '../../../server/src/service/iptables/trace/dockerRules';
import { type Verdict } from '../../../server/src/service/iptables/trace/trace';
import { traceConnection } from '../../../server/src/service/iptables/trace/connection';
import {
  addresses,
  createLab,
  destroyLab,
  Helper,
  loadRules,
  resetRules,
  runProbes,
  type Backend,
  type Lab,
  type Outcome,
  type ProbeSpec,
} from './lab';

export interface OracleCase {
  readonly name: string;
  readonly family: 4 | 6;
  readonly text: string;
  /** Containers published with `-p` (IPv4): Docker's rules are added and a container namespace answers. */
  readonly publications?: readonly DockerPublication[];
}

export interface ProbeResult {
  readonly case: string;
  readonly backend: Backend;
  /** `tcp/22 from 203.0.113.5` */
  readonly probe: string;
  readonly kernel: Outcome;
  readonly detail: string;
  readonly tracer: Verdict;
  readonly reasons: readonly string[];
}

export interface CaseRun {
  readonly case: string;
  readonly backend: Backend;
  /** Why the real tool refused the file (then no probes ran). */
  readonly refused: string | undefined;
  readonly results: readonly ProbeResult[];
}

const basePorts = [22, 80, 443, 8080, 31337];
const maxPorts = 14;

/** Ports the rules name (single ports, range ends and a port inside each range), then common ones. */
function portsOfInterest(set: RuleSet, extra: readonly number[]): number[] {
  const ports = new Set<number>();
  for (const table of set.tables.values()) {
    for (const chain of table.chains.values()) {
      for (const rule of chain.rules) {
        for (const r of [...(rule.conds.dport?.value ?? []), ...(rule.conds.anyPort?.value ?? [])]) {
          ports.add(r.from);
          if (r.to !== r.from) {
            ports.add(r.to);
            ports.add(Math.floor((r.from + r.to) / 2));
          }
        }
      }
    }
  }
  const named = [...ports].filter((p) => p >= 1 && p <= 65535 && (p < 40000 || p > 41000));
  return [...new Set([...extra, ...named.slice(0, maxPorts - basePorts.length - extra.length), ...basePorts])];
}

/** Where DNAT/REDIRECT rules send packets on the host itself (those ports need a listener too), in any nat chain. */
function natPorts(set: RuleSet): number[] {
  const out: number[] = [];
  for (const rule of [...(set.tables.get('nat')?.chains.values() ?? [])].flatMap((c) => c.rules)) {
    for (const o of rule.line.options) {
      if (o.name.value !== '--to-ports' && o.name.value !== '--to-destination') continue;
      const m = /(\d+)(?:-\d+)?$/.exec(o.args[0]?.value ?? '');
      if (m) out.push(Number(m[1]));
    }
  }
  return out;
}

/** Docker's rules as loaded over the user's file: FORWARD rules at the top, chains created when missing. */
function dockerRestoreText(userText: string, pubs: readonly DockerPublication[]): string {
  const userHasDockerUser = /^:DOCKER-USER\b|^-N DOCKER-USER\b/m.test(userText);
  const builtin = /^:(PREROUTING|INPUT|OUTPUT|POSTROUTING|FORWARD) /;
  let forward = 0;
  return dockerRulesText(pubs, addresses.bridge)
    .split('\n')
    .filter((line) => {
      if (builtin.test(line)) return false;
      if (userHasDockerUser && (line.startsWith(':DOCKER-USER') || line.startsWith('-A DOCKER-USER'))) return false;
      return true;
    })
    .map((line) =>
      line.startsWith('-A FORWARD ') ? `-I FORWARD ${++forward} ${line.slice('-A FORWARD '.length)}` : line,
    )
    .join('\n');
}

/** One backend's namespaces and helpers, used case after case. */
export interface Session {
  readonly backend: Backend;
  readonly lab: Lab;
  readonly server: Helper;
  readonly containerServer: Helper;
  readonly prober: Helper;
  /** The family whose tables hold the last case's rules. */
  loaded: 4 | 6 | undefined;
  /** Source ports are never reused within a session (no connection-tracking entry can carry over). */
  nextPort: number;
}

export async function openSession(backend: Backend): Promise<Session> {
  const lab = createLab(true);
  const helpers: Helper[] = [];
  try {
    const server = new Helper(lab.host, 'serve', { ports: [], lifetime: 1800 });
    helpers.push(server);
    const containerServer = new Helper(lab.container as string, 'serve', { ports: [], lifetime: 1800 });
    helpers.push(containerServer);
    const prober = new Helper(lab.client, 'probe', { parallel: 64 });
    helpers.push(prober);
    await Promise.all(helpers.map((h) => h.ready()));
    return { backend, lab, server, containerServer, prober, loaded: undefined, nextPort: 20000 };
  } catch (e) {
    for (const h of helpers) h.stop();
    destroyLab(lab);
    throw e;
  }
}

export function closeSession(s: Session): void {
  for (const h of [s.server, s.containerServer, s.prober]) h.stop();
  destroyLab(s.lab);
}

/** Load a case, probe every port of interest from every source, trace the same packets. */
export async function runCase(session: Session, c: OracleCase): Promise<CaseRun> {
  const { backend, lab } = session;
  const file = parseRulesSave(c.text, c.family === 4 ? 'ipv4' : 'ipv6');
  const pubs = c.family === 4 ? (c.publications ?? []) : [];
  let set = ruleSetOf(file);
  if (pubs.length) set = withDocker(set, pubs, addresses.bridge);
  const hostPorts = portsOfInterest(
    set,
    pubs.map((p) => Number(p.hostPort.split('-')[0])),
  );
  if (session.loaded !== undefined) resetRules(lab, session.loaded, backend);
  session.loaded = c.family;
  const refused =
    loadRules(lab, c.family, backend, c.text) ??
    (pubs.length ? loadRules(lab, c.family, backend, dockerRestoreText(c.text, pubs), true) : undefined);
  if (refused) return { case: c.name, backend, refused, results: [] };
  await session.server.request({ ports: [...new Set([...hostPorts, ...natPorts(set)])] }, 'ok');
  if (pubs.length)
    await session.containerServer.request({ ports: pubs.map((p) => Number(p.containerPort.split('-')[0])) }, 'ok');
  const sources = c.family === 4 ? addresses.sources4 : addresses.sources6;
  const dst = c.family === 4 ? addresses.host4 : addresses.host6;
  const probes: ProbeSpec[] = [];
  let id = 0;
  const sport = (): number => {
    const p = session.nextPort;
    session.nextPort = p >= 60000 ? 20000 : p + 1;
    return p;
  };
  for (const src of sources) {
    for (const proto of ['tcp', 'udp'] as const) {
      for (const dport of hostPorts) probes.push({ id: id++, proto, src, sport: sport(), dst, dport });
    }
    probes.push({ id: id++, proto: c.family === 4 ? 'icmp' : 'icmpv6', src, sport: 0, dst, dport: 0 });
  }
  const kernel = await runProbes(session.prober, probes);
  const dstCidr = parseCidr(dst) as Cidr;
  const results: ProbeResult[] = probes.map((p) => {
    const icmp = p.proto === 'icmp' || p.proto === 'icmpv6';
    const t = traceConnection(set, {
      family: c.family,
      proto: p.proto,
      sport: p.sport,
      dport: icmp ? undefined : p.dport,
      icmpType: icmp ? 'echo-request' : undefined,
      src: parseCidr(p.src) as Cidr,
      dst: dstCidr,
      inIface: 'eth0',
      state: 'NEW',
    });
    const k = kernel.get(p.id) ?? { outcome: 'error' as const, detail: 'no answer from the prober' };
    return {
      case: c.name,
      backend,
      probe: `${icmp ? `${p.proto} echo-request` : `${p.proto}/${p.dport}`} from ${p.src}`,
      kernel: k.outcome,
      detail: k.detail,
      tracer: t.verdict,
      reasons: t.reasons,
    };
  });
  return { case: c.name, backend, refused: undefined, results };
}

/** A probe the tracer gave a definite verdict for, and whether the kernel agrees. */
export function agrees(r: ProbeResult): boolean | undefined {
  if (r.tracer === 'unknown') return undefined;
  return r.kernel === r.tracer;
}
