import type { CloudConfigModel } from '../cloudConfig/parse';
import { RuleContext } from '../cloudConfig/context';
import { hostCommands, programOf, type HostCommand } from '../cloudConfig/host/hostShell';
import { parseUfw, type UfwRule } from '../cloudConfig/host/ufwCommand';
import type { IpFamily } from '../iptables/ast';
import { toDocumentOffset } from '../embedded/region';

/** Where a line of the rules ufw loads comes from: the user-data's `ufw` command, or ufw's own files. */
export interface UfwLineSource {
  /** The command as written (`ufw allow 443/tcp`), or `ufw before.rules: <rule>` for ufw's own rules. */
  readonly text: string;
  /** Document span of the command; undefined for ufw's own rules. */
  readonly span: readonly [number, number] | undefined;
}

/** The filter rules ufw loads for one family, as `iptables-save` text, with where each line comes from. */
export interface UfwRules {
  readonly family: IpFamily;
  readonly text: string;
  /** Sources by 0-based line of `text`. */
  readonly lines: ReadonlyMap<number, UfwLineSource>;
  /** What decides the INPUT policy: `ufw default … incoming`, or ufw's default (deny) named on `ufw enable`. */
  readonly policy: UfwLineSource;
  /**
   * Names this model cannot resolve, by the set that stands for them in `text` (`ufw-app-Nginx_Full`):
   * what to say instead of "depends on set …".
   */
  readonly unresolved: ReadonlyMap<string, string>;
}

/** Why a name in a `ufw` rule leaves the rule unknown (ufw 0.36's answers: docs/facts/hosts.md fact 12). */
function unresolvedReason(rule: UfwRule): string {
  const profile = rule.names.find((n) => !knownNames[n.toLowerCase()]);
  if (profile !== undefined && rule.ports === undefined)
    return `ufw profile \`${profile}\` is not known here (ufw refuses a profile it cannot find: \`ERROR: Could not find a profile matching '${profile}'\`, no rule added; a package may install it)`;
  const name = [...rule.names, ...(rule.sports ?? [])].find((n) => !/^[\d:]+$/.test(n) && !knownNames[n.toLowerCase()]);
  return `service name \`${name ?? ''}\` is not known here (ufw looks it up in /etc/services and refuses a name it cannot find: \`ERROR: Bad port\`)`;
}

/**
 * ufw's own INPUT rules (before.rules / before6.rules of ufw 0.36, as `iptables-save` shows them after
 * `ufw enable`; docs/facts/hosts.md fact 6), without the logging chains (they only log) and without the
 * rules no internet packet to the host's own address can match (mDNS and SSDP multicast, link-local
 * hop limit 255, routing header type 0).
 */
const before4 = [
  '-A ufw-before-input -i lo -j ACCEPT',
  '-A ufw-before-input -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A ufw-before-input -m conntrack --ctstate INVALID -j DROP',
  '-A ufw-before-input -p icmp -m icmp --icmp-type 3 -j ACCEPT',
  '-A ufw-before-input -p icmp -m icmp --icmp-type 11 -j ACCEPT',
  '-A ufw-before-input -p icmp -m icmp --icmp-type 12 -j ACCEPT',
  '-A ufw-before-input -p icmp -m icmp --icmp-type 8 -j ACCEPT',
  '-A ufw-before-input -p udp -m udp --sport 67 --dport 68 -j ACCEPT',
];
const before6 = [
  '-A ufw-before-input -i lo -j ACCEPT',
  '-A ufw-before-input -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A ufw-before-input -p ipv6-icmp -m icmp6 --icmpv6-type 129 -j ACCEPT',
  '-A ufw-before-input -m conntrack --ctstate INVALID -j DROP',
  '-A ufw-before-input -p ipv6-icmp -m icmp6 --icmpv6-type 1 -j ACCEPT',
  '-A ufw-before-input -p ipv6-icmp -m icmp6 --icmpv6-type 2 -j ACCEPT',
  '-A ufw-before-input -p ipv6-icmp -m icmp6 --icmpv6-type 3 -j ACCEPT',
  '-A ufw-before-input -p ipv6-icmp -m icmp6 --icmpv6-type 4 -j ACCEPT',
  '-A ufw-before-input -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT',
  '-A ufw-before-input -s fe80::/10 -d fe80::/10 -p udp -m udp --sport 547 --dport 546 -j ACCEPT',
];

/** Names ufw resolves on a stock Ubuntu host (/etc/services, openssh-server's application profile). */
const knownNames: Readonly<Record<string, { port: string; proto: string | undefined }>> = {
  openssh: { port: '22', proto: 'tcp' },
  ssh: { port: '22', proto: 'tcp' },
  http: { port: '80', proto: 'tcp' },
  // /etc/services lists https for udp too (HTTP/3): ufw allows both.
  https: { port: '443', proto: undefined },
};

