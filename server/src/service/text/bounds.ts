import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import type { Finding, OffsetEdit, RelatedSpan } from '../types';
import { LargeDocument } from './largeDocument';

/** What bounding reads of a text: a string, or a large document's lines (not joined for it). */
export interface CharText {
  readonly length: number;
  charCodeAt(offset: number): number;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * An offset that lies inside the text and never between the two halves of a surrogate pair or of a
 * CRLF (both would give an editor a position it cannot show). Moves backwards when it has to.
 */
export function boundOffset(text: CharText, offset: number): number {
  let o = Number.isFinite(offset) ? Math.max(0, Math.min(Math.trunc(offset), text.length)) : 0;
  if (o > 0 && o < text.length) {
    const before = text.charCodeAt(o - 1),
      at = text.charCodeAt(o);
    if ((isHigh(before) && isLow(at)) || (before === 13 && at === 10)) o--;
  }
  return o;
}

/** The text of a document for bounding: a large document's lines are read where needed, not joined. */
export function charTextOf(doc: TextDocument): CharText {
  return doc instanceof LargeDocument ? doc.lines : doc.getText();
}

/** A request position made valid for the document: clamped to its lines and off a surrogate pair. */
export function boundPosition(doc: TextDocument, pos: Position): Position {
  const line = Number.isFinite(pos.line) ? Math.max(0, Math.trunc(pos.line)) : 0;
  const character = Number.isFinite(pos.character) ? Math.max(0, Math.trunc(pos.character)) : 0;
  return doc.positionAt(boundOffset(charTextOf(doc), doc.offsetAt({ line, character })));
}

export function boundRange(doc: TextDocument, range: Range): Range {
  return { start: boundPosition(doc, range.start), end: boundPosition(doc, range.end) };
}

function boundSpan<T extends { start: number; end: number }>(text: CharText, span: T): T {
  const start = boundOffset(text, span.start);
  const end = Math.max(start, boundOffset(text, span.end));
  return start === span.start && end === span.end ? span : { ...span, start, end };
}

/**
 * Findings whose offsets (their own, their related spans and their fix edits) all lie inside the text.
 * The last line of defence before offsets become LSP positions; findings already in bounds are kept as they are.
 */
export function boundFindings(text: CharText, findings: readonly Finding[]): readonly Finding[] {
  return findings.map((f) => {
    const bounded: Finding = boundSpan(text, f);
    const related = f.related?.map((r): RelatedSpan => boundSpan(text, r));
    const fixes = f.fixes?.map((fix) => {
      const edits = fix.edits.map((e): OffsetEdit => boundSpan(text, e));
      return edits.every((e, i) => e === fix.edits[i]) ? fix : { ...fix, edits };
    });
    const relatedSame = !related || related.every((r, i) => r === f.related?.[i]);
    const fixesSame = !fixes || fixes.every((x, i) => x === f.fixes?.[i]);
    if (bounded === f && relatedSame && fixesSame) return f;
    return { ...bounded, ...(related ? { related } : {}), ...(fixes ? { fixes } : {}) };
  });
}
