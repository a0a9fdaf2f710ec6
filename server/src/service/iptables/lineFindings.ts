/**
 * Findings that belong to one rule line, kept per line object: a keystroke in another line carries this
 * line's object over (`reparseLine.ts`), so its findings are not worked out again, only moved when the
 * line has moved. `context` names whatever else the findings depend on; a different context recomputes.
 */
import type { RuleLine } from './ast';
import type { Finding } from '../types';
import { movedFindings } from '../movedFindings';

interface Entry {
  readonly context: string;
  /** Where the line started when the findings were made (moved with the line: most lines have no findings to copy). */
  at: number;
  findings: readonly Finding[];
}

export class LineFindings {
  private readonly entries = new WeakMap<RuleLine, Entry>();

  of(rule: RuleLine, context: string, compute: () => Finding[]): readonly Finding[] {
    const known = this.entries.get(rule);
    const at = rule.span.start;
    if (known && known.context === context) {
      if (known.at !== at) {
        if (known.findings.length) known.findings = movedFindings(known.findings, at - known.at);
        known.at = at;
      }
      return known.findings;
    }
    const findings = compute();
    this.entries.set(rule, { context, at, findings });
    return findings;
  }
}
