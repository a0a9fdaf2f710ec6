import { publishedPorts } from '../iptables/rules/dockerBypass';
import { sshdConfigPorts } from '../iptables/rules/inputDefaults';
import type { EmbeddedRegion } from '../embedded/region';
import type { Listener } from '../iptables/trace/exposure';
import type { DockerPublication } from '../iptables/trace/dockerRules';
import type { PortPublication } from '../docker/runModel';
import { composeOnEveryInterface, composePublications, isComposePath } from '../compose/composePorts';

/** `ports:` of the Compose files the user-data writes (as `docker/port-exposure` reads them): every interface. */
function composePorts(regions: readonly EmbeddedRegion[]): Array<{ where: string; publication: PortPublication }> {
  const out: Array<{ where: string; publication: PortPublication }> = [];
  for (const r of regions) {
    if (r.origin !== 'write-file' || r.encoded || !isComposePath(r.path)) continue;
    for (const publication of composePublications(r.text))
      if (composeOnEveryInterface(publication)) out.push({ where: r.path ?? 'a Compose file', publication });
  }
  return out;
}

/** What a user-data says will listen: sshd, socket units, published containers. */
export interface HostServices {
  readonly listeners: readonly Listener[];
  /** Publications through Docker's NAT (IPv4), with where they were found. */
  readonly publications: ReadonlyArray<DockerPublication & { readonly where: string; readonly text: string }>;
  /** Publications whose host port Docker picks (`-P`, `IP::PORT`): reachable, port unknown. */
  readonly unknownPorts: readonly string[];
}

/** `ListenStream=22`, `0.0.0.0:80`, `[::]:443`, `127.0.0.1:8080` (local only), paths (not network). */
function socketListeners(region: EmbeddedRegion): Listener[] {
  const out: Listener[] = [];
  const name = region.name ?? region.path ?? 'a socket unit';
  for (const m of region.text.matchAll(/^[ \t]*Listen(Stream|Datagram)[ \t]*=[ \t]*(\S+)[ \t]*$/gm)) {
    const proto = m[1] === 'Stream' ? 'tcp' : 'udp';
    const value = m[2] as string;
    const hit = /^(?:\[([^\]]*)\]|([^:[\]]*)):(\d{1,5})$/.exec(value) ?? /^()()(\d{1,5})$/.exec(value);
    if (!hit) continue;
    const host = hit[1] ?? hit[2] ?? '';
    if (/^127\.|^::1$|^localhost$/.test(host)) continue;
    const family =
      hit[1] !== undefined && host !== '::'
        ? 6
        : /^\d+\.\d+\.\d+\.\d+$/.test(host) && host !== '0.0.0.0'
          ? 4
          : host === '0.0.0.0'
            ? 4
            : undefined;
    out.push({ proto, port: Number(hit[3]), what: name, ...(family ? { family } : {}) });
  }
  return out;
}

export function hostServices(regions: readonly EmbeddedRegion[], hostCommands: readonly string[]): HostServices {
  const listeners: Listener[] = [];
  const sshd = sshdConfigPorts(regions);
  for (const port of sshd.length ? sshd : [22])
    listeners.push({ proto: 'tcp', port, what: sshd.length ? 'sshd (Port in sshd_config)' : 'sshd (default port)' });
  for (const r of regions) {
    if (r.language === 'systemd' && !r.encoded && (r.name ?? '').endsWith('.socket'))
      listeners.push(...socketListeners(r));
  }
  const publications: Array<DockerPublication & { where: string; text: string }> = [];
  const unknownPorts: string[] = [];
  for (const { where, publication: p } of [
    ...publishedPorts({ siblings: regions, hostCommands }),
    ...composePorts(regions),
  ]) {
    if (p.hostPort === undefined || p.containerPort === undefined) {
      unknownPorts.push(`${p.text} in ${where}`);
      continue;
    }
    const first = Number(p.hostPort.split('-')[0]);
    const hostIp = p.hostIp?.replace(/^\[|\]$/g, '');
    const v6Only = hostIp !== undefined && hostIp.includes(':') && hostIp !== '::';
    if (!v6Only)
      publications.push({
        protocol: p.protocol,
        hostPort: p.hostPort,
        containerPort: p.containerPort,
        ...(hostIp && hostIp !== '::' ? { hostIp } : {}),
        where,
        text: p.text,
      });
    // On IPv6 Docker's proxy listens on the host itself (INPUT applies).
    if (Number.isInteger(first))
      listeners.push({
        proto: p.protocol,
        port: first,
        what: `container (${p.text} in ${where})`,
        ...(hostIp && !hostIp.includes(':') ? { family: 4 as const } : {}),
      });
  }
  return { listeners, publications, unknownPorts };
}
