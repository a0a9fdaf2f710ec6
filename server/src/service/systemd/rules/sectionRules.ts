/** `systemd/unknown-section`: a section this unit type does not have (`X-` sections are the user's own and allowed). */
import type { Finding } from '../../types';
import { sectionsFor, systemdSections } from '../../data/systemd/directives';
import type { UnitFile, UnitSection } from '../unitAst';
import { closestName } from './closestName';

/** True when systemd reads the section's entries (known for this unit type). */
export function isKnownSection(unit: UnitFile, section: UnitSection): boolean {
  return sectionsFor(unit.unitType).includes(section.name);
}

export function unknownSectionFindings(unit: UnitFile): Finding[] {
  const findings: Finding[] = [];
  const allowed = sectionsFor(unit.unitType);
  for (const section of unit.sections) {
    if (section.name.startsWith('X-') || allowed.includes(section.name)) continue;
    const known = (systemdSections as readonly string[]).includes(section.name);
    const suggestion = known ? undefined : closestName(section.name, allowed);
    const message = known
      ? `A ${unit.unitType ?? 'unit'} unit has no [${section.name}] section; systemd ignores it and every setting in it (allowed here: ${allowed.map((s) => `[${s}]`).join(', ')}).`
      : `Unknown section [${section.name}]; systemd ignores it and every setting in it.${suggestion ? ` Did you mean [${suggestion}]?` : ''} Name your own sections with an X- prefix.`;
    findings.push({
      code: 'systemd/unknown-section',
      message,
      start: section.nameSpan.start,
      end: section.nameSpan.end,
      ...(suggestion
        ? {
            fixes: [
              {
                title: `Rename to [${suggestion}]`,
                edits: [{ start: section.nameSpan.start, end: section.nameSpan.end, newText: suggestion }],
                preferred: true,
              },
            ],
          }
        : {}),
    });
  }
  return findings;
}
