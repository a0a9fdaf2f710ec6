/** Port values as iptables reads them: numbers, service names, `a:b` ranges, multiport lists. */

import { serviceNames } from '../../data/iptables/services';

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

const serviceNumbers: ReadonlyMap<string, number> = new Map(serviceNames.map(([name, port]) => [name, port]));

/** The first service name /etc/services lists for a port number. */
export function serviceName(port: number): string | undefined {
  return serviceNames.find(([, p]) => p === port)?.[0];
}

/** The port number of a number or service name; undefined when it is neither. */
export function portNumber(text: string): number | undefined {
  if (/^\d{1,5}$/.test(text)) {
    const n = Number(text);
    return n <= 65535 ? n : undefined;
  }
  return serviceNumbers.get(text);
}

/** `22`, `ssh`, `1000:2000`, `:1024`, `1024:`. */
export function parsePortRange(text: string): PortRange | undefined {
  const sep = text.indexOf(':');
  if (sep < 0) {
    const n = portNumber(text);
    return n === undefined ? undefined : { from: n, to: n };
  }
  const a = text.slice(0, sep);
  const b = text.slice(sep + 1);
  const from = a === '' ? 0 : portNumber(a);
  const to = b === '' ? 65535 : portNumber(b);
  if (from === undefined || to === undefined || from > to) return undefined;
  return { from, to };
}

/** A comma list of ports and ranges (multiport) or a single port/range; undefined when any part is not understood. */
export function parsePortList(text: string): PortRange[] | undefined {
  const out: PortRange[] = [];
  for (const part of text.split(',')) {
    const r = parsePortRange(part);
    if (!r) return undefined;
    out.push(r);
  }
  return out;
}

export function portsInclude(ranges: readonly PortRange[], port: number): boolean {
  return ranges.some((r) => r.from <= port && port <= r.to);
}

/** Every port of `inner` is in `outer`. */
export function portsCover(outer: readonly PortRange[], inner: readonly PortRange[]): boolean {
  return inner.every((r) => {
    // Walk the inner range through the outer ranges.
    let next = r.from;
    for (let guard = 0; guard < 64 && next <= r.to; guard++) {
      const hit = outer.find((o) => o.from <= next && next <= o.to);
      if (!hit) return false;
      next = hit.to + 1;
    }
    return next > r.to;
  });
}
