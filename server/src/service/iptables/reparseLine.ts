/**
 * A keystroke inside one rule line: the model of the text before it becomes the model of the text
 * after it. The changed line is parsed again; every later line keeps its objects, moved by the length
 * difference with one write to the line's span (its words and spans are placed relative to it,
 * `words.ts`). Unchanged rule lines then keep everything worked out per rule line (analysis, key,
 * conditions), so typing in a large rules file does not re-read all of it.
 *
 * The previous model is consumed: its objects are moved in place, so the caller must drop it.
 * Anything less certain (a line break typed or deleted, a line that is not a rule line before and
 * after, CR line ends, a rule outside any table) answers undefined and the text is parsed from scratch.
 */
import type { RuleLine, RulesFile, RulesLine, RulesProblem, Span, TableBlock } from './ast';
import { parseRuleLine } from './parseRule';
import { changedStretch, type ChangedStretch } from '../text/changedStretch';
import { appendAll } from '../appendAll';
import { withLazyText } from '../text/largeDocument';

interface Mutable {
  start: number;
  end: number;
}

function move(span: Span | undefined, delta: number): void {
  if (!span) return;
  const m = span as Mutable;
  m.start += delta;
  m.end += delta;
}

function hasLineBreak(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** Index of the line holding `offset` (lines are in order and cover the text). */
function lineIndexAt(lines: readonly RulesLine[], offset: number): number {
  let lo = 0,
    hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid] as RulesLine).span.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A line iptables-restore reads as a rule: not blank, not a comment, starting with `-` or `[`. */
function isRuleText(text: string, start: number, end: number): boolean {
  if (start >= end || text.charCodeAt(start) === 35) return false;
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const c = text.charCodeAt(i);
  return i < end && (c === 45 || c === 91);
}

/**
 * What a keystroke changed: the rule line `old` (spanning `start`..`oldEnd` in the text of the model
 * `previous` names) became `rule`, and every later offset moved by `delta`. Whole-file checks that kept
 * their result for that model update it for this line alone (`lineSplice.ts`).
 */
export interface LineEdit {
  /** The model before, by its key (`modelKey`): an edit does not keep the old model and its text alive. */
  readonly previous: object;
  readonly old: RuleLine;
  readonly rule: RuleLine;
  readonly start: number;
  readonly oldEnd: number;
  readonly delta: number;
}

const keys = new WeakMap<RulesFile, object>();

/** An object standing for one model, under which checks keep their results for it. */
export function modelKey(file: RulesFile): object {
  let key = keys.get(file);
  if (!key) {
    key = {};
    keys.set(file, key);
  }
  return key;
}

const edits = new WeakMap<RulesFile, readonly LineEdit[]>();

/**
 * The edits that lead to `file`, nearest first: from the model just before, then (while the keystrokes
 * stayed in the same line) from the models before that. A model that was never validated (completion
 * asked for it, validation only for the next version) is thus stepped over.
 */
export function editsOf(file: RulesFile): readonly LineEdit[] {
  return edits.get(file) ?? [];
}

/**
 * Once `file` was validated its checks hold results of their own and the edits that led to it are not
 * needed: dropped, so that the replaced rule lines (whose words are slices of older texts) do not keep
 * those texts alive.
 */
export function settleEdits(file: RulesFile): void {
  edits.delete(file);
}

/** How many models back a keystroke's edit reaches. */
const editsKept = 4;

/** Models whose text holds no carriage return (known from a scan, or kept by a keystroke that typed none). */
const withoutCr = new WeakSet<RulesFile>();

function hasNoCr(file: RulesFile): boolean {
  if (withoutCr.has(file)) return true;
  if (file.text.includes('\r')) return false;
  withoutCr.add(file);
  return true;
}

/**
 * What the reparse reads of one version of the text: its length and a stretch of it (the changed
 * line). A whole string is one; so is a large document's `LineTable`, whose whole text is joined only
 * if something reads the new model's `text`.
 */
export interface TextVersion {
  readonly length: number;
  slice(from: number, to: number): string;
  text(): string;
  /** The whole text when it is a string already. */
  readonly whole?: string;
}

function versionOf(text: string): TextVersion {
  return { length: text.length, slice: (from, to) => text.slice(from, to), text: () => text, whole: text };
}

/** A stretch the editor reported, if it fits the two texts (same unchanged tail, within both). */
function fits(stretch: ChangedStretch, before: TextVersion, after: TextVersion): boolean {
  const { from, oldTo, newTo } = stretch;
  return (
    0 <= from &&
    from <= oldTo &&
    from <= newTo &&
    before.length - oldTo === after.length - newTo &&
    newTo <= after.length
  );
}

