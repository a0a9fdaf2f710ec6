/** Address, mask and port words as iptables reads them (numbers in C `strtoul` base 0: 0x.. hex, 0.. octal). */
import type { IpFamily } from './ast';
import { servicePort } from '../data/iptables/services';

/** A non-negative integer written as iptables accepts it, or NaN. */
export function parseUint(s: string): number {
  if (/^0x[0-9a-f]+$/i.test(s)) return parseInt(s.slice(2), 16);
  if (/^0[0-7]*$/.test(s)) return parseInt(s, 8);
  if (/^[1-9][0-9]*$/.test(s)) return Number(s);
  return NaN;
}

function ipv4(s: string, isMask: boolean): boolean {
  const parts = s.split('.');
  if (parts.length > 4 || (isMask && parts.length !== 4)) return false;
  return parts.every((p) => {
    const n = parseUint(p);
    return !Number.isNaN(n) && n <= 255;
  });
}

export function isIpv6Literal(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return false;
  let head = s;
  let groupsForV4 = 0;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = s.slice(lastColon + 1);
    if (v4.split('.').length !== 4 || !v4.split('.').every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255))
      return false;
    head = s.slice(0, lastColon + 1) + '0';
    groupsForV4 = 1;
  }
  const dbl = head.split('::');
  if (dbl.length > 2) return false;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const left = groups(dbl[0] ?? '');
  const right = dbl.length === 2 ? groups(dbl[1] ?? '') : [];
  if (![...left, ...right].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = left.length + right.length + groupsForV4;
  return dbl.length === 2 ? count <= 7 : count === 8;
}

const hostnameLike = /^(?=.*[A-Za-z])[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?\.?$/;

export type AddressCheck =
  | { readonly ok: true; readonly hostname?: true }
  | { readonly ok: false; readonly message: string; readonly start: number; readonly end: number };

/**
 * Check one `addr[/mask]` word (offsets relative to the word). `allowMask` false for range ends and
 * NAT addresses. Host names are reported as `hostname` (they resolve at load time, if DNS works).
 */
export function checkAddress(word: string, family: IpFamily, allowMask = true): AddressCheck {
  const slash = word.lastIndexOf('/');
  const addr = allowMask && slash >= 0 ? word.slice(0, slash) : word;
  const mask = allowMask && slash >= 0 ? word.slice(slash + 1) : undefined;
  const bad = (message: string, start = 0, end = word.length): AddressCheck => ({ ok: false, message, start, end });
  const v6 = family === 'ipv6';
  let hostname = false;
  if (addr === '') return bad('An address is missing here.');
  if (v6 ? !isIpv6Literal(addr) : !ipv4(addr, false)) {
    if (!v6 && isIpv6Literal(addr))
      return bad(
        `\`${addr}\` is an IPv6 address: iptables (IPv4) cannot use it; put the rule in the ip6tables file.`,
        0,
        addr.length,
      );
    if (v6 && /^[0-9.]+$/.test(addr) && addr.includes('.'))
      return bad(
        `\`${addr}\` is an IPv4 address: ip6tables cannot use it; put the rule in the iptables file.`,
        0,
        addr.length,
      );
    if (hostnameLike.test(addr) && !/^[0-9.]+$/.test(addr)) hostname = true;
    else
      return bad(
        `\`${addr}\` is not a valid ${v6 ? 'IPv6' : 'IPv4'} address: iptables-restore fails ("host/network not found").`,
        0,
        addr.length,
      );
  }
  if (mask !== undefined) {
    const at = addr.length + 1;
    const max = v6 ? 128 : 32;
    const n = parseUint(mask);
    const dotted = !v6 && mask.includes('.') && ipv4(mask, true);
    const v6mask = v6 && mask.includes(':') && isIpv6Literal(mask);
    if (!dotted && !v6mask && (Number.isNaN(n) || n > max)) {
      return bad(
        `\`/${mask}\` is not a valid mask: use a prefix length 0–${max}${v6 ? '' : ' or a dotted mask'}.`,
        at,
        word.length,
      );
    }
  }
  return hostname ? { ok: true, hostname: true } : { ok: true };
}

export type PortCheck =
  { readonly ok: true; readonly ports: number } | { readonly ok: false; readonly message: string };

/** A single port: number 0–65535 or a service name. */
export function checkPort(word: string): boolean {
  const n = parseUint(word);
  if (!Number.isNaN(n)) return n <= 65535;
  return servicePort(word) !== undefined;
}

function portValue(word: string): number {
  const n = parseUint(word);
  return Number.isNaN(n) ? (servicePort(word)?.port ?? NaN) : n;
}

/** `port`, `low:high`, `:high`, `low:`. */
export function checkPortRange(word: string): PortCheck {
  const parts = word.split(':');
  if (parts.length > 2) return { ok: false, message: `\`${word}\` is not a port or a low:high range.` };
  if (parts.length === 1) {
    return checkPort(word) ? { ok: true, ports: 1 } : { ok: false, message: portMessage(word) };
  }
  const [lo = '', hi = ''] = parts;
  if (lo !== '' && !checkPort(lo)) return { ok: false, message: portMessage(lo) };
  if (hi !== '' && !checkPort(hi)) return { ok: false, message: portMessage(hi) };
  const a = lo === '' ? 0 : portValue(lo);
  const b = hi === '' ? 65535 : portValue(hi);
  if (a > b)
    return {
      ok: false,
      message: `The range \`${word}\` is reversed (low port above high port): iptables-restore fails.`,
    };
  return { ok: true, ports: 2 };
}

function portMessage(word: string): string {
  if (word.includes(','))
    return `\`${word}\` is a list: --dport/--sport take one port or range; use -m multiport --dports for several.`;
  if (word === '') return 'A port is missing here (a space or an extra comma in the list?).';
  if (/^[0-9]+$/.test(word)) return `Port \`${word}\` is out of range: ports are 0–65535.`;
  return `\`${word}\` is neither a port number nor a known service name: iptables-restore fails.`;
}

/** A multiport list: at most 15 entries, a range counting as two. */
export function checkPortList(word: string): PortCheck {
  let total = 0;
  for (const item of word.split(',')) {
    const r = checkPortRange(item);
    if (!r.ok) return r;
    total += r.ports;
  }
  if (total > 15)
    return {
      ok: false,
      message: `Too many ports: multiport takes at most 15 (a range counts as two); this list counts ${total}.`,
    };
  return { ok: true, ports: total };
}
