import type { OffsetEdit } from '../../types';
import type { FlowRule, FlowTable } from './chains';
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

/** Commands that leave the rules already in a chain where they are. */
const keepsPlace = new Set(['-A', '--append', '-N', '--new-chain', '--new', '-P', '--policy', '-Z', '--zero']);

/**
 * Every command of the table that touches `chain` appends to it (or declares, sets the policy,
 * zeroes): a rule line added to the text then lands in the chain where it stands in the text. An
 * `-I` (which goes in front of rules written before it), a numbered `-D`/`-R`, or a flush breaks that.
 */
function appendOnly(table: FlowTable, chain: string): boolean {
  return table.block.rules.every(
    (r) => keepsPlace.has(r.commandName) || (r.chain !== undefined && r.chain.value !== chain),
  );
}

/** Start of the last command line of the table that touches `chain` (a flush of every chain counts). */
function lastCommandOf(table: FlowTable, chain: string): number | undefined {
  let last: number | undefined;
  for (const r of table.block.rules) if (r.chain === undefined || r.chain.value === chain) last = r.span.start;
  return last;
}

/**
 * `lines` (`-A <chain> …`) as `-I <chain> <n> …` from position `at` (1-based) on, placed after the
 * last command touching the chain: nothing after them changes the chain, so they land exactly there.
 */
function insertAtPosition(
  table: FlowTable,
  text: string,
  chain: string,
  at: number,
  lines: readonly string[],
): OffsetEdit {
  const prefix = `-A ${chain} `;
  const numbered = lines.map((l, i) => (l.startsWith(prefix) ? `-I ${chain} ${at + i} ${l.slice(prefix.length)}` : l));
  const last = lastCommandOf(table, chain);
  return last !== undefined ? insertAfterLine(text, last, numbered) : insertBeforeCommit(table, text, numbered);
}

/** Insert rules so that they become the first rules of `chain` (before COMMIT when it has none). */
export function insertAtChainStart(
  table: FlowTable,
  text: string,
  chain: string,
  lines: readonly string[],
): OffsetEdit {
  if (!appendOnly(table, chain)) return insertAtPosition(table, text, chain, 1, lines);
  const rules = table.chains.get(chain)?.rules ?? [];
  const first = rules.reduce<number | undefined>(
    (min, r) => (min === undefined || r.line.span.start < min ? r.line.span.start : min),
    undefined,
  );
  return first !== undefined ? insertBeforeLine(text, first, lines) : insertBeforeCommit(table, text, lines);
}

/** Insert rules just in front of `rule` of `chain` as the chain ends up after all its commands. */
export function insertBeforeRule(
  table: FlowTable,
  text: string,
  chain: string,
  rule: FlowRule,
  lines: readonly string[],
): OffsetEdit {
  const index = table.chains.get(chain)?.rules.indexOf(rule) ?? -1;
  if (appendOnly(table, chain) || index < 0) return insertBeforeLine(text, rule.line.span.start, lines);
  return insertAtPosition(table, text, chain, index + 1, lines);
}

/** Insert rules after the last rule of `chain`. */
export function insertAtChainEnd(table: FlowTable, text: string, chain: string, lines: readonly string[]): OffsetEdit {
  if (!appendOnly(table, chain)) {
    const last = lastCommandOf(table, chain);
    return last !== undefined ? insertAfterLine(text, last, lines) : insertBeforeCommit(table, text, lines);
  }
  const rules = table.chains.get(chain)?.rules ?? [];
  const last = rules.reduce<number | undefined>(
    (max, r) => (max === undefined || r.line.span.start > max ? r.line.span.start : max),
    undefined,
  );
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

/**
 * The codes whose fixes a fix with `edit` must not be applied with in one pass: an `-I CHAIN n` line
 * with n past 1 counts the chain's rules as they are, and a duplicate rule removed in the same pass
 * would move it one place too far (behind the drop it was to precede). Fix-all applies it in the
 * next pass, counted again. Empty for an insertion that counts nothing (`-A`, `-I CHAIN 1`).
 */
export function deferredByRuleRemovals(edit: OffsetEdit): readonly string[] {
  return /(?:^|[\r\n])-I[ \t]+\S+[ \t]+(?!1[ \t])\d+[ \t]/.test(edit.newText) ? ['iptables/duplicate-rule'] : [];
}
