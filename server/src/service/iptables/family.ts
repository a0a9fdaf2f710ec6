/**
 * Whether a rules file is for iptables (IPv4) or ip6tables (IPv6): from where it is written, else from its addresses.
 */
import type { EmbeddedContext } from '../embedded/languages';
import type { IpFamily } from './ast';

const ip6Path = /ip6tables|rules\.v6|\.ip6tables$|(^|[/\\])[^/\\]*6\.rules$|ipv6/i;
const ip4Path = /iptables|rules\.v4|ipv4/i;

/** The family a path names, or undefined when the path does not say (the file name decides first). */
export function familyOfPath(path: string | undefined): IpFamily | undefined {
  if (!path) return undefined;
  const base = path.split(/[/\\]/).pop() ?? path;
  for (const p of [base, path]) {
    if (ip6Path.test(p)) return 'ipv6';
    if (ip4Path.test(p)) return 'ipv4';
  }
  return undefined;
}

/** The last text asked about: validation, completion and hover of one version ask for the same text. */
let lastText: string | undefined;
let lastFamily: IpFamily = 'ipv4';

/** IPv6 when the rules' addresses are clearly IPv6 (and none is IPv4). */
export function familyOfContent(text: string): IpFamily {
  if (text === lastText) return lastFamily;
  lastFamily = scanFamily(text);
  lastText = text;
  return lastFamily;
}

/** Addresses and ICMP names only IPv6 rules use. */
const v6Address =
  /(?:^|\s)(?:-s|-d|--source|--destination|--src|--dst)\s+!?\s*[0-9a-fA-F]*:[0-9a-fA-F:]*:[0-9a-fA-F:./]*/m;
const v6Icmp = /-p\s+(?:ipv6-icmp|icmpv6)\b|--icmpv6-type|icmp6-/;
/** Addresses and ICMP names only IPv4 rules use. */
const v4Address = /(?:^|\s)(?:-s|-d|--source|--destination|--src|--dst)\s+!?\s*\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/m;
const v4Icmp = /--icmp-type|icmp-(?:port|host|net|proto|admin)-/;

/**
 * IPv6 only when there is IPv6 evidence and no IPv4 evidence. The IPv4 evidence is looked for first: in
 * an IPv4 file it is found near the top, and the IPv6 patterns (which read the whole text when they find
 * nothing) are then not needed. In a 100k-line kube-proxy dump that is ~0.3 ms per new text instead of ~12.
 */
function scanFamily(text: string): IpFamily {
  if (v4Address.test(text) || v4Icmp.test(text)) return 'ipv4';
  return v6Address.test(text) || v6Icmp.test(text) ? 'ipv6' : 'ipv4';
}

/**
 * The family of the file a language context describes: the ip6tables language (chosen from the path by
 * the caller), else the region's path or the document's file name, else the addresses in the text.
 */
export function familyOf(ctx: EmbeddedContext, language?: 'iptables' | 'ip6tables'): IpFamily {
  if (ctx.family && !ctx.region) return ctx.family;
  if (language === 'ip6tables' || ctx.region?.language === 'ip6tables') return 'ipv6';
  let uriPath: string | undefined;
  try {
    uriPath = ctx.uri ? decodeURIComponent(ctx.uri) : undefined;
  } catch {
    uriPath = ctx.uri;
  }
  const fromPath = familyOfPath(ctx.region?.path) ?? familyOfPath(uriPath);
  if (fromPath) return fromPath;
  return familyOfContent(ctx.text);
}
