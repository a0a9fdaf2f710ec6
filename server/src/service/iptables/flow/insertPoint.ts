import type { OffsetEdit } from '../../types';
import type { FlowTable } from './chains';
import { lineEndAt, lineStartAt } from '../../text/lines';

// New lines are added at the end of the line before them, each preceded by its line break: the
// embedded-content mapper then indents every added line, and no existing line moves.
const asLines = (lines: readonly string[]): string => lines.map((l) => `\n${l}`).join('');

/** An edit that puts `lines` on their own lines just before the line holding `offset`. */
export function insertBeforeLine(text: string, offset: number, lines: readonly string[]): OffsetEdit {
  const at = lineStartAt(text, offset);
  if (at === 0) return { start: 0, end: 0, newText: lines.map((l) => `${l}\n`).join('') };
  const end = lineEndAt(text, at - 1);
  return { start: end, end, newText: asLines(lines) };
}

/** An edit that puts `lines` on their own lines just after the line holding `offset`. */
export function insertAfterLine(text: string, offset: number, lines: readonly string[]): OffsetEdit {
  const end = lineEndAt(text, offset);
  return { start: end, end, newText: asLines(lines) };
}

/**
 * Where the first rule lines of the table go when a chain has none: after the chain declarations (or the `*table`
 * line).
 */
function afterDeclarations(table: FlowTable, text: string, lines: readonly string[]): OffsetEdit {
  const decls = table.block.chains;
  const last = decls[decls.length - 1];
  return insertAfterLine(text, last ? last.line.span.start : table.block.name.start, lines);
}

/** Insert rules so that they become the first rules of `chain` (before COMMIT when it has none). */
export function insertAtChainStart(table: FlowTable, text: string, chain: string, lines: readonly string[]): OffsetEdit {
  const rules = table.chains.get(chain)?.rules ?? [];
  const first = rules.reduce<number | undefined>((min, r) => (min === undefined || r.line.span.start < min ? r.line.span.start : min), undefined);
  return first !== undefined ? insertBeforeLine(text, first, lines) : insertBeforeCommit(table, text, lines);
}

/** Insert rules after the last rule of `chain`. */
export function insertAtChainEnd(table: FlowTable, text: string, chain: string, lines: readonly string[]): OffsetEdit {
  const rules = table.chains.get(chain)?.rules ?? [];
  const last = rules.reduce<number | undefined>((max, r) => (max === undefined || r.line.span.start > max ? r.line.span.start : max), undefined);
  return last !== undefined ? insertAfterLine(text, last, lines) : insertBeforeCommit(table, text, lines);
}

/** Insert chain declarations after the existing ones. */
export function insertDeclaration(table: FlowTable, text: string, lines: readonly string[]): OffsetEdit {
  return afterDeclarations(table, text, lines);
}

/** Insert lines just before the table's COMMIT (or at the end of the block). */
export function insertBeforeCommit(table: FlowTable, text: string, lines: readonly string[]): OffsetEdit {
  const commit = table.block.commit;
  return commit ? insertBeforeLine(text, commit.start, lines) : afterDeclarations(table, text, lines);
}
