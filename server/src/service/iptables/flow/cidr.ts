/** IPv4/IPv6 networks as numbers, for containment tests (flow rules) and address hovers. */

export interface Cidr {
  readonly family: 4 | 6;
  /** First address of the network (host bits cleared). */
  readonly base: bigint;
  readonly prefix: number;
}

/** Dotted quad to its number: four parts of 1-3 digits, each at most 255 (read without splitting the text). */
function parseIpv4(text: string): bigint | undefined {
  let value = 0,
    part = 0,
    digits = 0,
    dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3 || part > 255) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return BigInt(value * 256 + part);
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  let tail4: bigint | undefined;
  let body = text;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    tail4 = parseIpv4(text.slice(lastColon + 1));
    if (tail4 === undefined) return undefined;
    body = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = body.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...headGroups, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...tailGroups];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== undefined) value = (value & ~0xffffffffn) | tail4;
  return value;
}

function bits(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

const masks: Record<4 | 6, bigint[]> = { 4: [], 6: [] };

/** The network mask of a prefix length (computed once per family and length). */
export function maskOf(family: 4 | 6, prefix: number): bigint {
  const known = masks[family][prefix];
  if (known !== undefined) return known;
  const total = bits(family);
  const mask = ((1n << BigInt(total)) - 1n) ^ ((1n << BigInt(total - prefix)) - 1n);
  masks[family][prefix] = mask;
  return mask;
}

/** Dotted mask (`255.255.0.0`) to a prefix length, when it is contiguous. */
function dottedMaskPrefix(text: string): number | undefined {
  const value = parseIpv4(text);
  if (value === undefined) return undefined;
  for (let p = 0; p <= 32; p++) if (maskOf(4, p) === value) return p;
  return undefined;
}

/** `10.0.0.0/8`, `192.168.1.5`, `10.0.0.0/255.0.0.0`, `2001:db8::/32` — undefined for anything else (host names). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const maskText = slash < 0 ? undefined : text.slice(slash + 1);
  const v4 = parseIpv4(addr);
  const family: 4 | 6 | undefined = v4 !== undefined ? 4 : parseIpv6(addr) !== undefined ? 6 : undefined;
  if (family === undefined) return undefined;
  const value = (family === 4 ? v4 : parseIpv6(addr)) as bigint;
  let prefix = bits(family);
  if (maskText !== undefined) {
    if (/^\d{1,3}$/.test(maskText)) prefix = Number(maskText);
    else if (family === 4 && dottedMaskPrefix(maskText) !== undefined) prefix = dottedMaskPrefix(maskText) as number;
    else return undefined;
    if (prefix > bits(family)) return undefined;
  }
  return { family, base: value & maskOf(family, prefix), prefix };
}

/** The number of addresses in the network. */
export function cidrSize(c: Cidr): bigint {
  return 1n << BigInt(bits(c.family) - c.prefix);
}

export function cidrLast(c: Cidr): bigint {
  return c.base + cidrSize(c) - 1n;
}

/** `outer` contains every address of `inner`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.family === inner.family &&
    outer.prefix <= inner.prefix &&
    (inner.base & maskOf(outer.family, outer.prefix)) === outer.base
  );
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

export function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Shorten the longest run of zero groups (two or more) to `::`.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLen).join(':')}`;
}

export function formatCidr(c: Cidr): string {
  return `${formatAddress(c.family, c.base)}/${c.prefix}`;
}

const privateNets = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '100.64.0.0/10',
  '0.0.0.0/8',
  '224.0.0.0/4',
  '240.0.0.0/4',
  'fc00::/7',
  'fe80::/10',
  '::1/128',
  'ff00::/8',
  '::/128',
].map((t) => parseCidr(t) as Cidr);

/**
 * The network lies in private, loopback, link-local, shared or multicast space: no internet host has such an address.
 */
export function isNonPublic(c: Cidr): boolean {
  return privateNets.some((p) => cidrContains(p, c));
}

/** What kind of space a network is in, in a few words (for hovers). */
export function describeSpace(c: Cidr): string | undefined {
  const named: Array<[string, string]> = [
    ['127.0.0.0/8', 'loopback'],
    ['::1/128', 'loopback'],
    ['10.0.0.0/8', 'private (RFC 1918)'],
    ['172.16.0.0/12', 'private (RFC 1918)'],
    ['192.168.0.0/16', 'private (RFC 1918)'],
    ['100.64.0.0/10', 'carrier-grade NAT (RFC 6598)'],
    ['169.254.0.0/16', 'link-local'],
    ['fe80::/10', 'link-local'],
    ['fc00::/7', 'unique local (private IPv6)'],
    ['224.0.0.0/4', 'multicast'],
    ['ff00::/8', 'multicast'],
    ['192.0.2.0/24', 'documentation (TEST-NET-1)'],
    ['198.51.100.0/24', 'documentation (TEST-NET-2)'],
    ['203.0.113.0/24', 'documentation (TEST-NET-3)'],
    ['2001:db8::/32', 'documentation'],
  ];
  for (const [net, name] of named) {
    const n = parseCidr(net) as Cidr;
    if (cidrContains(n, c)) return name;
  }
  return undefined;
}
