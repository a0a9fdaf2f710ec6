/**
 * The value checks of option arguments, one per argument kind (`args/kinds.ts` joins them with
 * completion and hover): addresses, ports, ICMP types, states, protocols, rates, log levels, interfaces…
 */
import type { IptablesCode } from '../catalogue';
import type { IpFamily, Token } from '../ast';
import type { Finding } from '../../types';
import type { ResolvedOption } from '../analyzeRule';

/** Checks the first argument `tok` of option `r` and adds what is wrong to `out`. */
export type ArgCheck = (tok: Token, r: ResolvedOption, family: IpFamily, out: Finding[]) => void;

/** For kinds whose value iptables takes as it is (or that other rules check). */
export const noCheck: ArgCheck = () => undefined;
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
    if (!r.ok)
      out.push(at(tok, 'iptables/invalid-address', r.message, offset + r.start, offset + Math.max(r.end, r.start + 1)));
    else if (r.hostname)
      out.push(
        at(
          tok,
          'iptables/hostname',
          `\`${part}\` is a host name: iptables looks it up once, when the rules load. At early boot DNS is often not up yet and the whole restore fails; if the address changes later the rule keeps the old one. Use an address.`,
          offset,
          offset + part.length,
        ),
      );
    offset += part.length + 1;
  }
}

function checkStates(tok: Token, allowed: readonly string[], what: string, out: Finding[]): void {
  let offset = 0;
  for (const part of tok.value.split(',')) {
    if (!allowed.includes(part.toUpperCase())) {
      const message =
        part === ''
          ? `The ${what} list has an empty entry: write it as one comma list without spaces, e.g. RELATED,ESTABLISHED.`
          : `\`${part}\` is not a ${what}: use ${allowed.join(', ')}.`;
      out.push(at(tok, 'iptables/invalid-state', message, offset, offset + Math.max(part.length, 1)));
    }
    offset += part.length + 1;
  }
}

export const checkAddressList: ArgCheck = (tok, _r, family, out) => checkAddressWord(tok, family, out, true);

export const checkSingleAddress: ArgCheck = (tok, _r, family, out) => checkAddressWord(tok, family, out, false);

export const checkAddressRange: ArgCheck = (tok, _r, family, out) => {
  const v = tok.value;
  const parts = v.split('-');
  if (parts.length > 2) out.push(at(tok, 'iptables/invalid-address', `\`${v}\` is not a from-to address range.`));
  else
    for (const [i, p] of parts.entries()) {
      const res = checkAddress(p, family, false);
      const off = i === 0 ? 0 : (parts[0]?.length ?? 0) + 1;
      if (!res.ok || res.hostname)
        out.push(
          at(
            tok,
            'iptables/invalid-address',
            `\`${p}\` is not a valid ${family === 'ipv6' ? 'IPv6' : 'IPv4'} address (ranges take addresses, not names).`,
            off,
            off + Math.max(p.length, 1),
          ),
        );
    }
};

export const checkInterface: ArgCheck = (tok, _r, _family, out) => {
  const v = tok.value;
  if (v.length > 15)
    out.push(
      at(
        tok,
        syntax,
        `Interface name \`${v}\` is longer than 15 characters. Linux interface names cannot be, and iptables-restore fails.`,
      ),
    );
};

export const checkPort: ArgCheck = (tok, _r, _family, out) => {
  const res = checkPortRange(tok.value);
  if (!res.ok) out.push(at(tok, 'iptables/invalid-port', res.message));
};

export const checkPorts: ArgCheck = (tok, _r, _family, out) => {
  const res = checkPortList(tok.value);
  if (!res.ok) out.push(at(tok, 'iptables/invalid-port', res.message));
};

export const checkPortSpec: ArgCheck = (tok, _r, _family, out) => {
  const v = tok.value;
  for (const p of v.split('-'))
    if (Number.isNaN(parseUint(p)) || parseUint(p) > 65535)
      out.push(at(tok, 'iptables/invalid-port', `\`${v}\` is not a port or port-port range.`));
};

function checkIcmpType(tok: Token, family: IpFamily, out: Finding[]): void {
  const v = tok.value;
  const res = lookupIcmpType(v, family);
  if (!res.ok) {
    const kind = family === 'ipv4' ? 'ICMP' : 'ICMPv6';
    const message =
      res.reason === 'ambiguous'
        ? `\`${v}\` is ambiguous: it starts ${res.candidates?.map((c) => `\`${c}\``).join(' and ')}. iptables refuses it; write the full name.`
        : res.reason === 'bad-number'
          ? `\`${v}\` is not a valid ${kind} type/code: numbers are 0–255.`
          : `\`${v}\` is not an ${kind} type name iptables knows.`;
    out.push(at(tok, 'iptables/invalid-icmp-type', message));
  }
}

export const checkIcmpv4Type: ArgCheck = (tok, _r, _family, out) => checkIcmpType(tok, 'ipv4', out);

export const checkIcmpv6Type: ArgCheck = (tok, _r, _family, out) => checkIcmpType(tok, 'ipv6', out);

export const checkStateList: ArgCheck = (tok, _r, _family, out) =>
  checkStates(tok, stateMatchStates, 'state (-m state)', out);

export const checkCtstateList: ArgCheck = (tok, _r, _family, out) =>
  checkStates(
    tok,
    ctStates.map((s) => s.name),
    'conntrack state',
    out,
  );

export const checkCtstatusList: ArgCheck = (tok, _r, _family, out) =>
  checkStates(
    tok,
    ctStatuses.map((s) => s.name),
    'conntrack status',
    out,
  );

