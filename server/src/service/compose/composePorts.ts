import { isMap, isScalar, isSeq, parseDocument, type Document, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { PortPublication } from '../docker/runModel';
import { isLoopbackAddress, isUnspecifiedAddress } from '../docker/portPublication';
import { keyName, nodeRange } from '../cloudConfig/yamlNodes';

/** A Compose file name: `compose.yaml`, `docker-compose.yml`, `compose.override.yaml`, `web.compose.yaml`. */
export function isComposePath(path: string | undefined): boolean {
  if (!path) return false;
  const name = (path.split(/[\\/]/).pop() ?? '').toLowerCase();
  return /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/.test(name) || /\.compose\.ya?ml$/.test(name);
}

/** One service of a Compose file, with the nodes the checks read. */
export interface ComposeService {
  readonly name: string;
  readonly pair: Pair;
  readonly map: YAMLMap | undefined;
}

const documents = new Map<string, Document.Parsed>();

/** The parsed Compose text (one parse per text; the checks of a user-data ask several times). */
export function composeDocument(text: string): Document.Parsed {
  const known = documents.get(text);
  if (known) return known;
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: false });
  if (documents.size >= 256) documents.delete(documents.keys().next().value as string);
  documents.set(text, doc);
  return doc;
}

export function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return (map.items as Pair[]).find((p) => keyName(p.key) === key);
}

export function composeServices(doc: Document.Parsed): ComposeService[] {
  const services = pairOf(doc.contents, 'services')?.value;
  if (!isMap(services)) return [];
  return (services.items as Pair[]).map((pair) => ({
    name: keyName(pair.key) ?? '',
    pair,
    map: isMap(pair.value) ? (pair.value as YAMLMap) : undefined,
  }));
}

/** The characters of a scalar as written (plain scalars keep `8080:80`, which YAML 1.1 reads as a number). */
function scalarSource(s: Scalar): string {
  return s.type === 'PLAIN' && typeof s.source === 'string' ? s.source : String(s.value ?? '');
}

/** Where a scalar's characters start in the text (inside the quotes). */
function innerStart(s: Scalar): number {
  const r = s.range as [number, number, number];
  return s.type === 'QUOTE_DOUBLE' || s.type === 'QUOTE_SINGLE' ? r[0] + 1 : r[0];
}

/** `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` as Compose reads it (split on `:` from the right). */
function shortForm(s: Scalar): PortPublication | undefined {
  const r = nodeRange(s);
  if (!r) return undefined;
  const v = scalarSource(s);
  const parts = v.split(':');
  const n = parts.length;
  const containerPart = parts[n - 1] ?? '';
  const slash = containerPart.indexOf('/');
  const proto = (slash >= 0 ? containerPart.slice(slash + 1) : 'tcp').toLowerCase();
  const hostPort = n >= 2 ? (parts[n - 2] ?? '') : '';
  const ipWritten = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
  const ip = ipWritten.startsWith('[') && ipWritten.endsWith(']') ? ipWritten.slice(1, -1) : ipWritten;
  const opaque = /\$/.test(v);
  const start = innerStart(s);
  let bindEdit: PortPublication['bindEdit'];
  if (!opaque && typeof s.value === 'number') {
    // `- 80`: a number; the fix writes the string form.
    bindEdit = { start: r[0], end: r[1], newText: `"127.0.0.1::${v}"` };
  } else if (!opaque && !ip) {
    const needsQuotes = s.type === 'PLAIN';
    bindEdit = needsQuotes
      ? { start: r[0], end: r[1], newText: `"127.0.0.1:${n === 1 ? ':' : ''}${v}"` }
      : { start, end: start, newText: n === 1 ? '127.0.0.1::' : '127.0.0.1:' };
  } else if (!opaque && !isLoopbackAddress(ip)) {
    bindEdit = { start, end: start + ipWritten.length, newText: '127.0.0.1' };
  }
  // The message shows the port as the user means it (`8080:80`), not with the YAML quotes around it.
  return {
    start: r[0],
    end: r[1],
    text: v,
    kind: 'publish',
    hostIp: ip || undefined,
    hostPort: hostPort || undefined,
    containerPort: slash >= 0 ? containerPart.slice(0, slash) : containerPart,
    protocol: proto === 'udp' || proto === 'sctp' ? proto : 'tcp',
    loopbackOnly: ip !== '' && isLoopbackAddress(ip),
    bindEdit,
  };
}

