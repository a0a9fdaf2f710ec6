/**
 * `systemd/unknown-directive` (no such directive in this section, with the closest name) and
 * `systemd/misplaced-directive` (a real directive written in the wrong section, moved by the fix).
 */
import type { Finding } from '../../types';
import {
  allDirectiveNames,
  directiveIn,
  directivesInSection,
  directivesNamed,
  sectionsFor,
} from '../../data/systemd/directives';
import type { UnitEntry, UnitFile } from '../unitAst';
import { closestName } from './closestName';
import { moveEntryEdits } from './moveEntry';
import { isKnownSection } from './sectionRules';

/** Keys a CoreOS cloud-config unit entry has, which people paste into the unit text by mistake. */
const CLOUD_CONFIG_UNIT_KEYS = new Set([
  'enabled',
  'enable',
  'command',
  'runtime',
  'mask',
  'content',
  'drop-ins',
  'drop_ins',
]);

function renameFix(entry: UnitEntry, name: string): Finding['fixes'] {
  return [
    {
      title: `Rename to ${name}=`,
      edits: [{ start: entry.keySpan.start, end: entry.keySpan.end, newText: name }],
      preferred: true,
    },
  ];
}

function unknownFinding(unit: UnitFile, entry: UnitEntry, sectionName: string): Finding {
  const here = directivesInSection(sectionName).map((d) => d.name);
  const allowed = sectionsFor(unit.unitType);
  const suggestion =
    closestName(entry.key, here) ??
    closestName(
      entry.key,
      allDirectiveNames().filter((n) => directivesNamed(n).some((d) => d.sections.some((s) => allowed.includes(s)))),
    );
  const elsewhere = directivesNamed(entry.key).flatMap((d) => d.sections);
  let message = `Unknown directive ${entry.key}= in [${sectionName}]; systemd ignores this line.`;
  if (elsewhere.length > 0) {
    message = `${entry.key}= belongs to ${[...new Set(elsewhere)].map((s) => `[${s}]`).join('/')}, which a ${unit.unitType} unit does not have; systemd ignores this line.`;
  } else if (CLOUD_CONFIG_UNIT_KEYS.has(entry.key)) {
    message += ` ${entry.key} is a key of the cloud-config unit entry, next to content:, not a line of the unit.`;
  } else if (suggestion) {
    message += ` Did you mean ${suggestion}=?`;
  }
  return {
    code: 'systemd/unknown-directive',
    message,
    start: entry.keySpan.start,
    end: entry.keySpan.end,
    ...(suggestion && elsewhere.length === 0 ? { fixes: renameFix(entry, suggestion) } : {}),
  };
}

export function directiveFindings(unit: UnitFile): Finding[] {
  const findings: Finding[] = [];
  const allowed = sectionsFor(unit.unitType);
  for (const entry of unit.entries) {
    const section = entry.section;
    if (!section || !isKnownSection(unit, section)) continue;
    if (entry.key.startsWith('X-')) continue;
    if (directiveIn(section.name, entry.key)) continue;
    const homes = [...new Set(directivesNamed(entry.key).flatMap((d) => d.sections))].filter((s) =>
      allowed.includes(s),
    );
    const target = homes[0];
    if (target === undefined) {
      findings.push(unknownFinding(unit, entry, section.name));
      continue;
    }
    const edits = moveEntryEdits(unit, entry, target);
    findings.push({
      code: 'systemd/misplaced-directive',
      message: `${entry.key}= belongs in [${target}], not [${section.name}]; systemd ignores it here.`,
      start: entry.keySpan.start,
      end: entry.keySpan.end,
      ...(edits.length > 0 ? { fixes: [{ title: `Move ${entry.key}= to [${target}]`, edits, preferred: true }] } : {}),
    });
  }
  return findings;
}
