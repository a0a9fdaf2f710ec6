import { publicationsIn } from '../../docker/findRunCommands';
import type { PortPublication } from '../../docker/runModel';
import type { EmbeddedContext } from '../../embedded/languages';
import type { Finding, OffsetEdit } from '../../types';
import type { FlowTable } from '../flow/chains';
import { insertAtChainStart, insertBeforeCommit, insertDeclaration } from '../flow/insertPoint';
import type { Probe } from '../flow/probe';
import { walk } from '../flow/walk';
import { narrowed } from '../flow/narrowed';
import type { IptablesRule } from './rule';

export interface Published {
  readonly where: string;
  readonly publication: PortPublication;
}

/**
 * Published through Docker's own NAT (and so past INPUT rules): not loopback-only, and not host
 * networking — a host-network container listens on the host itself, where INPUT rules do apply.
 */
function reachesThroughDockerNat(publication: PortPublication): boolean {
  return !publication.loopbackOnly && publication.kind !== 'host-network' && dockerTakes(publication);
}

/** A port or range `docker run -p` takes (1-65535), or one a placeholder stands for (`${PORT}`, `%i`). */
function portOrRange(value: string): boolean {
  if (/[$%{@]/.test(value)) return true;
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(value);
  return m !== null && [m[1], m[2]].every((p) => p === undefined || (Number(p) >= 1 && Number(p) <= 65535));
}

/**
 * Whether docker accepts the publication: `-p 80:` or `-p 805000` (a line cut short or a colon lost while
 * typing) makes `docker run` fail, so that unit publishes nothing.
 */
function dockerTakes(publication: PortPublication): boolean {
  if (publication.kind !== 'publish') return true;
  const { hostPort, containerPort } = publication;
  return (
    containerPort !== undefined &&
    portOrRange(containerPort.replace(/\/(tcp|udp|sctp)$/i, '')) &&
    (hostPort === undefined || hostPort === '' || portOrRange(hostPort))
  );
}

/**
 * Port publications of containers started elsewhere in the same user-data (units, written scripts), reachable from the
 * network.
 */
export function publishedPorts(
  ctx: Pick<EmbeddedContext, 'siblings' | 'hostCommands'> & { readonly region?: EmbeddedContext['region'] },
): Published[] {
  const out: Published[] = [];
  for (const sibling of ctx.siblings) {
    if (
      (ctx.region !== undefined && sibling === ctx.region) ||
      (sibling.language !== 'systemd' && sibling.language !== 'other') ||
      sibling.encoded
    )
      continue;
    for (const publication of publicationsIn(sibling.text)) {
      if (reachesThroughDockerNat(publication))
        out.push({ where: sibling.name ?? sibling.path ?? 'a unit', publication });
    }
  }
  for (const line of ctx.hostCommands ?? []) {
    for (const publication of publicationsIn(line, 'shell')) {
      if (reachesThroughDockerNat(publication)) out.push({ where: 'runcmd', publication });
    }
  }
  return out;
}

/** DOCKER-USER holds a rule that can stop something (not only RETURN). */
function filtersDockerUser(filter: FlowTable): boolean {
  const chain = filter.chains.get('DOCKER-USER');
  return (
    chain !== undefined && chain.rules.some((r) => r.conds.target !== undefined && r.conds.target.name !== 'RETURN')
  );
}

const outsideInterface = /^(eth|en[a-z0-9]|em\d|wl|bond|venet)[\w.]*$/;

/** The interface the rules treat as the outside one (`-i ens3`), or eth0. */
function outsideName(filter: FlowTable): string {
  for (const chain of filter.chains.values()) {
    for (const rule of chain.rules) {
      const i = rule.conds.inIface;
      if (i && !i.negated && outsideInterface.test(i.value)) return i.value;
    }
  }
  return 'eth0';
}

/** A new connection from the internet to a host port. */
function hostPortProbe(proto: string, port: number | undefined): Probe {
  return {
    proto,
    src: { kind: 'internet' },
    dst: { kind: 'any' },
    inIface: { kind: 'external' },
    outIface: { kind: 'unknown' },
    sport: 50000,
    dport: port,
    state: 'NEW',
    syn: proto === 'tcp' ? true : undefined,
  };
}

/** Whether INPUT accepts new connections from the internet to a port, asked for many ports. */
function hostPortsAccepted(filter: FlowTable): (proto: string, port: number) => boolean {
  const views = new Map<string, FlowTable>();
  return (proto, port) => {
    let view = views.get(proto);
    if (!view) {
      view = narrowed(filter, hostPortProbe(proto, undefined));
      views.set(proto, view);
    }
    return walk(view, 'INPUT', hostPortProbe(proto, port)).some((o) => o.verdict === 'accept');
  };
}

function snippet(filter: FlowTable, published: readonly Published[]): string[] {
  const ext = outsideName(filter);
  const lines = ['-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN'];
  // Each protocol and port range is looked at once (many units often publish the same port).
  const seen = new Set<string>();
  const hostPortAccepted = hostPortsAccepted(filter);
  for (const { publication: p } of published) {
    if (p.hostPort === undefined) continue;
    const ports = p.hostPort.replace('-', ':');
    const key = `${p.protocol}/${ports}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const first = Number(p.hostPort.split('-')[0]);
    if (!Number.isInteger(first) || !hostPortAccepted(p.protocol, first)) continue;
    lines.push(`-A DOCKER-USER -i ${ext} -p ${p.protocol} -m conntrack --ctorigdstport ${ports} -j RETURN`);
  }
  lines.push(`-A DOCKER-USER -i ${ext} -j DROP`, '-A DOCKER-USER -j RETURN');
  return lines;
}

/** `iptables/docker-bypass`: containers publish ports while the rules leave DOCKER-USER unfiltered. */
export function dockerBypassFindings(filter: FlowTable, text: string, ctx: EmbeddedContext): Finding[] {
  if (!ctx.region || filtersDockerUser(filter)) return [];
  const published = publishedPorts(ctx);
  if (published.length === 0) return [];
  const lines = snippet(filter, published);
  const declared = filter.block.chains.some((c) => c.name.value === 'DOCKER-USER');
  const edits: OffsetEdit[] = declared
    ? [
        (filter.chains.get('DOCKER-USER')?.rules.length ?? 0) > 0
          ? insertAtChainStart(filter, text, 'DOCKER-USER', lines)
          : insertBeforeCommit(filter, text, lines),
      ]
    : [insertDeclaration(filter, text, [':DOCKER-USER - [0:0]']), insertBeforeCommit(filter, text, lines)];
  const examples = published
    .slice(0, 3)
    .map((p) => `${p.publication.text} in ${p.where}`)
    .join(', ');
  const name = filter.block.name;
  return [
    {
      code: 'iptables/docker-bypass',
      message: `Published container ports bypass these rules: DOCKER-USER is not filtered. This user-data publishes ${examples}${published.length > 3 ? ', …' : ''}; Docker forwards published ports through its own NAT and FORWARD rules, so INPUT rules never see that traffic.`,
      start: name.start,
      end: name.end,
      fixes: [
        {
          title: 'Filter published container ports in DOCKER-USER (only ports INPUT accepts stay open)',
          edits,
          preferred: true,
          deferredBy: ['docker/port-exposure'],
        },
      ],
    },
  ];
}

export const dockerBypassRule: IptablesRule = (input) => {
  const filter = input.filter;
  return filter && input.family === 'ipv4' ? dockerBypassFindings(filter, input.text, input.ctx) : [];
};
