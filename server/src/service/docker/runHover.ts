import { findDockerInvocations, runCommandsOf } from './findRunCommands';
import type { ParsedRunCommand } from './parseRunCommand';
import type { ParsedRunFlag } from './portPublication';
import { longRunFlag, shortRunFlag } from './runFlags';
import type { PortPublication } from './runModel';

type HoverResult = { markdown: string; start: number; end: number } | undefined;

const inside = (offset: number, s: { start: number; end: number }): boolean => offset >= s.start && offset < s.end;

function ports(what: string | undefined, plural: string, single: string): string {
  if (!what) return plural;
  return what.includes('-') ? `${single}s ${what}` : `${single} ${what}`;
}

/** Plain words for which host address and port lead to which container port, and what can stop it. */
export function describePublication(pub: PortPublication, engine: 'docker' | 'podman'): string {
  const nat = engine === 'podman' ? 'Podman' : 'Docker';
  if (pub.kind === 'host-network') {
    return [
      `**${pub.text}**: no port mapping at all. The container shares the host's network stack, so every port it listens on is a port of the host itself, on every interface.`,
      'No NAT is involved here: INPUT-chain firewall rules do apply to these ports. `-p` options are ignored in this mode.',
    ].join('\n\n');
  }
  if (pub.kind === 'publish-all') {
    return [
      `**${pub.text}**: every port the image declares with \`EXPOSE\` gets a host port picked by ${nat} at start (see \`${engine} port NAME\`), on every interface of the host.`,
      `${nat} forwards these ports with its own NAT rules: the packets are rewritten before the INPUT chain and then pass through FORWARD, so INPUT rules cannot stop them. ${engine === 'podman' ? 'Publishing explicit ports bound to 127.0.0.1 keeps them local.' : 'Only rules in the `DOCKER-USER` chain (or publishing explicit ports bound to 127.0.0.1) limit who reaches them.'}`,
    ].join('\n\n');
  }
  const proto = pub.protocol;
  const hostPart = pub.hostPort
    ? `host ${ports(pub.hostPort, '', 'port')}`
    : `a host port ${nat} picks at start (see \`${engine} port NAME\`)`;
  const address =
    pub.hostIp === undefined
      ? 'every interface of the host (IPv4 and IPv6)'
      : pub.loopbackOnly
        ? `${pub.hostIp} (loopback: this machine only)`
        : `address ${pub.hostIp}${/^0\.0\.0\.0$|^[0:]*::[0:]*$/.test(pub.hostIp) ? ' (every interface)' : ''}`;
  const lines = [
    `**${pub.text}**: ${proto.toUpperCase()} traffic to ${hostPart} on ${address} reaches container ${ports(pub.containerPort, 'ports', 'port')}/${proto}.`,
  ];
  if (pub.loopbackOnly)
    lines.push('Not reachable from the network: only programs on this machine (or a local reverse proxy) can connect.');
  else {
    lines.push(
      `Reachable from the network. ${nat} forwards it with its own NAT rules: the packets are rewritten before the INPUT chain and then pass through FORWARD, so INPUT-chain firewall rules cannot stop them. ${engine === 'podman' ? 'Bind it' : 'Filter it in the `DOCKER-USER` chain, or bind it'} to \`127.0.0.1:\` when only local clients need it.`,
    );
  }
  return lines.join('\n\n');
}

function describeFlag(f: ParsedRunFlag, letter: string | undefined): string | undefined {
  const spec = f.name ? longRunFlag(f.name) : letter ? shortRunFlag(letter) : undefined;
  if (!spec) return undefined;
  const forms = `${spec.short ? `-${spec.short}, ` : ''}--${spec.name}${spec.aliases?.length ? `, ${spec.aliases.map((a) => `--${a}`).join(', ')}` : ''}`;
  const head = `**${forms}**${spec.takesValue ? ` \`${spec.valueHint ?? 'VALUE'}\`` : ''}${spec.podmanOnly ? ' (podman)' : ''}`;
  const parts = [head, spec.summary];
  if (spec.pitfall) parts.push(`**Pitfall:** ${spec.pitfall}`);
  const choice = spec.choices?.find((c) => c.value === f.value?.value);
  if (choice) parts.push(`\`${choice.value}\`: ${choice.summary}`);
  return parts.join('\n\n');
}

