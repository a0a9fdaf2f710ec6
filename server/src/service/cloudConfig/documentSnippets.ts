// Whole user-data snippets, offered by the server's completion (not contributed to VS Code as static
// snippets): the server sees the document, so the `#cloud-config` header is written only where it is
// missing. Below an existing header a snippet adds none; in a document without one the header goes on
// line 1 (in the inserted text when the cursor is on line 1, as an additional edit otherwise).
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { HeaderKind } from './parse';
import { eolOf } from '../text/lineEnding';

export interface DocumentSnippet {
  /** What the user types (the completion's label and filter text). */
  readonly prefix: string;
  readonly title: string;
  readonly description: string;
  /** Top-level keys the snippet writes: it is not offered when the document has one of them already. */
  readonly keys: readonly string[];
  /** Snippet syntax, one line per entry, without the header. */
  readonly body: readonly string[];
}

export const documentSnippets: readonly DocumentSnippet[] = [
  {
    prefix: 'cloud-config',
    title: 'Cloud-config skeleton (CoreOS)',
    description:
      'SSH keys for user core and one systemd unit under coreos.units, below the #cloud-config header (added on line 1 when the document has none).',
    keys: ['hostname', 'ssh_authorized_keys', 'coreos'],
    body: [
      'hostname: ${1:host-01}',
      '',
      'ssh_authorized_keys:',
      '  - ${2:ssh-ed25519 AAAA... user@example}',
      '',
      'coreos:',
      '  units:',
      '    - name: ${3:app}.service',
      '      command: start',
      '      enable: true',
      '      content: |',
      '        [Unit]',
      '        Description=${4:My application}',
      '        After=network-online.target',
      '        Wants=network-online.target',
      '',
      '        [Service]',
      '        ExecStart=${5:/opt/bin/app}',
      '        Restart=on-failure',
      '',
      '        [Install]',
      '        WantedBy=multi-user.target',
      '$0',
    ],
  },
  {
    prefix: 'cloud-config-firewall',
    title: 'Firewalled host: IPv4 and IPv6 rules with their restore units',
    description:
      'Whole user-data: rules-save files for iptables and ip6tables (INPUT DROP; loopback, replies, ICMP and SSH allowed) and the two restore units that load them at boot.',
    keys: ['coreos', 'write_files'],
    body: [
      'coreos:',
      '  units:',
      '    - name: iptables-restore.service',
      '      enable: true',
      '      command: start',
      '    - name: ip6tables-restore.service',
      '      enable: true',
      '      command: start',
      '',
      'write_files:',
      '  - path: /var/lib/iptables/rules-save',
      '    permissions: "0644"',
      '    owner: root:root',
      '    content: |',
      '      *filter',
      '      :INPUT DROP [0:0]',
      '      :FORWARD DROP [0:0]',
      '      :OUTPUT ACCEPT [0:0]',
      '      -A INPUT -i lo -j ACCEPT',
      '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '      -A INPUT -m conntrack --ctstate INVALID -j DROP',
      '      -A INPUT -p icmp -j ACCEPT',
      '      -A INPUT -p tcp --dport ${1:22} -j ACCEPT',
      '      COMMIT',
      '  - path: /var/lib/ip6tables/rules-save',
      '    permissions: "0644"',
      '    owner: root:root',
      '    content: |',
      '      *filter',
      '      :INPUT DROP [0:0]',
      '      :FORWARD DROP [0:0]',
      '      :OUTPUT ACCEPT [0:0]',
      '      -A INPUT -i lo -j ACCEPT',
      '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '      -A INPUT -m conntrack --ctstate INVALID -j DROP',
      '      -A INPUT -p ipv6-icmp -j ACCEPT',
      '      -A INPUT -p tcp --dport ${1} -j ACCEPT',
      '      COMMIT',
      '$0',
    ],
  },
  {
    prefix: 'docker-firewall',
    title: 'Docker-safe firewall: DOCKER-USER with an ipset allow-list',
    description:
      'Whole user-data: published container ports bypass INPUT (Docker DNATs them through FORWARD), so this filters them in DOCKER-USER, letting in only sources from an ipset allow-list. A oneshot unit creates the set before iptables-restore.service loads the rules, which fail to load while the set does not exist.',
    keys: ['coreos', 'write_files'],
    body: [
      'coreos:',
      '  units:',
      '    - name: ${1:docker-allow}-ipset.service',
      '      command: start',
      '      enable: true',
      '      content: |',
      '        [Unit]',
      '        Description=Create the ${1} ipset before the firewall is loaded',
      '        Before=iptables-restore.service',
      '',
      '        [Service]',
      '        Type=oneshot',
      '        RemainAfterExit=yes',
      '        ExecStart=/usr/sbin/ipset -exist create ${1} hash:net',
      '        ExecStart=/usr/sbin/ipset -exist add ${1} ${2:203.0.113.0/24}',
      '',
      '        [Install]',
      '        WantedBy=multi-user.target',
      '        RequiredBy=iptables-restore.service',
      '    - name: iptables-restore.service',
      '      enable: true',
      '      command: start',
      '',
      'write_files:',
      '  - path: /var/lib/iptables/rules-save',
      '    permissions: "0644"',
      '    owner: root:root',
      '    content: |',
      '      *filter',
      '      :INPUT DROP [0:0]',
      '      :FORWARD DROP [0:0]',
      '      :OUTPUT ACCEPT [0:0]',
      '      :DOCKER-USER - [0:0]',
      '      -A INPUT -i lo -j ACCEPT',
      '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '      -A INPUT -m conntrack --ctstate INVALID -j DROP',
      '      -A INPUT -p icmp -j ACCEPT',
      '      -A INPUT -p tcp --dport ${3:22} -j ACCEPT',
      '      -A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN',
      '      -A DOCKER-USER -i ${4:eth0} -m set --match-set ${1} src -j RETURN',
      '      -A DOCKER-USER -i ${4} -j DROP',
      '      -A DOCKER-USER -j RETURN',
      '      COMMIT',
      '$0',
    ],
  },
];

