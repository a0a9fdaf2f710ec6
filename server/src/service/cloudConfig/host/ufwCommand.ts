import type { Word } from '../../docker/commandWords';

/** A `ufw` command line read as ufw 0.36 reads it (docs/facts/hosts.md, fact 8). */
export interface UfwCommand {
  readonly verb: string;
  /** For `default`: the policy and direction (`deny`, `incoming`). */
  readonly policy?: { readonly value: string; readonly direction: string };
  /** For rules (`allow`, `deny`, `reject`, `limit`): what the rule lets in. */
  readonly rule?: UfwRule;
  /** Why ufw refuses the command, if it does. */
  readonly error?: string;
  readonly words: readonly Word[];
  /** `insert N`: the position asked for. */
  readonly insertAt?: number;
}

export interface UfwRule {
  readonly action: 'allow' | 'deny' | 'reject' | 'limit';
  readonly route: boolean;
  readonly delete: boolean;
  readonly direction: 'in' | 'out';
  /** Destination ports (numbers and ranges) or undefined for every port; service/app names as written. */
  readonly ports: readonly string[] | undefined;
  readonly names: readonly string[];
  readonly proto: string | undefined;
  /** `from ADDR` and `to ADDR` (undefined for `any` or none written). */
  readonly from?: string;
  readonly to?: string;
  /** `in on IFACE`: the interface the rule is limited to (ufw writes `-i IFACE`). */
  readonly iface?: string;
  /** `from … port P`: source ports (numbers and ranges) or service names, undefined for any. */
  readonly sports?: readonly string[];
}

const actions = new Set(['allow', 'deny', 'reject', 'limit']);
const keywords = new Set(['from', 'to', 'port', 'proto', 'on', 'in', 'out', 'comment', 'app', 'any']);
const protocols = new Set(['tcp', 'udp', 'ah', 'esp', 'gre', 'ipv6', 'igmp']);

function validPortPart(p: string): boolean {
  const range = p.split(':');
  if (range.length > 2 || range.some((x) => !/^\d+$/.test(x) || Number(x) < 1 || Number(x) > 65535)) return false;
  return range.length === 1 || Number(range[0]) < Number(range[1]);
}

/** `22`, `80,443`, `6000:6007`: the ports, or an error. */
function portList(spec: string, proto: string | undefined): { ports?: string[]; error?: string } {
  const parts = spec.split(',');
  if (parts.some((p) => !validPortPart(p))) return { error: 'Bad port' };
  if ((parts.length > 1 || spec.includes(':')) && proto !== 'tcp' && proto !== 'udp')
    return { error: "Must specify 'tcp' or 'udp' with multiple ports" };
  return { ports: parts };
}

function validAddress(a: string): boolean {
  if (a === 'any') return true;
  const [ip, len, ...more] = a.split('/');
  if (more.length || ip === undefined) return false;
  if (ip.includes(':'))
    return /^[0-9a-fA-F:]+$/.test(ip) && (len === undefined || (/^\d+$/.test(len) && Number(len) <= 128));
  const o = ip.split('.');
  if (o.length !== 4 || o.some((x) => !/^\d{1,3}$/.test(x) || Number(x) > 255)) return false;
  return len === undefined || (/^\d+$/.test(len) && Number(len) <= 32) || /^\d{1,3}(\.\d{1,3}){3}$/.test(len);
}

/** A service or app name (resolved by ufw through /etc/services or application profiles). */
const nameLike = /^[A-Za-z][\w .+-]*$/;

