/** Argument values: each option's first argument checked as its kind of argument says (`args/kinds.ts`). */
import type { IpFamily } from '../ast';
import type { Finding } from '../../types';
import type { RuleAnalysis } from '../analyzeRule';
import { argKinds } from '../args/kinds';

/** Check every option value of one analysed rule. */
export function checkValues(a: RuleAnalysis, family: IpFamily): Finding[] {
  const out: Finding[] = [];
  for (const r of a.options) {
    const tok = r.use.args[0];
    if (tok) argKinds[r.spec.arg].check(tok, r, family, out);
  }
  return out;
}
