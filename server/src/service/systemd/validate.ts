/** Every systemd/* finding for one parsed unit file or drop-in. */
import type { Finding } from '../types';
import { deprecatedFindings } from './rules/deprecatedRules';
import { directiveFindings } from './rules/directiveRules';
import { execRuleFindings } from './rules/execRules';
import { unknownSectionFindings } from './rules/sectionRules';
import { serviceFindings } from './rules/serviceRules';
import { triggerFindings } from './rules/triggerRules';
import { brokenContinuationFindings, credentialFindings, quotingFindings } from './rules/textRules';
import { invalidValueFindings } from './rules/valueRules';
import type { UnitFile } from './unitAst';
import { lineLengthFindings } from './rules/lineLength';

export function validateUnit(unit: UnitFile): Finding[] {
  const findings: Finding[] = unit.problems.map((p) => ({
    code: p.code,
    message: p.message,
    start: p.start,
    end: p.end,
  }));
  findings.push(
    ...unknownSectionFindings(unit),
    ...directiveFindings(unit),
    ...invalidValueFindings(unit),
    ...deprecatedFindings(unit),
    ...execRuleFindings(unit),
    ...serviceFindings(unit),
    ...brokenContinuationFindings(unit),
    ...credentialFindings(unit),
    ...quotingFindings(unit),
    ...lineLengthFindings(unit),
  );
  const invalid = findings.filter((f) => f.code === 'systemd/invalid-value' || f.code === 'systemd/syntax');
  findings.push(
    ...triggerFindings(unit, (e) => !invalid.some((f) => f.start >= e.span.start && f.start <= e.span.end)),
  );
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
