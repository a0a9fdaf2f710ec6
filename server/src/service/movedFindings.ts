import type { Finding } from './types';

/** Copies of findings (their fixes and related spans too) moved by `delta`. */
export function movedFindings(findings: readonly Finding[], delta: number): Finding[] {
  const at = <T extends { start: number; end: number }>(s: T): T => ({
    ...s,
    start: s.start + delta,
    end: s.end + delta,
  });
  return findings.map((f) => {
    const out = at(f);
    if (f.fixes) out.fixes = f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(at) }));
    if (f.related) out.related = f.related.map(at);
    return out;
  });
}
