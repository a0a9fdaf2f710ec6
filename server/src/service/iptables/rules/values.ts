/** Argument values: each option's first argument checked as its kind of argument says (`args/kinds.ts`). */
import type { IpFamily } from '../ast';
import type { Finding } from '../../types';
import type { RuleAnalysis } from '../analyzeRule';
import { argKinds } from '../args/kinds';

/** Check every option value of one analysed rule. */
export function checkValues(a: RuleAnalysis, family: IpFamily): Finding[] {
  const out: Finding[] = [];
  for (let k = 0; k < a.optionCount; k++) {
    const use = a.useAt(k);
    const tok = use.args[0];
    if (!tok) continue;
    const spec = a.specAt(k);
    argKinds[spec.arg].check(tok, { use, spec, owner: a.ownerAt(k) }, family, out);
  }
  return out;
}
