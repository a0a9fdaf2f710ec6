/**
 * Typing inside an embedded block changes one line of a literal block scalar and nothing else of the
 * YAML. For such an edit the previous model is carried over instead of parsing the whole document
 * again: the scalar's value, the line map of its region, and the positions after the edit are updated.
 * Anything less certain (line breaks typed or deleted, blank lines, a block's first line, quoting,
 * YAML errors, CR line ends) returns undefined and the caller parses from scratch.
 */
import { LineCounter, isNode, type Scalar } from 'yaml';
import type { DialectSetting } from '../types';
import type { BlockHeader, EmbeddedLine, EmbeddedRegion } from '../embedded/region';
import { leadingSpaces } from './blockScalar';
import { classifyHeader, hasUnacceptableCharacter, type CloudConfigModel } from './parse';
import { forEachNode } from './yamlWalk';
import { regionLanguage } from './embeddedRegions';
import { lineStartAt } from '../text/lines';
import { changedStretch } from '../text/changedStretch';
import { findTemplateSpans } from '../template/placeholders';
import { maxNesting, nestsDeeperThan } from './nestingDepth';

export interface LineEdit {
  /** Start of the edited line in the old text, and its end (before the line break). */
  readonly lineStart: number;
  readonly oldLineEnd: number;
  /** Change in length. */
  readonly delta: number;
}

/** The one line `next` changes of `prev`, when the change lies within one line and adds or removes no line break. */
function lineEditOf(prev: string, next: string): LineEdit | undefined {
  if (prev === next) return undefined;
  const { from, oldTo, newTo } = changedStretch(prev, next);
  const removed = prev.slice(from, oldTo);
  const inserted = next.slice(from, newTo);
  if (/[\r\n]/.test(removed) || /[\r\n]/.test(inserted)) return undefined;
  const lineStart = lineStartAt(prev, from);
  const nl = prev.indexOf('\n', from);
  return { lineStart, oldLineEnd: nl < 0 ? prev.length : nl, delta: next.length - prev.length };
}

/** A content line that stays inside its block: indented at least as deep as the block, not blank. */
function staysInBlock(line: string, indent: number): boolean {
  return leadingSpaces(line) >= indent && line.trim() !== '';
}

export const shifted = (offset: number, edit: LineEdit): number =>
  offset >= edit.oldLineEnd ? offset + edit.delta : offset;

/** A region after the edited line, moved by the edit. */
export function moveRegion(region: EmbeddedRegion, edit: LineEdit): EmbeddedRegion {
  const first = region.lines[0];
  const headerMoves = region.header !== undefined && region.header.start >= edit.oldLineEnd;
  if (!headerMoves && (first === undefined || first.docOffset < edit.oldLineEnd)) return region;
  return {
    ...region,
    header:
      region.header && headerMoves
        ? { ...region.header, start: region.header.start + edit.delta, end: region.header.end + edit.delta }
        : region.header,
    lines: region.lines.map((l) =>
      l.docOffset >= edit.oldLineEnd
        ? { docOffset: l.docOffset + edit.delta, embOffset: l.embOffset, length: l.length }
        : l,
    ),
  };
}

/** The region holding the edited line as one of its content lines, and that line's index. */
function editedRegion(
  regions: readonly EmbeddedRegion[],
  edit: LineEdit,
): { region: EmbeddedRegion; index: number } | undefined {
  for (const region of regions) {
    const lines = region.lines;
    const first = lines[0];
    const last = lines[lines.length - 1];
    if (
      !first ||
      !last ||
      edit.lineStart + region.indent < first.docOffset ||
      edit.lineStart + region.indent > last.docOffset
    )
      continue;
    const index = lines.findIndex((l) => l.docOffset === edit.lineStart + region.indent);
    return index < 0 ? undefined : { region, index };
  }
  return undefined;
}

/** Whether `prev` may be carried over to another text at all: no YAML errors, LF line ends, the same dialect choice. */
export function carriable(prev: CloudConfigModel, text: string, dialectSetting: DialectSetting): boolean {
  if (prev.yamlErrors.length > 0 || prev.doc.warnings.length > 0 || prev.text.includes('\r') || text.includes('\r'))
    return false;
  return dialectSetting === 'auto' ? !prev.dialectForced : prev.dialectForced && prev.dialect === dialectSetting;
}

/** A region whose lines are its scalar's value line for line: an indented literal block, mapped as written. */
export function patchableRegion(region: EmbeddedRegion): region is EmbeddedRegion & { header: BlockHeader } {
  return (
    region.style === 'literal' &&
    region.header !== undefined &&
    region.mappable &&
    region.indent >= 1 &&
    region.scalar.value === region.text
  );
}

/**
 * Without an indentation indicator, a block's first non-blank line sets its indentation: when the
 * changed lines start at or before it, their first line must keep its indentation.
 */
