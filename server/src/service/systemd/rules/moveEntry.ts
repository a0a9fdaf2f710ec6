/** Edits that move an entry (or a renamed copy of it) into another section, creating the section when absent. */
import type { OffsetEdit } from '../../types';
import type { UnitEntry, UnitFile } from '../unitAst';
import { lineStartAt } from '../../text/lines';

/** The range that removes the entry's lines together with one line break. */
function removalRange(text: string, entry: UnitEntry): OffsetEdit {
  const start = lineStartAt(text, entry.span.start);
  const nl = text.indexOf('\n', entry.span.end);
  if (nl >= 0) return { start, end: nl + 1, newText: '' };
  // Last line without a break: take the break before it instead.
  const before = start > 0 ? start - 1 : start;
  const cr = before > 0 && text[before - 1] === '\r' ? before - 1 : before;
  return { start: cr, end: text.length, newText: '' };
}

/**
 * Move `entry` into the first `[target]` section (at its end), written as `newLine` (default: the
 * entry as it stands). A missing `[Unit]` section is created at the top, any other at the end.
 */
export function moveEntryEdits(unit: UnitFile, entry: UnitEntry, target: string, newLine?: string): OffsetEdit[] {
  const text = unit.text;
  const line = newLine ?? text.slice(entry.span.start, entry.span.end);
  const removal = removalRange(text, entry);
  const section = unit.sections.find((s) => s.name === target);
  let insert: OffsetEdit;
  if (section) {
    insert = { start: section.span.end, end: section.span.end, newText: `\n${line}` };
  } else if (target === 'Unit') {
    const first = unit.sections[0];
    const at = first ? lineStartAt(text, first.headerSpan.start) : 0;
    insert = { start: at, end: at, newText: `[Unit]\n${line}\n\n` };
  } else {
    const needsBreak = text.length > 0 && !text.endsWith('\n');
    insert = { start: text.length, end: text.length, newText: `${needsBreak ? '\n' : ''}\n[${target}]\n${line}\n` };
  }
  // Keep the edits apart: an insertion inside the removed range would be lost.
  if (insert.start > removal.start && insert.start < removal.end) return [];
  return removal.start <= insert.start ? [removal, insert] : [insert, removal];
}
