/**
 * `Exec*=` command lines: `systemd/relative-exec` for a program that is not an absolute path, and
 * `systemd/syntax` for command lines systemd 252 cannot use at all (a relative path with a slash,
 * a stray prefix character, an unclosed quote, a missing program) — without a `-` prefix those
 * make systemd refuse the whole unit.
 */
import type { Finding } from '../../types';
import { directiveIn } from '../../data/systemd/directives';
import { parseExecValue } from '../execCommand';
import type { UnitEntry, UnitFile } from '../unitAst';
import { isKnownSection } from './sectionRules';

function execFindings(entry: UnitEntry): Finding[] {
  const parsed = parseExecValue(entry.value);
  const at = (i: number): number => entry.valueOffset(i);
  if (parsed.unbalancedAt !== undefined) {
    return [
      {
        code: 'systemd/syntax',
        message: `A quote in this ${entry.key}= command is never closed: systemd cannot read the command line and refuses the unit.`,
        start: at(parsed.unbalancedAt),
        end: entry.valueSpan.end,
      },
    ];
  }
  const findings: Finding[] = [];
  for (const cmd of parsed.commands) {
    const problem = cmd.problem;
    if (!problem) continue;
    const start = at(cmd.program.start);
    const end = at(cmd.program.end);
    const outcome = cmd.ignoreFailure
      ? 'systemd skips this command (the - prefix turns the error into a warning)'
      : 'systemd refuses to load the unit';
    if (problem.kind === 'plain-name') {
      findings.push({
        code: 'systemd/relative-exec',
        message: `'${cmd.program.text}' is not an absolute path. systemd 239 and later look it up in a fixed search path, but older versions (such as Container Linux) refuse the unit. Write the full path, e.g. /usr/bin/${cmd.program.text}.`,
        start,
        end,
      });
    } else if (cmd.ignoreFailure) {
      findings.push({
        code: 'systemd/relative-exec',
        message:
          problem.kind === 'empty'
            ? `This ${entry.key}= command has no program; ${outcome}.`
            : `'${cmd.program.text}' is neither an absolute path nor a plain program name; ${outcome}.`,
        start: problem.kind === 'empty' ? entry.valueSpan.start : start,
        end: problem.kind === 'empty' ? entry.valueSpan.end : end,
      });
    } else {
      findings.push({
        code: 'systemd/syntax',
        message:
          problem.kind === 'empty'
            ? `This ${entry.key}= command has no program after its prefixes; ${outcome}.`
            : `'${cmd.program.text}' is not an absolute path nor a plain program name; ${outcome}. Allowed prefixes: - @ : and one of + ! !!`,
        start: problem.kind === 'empty' ? entry.valueSpan.start : start,
        end: problem.kind === 'empty' ? entry.valueSpan.end : end,
      });
    }
  }
  return findings;
}

export function execRuleFindings(unit: UnitFile): Finding[] {
  const findings: Finding[] = [];
  for (const entry of unit.entries) {
    const section = entry.section;
    if (!section || !isKnownSection(unit, section) || entry.value === '') continue;
    if (directiveIn(section.name, entry.key)?.kind !== 'command') continue;
    findings.push(...execFindings(entry));
  }
  return findings;
}
