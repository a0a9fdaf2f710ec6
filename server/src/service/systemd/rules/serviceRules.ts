/**
 * Whole-service checks systemd makes before it agrees to load a service (FACTS §4.2, §4.3):
 * `systemd/missing-exec-start`, `systemd/multiple-exec-start`, `systemd/oneshot-restart`.
 * Not for drop-ins: they only change a unit defined elsewhere.
 */
import type { Finding } from '../../types';
import { SERVICE_TYPES } from '../../data/systemd/directiveTypes';
import { parseExecValue } from '../execCommand';
import type { Span, UnitEntry, UnitFile } from '../unitAst';
import { parseUnitBoolean } from '../valueSyntax';

interface ServiceShape {
  /** The `ExecStart=` entries whose commands are in effect (after empty resets), one per command. */
  readonly starts: UnitEntry[];
  readonly hasStop: boolean;
  readonly type: string | undefined;
  readonly typeEntry: UnitEntry | undefined;
  readonly restart: UnitEntry | undefined;
  readonly remainAfterExit: boolean;
  readonly successAction: boolean;
}

function entriesIn(unit: UnitFile, section: string): UnitEntry[] {
  return unit.entries.filter((e) => e.section?.name === section);
}

function last(entries: UnitEntry[], key: string): UnitEntry | undefined {
  let found: UnitEntry | undefined;
  for (const e of entries) if (e.key === key) found = e;
  return found;
}

/** Commands an Exec entry adds: parse errors with `-` drop the command, others keep it (the unit fails anyway). */
function commandCount(entry: UnitEntry): number {
  const parsed = parseExecValue(entry.value);
  if (parsed.unbalancedAt !== undefined) return 0;
  return parsed.commands.filter((c) => !(c.ignoreFailure && c.problem && c.problem.kind !== 'plain-name')).length;
}

function shapeOf(unit: UnitFile): ServiceShape {
  const service = entriesIn(unit, 'Service');
  let starts: UnitEntry[] = [];
  let stops = 0;
  for (const e of service) {
    if (e.key === 'ExecStart') {
      if (e.value === '') starts = [];
      else for (let i = commandCount(e); i > 0; i--) starts.push(e);
    } else if (e.key === 'ExecStop') {
      stops = e.value === '' ? 0 : stops + commandCount(e);
    }
  }
  const typeEntry = last(service, 'Type');
  const remain = last(service, 'RemainAfterExit');
  const success = last(entriesIn(unit, 'Unit'), 'SuccessAction');
  return {
    starts,
    hasStop: stops > 0,
    type: typeEntry && (SERVICE_TYPES as readonly string[]).includes(typeEntry.value) ? typeEntry.value : undefined,
    typeEntry,
    restart: last(service, 'Restart'),
    remainAfterExit: remain ? parseUnitBoolean(remain.value) === true : false,
    successAction: success !== undefined && success.value !== '' && success.value !== 'none',
  };
}

/** Where to report a problem of the whole service: the [Service] header, else the first line. */
function serviceAnchor(unit: UnitFile): Span {
  const section = unit.sections.find((s) => s.name === 'Service') ?? unit.sections[0];
  if (section) return section.nameSpan;
  const nl = unit.text.indexOf('\n');
  return { start: 0, end: nl < 0 ? unit.text.length : nl };
}

export function isServiceUnit(unit: UnitFile): boolean {
  if (unit.unitType !== undefined) return unit.unitType === 'service';
  return unit.sections.some((s) => s.name === 'Service');
}

export function serviceFindings(unit: UnitFile): Finding[] {
  if (unit.dropIn || !isServiceUnit(unit) || unit.problems.some((p) => p.fatal)) return [];
  const shape = shapeOf(unit);
  const findings: Finding[] = [];
  const hasStart = shape.starts.length > 0;
  // Without ExecStart= and without Type=, systemd makes the service a oneshot.
  const type = shape.type ?? (hasStart ? 'simple' : 'oneshot');
  const anchor = serviceAnchor(unit);
  let missing: string | undefined;
  if (!hasStart && !shape.hasStop && !shape.successAction) {
    missing = 'This service has no ExecStart= (nor ExecStop= or SuccessAction=): systemd refuses to load it.';
  } else if (!hasStart && type !== 'oneshot') {
    missing = `This service has no ExecStart=, which only a Type=oneshot service may omit: systemd refuses to load it.`;
  } else if (!hasStart && !shape.remainAfterExit && !shape.successAction) {
    missing =
      'A oneshot service without ExecStart= needs RemainAfterExit=yes (or SuccessAction=); otherwise systemd refuses to load it.';
  }
  if (missing)
    findings.push({ code: 'systemd/missing-exec-start', message: missing, start: anchor.start, end: anchor.end });

  if (type !== 'oneshot' && shape.starts.length > 1) {
    const seen = new Set<UnitEntry>();
    for (const e of shape.starts.slice(1)) {
      if (seen.has(e)) continue;
      seen.add(e);
      findings.push({
        code: 'systemd/multiple-exec-start',
        message: `More than one ExecStart= command in a Type=${type} service: systemd refuses to load it. Use Type=oneshot, ExecStartPre=/ExecStartPost=, or start with an empty ExecStart= to replace the list.`,
        start: e.keySpan.start,
        end: e.keySpan.end,
      });
    }
  }

  if (
    type === 'oneshot' &&
    shape.restart &&
    (shape.restart.value === 'always' || shape.restart.value === 'on-success')
  ) {
    const r = shape.restart;
    findings.push({
      code: 'systemd/oneshot-restart',
      message: `Restart=${r.value} is not allowed for a Type=oneshot service: systemd refuses to load it. Use Restart=on-failure, or another Type.`,
      start: r.valueSpan.start,
      end: r.valueSpan.end,
      ...(shape.typeEntry
        ? {
            related: [
              {
                start: shape.typeEntry.span.start,
                end: shape.typeEntry.span.end,
                message: 'The service is a oneshot here.',
              },
            ],
          }
        : {}),
    });
  }
  return findings;
}
