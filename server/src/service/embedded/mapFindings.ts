import type { Finding, Fix } from '../types';
import { toDocumentOffset, type EmbeddedRegion } from './region';

/**
 * A region's findings in document offsets, kept per region object: a keystroke that carries the YAML
 * model over keeps the regions before the edit (same object, same place), so their findings are not
 * mapped again.
 */
const mappedByRegion = new WeakMap<EmbeddedRegion, { readonly source: readonly Finding[]; readonly mapped: readonly Finding[] }>();

export function mapRegionFindings(region: EmbeddedRegion, findings: readonly Finding[]): readonly Finding[] {
  const known = mappedByRegion.get(region);
  if (known && known.source === findings) return known.mapped;
  const mapped = findings.map((f) => mapFindingToDocument(region, f));
  mappedByRegion.set(region, { source: findings, mapped });
  return mapped;
}

/** Move a finding (and its fixes) from embedded-text offsets to document offsets. */
export function mapFindingToDocument(region: EmbeddedRegion, f: Finding): Finding {
  const at = (o: number): number => toDocumentOffset(region, o);
  const mapFix = (fix: Fix): Fix => ({
    ...fix,
    edits: fix.edits.map((e) => ({ start: at(e.start), end: at(e.end), newText: reindent(region, e.newText) })),
  });
  const out: Finding = { ...f, start: at(f.start), end: at(f.end) };
  if (f.fixes) out.fixes = f.fixes.map(mapFix);
  if (f.related) out.related = f.related.map((r) => ({ ...r, start: at(r.start), end: at(r.end) }));
  return out;
}

/**
 * Inserted text spanning lines must carry the block's indentation on every new line. The last piece
 * always gets it: after text ending in a line break it is the indentation of the line the edit's end
 * continues (an edit at a line start sits after that line's indentation in the document).
 */
function reindent(region: EmbeddedRegion, text: string): string {
  if (!text.includes('\n')) return text;
  const pad = ' '.repeat(region.indent);
  const pieces = text.split('\n');
  const last = pieces.length - 1;
  return pieces.map((line, i) => (i === 0 || (line === '' && i !== last) ? line : pad + line)).join(region.eol);
}