/** `{target: 80, published: 8080, host_ip: …, protocol: …, mode: host}`. */
function longForm(text: string, map: YAMLMap): PortPublication | undefined {
  const r = nodeRange(map);
  if (!r) return undefined;
  const get = (k: string): string | undefined => {
    const v = pairOf(map, k)?.value;
    return isScalar(v) && v.value !== null && v.value !== undefined ? String(v.value) : undefined;
  };
  const ip = get('host_ip');
  const proto = (get('protocol') ?? 'tcp').toLowerCase();
  const first = map.items[0] as Pair | undefined;
  const firstKey = nodeRange(first?.key);
  let bindEdit: PortPublication['bindEdit'];
  const ipPair = pairOf(map, 'host_ip');
  const ipRange = nodeRange(ipPair?.value);
  if (ip === undefined && firstKey && !map.flow) {
    // A new first key, and the old first key moved to the next line at the same column.
    const col = firstKey[0] - (text.lastIndexOf('\n', firstKey[0] - 1) + 1);
    bindEdit = { start: firstKey[0], end: firstKey[0], newText: `host_ip: 127.0.0.1\n${' '.repeat(col)}` };
  } else if (ip !== undefined && ipRange && !isLoopbackAddress(ip)) {
    bindEdit = { start: ipRange[0], end: ipRange[1], newText: '127.0.0.1' };
  }
  const end = firstKey
    ? Math.min(r[1], text.indexOf('\n', firstKey[0]) < 0 ? r[1] : text.indexOf('\n', firstKey[0]))
    : r[1];
  return {
    start: r[0],
    end: Math.max(end, r[0]),
    text: text.slice(r[0], Math.max(end, r[0])).trim(),
    kind: 'publish',
    hostIp: ip,
    hostPort: get('published'),
    containerPort: get('target'),
    protocol: proto === 'udp' || proto === 'sctp' ? proto : 'tcp',
    loopbackOnly: ip !== undefined && isLoopbackAddress(ip),
    bindEdit,
  };
}

/**
 * How the services of a Compose file reach the host's network: every `ports:` entry (short and long
 * syntax) and `network_mode: host`. `expose:` publishes nothing (it only documents ports for other
 * containers). Offsets are into `text`.
 */
export function composePublications(text: string): PortPublication[] {
  const out: PortPublication[] = [];
  for (const svc of composeServices(composeDocument(text))) {
    const ports = pairOf(svc.map, 'ports')?.value;
    if (isSeq(ports)) {
      for (const item of ports.items) {
        const pub = isScalar(item) ? shortForm(item) : isMap(item) ? longForm(text, item as YAMLMap) : undefined;
        if (pub) out.push(pub);
      }
    }
    const mode = pairOf(svc.map, 'network_mode');
    const r = nodeRange(mode?.value);
    if (mode && r && isScalar(mode.value) && mode.value.value === 'host') {
      const k = nodeRange(mode.key) ?? r;
      out.push({
        start: k[0],
        end: r[1],
        text: text.slice(k[0], r[1]),
        kind: 'host-network',
        hostIp: undefined,
        hostPort: undefined,
        containerPort: undefined,
        protocol: 'tcp',
        loopbackOnly: false,
        bindEdit: undefined,
      });
    }
  }
  return out;
}

/** Every interface: no address, `0.0.0.0` or `::`; not a variable the file leaves to its environment. */
export function composeOnEveryInterface(pub: PortPublication): boolean {
  if (pub.kind !== 'publish') return false;
  if (/\$/.test(pub.text)) return false;
  return pub.hostIp === undefined || isUnspecifiedAddress(pub.hostIp);
}
