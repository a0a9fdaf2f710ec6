import type { Finding, Fix } from '../types';
import { toDocumentOffset, type EmbeddedRegion } from './region';

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

/** Inserted text spanning lines must carry the block's indentation on every new line. */
function reindent(region: EmbeddedRegion, text: string): string {
  if (!text.includes('\n')) return text;
  const pad = ' '.repeat(region.indent);
  return text.split('\n').map((line, i) => (i === 0 || line === '' ? line : pad + line)).join(region.eol);
}
