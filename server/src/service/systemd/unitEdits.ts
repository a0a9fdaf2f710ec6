import type { OffsetEdit } from '../types';
import type { UnitEntry, UnitFile } from './unitAst';
import { eolOf } from '../text/lineEnding';

/**
 * Edits that add lines to a unit. New lines are written with `\n` after an existing line's end, or in
 * place of an existing header/key followed by it, so that embedded content keeps its indentation when
 * the edit is mapped back into the YAML block.
 */

/** Insert whole lines just before an entry (the entry's key is rewritten after them). */
export function insertLinesBefore(unit: UnitFile, entry: UnitEntry, lines: readonly string[]): OffsetEdit {
  const eol = eolOf(unit.text);
  const key = unit.text.slice(entry.keySpan.start, entry.keySpan.end);
  return { start: entry.keySpan.start, end: entry.keySpan.end, newText: [...lines, key].join(eol) };
}

/** Add entries to the `[Unit]` section, creating the section at the top when there is none. */
export function addToUnitSection(unit: UnitFile, lines: readonly string[]): OffsetEdit | undefined {
  const eol = eolOf(unit.text);
  const section = unit.sections.find((s) => s.name === 'Unit');
  if (section) {
    const last = section.entries[section.entries.length - 1];
    const at = last ? last.span.end : section.headerSpan.end;
    return { start: at, end: at, newText: lines.map((l) => eol + l).join('') };
  }
  const first = unit.sections[0];
  if (!first) return { start: 0, end: 0, newText: ['[Unit]', ...lines].join(eol) + eol + eol };
  const header = unit.text.slice(first.headerSpan.start, first.headerSpan.end);
  return {
    start: first.headerSpan.start,
    end: first.headerSpan.end,
    newText: ['[Unit]', ...lines, '', header].join(eol),
  };
}

/** Remove a word and the blanks after it on the same line (or before it, at a line's end). */
export function removeWord(text: string, start: number, end: number): OffsetEdit {
  let after = end;
  while (text[after] === ' ' || text[after] === '\t') after++;
  if (after > end && text[after] !== '\\' && text[after] !== '\n' && text[after] !== '\r' && after < text.length)
    return { start, end: after, newText: '' };
  let before = start;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  if (before < start) return { start: before, end, newText: '' };
  return { start, end: after, newText: '' };
}
