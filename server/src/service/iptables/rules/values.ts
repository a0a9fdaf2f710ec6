import type { IptablesCode } from '../catalogue';
/** Argument values: addresses, ports, ICMP types, states, protocols, rates, log levels, interfaces… */
import type { IpFamily, Token } from '../ast';
import type { Finding } from '../../types';
import type { RuleAnalysis, ResolvedOption } from '../analyzeRule';
import { checkAddress, checkPortList, checkPortRange, parseUint } from '../addresses';
import { lookupIcmpType } from '../../data/iptables/icmpTypes';
import { ctStates, ctStatuses, stateMatchStates } from '../../data/iptables/conntrack';
import { lookupProtocol } from '../../data/iptables/protocols';
import { rejectTypes } from '../../data/iptables/targets';

const syntax = 'iptables/syntax' as const;
const logLevels = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug', 'panic'];

function at(tok: Token, code: IptablesCode, message: string, from = 0, to = tok.end - tok.start): Finding {
  const q = tok.quoted && tok.raw.startsWith('"') ? 1 : 0;
  return { code, message, start: tok.start + q + from, end: Math.min(tok.start + q + to, tok.end) };
}

function checkAddressWord(tok: Token, family: IpFamily, out: Finding[], list: boolean, allowMask = true): void {
  let offset = 0;
  for (const part of list ? tok.value.split(',') : [tok.value]) {
    const r = checkAddress(part, family, allowMask);
    if (!r.ok) out.push(at(tok, 'iptables/invalid-address', r.message, offset + r.start, offset + Math.max(r.end, r.start + 1)));
    else if (r.hostname) out.push(at(tok, 'iptables/hostname', `\`${part}\` is a host name: iptables looks it up once, when the rules load. At early boot DNS is often not up yet and the whole restore fails; if the address changes later the rule keeps the old one. Use an address.`, offset, offset + part.length));
    offset += part.length + 1;
  }
}

function checkStates(tok: Token, allowed: readonly string[], what: string, out: Finding[]): void {
  let offset = 0;
  for (const part of tok.value.split(',')) {
    if (!allowed.includes(part.toUpperCase())) {
      const message = part === ''
        ? `The ${what} list has an empty entry: write it as one comma list without spaces, e.g. RELATED,ESTABLISHED.`
        : `\`${part}\` is not a ${what}: use ${allowed.join(', ')}.`;
      out.push(at(tok, 'iptables/invalid-state', message, offset, offset + Math.max(part.length, 1)));
    }
    offset += part.length + 1;
  }
}

