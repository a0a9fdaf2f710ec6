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

const none: readonly Finding[] = Object.freeze([]);

/**
 * Most lines have no findings: for them only the context is kept (a string shared by every such line),
 * not an entry object and an empty list per line.
 */
export class LineFindings {
  private readonly entries = new WeakMap<RuleLine, Entry | string>();

  of(rule: RuleLine, context: string, compute: () => Finding[]): readonly Finding[] {
    const known = this.entries.get(rule);
    if (known === context) return none;
    const at = rule.span.start;
    if (known !== undefined && typeof known !== 'string' && known.context === context) {
      if (known.at !== at) {
        known.findings = movedFindings(known.findings, at - known.at);
        known.at = at;
      }
      return known.findings;
    }
    const findings = compute();
    this.entries.set(rule, findings.length ? { context, at, findings } : context);
    return findings.length ? findings : none;
  }
}