export const checkProtocol: ArgCheck = (tok, r, _family, out) => {
  const v = tok.value;
  if (r.spec.name !== '-p' && !lookupProtocol(v))
    out.push(at(tok, syntax, `\`${v}\` is not a protocol iptables knows.`));
};

export const checkRate: ArgCheck = (tok, r, _family, out) => {
  const v = tok.value;
  const bytes = r.spec.name.startsWith('--hashlimit') ? '(?:[kmg]?b)?' : '';
  const m = new RegExp(
    `^(\\d+)${bytes}(?:/(s(?:e(?:c(?:o(?:n(?:d)?)?)?)?)?|m(?:i(?:n(?:u(?:t(?:e)?)?)?)?)?|h(?:o(?:u(?:r)?)?)?|d(?:a(?:y)?)?))?$`,
    'i',
  ).exec(v);
  if (!m)
    out.push(
      at(
        tok,
        syntax,
        `\`${v}\` is not a rate. Write NUMBER/second, /minute, /hour or /day (or a prefix such as /s, /min).`,
      ),
    );
  else if (Number(m[1]) === 0) out.push(at(tok, syntax, 'A rate of 0 is refused: use at least 1 per unit.'));
  else if (!bytes && (m[2] ?? 's').toLowerCase().startsWith('s') && Number(m[1]) > 10000)
    out.push(at(tok, syntax, 'Rate too fast: the limit match allows at most 10000/second.'));
};

export const checkLogLevel: ArgCheck = (tok, _r, _family, out) => {
  const v = tok.value;
  const n = parseUint(v);
  if (!(n <= 7) && !logLevels.includes(v.toLowerCase()))
    out.push(at(tok, syntax, `\`${v}\` is not a log level: use 0–7 or ${logLevels.slice(0, 8).join(', ')}.`));
};

export const checkRejectType: ArgCheck = (tok, _r, family, out) => {
  const v = tok.value;
  const own = rejectTypes[family].flat() as readonly string[];
  if (!own.includes(v)) {
    const other = (rejectTypes[family === 'ipv4' ? 'ipv6' : 'ipv4'].flat() as readonly string[]).includes(v);
    out.push(
      at(
        tok,
        syntax,
        other
          ? `\`${v}\` is a REJECT answer of ${family === 'ipv4' ? 'ip6tables' : 'iptables'}, not of this ${family === 'ipv4' ? 'IPv4' : 'IPv6'} file. Use one of ${rejectTypes[family].map((p) => p[0]).join(', ')}.`
          : `\`${v}\` is not a REJECT answer. Use one of ${rejectTypes[family].map((p) => p[0]).join(', ')}.`,
      ),
    );
  }
};

function checkEnumWords(tok: Token, r: ResolvedOption, out: Finding[], list: boolean): void {
  const values = r.spec.values ?? [];
  const norm = (s: string): string => (r.spec.caseInsensitive ? s.toUpperCase() : s);
  const words = list ? r.use.args.slice(0, r.spec.args ?? 1).flatMap((t) => t.value.split(',')) : [tok.value];
  const bad = words.find((w) => !values.map(norm).includes(norm(w)));
  if (bad !== undefined)
    out.push(at(tok, syntax, `\`${bad}\` is not a valid value for ${r.spec.name}: use ${values.join(', ')}.`));
}

export const checkEnum: ArgCheck = (tok, r, _family, out) => checkEnumWords(tok, r, out, false);

export const checkEnumList: ArgCheck = (tok, r, _family, out) => checkEnumWords(tok, r, out, true);

export const checkNumber: ArgCheck = (tok, r, _family, out) => {
  const v = tok.value;
  if (Number.isNaN(parseUint(v))) out.push(at(tok, syntax, `${r.spec.name} takes a number; \`${v}\` is not one.`));
};

export const checkMark: ArgCheck = (tok, _r, _family, out) => {
  const v = tok.value;
  const [val = '', mask] = v.split('/');
  if (Number.isNaN(parseUint(val)) || (mask !== undefined && Number.isNaN(parseUint(mask))))
    out.push(at(tok, syntax, `\`${v}\` is not a mark: write value[/mask] in decimal or 0x hex.`));
};

/** The set's name is checked against the sets the user-data creates (`rules/hygiene.ts`); here its direction flags. */
export const checkSetName: ArgCheck = (_tok, r, _family, out) => {
  const flags = r.use.args[1];
  if (flags && !/^(src|dst)(,(src|dst)){0,5}$/.test(flags.value))
    out.push(
      at(
        flags,
        syntax,
        `\`${flags.value}\` is not a set direction list: use src or dst, comma-separated (one per set dimension, at most 6).`,
      ),
    );
};

export const checkNatAddress: ArgCheck = (tok, _r, family, out) => {
  const v = tok.value;
  const m = /^(?:\[([^\]]*)\]|([^:]*))(?::(.*))?$/.exec(family === 'ipv6' && !v.startsWith('[') ? `[${v}]` : v);
  const ips = (m?.[1] ?? m?.[2] ?? '').split('-').filter((s) => s !== '');
  for (const ip of ips) {
    const res = checkAddress(ip, family, false);
    if (!res.ok || res.hostname)
      out.push(
        at(
          tok,
          'iptables/invalid-address',
          `\`${ip}\` is not a valid ${family === 'ipv6' ? 'IPv6' : 'IPv4'} address (NAT needs a numeric address).`,
        ),
      );
  }
};
