import type { Finding, Fix } from '../types';
import { toDocumentOffset, type EmbeddedLine, type EmbeddedRegion } from './region';
import { regionIdentity } from './findingsCache';
import { movedFindings } from '../movedFindings';

/**
 * A region's findings in document offsets, kept per region object: a keystroke that carries the YAML
 * model over keeps the regions before the edit (same object, same place), so their findings are not
 * mapped again. The regions after the edit are copies moved as a whole: their findings are the last
 * mapping of the same region moved by the same amount.
 */
interface Mapped {
  readonly region: EmbeddedRegion;
  readonly source: readonly Finding[];
  readonly mapped: readonly Finding[];
}
const mappedByRegion = new WeakMap<EmbeddedRegion, Mapped>();
const lastByIdentity = new Map<string, Mapped>();
const lastLimit = 4096;

/** How far `after` lies from `before` when it is the same content moved as a whole, else undefined. */
function uniformShift(before: EmbeddedRegion, after: EmbeddedRegion): number | undefined {
  const a = before.lines,
    b = after.lines;
  if (
    before.text !== after.text ||
    before.indent !== after.indent ||
    before.eol !== after.eol ||
    a.length !== b.length ||
    a.length === 0
  )
    return undefined;
  const delta = (b[0] as EmbeddedLine).docOffset - (a[0] as EmbeddedLine).docOffset;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as EmbeddedLine,
      y = b[i] as EmbeddedLine;
    if (y.docOffset - x.docOffset !== delta || y.embOffset !== x.embOffset || y.length !== x.length) return undefined;
  }
  return delta;
}

export function mapRegionFindings(region: EmbeddedRegion, findings: readonly Finding[]): readonly Finding[] {
  const known = mappedByRegion.get(region);
  if (known && known.source === findings) return known.mapped;
  const who = regionIdentity(region);
  const last = lastByIdentity.get(who);
  const delta = last && last.source === findings ? uniformShift(last.region, region) : undefined;
  const mapped =
    last && delta !== undefined
      ? delta === 0
        ? last.mapped
        : movedFindings(last.mapped, delta)
      : findings.map((f) => mapFindingToDocument(region, f));
  const entry = { region, source: findings, mapped };
  mappedByRegion.set(region, entry);
  lastByIdentity.delete(who);
  lastByIdentity.set(who, entry);
  if (lastByIdentity.size > lastLimit) lastByIdentity.delete(lastByIdentity.keys().next().value as string);
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
