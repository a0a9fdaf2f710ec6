/**
 * `systemd/deprecated-directive`: directives systemd only keeps for old files (`MemoryLimit=`,
 * `CPUShares=`, `BindTo=` …), directives it removed, and obsolete values (`KillMode=none`,
 * `StandardOutput=syslog`). The fix writes the successor.
 */
import type { Finding, Fix } from '../../types';
import { directiveIn, sectionsFor } from '../../data/systemd/directives';
import { OBSOLETE_OUTPUT_VALUES } from '../../data/systemd/directiveTypes';
import type { UnitEntry, UnitFile } from '../unitAst';
import { parseUnitBoolean } from '../valueSyntax';
import { moveEntryEdits } from './moveEntry';
import { isKnownSection } from './sectionRules';

const CODE = 'systemd/deprecated-directive';

/** Scale a number from one cgroup weight range to another, as systemd converts old settings. */
function scaled(value: string, from: number, to: number, min: number, max: number): string {
  if (!/^\d+$/.test(value)) return value;
  return String(Math.min(max, Math.max(min, Math.round((Number(value) * to) / from))));
}

/** The successor's value: same text, except where the scale or meaning changed. */
function successorValue(key: string, value: string): string {
  if (key === 'CPUShares' || key === 'StartupCPUShares') return scaled(value, 1024, 100, 1, 10000);
  if (key === 'BlockIOWeight' || key === 'StartupBlockIOWeight') return scaled(value, 500, 100, 1, 10000);
  if (key === 'OnFailureIsolate') return parseUnitBoolean(value) ? 'isolate' : 'replace';
  return value;
}

function directiveFix(unit: UnitFile, entry: UnitEntry, sectionName: string, successor: string | undefined): Fix[] {
  const name = successor ?? entry.key;
  const line = `${name}=${successorValue(entry.key, entry.value)}`;
  const current = (s: string): boolean =>
    directiveIn(s, name)?.deprecated === undefined && directiveIn(s, name) !== undefined;
  if (successor && current(sectionName)) {
    return [
      {
        title: `Replace with ${line}`,
        edits: [{ start: entry.keySpan.start, end: entry.span.end, newText: line }],
        preferred: true,
      },
    ];
  }
  // The successor (or the directive itself) lives in another section: move it there.
  const target = sectionsFor(unit.unitType).find((s) => s !== sectionName && current(s));
  if (!target) return [];
  const edits = moveEntryEdits(unit, entry, target, line);
  return edits.length > 0 ? [{ title: `Move to [${target}] as ${name}=`, edits, preferred: true }] : [];
}

function valueFinding(entry: UnitEntry): Finding | undefined {
  if (entry.key === 'KillMode' && entry.value === 'none') {
    return {
      code: CODE,
      message:
        'KillMode=none is unsafe and deprecated: systemd loses track of processes left running. They keep running when the service stops, and systemd warns about it. Use mixed or control-group.',
      start: entry.valueSpan.start,
      end: entry.valueSpan.end,
      deprecated: true,
      fixes: [
        {
          title: 'Change to mixed',
          edits: [{ start: entry.valueSpan.start, end: entry.valueSpan.end, newText: 'mixed' }],
          preferred: true,
        },
      ],
    };
  }
  if ((entry.key === 'StandardOutput' || entry.key === 'StandardError') && entry.value in OBSOLETE_OUTPUT_VALUES) {
    const to = OBSOLETE_OUTPUT_VALUES[entry.value] as string;
    return {
      code: CODE,
      message: `${entry.key}=${entry.value} is obsolete: systemd writes to the journal instead (and syslog gets it from there). Write ${to}.`,
      start: entry.valueSpan.start,
      end: entry.valueSpan.end,
      deprecated: true,
      fixes: [
        {
          title: `Change to ${to}`,
          edits: [{ start: entry.valueSpan.start, end: entry.valueSpan.end, newText: to }],
          preferred: true,
        },
      ],
    };
  }
  return undefined;
}

export function deprecatedFindings(unit: UnitFile): Finding[] {
  const findings: Finding[] = [];
  for (const entry of unit.entries) {
    const section = entry.section;
    if (!section || !isKnownSection(unit, section)) continue;
    const spec = directiveIn(section.name, entry.key);
    if (!spec) continue;
    if (spec.deprecated) {
      const { successor, note } = spec.deprecated;
      const what = spec.removed
        ? `${entry.key}= has been removed from systemd and is ignored`
        : `${entry.key}= is deprecated`;
      const fixes = directiveFix(unit, entry, section.name, successor);
      findings.push({
        code: CODE,
        message: `${what}. ${note.charAt(0).toUpperCase()}${note.slice(1)}.`,
        start: entry.keySpan.start,
        end: entry.keySpan.end,
        deprecated: true,
        // A removed directive has no effect at all: the setting the author wanted is not applied.
        ...(spec.removed ? { severity: 'warning' as const } : {}),
        ...(fixes.length > 0 ? { fixes } : {}),
      });
      continue;
    }
    const v = valueFinding(entry);
    if (v) findings.push(v);
  }
  return findings;
}