function parseRule(
  action: UfwRule['action'],
  args: readonly string[],
  route: boolean,
  del: boolean,
): { rule?: UfwRule; error?: string } {
  let i = 0;
  let direction: 'in' | 'out' = 'in';
  let iface: string | undefined;
  let explicitDirection = false;
  if (args[i] === 'in' || args[i] === 'out') {
    direction = args[i++] as 'in' | 'out';
    explicitDirection = true;
  }
  // `on IFACE` only after `in` or `out` (ufw 0.36: `allow on eth0 …` is "Invalid token 'on'").
  if (args[i] === 'on') {
    if (!explicitDirection) return { error: "Invalid token 'on'" };
    iface = args[i + 1];
    if (iface === undefined) return { error: 'Wrong number of arguments' };
    i += 2;
  }
  const rest = args.slice(i);
  const ci = rest.indexOf('comment');
  const body = ci >= 0 ? rest.slice(0, ci) : rest;
  // `allow in on eth0` alone is every packet on that interface; the short form (`allow in on eth0 80`)
  // is refused ("Wrong number of arguments").
  if (body.length === 0 && iface !== undefined)
    return { rule: { action, route, delete: del, direction, ports: undefined, names: [], proto: undefined, iface } };
  if (body.length === 0) return { error: 'Wrong number of arguments' };
  const extended = body.some((w) => w === 'from' || w === 'to' || w === 'proto');
  if (!extended && iface !== undefined) return { error: 'Wrong number of arguments' };
  if (!extended) {
    if (body.length > 1) return { error: "Need 'to' or 'from' clause" };
    const spec = body[0] as string;
    const slash = spec.indexOf('/');
    const portPart = slash >= 0 ? spec.slice(0, slash) : spec;
    const proto = slash >= 0 ? spec.slice(slash + 1) : undefined;
    if (/^[\d,:]+$/.test(portPart)) {
      if (proto !== undefined && proto !== 'tcp' && proto !== 'udp') return { error: 'Bad port' };
      const pl = portList(portPart, proto);
      if (pl.error) return { error: pl.error };
      return { rule: { action, route, delete: del, direction, ports: pl.ports, names: [], proto } };
    }
    if (!nameLike.test(portPart)) return { error: 'Bad port' };
    return { rule: { action, route, delete: del, direction, ports: undefined, names: [portPart], proto } };
  }
  let proto: string | undefined;
  let toPort: string | undefined;
  let fromPort: string | undefined;
  let from: string | undefined;
  let to: string | undefined;
  const names: string[] = [];
  for (let k = 0; k < body.length; k++) {
    const w = body[k] as string;
    const next = body[k + 1];
    if (w === 'proto') {
      if (next === undefined || !protocols.has(next)) return { error: `Unsupported protocol '${next ?? ''}'` };
      proto = next;
      k++;
    } else if (w === 'from' || w === 'to') {
      if (next === undefined) return { error: 'Wrong number of arguments' };
      if (!validAddress(next)) return { error: w === 'from' ? 'Bad source address' : 'Bad destination address' };
      if (next !== 'any') {
        if (w === 'from') from = next;
        else to = next;
      }
      k++;
      if (body[k + 1] === 'port' || body[k + 1] === 'app') {
        const value = body[k + 2];
        if (value === undefined) return { error: 'Wrong number of arguments' };
        if (w === 'to') {
          if (body[k + 1] === 'app') names.push(value);
          else toPort = value;
        } else if (body[k + 1] === 'port') fromPort = value;
        k += 2;
      }
    } else if (!keywords.has(w)) {
      return { error: `Invalid token '${w}'` };
    }
  }
  let ports: string[] | undefined;
  if (toPort !== undefined) {
    if (/^[\d,:]+$/.test(toPort)) {
      const pl = portList(toPort, proto);
      if (pl.error) return { error: pl.error };
      ports = pl.ports;
    } else if (nameLike.test(toPort)) names.push(toPort);
    else return { error: 'Bad port' };
  }
  let sports: string[] | undefined;
  if (fromPort !== undefined) {
    if (/^[\d,:]+$/.test(fromPort)) {
      const pl = portList(fromPort, proto);
      if (pl.error) return { error: pl.error };
      sports = pl.ports;
    } else if (nameLike.test(fromPort)) sports = [fromPort];
    else return { error: 'Bad port' };
  }
  return {
    rule: {
      action,
      route,
      delete: del,
      direction,
      ports,
      names,
      proto,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(iface !== undefined ? { iface } : {}),
      ...(sports !== undefined ? { sports } : {}),
    },
  };
}

/** Read a `ufw …` command (its first word is the program). */
export function parseUfw(words: readonly Word[]): UfwCommand {
  const args = words
    .slice(1)
    .map((w) => w.value)
    .filter((v) => v !== '--force' && v !== '--dry-run' && v !== '-f');
  let i = 0;
  let route = false;
  let del = false;
  if (args[i] === 'route') {
    route = true;
    i++;
  }
  if (args[i] === 'delete') {
    del = true;
    i++;
  }
  let insertAt: number | undefined;
  if (args[i] === 'insert') {
    insertAt = Number(args[i + 1]);
    i += 2;
  } else if (args[i] === 'prepend') i++;
  const verb = args[i] ?? '';
  if (verb === 'default') {
    const value = args[i + 1] ?? '';
    const direction = args[i + 2] ?? 'incoming';
    const error = !/^(allow|deny|reject)$/.test(value)
      ? 'Invalid policy'
      : !/^(incoming|outgoing|routed|input|output|forward)$/.test(direction)
        ? 'Invalid direction'
        : undefined;
    return {
      verb,
      policy: {
        value,
        direction: direction === 'input' ? 'incoming' : direction === 'output' ? 'outgoing' : direction,
      },
      ...(error ? { error } : {}),
      words,
    };
  }
  if (actions.has(verb)) {
    const r = parseRule(verb as UfwRule['action'], args.slice(i + 1), route, del);
    const badPosition =
      insertAt !== undefined && !(Number.isInteger(insertAt) && insertAt >= 1)
        ? `Invalid position '${args[i - 1] ?? ''}'`
        : undefined;
    const error = r.error ?? badPosition;
    return {
      verb,
      ...(r.rule ? { rule: r.rule } : {}),
      ...(error ? { error } : {}),
      ...(insertAt !== undefined ? { insertAt } : {}),
      words,
    };
  }
  return { verb, words };
}

/** Does this rule let new SSH connections in (any of the given ports, the `ssh` service or the OpenSSH profile)? */
export function allowsSsh(rule: UfwRule, sshPorts: readonly number[]): boolean {
  if ((rule.action !== 'allow' && rule.action !== 'limit') || rule.route || rule.delete || rule.direction !== 'in')
    return false;
  if (rule.proto !== undefined && rule.proto !== 'tcp') return false;
  // A client's source port is one it picks: a rule for some source ports does not let SSH in.
  if (rule.sports !== undefined) return false;
  if (rule.names.some((n) => /^(ssh|openssh)$/i.test(n))) return true;
  if (rule.ports === undefined) return rule.names.length === 0;
  return rule.ports.some((p) => {
    const [a, b] = p.split(':').map(Number) as [number, number | undefined];
    return sshPorts.some((s) => (b === undefined ? s === a : s >= a && s <= b));
  });
}