/**
 * The model of `text`, carried over from `previous` when they differ inside one rule line. `changed`
 * is where they differ when the caller knows it (the editor's change events); without it the two texts
 * are compared.
 */
export function reparseOneLine(previous: RulesFile, text: string, changed?: ChangedStretch): RulesFile | undefined {
  if (!hasNoCr(previous)) return undefined;
  const before = versionOf(previous.text);
  const after = versionOf(text);
  let stretch = changed && fits(changed, before, after) ? changed : undefined;
  if (!stretch) {
    if (previous.text === text) return undefined;
    stretch = changedStretch(previous.text, text);
  }
  return reparseStretch(previous, before, after, stretch);
}

/**
 * The model of `after`, carried over from `previous` (the model of `before`, a text without carriage
 * returns) when `stretch`, where the two differ, lies inside one rule line. Reads only that line of
 * `after`; the new model's `text` is `after.text()`, asked for only when read.
 */
export function reparseStretch(
  previous: RulesFile,
  before: TextVersion,
  after: TextVersion,
  stretch: ChangedStretch,
): RulesFile | undefined {
  if (!fits(stretch, before, after)) return undefined;
  const { from, oldTo, newTo } = stretch;
  if (from === oldTo && from === newTo) return undefined;
  // The old text has no carriage return, so the new one has one only if it was typed (a line break).
  if (hasLineBreak(before.slice(from, oldTo)) || hasLineBreak(after.slice(from, newTo))) return undefined;
  const index = lineIndexAt(previous.lines, from);
  const old = previous.lines[index];
  if (!old || old.kind !== 'rule' || !old.rule.table || from > old.span.end) return undefined;
  const table: TableBlock = old.rule.table;
  const delta = after.length - before.length;
  const start = old.span.start;
  const oldEnd = old.span.end;
  const end = oldEnd + delta;
  // The line alone, parsed at offset 0 and then placed: its words are slices of this line, not of the
  // whole text (which a later model's text need not be).
  const line = after.slice(start, end);
  if (!isRuleText(line, 0, line.length)) return undefined;

  const lineProblems: RulesProblem[] = [];
  const anchor = { start: 0, end: line.length };
  const rule = parseRuleLine(line, 0, line.length, table, lineProblems, previous.family, anchor, true);
  if (!rule) return undefined;
  // Placed where the line is: its words and spans follow its span (`words.ts`), its problems are moved.
  move(rule.span, start);
  for (const p of lineProblems) move(p, start);

  // Problems keep the order a fresh parse gives: by line, the unclosed table at the end of the file last.
  const inLine = (p: RulesProblem): boolean => p.start >= start && p.start <= oldEnd;
  const lastTable = previous.tables[previous.tables.length - 1];
  const tail = lastTable && lastTable.commit === undefined ? 1 : 0;
  const body = previous.problems.length - tail;
  const problems: RulesProblem[] = [];
  let placed = false;
  for (let i = 0; i < previous.problems.length; i++) {
    const p = previous.problems[i] as RulesProblem;
    if (i < body && inLine(p)) continue;
    if (!placed && (i >= body || p.start > oldEnd)) {
      appendAll(problems, lineProblems);
      placed = true;
    }
    if (p.start > oldEnd) move(p, delta);
    problems.push(p);
  }
  if (!placed) appendAll(problems, lineProblems);

  const lines = previous.lines as RulesLine[];
  lines[index] = rule;
  // A later line's words and spans follow its span (`words.ts`): one move per line.
  if (delta !== 0) for (let i = index + 1; i < lines.length; i++) move((lines[i] as RulesLine).span, delta);

  const rules = table.rules as RuleLine[];
  rules[rules.indexOf(old.rule)] = rule;
  for (const t of previous.tables) {
    const span = t.span as Mutable;
    if (span.start > oldEnd) span.start += delta;
    if (span.end >= oldEnd) span.end += delta;
    if (t.commit && t.commit.start > oldEnd) move(t.commit, delta);
  }
  const rest = { family: previous.family, lines, tables: previous.tables, problems };
  let file: RulesFile;
  if (after.whole !== undefined) file = { text: after.whole, ...rest };
  // The whole text of a large document's version, joined only when something reads it.
  else file = withLazyText(rest, () => after.text());
  const direct: LineEdit = { previous: modelKey(previous), old: old.rule, rule, start, oldEnd, delta };
  const through = editsOf(previous)
    .filter((e) => e.start === start)
    .slice(0, editsKept - 1)
    .map((e): LineEdit => ({
      previous: e.previous,
      old: e.old,
      rule,
      start,
      oldEnd: e.oldEnd,
      delta: e.delta + delta,
    }));
  edits.delete(previous);
  edits.set(file, [direct, ...through]);
  withoutCr.add(file);
  return file;
}