export function keepsIndentation(
  region: EmbeddedRegion & { header: BlockHeader },
  first: number,
  oldFirst: string,
  newFirst: string,
): boolean {
  if (region.header.indentIndicator !== undefined) return true;
  const firstContent = region.lines.findIndex(
    (l) => l.length > 0 && region.text.slice(l.embOffset, l.embOffset + l.length).trim() !== '',
  );
  return first > firstContent || leadingSpaces(oldFirst) === leadingSpaces(newFirst);
}

/** Every node range reaching past the edited line(s), moved by the edit (nodes before it keep theirs). */
export function moveNodeRanges(prev: CloudConfigModel, edit: LineEdit): void {
  const moved = (r: [number, number, number]): [number, number, number] =>
    r[0] >= edit.oldLineEnd || r[1] >= edit.oldLineEnd || r[2] >= edit.oldLineEnd
      ? [shifted(r[0], edit), shifted(r[1], edit), shifted(r[2], edit)]
      : r;
  forEachNode(prev.doc, (item) => {
    if (isNode(item) && item.range) item.range = moved(item.range);
  });
  if (prev.doc.range) prev.doc.range = moved(prev.doc.range);
}

/** The model of `text` once `edited` replaced `region` and the edit's line(s) were carried over. */
export function carriedModel(
  prev: CloudConfigModel,
  text: string,
  edit: LineEdit,
  region: EmbeddedRegion,
  edited: EmbeddedRegion,
  lineCounter: LineCounter,
): CloudConfigModel {
  const { lineStart, oldLineEnd, delta } = edit;
  return {
    ...prev,
    text,
    lineCounter,
    header: classifyHeader(text),
    templateSpans: prev.templateSpans.map((s) =>
      s.start >= oldLineEnd ? { ...s, start: s.start + delta, end: s.end + delta } : s,
    ),
    neutralText:
      prev.neutralText === prev.text
        ? text
        : prev.neutralText.slice(0, lineStart) +
          text.slice(lineStart, oldLineEnd + delta) +
          prev.neutralText.slice(oldLineEnd),
    regions: prev.regions.map((r) => (r === region ? edited : moveRegion(r, edit))),
  };
}

/** The model of `text`, carried over from `prev` (the model of the text before one edit), or undefined. */
export function patchCloudConfig(
  prev: CloudConfigModel,
  text: string,
  dialectSetting: DialectSetting,
): CloudConfigModel | undefined {
  if (!carriable(prev, text, dialectSetting)) return undefined;
  const edit = lineEditOf(prev.text, text);
  if (!edit) return undefined;
  const hit = editedRegion(prev.regions, edit);
  if (!hit) return undefined;
  const { region, index } = hit;
  if (!patchableRegion(region)) return undefined;
  const scalar: Scalar = region.scalar;
  const line = region.lines[index] as EmbeddedLine;
  const oldLine = prev.text.slice(edit.lineStart, edit.oldLineEnd);
  const newLine = text.slice(edit.lineStart, edit.oldLineEnd + edit.delta);
  // A character the YAML reader refuses makes the whole document an error: parse it again.
  if (hasUnacceptableCharacter(newLine)) return undefined;
  if (!staysInBlock(oldLine, region.indent) || !staysInBlock(newLine, region.indent)) return undefined;
  // Template syntax is neutralised by a full parse: only a line without any (before and after) is carried over.
  if (findTemplateSpans(oldLine).length > 0 || findTemplateSpans(newLine).length > 0) return undefined;
  if (!keepsIndentation(region, index, oldLine, newLine)) return undefined;
  const oldContent = oldLine.slice(region.indent);
  if (
    line.length !== oldContent.length ||
    region.text.slice(line.embOffset, line.embOffset + line.length) !== oldContent
  )
    return undefined;

  // The depth guard of a full parse: block content counts nothing there, but where the guard cannot
  // tell a block's lines (see nestingDepth) a keystroke may take the document past its limit.
  if (nestsDeeperThan(text, maxNesting)) return undefined;

  // Carry over: the scalar's value, every position after the edit, the line starts, the regions.
  const newContent = newLine.slice(region.indent);
  const value = region.text.slice(0, line.embOffset) + newContent + region.text.slice(line.embOffset + line.length);
  scalar.value = value;
  moveNodeRanges(prev, edit);
  const lineCounter = new LineCounter();
  for (const start of prev.lineCounter.lineStarts)
    lineCounter.addNewLine(start > edit.lineStart ? start + edit.delta : start);
  const edited: EmbeddedRegion = {
    ...region,
    language: regionLanguage(region, value),
    text: value,
    lines: region.lines.map((l, i) =>
      i < index
        ? l
        : i === index
          ? { docOffset: l.docOffset, embOffset: l.embOffset, length: newContent.length }
          : { docOffset: l.docOffset + edit.delta, embOffset: l.embOffset + edit.delta, length: l.length },
    ),
  };
  return carriedModel(prev, text, edit, region, edited, lineCounter);
}
