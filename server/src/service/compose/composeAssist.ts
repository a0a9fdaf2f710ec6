import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { isScalar, type Pair } from 'yaml';
import { keyName, nodeRange } from '../cloudConfig/yamlNodes';
import { describePublication } from '../docker/runHover';
import { composeDocument, composePublications, composeServices } from './composePorts';
import { composePlace } from './composeContext';
import { networkModeValues, portKeyDocs, restartValues, serviceKeyDocs } from './composeDocs';
import { portKeys, serviceKeys } from './composeValidate';

type Completion = { items: CompletionItem[]; replaceStart: number } | undefined;
type HoverResult = { markdown: string; start: number; end: number } | undefined;

const topKeys = ['services', 'networks', 'volumes', 'secrets', 'configs', 'name', 'include'];

function doc(value: string | undefined): CompletionItem['documentation'] {
  return value ? { kind: MarkupKind.Markdown, value } : undefined;
}

function keyItems(
  keys: readonly string[],
  docs: Readonly<Record<string, string>>,
  first: readonly string[],
): CompletionItem[] {
  return keys.map((k) => ({
    label: k,
    kind: CompletionItemKind.Property,
    insertText: `${k}: `,
    documentation: doc(docs[k]),
    sortText: `${first.includes(k) ? '0' : '1'}${k}`,
  }));
}

function valueItems(values: ReadonlyArray<readonly [string, string]>): CompletionItem[] {
  return values.map(([v, d], i) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    detail: d,
    sortText: String(i).padStart(2, '0'),
  }));
}

/** `ports:` entries, the loopback-bound form first: without a host address a port is open to every network. */
function portItems(quoted: boolean): CompletionItem[] {
  const q = quoted ? '' : '"';
  const forms: Array<[string, string, string]> = [
    [
      '127.0.0.1:HOST:CONTAINER',
      `${q}127.0.0.1:\${1:8080}:\${2:80}${q}`,
      'host port on loopback only: reachable from this machine (and a local reverse proxy), not from the network',
    ],
    ['[::1]:HOST:CONTAINER', `${q}[::1]:\${1:8080}:\${2:80}${q}`, 'host port on IPv6 loopback only'],
    [
      'HOST:CONTAINER',
      `${q}\${1:8080}:\${2:80}${q}`,
      "host port on every interface: reachable from the network, and Docker's NAT forwards it past the host firewall",
    ],
    [
      'HOST:CONTAINER/udp',
      `${q}\${1:5353}:\${2:5353}/udp${q}`,
      'UDP host port on every interface (past the host firewall)',
    ],
    ['CONTAINER', `${q}\${1:80}${q}`, 'a random host port on every interface (past the host firewall)'],
  ];
  return forms.map(([label, insertText, detail], i) => ({
    label,
    kind: CompletionItemKind.Value,
    insertText,
    insertTextFormat: InsertTextFormat.Snippet,
    detail,
    sortText: String(i).padStart(2, '0'),
    ...(i === 0 ? { preselect: true } : {}),
  }));
}

/** Completion in a Compose file: top-level and service keys, `restart`/`network_mode`/port values and forms. */
export function completeCompose(text: string, offset: number): Completion {
  const place = composePlace(text, offset);
  if (!place) return undefined;
  const { path } = place;
  const inService = path.length === 2 && path[0] === 'services';
  const inPortItem = path.length === 4 && path[0] === 'services' && path[2] === 'ports' && path[3] === '[]';
  let items: CompletionItem[] = [];
  if (place.kind === 'key') {
    if (path.length === 0) items = keyItems(topKeys, {}, ['services']);
    else if (inService) items = keyItems(serviceKeys, serviceKeyDocs, ['image', 'ports', 'restart', 'network_mode']);
    else if (inPortItem) items = keyItems(portKeys, portKeyDocs, ['target', 'published', 'host_ip']);
  } else if (place.kind === 'value') {
    if (inService && place.key === 'restart') items = valueItems(restartValues);
    else if (inService && place.key === 'network_mode') items = valueItems(networkModeValues);
    else if (inPortItem && place.key === 'host_ip')
      items = valueItems([
        ['127.0.0.1', 'this machine only'],
        ['::1', 'this machine only (IPv6)'],
        ['0.0.0.0', 'every IPv4 interface (past the host firewall)'],
      ]);
    else if (inPortItem && place.key === 'protocol')
      items = valueItems([
        ['tcp', 'the default'],
        ['udp', ''],
      ]);
    else if (inPortItem && place.key === 'mode')
      items = valueItems([
        ['host', 'publish on the node that runs the container'],
        ['ingress', 'swarm routing mesh'],
      ]);
  } else if (path.length === 3 && path[0] === 'services' && path[2] === 'ports') {
    items = portItems(place.quoted);
  }
  return items.length ? { items, replaceStart: place.wordStart } : undefined;
}

function within(offset: number, node: unknown): [number, number] | undefined {
  const r = nodeRange(node);
  return r && offset >= r[0] && offset <= r[1] ? r : undefined;
}

function valueHover(key: string, value: string): string | undefined {
  const table = key === 'restart' ? restartValues : key === 'network_mode' ? networkModeValues : undefined;
  const hit = table?.find(
    ([v]) =>
      v === value ||
      (v.endsWith(':') && value.startsWith(v)) ||
      (v === 'on-failure' && value.startsWith('on-failure:')),
  );
  return hit ? `**${key}: ${value}**: ${hit[1]}.` : undefined;
}

/** Hover in a Compose file: what a service key does, a `restart`/`network_mode` value, where a port is published. */
export function hoverCompose(text: string, offset: number): HoverResult {
  for (const pub of composePublications(text)) {
    if (offset < pub.start || offset > pub.end) continue;
    if (pub.kind === 'host-network') {
      return {
        markdown: `**network_mode: host**: the containers share the host's network stack. Every port they listen on is a port of the host, on every interface; \`ports:\` mean nothing here. No NAT is involved, so the host firewall's INPUT rules do filter these ports.`,
        start: pub.start,
        end: pub.end,
      };
    }
    return { markdown: describePublication(pub, 'docker'), start: pub.start, end: pub.end };
  }
  for (const svc of composeServices(composeDocument(text))) {
    if (!svc.map) continue;
    for (const p of svc.map.items as Pair[]) {
      const key = keyName(p.key) ?? '';
      const k = within(offset, p.key);
      if (k && serviceKeyDocs[key])
        return { markdown: `**${key}** (service \`${svc.name}\`)\n\n${serviceKeyDocs[key]}`, start: k[0], end: k[1] };
      const v = within(offset, p.value);
      if (v && isScalar(p.value)) {
        const md = valueHover(key, String(p.value.value));
        if (md) return { markdown: md, start: v[0], end: v[1] };
      }
    }
  }
  return undefined;
}
