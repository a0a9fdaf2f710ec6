/**
 * Lines typed, pasted or deleted inside an embedded block (Enter in a unit, a line removed, a pasted
 * stretch of rules) change the lines of one literal block scalar and nothing else of the YAML: the
 * previous model is carried over as for an edit within one line (patchModel.ts), with the block's line
 * map rebuilt for the changed lines. Every old and new line must stay in the block (indented at least
 * as deep, not blank, no template syntax, no character the YAML reader refuses); anything else
 * returns undefined and the caller parses from scratch. `prev` is changed in place (pass a copy to keep it).
 */
import { LineCounter } from 'yaml';
import type { DialectSetting } from '../types';
import type { EmbeddedLine, EmbeddedRegion } from '../embedded/region';
import { leadingSpaces } from './blockScalar';
import { hasUnacceptableCharacter, type CloudConfigModel } from './parse';
import { maxNesting, nestsDeeperThan } from './nestingDepth';
import { regionLanguage } from './embeddedRegions';
import { lineStartAt } from '../text/lines';
import { changedStretch } from '../text/changedStretch';
import { findTemplateSpans } from '../template/placeholders';
import {
  carriable,
  carriedModel,
  keepsIndentation,
  moveNodeRanges,
  patchableRegion,
  type LineEdit,
} from './patchModel';

/** A line that can be content of a block indented `indent` deep without changing the YAML around it. */
function blockLine(line: string, indent: number): boolean {
  return (
    leadingSpaces(line) >= indent &&
    line.trim() !== '' &&
    !hasUnacceptableCharacter(line) &&
    findTemplateSpans(line).length === 0
  );
}

/** The region whose content lines `lines` (starting at `lineStart`) are, and the index of the first. */
function regionOf(
  regions: readonly EmbeddedRegion[],
  lineStart: number,
  lines: readonly string[],
): { region: EmbeddedRegion; first: number } | undefined {
  for (const region of regions) {
    const first = region.lines.findIndex((l) => l.docOffset === lineStart + region.indent);
    if (first < 0) continue;
    let start = lineStart;
    for (let k = 0; k < lines.length; k++) {
      const line = region.lines[first + k];
      const text = lines[k] as string;
      const content = text.slice(region.indent);
      if (
        !line ||
        line.docOffset !== start + region.indent ||
        line.length !== content.length ||
        region.text.slice(line.embOffset, line.embOffset + line.length) !== content
      )
        return undefined;
      start += text.length + 1;
    }
    return { region, first };
  }
  return undefined;
}

/** The model of `text`, carried over from `prev` when the two differ in whole lines inside one block; or undefined. */
export function patchBlockLines(
  prev: CloudConfigModel,
  text: string,
  dialectSetting: DialectSetting,
): CloudConfigModel | undefined {
  if (!carriable(prev, text, dialectSetting)) return undefined;
  if (prev.text === text) return undefined;
  const { from, oldTo } = changedStretch(prev.text, text);
  // The changed lines, whole: from the start of the first to the line break ending the last (which stays).
  const lineStart = lineStartAt(prev.text, from);
  const oldEnd = prev.text.indexOf('\n', oldTo);
  if (oldEnd < 0) return undefined;
  const delta = text.length - prev.text.length;
  const newEnd = oldEnd + delta;
  if (newEnd < lineStart || text.charCodeAt(newEnd) !== 10) return undefined;
  const oldLines = prev.text.slice(lineStart, oldEnd).split('\n');
  const newLines = text.slice(lineStart, newEnd).split('\n');
  // Template syntax reaching into the changed lines (a span over several lines): a full parse neutralises it.
  if (prev.templateSpans.some((t) => t.start < oldEnd && t.end > lineStart)) return undefined;
  const hit = regionOf(prev.regions, lineStart, oldLines);
  if (!hit) return undefined;
  const { region, first } = hit;
  if (!patchableRegion(region)) return undefined;
  const scalar = region.scalar;
  if (!scalar.range || scalar.range[1] < oldEnd) return undefined;
  if (!oldLines.every((l) => blockLine(l, region.indent)) || !newLines.every((l) => blockLine(l, region.indent)))
    return undefined;
  if (!keepsIndentation(region, first, oldLines[0] as string, newLines[0] as string)) return undefined;

  // The depth guard of a full parse, asked as a full parse would (where it cannot tell a block's lines, they count).
  if (nestsDeeperThan(text, maxNesting)) return undefined;

  // Carry over: the scalar's value, every position after the changed lines, the line starts, the regions.
  const last = first + oldLines.length - 1;
  const firstLine = region.lines[first] as EmbeddedLine;
  const lastLine = region.lines[last] as EmbeddedLine;
  const contents = newLines.map((l) => l.slice(region.indent));
  const joined = contents.join('\n');
  const value =
    region.text.slice(0, firstLine.embOffset) + joined + region.text.slice(lastLine.embOffset + lastLine.length);
  const embDelta = joined.length - (lastLine.embOffset + lastLine.length - firstLine.embOffset);
  const edit: LineEdit = { lineStart, oldLineEnd: oldEnd, delta };
  scalar.value = value;
  moveNodeRanges(prev, edit);
  // Line starts: those before the changed lines, those of the new lines, those after (moved).
  const counter = new LineCounter();
  for (const start of prev.lineCounter.lineStarts) if (start <= lineStart) counter.addNewLine(start);
  for (let nl = text.indexOf('\n', lineStart); nl >= 0 && nl < newEnd; nl = text.indexOf('\n', nl + 1))
    counter.addNewLine(nl + 1);
  for (const start of prev.lineCounter.lineStarts) if (start > oldEnd) counter.addNewLine(start + delta);
  const newRegionLines: EmbeddedLine[] = [...region.lines.slice(0, first)];
  let docStart = lineStart;
  let embOffset = firstLine.embOffset;
  for (const content of contents) {
    newRegionLines.push({ docOffset: docStart + region.indent, embOffset, length: content.length });
    docStart += region.indent + content.length + 1;
    embOffset += content.length + 1;
  }
  for (const l of region.lines.slice(last + 1))
    newRegionLines.push({ docOffset: l.docOffset + delta, embOffset: l.embOffset + embDelta, length: l.length });
  const edited: EmbeddedRegion = {
    ...region,
    language: regionLanguage(region, value),
    text: value,
    lines: newRegionLines,
  };
  return carriedModel(prev, text, edit, region, edited, counter);
}
