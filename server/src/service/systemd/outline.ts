/**
 * Outline (sections → directives) and folding ranges (sections, entries continued over several lines) of a unit file.
 */
import type { OffsetSymbol } from '../embedded/languages';
import type { UnitFile } from './unitAst';
import { shownAssignments, shownValue } from '../secretValue';

const SymbolKindModule = 2;
const SymbolKindProperty = 7;

/** A value as the outline shows it: at most 60 characters. */
function shortened(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

export function unitSymbols(unit: UnitFile): OffsetSymbol[] {
  return unit.sections.map((section) => ({
    name: `[${section.name}]`,
    kind: SymbolKindModule,
    start: section.span.start,
    end: section.span.end,
    selectionStart: section.headerSpan.start,
    selectionEnd: section.headerSpan.end,
    children: section.entries.map((entry) => ({
      name: entry.key,
      detail: shortened(shownValue(entry.key, shownAssignments(entry.value, entry.key === 'Environment'))),
      kind: SymbolKindProperty,
      start: entry.span.start,
      end: entry.span.end,
      selectionStart: entry.keySpan.start,
      selectionEnd: entry.keySpan.end,
    })),
  }));
}

export function unitFolding(unit: UnitFile): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  for (const section of unit.sections) {
    if (unit.text.slice(section.span.start, section.span.end).includes('\n'))
      ranges.push({ start: section.span.start, end: section.span.end });
    for (const entry of section.entries) {
      if (entry.lineCount > 1) ranges.push({ start: entry.span.start, end: entry.span.end });
    }
  }
  return ranges;
}