interface Placed {
  readonly cmd: HostCommand;
  readonly rule: UfwRule;
}

function familyOfAddress(a: string | undefined): IpFamily | undefined {
  if (a === undefined) return undefined;
  return a.includes(':') ? 'ipv6' : 'ipv4';
}

/** Ports as ufw writes them: service names resolved, or undefined when a name is not known here. */
function resolvedPorts(list: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const p of list) {
    if (/^[\d:]+$/.test(p)) out.push(p);
    else {
      const k = knownNames[p.toLowerCase()];
      if (!k) return undefined;
      out.push(k.port);
    }
  }
  return out;
}

/**
 * The `-A ufw-user-input …` lines ufw writes for one rule (in `iptables-save`'s order: `-s`, `-d`,
 * `-i`, `-p`, then the port matches; one `multiport` per side as soon as either side lists or ranges
 * ports, as ufw's `format_rule` does), or undefined when a name cannot be resolved.
 */
function userLines(rule: UfwRule, family: IpFamily): string[] | undefined {
  const fams = [familyOfAddress(rule.from), familyOfAddress(rule.to)].filter((f) => f !== undefined);
  if (fams.some((f) => f !== family)) return [];
  let ports = rule.ports;
  let proto = rule.proto;
  if (rule.names.length) {
    const known = rule.names.map((n) => knownNames[n.toLowerCase()]);
    if (known.some((k) => k === undefined)) return undefined;
    ports = known.map((k) => k?.port as string);
    proto = proto ?? known[0]?.proto;
  }
  const sports = rule.sports === undefined ? undefined : resolvedPorts(rule.sports);
  if (rule.sports !== undefined && sports === undefined) return undefined;
  const protos = proto ? [proto] : ports || sports ? ['tcp', 'udp'] : [undefined];
  const addr = `${rule.from ? ` -s ${rule.from}` : ''}${rule.to ? ` -d ${rule.to}` : ''}${rule.iface ? ` -i ${rule.iface}` : ''}`;
  const multi =
    [...(ports ?? []), ...(sports ?? [])].some((p) => p.includes(':')) ||
    (ports?.length ?? 0) > 1 ||
    (sports?.length ?? 0) > 1;
  const out: string[] = [];
  for (const p of protos) {
    let match = p === undefined ? '' : ` -p ${p}`;
    if (p === 'tcp' || p === 'udp') {
      if (multi) {
        if (ports) match += ` -m multiport --dports ${ports.join(',')}`;
        if (sports) match += ` -m multiport --sports ${sports.join(',')}`;
      } else if (ports || sports) {
        match += ` -m ${p}${sports ? ` --sport ${sports[0]}` : ''}${ports ? ` --dport ${ports[0]}` : ''}`;
      }
    }
    const head = `-A ufw-user-input${addr}${match}`;
    if (rule.action === 'allow') out.push(`${head} -j ACCEPT`);
    else if (rule.action === 'deny') out.push(`${head} -j DROP`);
    else if (rule.action === 'reject') out.push(`${head} -j REJECT${p === 'tcp' ? ' --reject-with tcp-reset' : ''}`);
    else {
      out.push(
        `${head} -m conntrack --ctstate NEW -m recent --set --name DEFAULT --mask ${family === 'ipv4' ? '255.255.255.255' : 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'} --rsource`,
        `${head} -m conntrack --ctstate NEW -m recent --update --seconds 30 --hitcount 6 --name DEFAULT --mask ${family === 'ipv4' ? '255.255.255.255' : 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'} --rsource -j REJECT`,
        `${head} -j ACCEPT`,
      );
    }
  }
  return out;
}

function commandText(cmd: HostCommand): string {
  return cmd.words.map((w) => w.value).join(' ');
}

function spanOf(cmd: HostCommand): [number, number] {
  return [cmd.words[0]?.start ?? 0, cmd.words[cmd.words.length - 1]?.end ?? 0];
}

/**
 * The rules ufw loads at first boot when the user-data enables it (`ufw enable` in `bootcmd`,
 * `runcmd` or a script it writes, read by the same parser as `cloud-config/ufw-lockout`), for IPv4
 * and (unless /etc/default/ufw is written with `IPV6=no`) IPv6. Empty when ufw is not enabled.
 */