/** Where the cursor is and what the document already has. */
export interface DocumentSnippetContext {
  readonly text: string;
  readonly header: HeaderKind;
  /** The typed prefix: from `start` to the cursor, both offsets on the cursor's line. */
  readonly start: number;
  readonly offset: number;
  /** Top-level keys present in the document. */
  readonly topLevelKeys: ReadonlySet<string>;
  readonly toPos: (o: number) => { line: number; character: number };
}

/**
 * The whole-user-data snippets for a cursor at the start of a top-level line. A document that already
 * reads as cloud-config (header on line 1, or after a jinja template line) gets no second header.
 */
export function documentSnippetItems(ctx: DocumentSnippetContext): CompletionItem[] {
  const { text, header, start, offset, toPos } = ctx;
  const hasHeader = header === 'cloud-config' || header === 'jinja';
  // Another kind of user-data (a script, Ignition, an archive) is not to be turned into cloud-config.
  if (!hasHeader && header !== 'missing') return [];
  const eol = eolOf(text);
  const onFirstLine = !text.slice(0, start).includes('\n');
  // A misspelt header on line 1 is the header finding's to fix, not a reason for a second header line.
  const addHeader = !hasHeader && !text.startsWith('#');
  const range = { start: toPos(start), end: toPos(offset) };
  const items: CompletionItem[] = [];
  for (const s of documentSnippets) {
    if (s.keys.some((k) => ctx.topLevelKeys.has(k))) continue;
    const body = s.body.join(eol);
    let newText = body;
    const additionalTextEdits: TextEdit[] = [];
    if (addHeader && onFirstLine) newText = `#cloud-config${eol}${eol}${body}`;
    else if (addHeader)
      additionalTextEdits.push({ range: { start: toPos(0), end: toPos(0) }, newText: `#cloud-config${eol}` });
    // Line 1 is a comment that is not the header: leave the document to the header finding.
    else if (!hasHeader) continue;
    items.push({
      label: s.prefix,
      kind: CompletionItemKind.Snippet,
      detail: s.title,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `${s.description}${newText === body && !additionalTextEdits.length ? '\n\nBelow the existing #cloud-config header.' : '\n\nAdds the #cloud-config header on line 1.'}`,
      },
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText },
      ...(additionalTextEdits.length ? { additionalTextEdits } : {}),
      filterText: s.prefix,
      sortText: `0${s.prefix}`,
    });
  }
  return items;
}
