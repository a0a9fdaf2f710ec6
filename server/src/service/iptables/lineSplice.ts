/**
 * Whole-file checks whose findings each belong to one rule line keep their last result per model, and a
 * keystroke in one rule line (`reparseLine.ts`) updates it: the old line's findings out, the new line's
 * in, the later findings moved by the length difference. The result equals the check run on the whole
 * new model (the incremental tests compare the two after every keystroke).
 */
import type { RulesFile, RuleLine } from './ast';
import type { Finding } from '../types';
import { editsOf, modelKey, type LineEdit } from './reparseLine';
import { countPass } from './passCounts';

/** A position of another line's finding after the edit: everything from the edited line's end on moves. */
function movedBy<T extends { start: number; end: number }>(s: T, edit: LineEdit): T {
  const { oldEnd, delta } = edit;
  if (s.end < oldEnd) return s;
  return { ...s, start: s.start >= oldEnd ? s.start + delta : s.start, end: s.end + delta };
}

function movedFinding(f: Finding, edit: LineEdit): Finding {
  const out = movedBy(f, edit);
  if (out === f) {
    // The finding itself is before the edit; its fixes or related places may still be after it.
    const fixesMove = f.fixes?.some((x) => x.edits.some((e) => e.end >= edit.oldEnd));
    const relatedMoves = f.related?.some((r) => r.end >= edit.oldEnd);
    if (!fixesMove && !relatedMoves) return f;
  }
  const copy: Finding = out === f ? { ...f } : out;
  if (f.fixes) copy.fixes = f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => movedBy(e, edit)) }));
  if (f.related) copy.related = f.related.map((r) => movedBy(r, edit));
  return copy;
}

/**
 * `previous` (findings in line order, each starting in its own line) with the edited line's findings
 * replaced by `fresh` and the later ones moved.
 */
export function splicedFindings(previous: readonly Finding[], edit: LineEdit, fresh: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  let placed = false;
  for (const f of previous) {
    if (f.start >= edit.start && f.start <= edit.oldEnd) continue;
    if (!placed && f.start > edit.oldEnd) {
      for (const n of fresh) out.push(n);
      placed = true;
    }
    out.push(movedFinding(f, edit));
  }
  if (!placed) for (const n of fresh) out.push(n);
  return out;
}

interface Kept<C> {
  readonly context: C;
  readonly findings: readonly Finding[];
}

/**
 * A check's last findings per model. `all` checks a whole model; `line` checks one rule line of it and
 * gives what `all` gives for that line. `context` is whatever else the findings depend on (compared
 * with `same`); `undefined` means "do not carry over".
 */
export class SplicedCheck<C> {
  private readonly kept = new WeakMap<object, Kept<C>>();

  constructor(
    /** The check's name in `wholeFilePasses`. */
    private readonly name: string,
    private readonly same: (a: C, b: C) => boolean = (a, b) => a === b,
  ) {}

  findings(
    file: RulesFile,
    context: C | undefined,
    all: () => Finding[],
    line: (rule: RuleLine) => Finding[],
  ): readonly Finding[] {
    const key = modelKey(file);
    const known = this.kept.get(key);
    if (known && context !== undefined && this.same(known.context, context)) return known.findings;
    let findings: readonly Finding[] | undefined;
    if (context !== undefined) {
      for (const edit of editsOf(file)) {
        const before = this.kept.get(edit.previous);
        if (!before || !this.same(before.context, context)) continue;
        findings = splicedFindings(before.findings, edit, line(edit.rule));
        this.kept.delete(edit.previous);
        break;
      }
    }
    if (!findings) {
      countPass(this.name);
      findings = all();
    }
    if (context !== undefined) this.kept.set(key, { context, findings });
    return findings;
  }
}