export function ufwRulesOf(model: CloudConfigModel): UfwRules[] {
  const out = ufwRulesAlone(model);
  // DOCKER-USER rules the user-data adds to /etc/ufw/after.rules (after6.rules): ufw loads them too.
  return out.map((u) => {
    const file = u.family === 'ipv4' ? '/etc/ufw/after.rules' : '/etc/ufw/after6.rules';
    const added: string[] = [];
    const lines = new Map(u.lines);
    const text = u.text.split('\n');
    const at = text.indexOf('COMMIT');
    for (const region of model.regions) {
      if (region.path !== file || region.encoded) continue;
      let offset = 0;
      for (const line of region.text.split('\n')) {
        const trimmed = line.trim();
        if (/^-A[ \t]+DOCKER-USER\b/.test(trimmed)) {
          const start = toDocumentOffset(region, offset + line.indexOf(trimmed));
          lines.set(at + 1 + added.length, {
            text: trimmed,
            span: [start, toDocumentOffset(region, offset + line.indexOf(trimmed) + trimmed.length)],
          });
          added.push(trimmed);
        }
        offset += line.length + 1;
      }
    }
    if (!added.length) return u;
    // Before COMMIT: the declaration, then the rules (ufw's own lines all sit before COMMIT).
    text.splice(at, 0, ':DOCKER-USER - [0:0]', ...added);
    return { ...u, text: text.join('\n'), lines };
  });
}

/** Places of ufw's rules files in a user-data: they add to ufw's rules rather than stand alone. */
export function isUfwRulesPath(path: string | undefined): boolean {
  return path !== undefined && /^\/etc\/ufw\/(before|after|user)6?\.rules$/.test(path);
}

function ufwRulesAlone(model: CloudConfigModel): UfwRules[] {
  const ctx = new RuleContext(model);
  const cmds = hostCommands(ctx)
    .filter((c) => programOf(c) === 'ufw')
    .map((c) => ({ c, u: parseUfw(c.words) }));
  let enable: HostCommand | undefined;
  for (const { c, u } of cmds) {
    if (u.verb === 'enable') enable = c;
    else if (u.verb === 'disable' || u.verb === 'reset') enable = undefined;
  }
  if (!enable) return [];
  let incoming: HostCommand | undefined;
  let value = 'deny';
  const rules: Placed[] = [];
  for (const { c, u } of cmds) {
    if (u.error) continue;
    if (u.verb === 'default' && u.policy?.direction === 'incoming') {
      incoming = c;
      value = u.policy.value;
    }
    const r = u.rule;
    if (!r || r.route || r.direction !== 'in') continue;
    if (r.delete) {
      const same = JSON.stringify({ ...r, delete: false });
      const at = rules.findIndex((x) => JSON.stringify(x.rule) === same);
      if (at >= 0) rules.splice(at, 1);
      continue;
    }
    if (u.insertAt !== undefined) rules.splice(u.insertAt - 1, 0, { cmd: c, rule: r });
    else rules.push({ cmd: c, rule: r });
  }
  const policy: UfwLineSource = incoming
    ? { text: commandText(incoming), span: spanOf(incoming) }
    : { text: `ufw's default incoming policy (deny), \`${commandText(enable)}\``, span: spanOf(enable) };
  const v6off = model.regions.some(
    (r) => r.path === '/etc/default/ufw' && /^[ \t]*IPV6[ \t]*=[ \t]*"?no"?/im.test(r.text),
  );
  const out: UfwRules[] = [];
  for (const family of v6off ? (['ipv4'] as const) : (['ipv4', 'ipv6'] as const)) {
    const head = [
      '*filter',
      `:INPUT ${value === 'allow' ? 'ACCEPT' : 'DROP'} [0:0]`,
      ':ufw-before-input - [0:0]',
      ':ufw-user-input - [0:0]',
      '-A INPUT -j ufw-before-input',
    ];
    if (value === 'reject') head.push('-A INPUT -j REJECT');
    const lines = new Map<number, UfwLineSource>();
    const unresolved = new Map<string, string>();
    const text = [...head];
    if (value === 'reject') lines.set(text.length - 1, policy);
    for (const l of family === 'ipv4' ? before4 : before6) {
      lines.set(text.length, {
        text: `ufw ${family === 'ipv4' ? 'before.rules' : 'before6.rules'}: ${l}`,
        span: undefined,
      });
      text.push(l);
    }
    text.push('-A ufw-before-input -j ufw-user-input');
    for (const { cmd, rule } of rules) {
      const made = userLines(rule, family);
      // A name we cannot resolve: the rule matches what we cannot know (a set stands for it).
      const set = `ufw-app-${[...rule.names, ...(rule.sports ?? [])].join('_').replace(/\W/g, '_')}`;
      if (!made) unresolved.set(set, unresolvedReason(rule));
      const target = rule.action === 'deny' ? 'DROP' : rule.action === 'reject' ? 'REJECT' : 'ACCEPT';
      const synthesized = made ?? [`-A ufw-user-input -m set --match-set ${set} dst -j ${target}`];
      for (const l of synthesized) {
        lines.set(text.length, { text: commandText(cmd), span: spanOf(cmd) });
        text.push(l);
      }
    }
    text.push('COMMIT', '');
    out.push({ family, text: text.join('\n'), lines, policy, unresolved });
  }
  return out;
}