function checkOne(r: ResolvedOption, a: RuleAnalysis, family: IpFamily, out: Finding[]): void {
  const tok = r.use.args[0];
  if (!tok) return;
  const v = tok.value;
  const name = r.spec.name;
  switch (r.spec.arg) {
    case 'address-list': checkAddressWord(tok, family, out, true); break;
    case 'address': checkAddressWord(tok, family, out, false); break;
    case 'address-range': {
      const parts = v.split('-');
      if (parts.length > 2) out.push(at(tok, 'iptables/invalid-address', `\`${v}\` is not a from-to address range.`));
      else for (const [i, p] of parts.entries()) {
        const res = checkAddress(p, family, false);
        const off = i === 0 ? 0 : (parts[0]?.length ?? 0) + 1;
        if (!res.ok || res.hostname) out.push(at(tok, 'iptables/invalid-address', `\`${p}\` is not a valid ${family === 'ipv6' ? 'IPv6' : 'IPv4'} address (ranges take addresses, not names).`, off, off + Math.max(p.length, 1)));
      }
      break;
    }
    case 'interface':
      if (v.length > 15) out.push(at(tok, syntax, `Interface name \`${v}\` is longer than 15 characters. Linux interface names cannot be, and iptables-restore fails.`));
      break;
    case 'port': {
      const res = checkPortRange(v);
      if (!res.ok) out.push(at(tok, 'iptables/invalid-port', res.message));
      break;
    }
    case 'port-list': {
      const res = checkPortList(v);
      if (!res.ok) out.push(at(tok, 'iptables/invalid-port', res.message));
      break;
    }
    case 'port-spec':
      for (const p of v.split('-')) if (Number.isNaN(parseUint(p)) || parseUint(p) > 65535) out.push(at(tok, 'iptables/invalid-port', `\`${v}\` is not a port or port-port range.`));
      break;
    case 'icmp-type': case 'icmpv6-type': {
      const res = lookupIcmpType(v, r.spec.arg === 'icmp-type' ? 'ipv4' : 'ipv6');
      if (!res.ok) {
        const kind = r.spec.arg === 'icmp-type' ? 'ICMP' : 'ICMPv6';
        const message = res.reason === 'ambiguous'
          ? `\`${v}\` is ambiguous: it starts ${res.candidates?.map((c) => `\`${c}\``).join(' and ')}. iptables refuses it; write the full name.`
          : res.reason === 'bad-number' ? `\`${v}\` is not a valid ${kind} type/code: numbers are 0–255.` : `\`${v}\` is not an ${kind} type name iptables knows.`;
        out.push(at(tok, 'iptables/invalid-icmp-type', message));
      }
      break;
    }
    case 'state-list': checkStates(tok, stateMatchStates, 'state (-m state)', out); break;
    case 'ctstate-list': checkStates(tok, ctStates.map((s) => s.name), 'conntrack state', out); break;
    case 'ctstatus-list': checkStates(tok, ctStatuses.map((s) => s.name), 'conntrack status', out); break;
    case 'protocol':
      if (name !== '-p' && !lookupProtocol(v)) out.push(at(tok, syntax, `\`${v}\` is not a protocol iptables knows.`));
      break;
    case 'rate': {
      const bytes = name.startsWith('--hashlimit') ? '(?:[kmg]?b)?' : '';
      const m = new RegExp(`^(\\d+)${bytes}(?:/(s(?:e(?:c(?:o(?:n(?:d)?)?)?)?)?|m(?:i(?:n(?:u(?:t(?:e)?)?)?)?)?|h(?:o(?:u(?:r)?)?)?|d(?:a(?:y)?)?))?$`, 'i').exec(v);
      if (!m) out.push(at(tok, syntax, `\`${v}\` is not a rate. Write NUMBER/second, /minute, /hour or /day (or a prefix such as /s, /min).`));
      else if (Number(m[1]) === 0) out.push(at(tok, syntax, 'A rate of 0 is refused: use at least 1 per unit.'));
      else if (!bytes && (m[2] ?? 's').toLowerCase().startsWith('s') && Number(m[1]) > 10000) out.push(at(tok, syntax, 'Rate too fast: the limit match allows at most 10000/second.'));
      break;
    }
    case 'log-level': {
      const n = parseUint(v);
      if (!(n <= 7) && !logLevels.includes(v.toLowerCase())) out.push(at(tok, syntax, `\`${v}\` is not a log level: use 0–7 or ${logLevels.slice(0, 8).join(', ')}.`));
      break;
    }
    case 'reject-type': {
      const own = rejectTypes[family].flat() as readonly string[];
      if (!own.includes(v)) {
        const other = (rejectTypes[family === 'ipv4' ? 'ipv6' : 'ipv4'].flat() as readonly string[]).includes(v);
        out.push(at(tok, syntax, other ? `\`${v}\` is a REJECT answer of ${family === 'ipv4' ? 'ip6tables' : 'iptables'}, not of this ${family === 'ipv4' ? 'IPv4' : 'IPv6'} file. Use one of ${rejectTypes[family].map((p) => p[0]).join(', ')}.` : `\`${v}\` is not a REJECT answer. Use one of ${rejectTypes[family].map((p) => p[0]).join(', ')}.`));
      }
      break;
    }
    case 'enum': case 'enum-list': {
      const values = r.spec.values ?? [];
      const norm = (s: string): string => (r.spec.caseInsensitive ? s.toUpperCase() : s);
      const words = r.spec.arg === 'enum-list' ? r.use.args.slice(0, r.spec.args ?? 1).flatMap((t) => t.value.split(',')) : [v];
      const bad = words.find((w) => !values.map(norm).includes(norm(w)));
      if (bad !== undefined) out.push(at(tok, syntax, `\`${bad}\` is not a valid value for ${name}: use ${values.join(', ')}.`));
      break;
    }
    case 'number':
      if (Number.isNaN(parseUint(v))) out.push(at(tok, syntax, `${name} takes a number; \`${v}\` is not one.`));
      break;
    case 'mark': {
      const [val = '', mask] = v.split('/');
      if (Number.isNaN(parseUint(val)) || (mask !== undefined && Number.isNaN(parseUint(mask)))) out.push(at(tok, syntax, `\`${v}\` is not a mark: write value[/mask] in decimal or 0x hex.`));
      break;
    }
    case 'set-name': {
      const flags = r.use.args[1];
      if (flags && !/^(src|dst)(,(src|dst)){0,5}$/.test(flags.value)) out.push(at(flags, syntax, `\`${flags.value}\` is not a set direction list: use src or dst, comma-separated (one per set dimension, at most 6).`));
      break;
    }
    case 'nat-address': {
      const m = /^(?:\[([^\]]*)\]|([^:]*))(?::(.*))?$/.exec(family === 'ipv6' && !v.startsWith('[') ? `[${v}]` : v);
      const ips = (m?.[1] ?? m?.[2] ?? '').split('-').filter((s) => s !== '');
      for (const ip of ips) {
        const res = checkAddress(ip, family, false);
        if (!res.ok || res.hostname) out.push(at(tok, 'iptables/invalid-address', `\`${ip}\` is not a valid ${family === 'ipv6' ? 'IPv6' : 'IPv4'} address (NAT needs a numeric address).`));
      }
      break;
    }
    default:
      break;
  }
  void a;
}

/** Check every option value of one analysed rule. */
export function checkValues(a: RuleAnalysis, family: IpFamily): Finding[] {
  const out: Finding[] = [];
  for (const r of a.options) checkOne(r, a, family, out);
  return out;
}
