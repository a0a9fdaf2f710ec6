/**
 * Whether a rules file is for iptables (IPv4) or ip6tables (IPv6): from where it is written, else from its addresses.
 */
import type { EmbeddedContext } from '../embedded/languages';
import type { IpFamily } from './ast';
import type { LineTable } from '../text/lineTable';
import type { LinesRead } from '../text/largeDocument';

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
  return ctx.lines ? familyOfLines(ctx.lines) : familyOfContent(ctx.text);
}

/** A large document version's family, and where the IPv4 evidence that decided it is. */
interface LinesFamily {
  readonly family: IpFamily;
  readonly evidence?: { readonly start: number; readonly end: number };
}

const linesFamilies = new WeakMap<LineTable, LinesFamily>();

/** The first IPv4 evidence found in the lines, read a few thousand at a time (none joins the whole text). */
function ipv4Evidence(lines: LineTable): LinesFamily['evidence'] {
  const step = 2000;
  for (let line = 0; line < lines.lineCount; line += step) {
    const at = lines.lineStart(line);
    const chunk = lines.slice(at, lines.lineStart(Math.min(line + step, lines.lineCount)));
    const m = v4Address.exec(chunk) ?? v4Icmp.exec(chunk);
    if (m) return { start: at + m.index, end: at + m.index + m[0].length };
  }
  return undefined;
}

/**
 * `familyOfContent` of a large document's version. IPv4 evidence anywhere decides: it is looked for
 * in whole lines (a match there is one in the whole text), or carried over from the version before
 * when the change was not next to it. Only a text with none is read whole.
 */
function familyOfLines(read: LinesRead): IpFamily {
  const known = linesFamilies.get(read.now);
  if (known) return known.family;
  const prior = read.before && linesFamilies.get(read.before);
  let found: LinesFamily | undefined;
  if (prior?.evidence && read.stretch) {
    const { start, end } = prior.evidence;
    const { from, oldTo, newTo } = read.stretch;
    if (from >= end) found = prior;
    else if (oldTo < start)
      found = { family: 'ipv4', evidence: { start: start + newTo - oldTo, end: end + newTo - oldTo } };
  }
  if (!found) {
    const evidence = ipv4Evidence(read.now);
    found = evidence ? { family: 'ipv4', evidence } : { family: familyOfContent(read.now.text()) };
  }
  linesFamilies.set(read.now, found);
  return found.family;
}
