import type { Word } from './commandWords';
import type { PortPublication, RunFlag } from './runModel';

/** A flag whose words keep their character maps (what the parser produces). */
export interface ParsedRunFlag extends RunFlag {
  readonly flag: Word;
  readonly value: Word | undefined;
}

const loopbackV4 = /^127(\.\d{1,3}){3}$/;

/** A loopback host address: 127.0.0.0/8, ::1 (also v4-mapped), `localhost`. */
export function isLoopbackAddress(ip: string): boolean {
  const a = ip.toLowerCase();
  return (
    loopbackV4.test(a) ||
    a === 'localhost' ||
    /^(0{0,4}:){2,7}0{0,3}1$/.test(a) ||
    a === '::1' ||
    /^::ffff:127(\.\d{1,3}){3}$/.test(a)
  );
}

/** `0.0.0.0`, `::` and friends: every interface. */
export function isUnspecifiedAddress(ip: string): boolean {
  const a = ip.toLowerCase();
  return a === '0.0.0.0' || (/^[0:]+$/.test(a) && a.includes('::')) || /^(0{1,4}:){7}0{1,4}$/.test(a);
}

function protocolOf(p: string): PortPublication['protocol'] {
  const l = p.toLowerCase();
  return l === 'udp' || l === 'sctp' ? l : 'tcp';
}

/** The flag and its value as written; anything but blanks or `=` between them (a line break) shown as one space. */
function textOf(text: string, flag: ParsedRunFlag): string {
  const v = flag.value;
  if (!v || v.start < flag.flag.end) return text.slice(flag.start, flag.end);
  const gap = text.slice(flag.flag.end, v.start);
  return /^[ \t]*$/.test(gap) || gap === '=' ? text.slice(flag.start, flag.end) : `${flag.flag.raw} ${v.raw}`;
}

/** `published=80,target=5000,protocol=udp` (the long form `docker run` also accepts). */
function longForm(text: string, flag: ParsedRunFlag, value: Word): PortPublication {
  const fields = new Map<string, string>();
  for (const part of value.value.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  const target = fields.get('target');
  const published = fields.get('published');
  const protocol = protocolOf(fields.get('protocol') ?? 'tcp');
  return {
    start: flag.start,
    end: flag.end,
    text: textOf(text, flag),
    kind: 'publish',
    hostIp: undefined,
    hostPort: published || undefined,
    containerPort: target,
    protocol,
    loopbackOnly: false,
    bindEdit: target
      ? { start: value.start, end: value.end, newText: `127.0.0.1:${published ?? ''}:${target}/${protocol}` }
      : undefined,
  };
}

/**
 * How a `-p` value publishes a port, split the way Docker splits it: by `:` from the right
 * (container port last, host port before it, everything before that is the address — so `::1:80:80`
 * and `[::1]:80:80` both name ::1), protocol after `/` on the container part.
 */
export function publicationOfPublish(text: string, flag: ParsedRunFlag): PortPublication | undefined {
  const value = flag.value;
  if (!value) return undefined;
  const v = value.value;
  if (v.includes('=')) return longForm(text, flag, value);
  const parts = v.split(':');
  const n = parts.length;
  const containerPart = parts[n - 1] as string;
  const slash = containerPart.indexOf('/');
  const containerPort = slash >= 0 ? containerPart.slice(0, slash) : containerPart;
  const protocol = protocolOf(slash >= 0 ? containerPart.slice(slash + 1) : 'tcp');
  const hostPort = n >= 2 ? (parts[n - 2] as string) : '';
  const ipWritten = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
  const ip = ipWritten.startsWith('[') && ipWritten.endsWith(']') ? ipWritten.slice(1, -1) : ipWritten;
  const opaque = /^\$\{?\w+\}?$/.test(v);
  let bindEdit: PortPublication['bindEdit'];
  if (opaque) bindEdit = undefined;
  else if (!ip) {
    // `80:5000` → `127.0.0.1:80:5000`; `5000` → `127.0.0.1::5000`; `:5000` → `127.0.0.1::5000`.
    const at = value.map[0] ?? value.start;
    bindEdit = { start: at, end: at, newText: n === 1 ? '127.0.0.1::' : '127.0.0.1:' };
  } else if (!isLoopbackAddress(ip)) {
    bindEdit = {
      start: value.map[0] ?? value.start,
      end: value.map[ipWritten.length] ?? value.end,
      newText: '127.0.0.1',
    };
  }
  return {
    start: flag.start,
    end: flag.end,
    text: textOf(text, flag),
    kind: 'publish',
    hostIp: ip || undefined,
    hostPort: hostPort || undefined,
    containerPort: containerPort || undefined,
    protocol,
    loopbackOnly: ip !== '' && isLoopbackAddress(ip),
    bindEdit,
  };
}

/** `-P`: every port the image exposes, random host ports on every interface. */
export function publicationOfPublishAll(text: string, flag: ParsedRunFlag): PortPublication {
  return {
    start: flag.start,
    end: flag.end,
    text: textOf(text, flag),
    kind: 'publish-all',
    hostIp: undefined,
    hostPort: undefined,
    containerPort: undefined,
    protocol: 'tcp',
    loopbackOnly: false,
    bindEdit: undefined,
  };
}

/** `--network host`: the container listens on the host's own interfaces. */
export function publicationOfHostNetwork(text: string, flag: ParsedRunFlag): PortPublication {
  return {
    start: flag.start,
    end: flag.end,
    text: textOf(text, flag),
    kind: 'host-network',
    hostIp: undefined,
    hostPort: undefined,
    containerPort: undefined,
    protocol: 'tcp',
    loopbackOnly: false,
    bindEdit: undefined,
  };
}

/** Published on every interface: no address, `0.0.0.0`, `::`, or `-P`. (A specific address is a deliberate choice.) */
export function publishedOnEveryInterface(pub: PortPublication): boolean {
  if (pub.kind === 'publish-all') return true;
  if (pub.kind !== 'publish') return false;
  if (pub.hostIp === undefined) return !/^\$\{?\w+\}?$/.test(pub.containerPort ?? '');
  return isUnspecifiedAddress(pub.hostIp);
}