/** `registry/repo:tag@digest` in words. */
function describeImage(ref: string, engine: 'docker' | 'podman'): string {
  if (/^\$\{?\w+\}?$/.test(ref))
    return `**Image** \`${ref}\`: taken from a variable; the unit's \`Environment=\` or \`EnvironmentFile=\` decides which image runs.`;
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  const repo = colon > slash ? name.slice(0, colon) : name;
  const first = repo.split('/')[0] ?? '';
  const registry = repo.includes('/') && /[.:]|^localhost$/.test(first) ? first : undefined;
  const lines = [`**Image** \`${repo}\``];
  lines.push(
    registry
      ? `Registry: \`${registry}\`.`
      : `Registry: the default one${engine === 'docker' ? ' (Docker Hub)' : ' (from registries.conf)'}.`,
  );
  if (digest) lines.push(`Pinned to digest \`${digest}\`: always exactly the same image.`);
  else if (tag)
    lines.push(
      `Tag \`${tag}\`${tag === 'latest' ? ': moves whenever a new image is pushed, so machines can end up running different versions.' : '.'}`,
    );
  else
    lines.push(
      'No tag: `latest` is used, which moves whenever a new image is pushed, so machines can end up running different versions.',
    );
  lines.push('The image is pulled only when it is not on the machine yet (unless `--pull always`).');
  return lines.join('\n\n');
}

function hoverIn(run: ParsedRunCommand, offset: number): HoverResult {
  for (const pub of run.publications) {
    const flag = run.flags.find((f) => f.start === pub.start && f.end === pub.end);
    if (flag?.value && inside(offset, flag.value))
      return { markdown: describePublication(pub, run.engine), start: flag.value.start, end: flag.value.end };
  }
  for (const f of run.flags) {
    const onFlag = inside(offset, f.flag) || (f.value !== undefined && inside(offset, f.value));
    if (!onFlag) continue;
    const bundled = !f.flag.value.startsWith('--') && f.flag.value.length > 2 && f.flag.value[2] !== '=';
    if (bundled) {
      // Pick the letter under the caret in `-dit`.
      const letter =
        run.flags.find((g) => g.flag === f.flag && g.start <= offset && offset < g.end && g.start !== g.flag.start) ??
        f;
      const i = f.flag.map.findIndex((o) => o === letter.start);
      const md = describeFlag(letter, i > 0 ? f.flag.value[i] : undefined);
      if (md) return { markdown: md, start: f.flag.start, end: f.flag.end };
      continue;
    }
    const md = describeFlag(f, f.flag.value.length === 2 ? f.flag.value[1] : undefined);
    const range = f.value && inside(offset, f.value) ? f.value : f.flag;
    if (md) return { markdown: md, start: range.start, end: range.end };
  }
  if (run.image && inside(offset, run.image))
    return { markdown: describeImage(run.image.value, run.engine), start: run.image.start, end: run.image.end };
  if (inside(offset, run.subcommand)) {
    const md = `**${run.engine} ${run.subcommand.value}**: ${run.subcommand.value === 'create' ? 'creates a container without starting it.' : 'creates and starts a container; without `-d` the client stays attached until the container exits, which is what a systemd service wants.'}`;
    return { markdown: md, start: run.subcommand.start, end: run.subcommand.end };
  }
  return undefined;
}

/**
 * Hover inside a container command line: an option (summary and pitfall), a `-p` mapping (which host
 * address and port reach which container port, and whether firewall rules can stop it), the image,
 * or the sub-command. `text` is a unit text or shell text.
 */
export function hoverRunCommand(text: string, offset: number): HoverResult {
  const runs = runCommandsOf(
    text,
    findDockerInvocations(text).map((x) => x.inv),
  );
  for (const run of runs) {
    if (offset < run.start || offset > run.end) continue;
    const h = hoverIn(run, offset);
    if (h) return h;
  }
  return undefined;
}
