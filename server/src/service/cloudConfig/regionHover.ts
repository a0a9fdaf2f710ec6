import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { EmbeddedRegion } from '../embedded/region';

type ToPos = (o: number) => { line: number; character: number };

const languageNames: Record<EmbeddedRegion['language'], string> = {
  iptables: 'iptables rules (iptables-restore format, IPv4)',
  ip6tables: 'ip6tables rules (ip6tables-restore format, IPv6)',
  systemd: 'a systemd unit',
  compose: 'a Docker Compose file',
  other: 'a file',
};

/** Hover on a `content: |` header: what the block becomes on disk and how it is read. */
export function regionHover(region: EmbeddedRegion, toPos: ToPos): Hover | null {
  const h = region.header;
  if (!h) return null;
  const target =
    region.origin === 'write-file'
      ? `written to \`${region.path ?? '?'}\``
      : region.origin === 'drop-in'
        ? `the drop-in \`${region.name ?? '?'}\` of \`${region.unitName ?? '?'}\``
        : `the unit file \`${region.name ?? '?'}\``;
  const chomp =
    h.chomping === 'strip'
      ? 'the final newline is removed (`-`)'
      : h.chomping === 'keep'
        ? 'all trailing newlines are kept (`+`)'
        : 'exactly one final newline is kept';
  const style =
    region.style === 'folded'
      ? 'Folded (`>`): lines are joined with spaces, which breaks line-based formats.'
      : `Literal (\`|\`): every line is kept as written; ${chomp}.`;
  const value = [
    `**${h.text}** block: ${languageNames[region.language]}, ${target}.`,
    style,
    region.encoded ? 'The content is encoded (`encoding:`), so it is not checked.' : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return { contents: { kind: MarkupKind.Markdown, value }, range: { start: toPos(h.start), end: toPos(h.end) } };
}
