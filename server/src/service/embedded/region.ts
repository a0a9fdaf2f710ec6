import type { Pair, Scalar, YAMLMap } from 'yaml';

/** `compose` serves standalone Compose files; a Compose file inside a user-data stays `other` (see delegate.ts). */
export type EmbeddedLanguage = 'iptables' | 'ip6tables' | 'systemd' | 'compose' | 'other';
export type EmbeddedOrigin = 'unit' | 'drop-in' | 'write-file';
export type ScalarStyle = 'literal' | 'folded' | 'plain' | 'single-quoted' | 'double-quoted';
export type Chomping = 'clip' | 'strip' | 'keep';

/** One line of embedded text and where it sits in the document. */
export interface EmbeddedLine {
  /** Offset of the line's first embedded character in the document. */
  readonly docOffset: number;
  /** Offset of the line's first character in the embedded text. */
  readonly embOffset: number;
  /** Length of the line in the embedded text (no line break). */
  readonly length: number;
}

export interface BlockHeader {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly chomping: Chomping;
  readonly indentIndicator: number | undefined;
}

/** A `content:` value that becomes a file on the machine, with an exact line map into the document. */
export interface EmbeddedRegion {
  readonly language: EmbeddedLanguage;
  readonly origin: EmbeddedOrigin;
  /** The unit, drop-in or write_files entry holding the content. */
  readonly entry: YAMLMap;
  readonly contentPair: Pair;
  readonly scalar: Scalar;
  /** Unit name (units), drop-in file name (drop-ins) or undefined. */
  readonly name: string | undefined;
  /** For drop-ins: the unit they extend. */
  readonly unitName: string | undefined;
  /** For write_files: the target path. */
  readonly path: string | undefined;
  readonly style: ScalarStyle;
  readonly header: BlockHeader | undefined;
  /** The file's text exactly as it will be written to disk. */
  readonly text: string;
  readonly lines: readonly EmbeddedLine[];
  /** False when the text cannot be mapped line for line (folded, escaped, multi-line flow scalars). */
  readonly mappable: boolean;
  /** True when `encoding:` is set: the text is base64/gzip and not analysed. */
  readonly encoded: boolean;
  /** Column where the content's lines start in the document (the block's indentation). */
  readonly indent: number;
  /** The document's line ending, for edits that add lines. */
  readonly eol: string;
}

function lineIndexAt(lines: readonly EmbeddedLine[], key: (l: EmbeddedLine) => number, offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (key(lines[mid] as EmbeddedLine) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Document offset of an offset in the embedded text (clamped to the line's end). */
export function toDocumentOffset(region: EmbeddedRegion, embOffset: number): number {
  const { lines } = region;
  if (lines.length === 0) return region.scalar.range?.[0] ?? 0;
  const line = lines[lineIndexAt(lines, (l) => l.embOffset, embOffset)] as EmbeddedLine;
  const col = Math.min(Math.max(embOffset - line.embOffset, 0), line.length);
  return line.docOffset + col;
}

/** Offset in the embedded text of a document offset, or undefined when it is not inside the content. */
export function toEmbeddedOffset(region: EmbeddedRegion, docOffset: number): number | undefined {
  const { lines } = region;
  if (!region.mappable || lines.length === 0) return undefined;
  const first = lines[0] as EmbeddedLine;
  const last = lines[lines.length - 1] as EmbeddedLine;
  if (docOffset < first.docOffset || docOffset > last.docOffset + last.length) return undefined;
  const line = lines[lineIndexAt(lines, (l) => l.docOffset, docOffset)] as EmbeddedLine;
  const col = docOffset - line.docOffset;
  if (col < 0 || col > line.length) return undefined;
  return line.embOffset + col;
}

/** The region whose content contains the document offset. */
export function regionAt(regions: readonly EmbeddedRegion[], docOffset: number): EmbeddedRegion | undefined {
  return regions.find((r) => toEmbeddedOffset(r, docOffset) !== undefined);
}
