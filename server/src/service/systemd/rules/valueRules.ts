/**
 * `systemd/invalid-value`: values systemd 252 cannot parse and therefore ignores (with a line in the
 * journal): enumerations (`Restart=`, `Type=`, `KillMode=` …), booleans, time spans, unit names in
 * dependencies, signals, modes, sizes, limits, environment assignments, socket addresses and
 * calendar expressions. The fix offers the closest allowed value.
 */
import type { Finding, Fix } from '../../types';
import { directiveIn, type DirectiveSpec } from '../../data/systemd/directives';
import { OBSOLETE_OUTPUT_VALUES } from '../../data/systemd/directiveTypes';
import { isCalendarSpec } from '../calendarSpec';
import type { UnitEntry, UnitFile } from '../unitAst';
import {
  invalidEnvironmentWords,
  isMemorySize,
  isOctalMode,
  isResourceLimit,
  isSignal,
  isSocketAddress,
  isTimespan,
  isUnitName,
  parseUnitBoolean,
} from '../valueSyntax';
import { closestName } from './closestName';
import { isKnownSection } from './sectionRules';

/** Kinds for which an empty assignment is itself an error (not a reset). */
const EMPTY_INVALID = new Set(['boolean', 'timespan', 'signal', 'mode', 'limit', 'enum', 'calendar']);
const SOCKET_ADDRESS_DIRECTIVES = new Set(['ListenStream', 'ListenDatagram', 'ListenSequentialPacket']);

function enumAccepts(spec: DirectiveSpec, value: string): boolean {
  const values = spec.values ?? [];
  if (values.some((v) => (v.endsWith(':') ? value.startsWith(v) && value.length > v.length : v === value))) return true;
  if (spec.booleanToo && parseUnitBoolean(value) !== undefined) return true;
  return (spec.name === 'StandardOutput' || spec.name === 'StandardError') && value in OBSOLETE_OUTPUT_VALUES;
}

/** Simple repairs to try in order: case changes, then a unit suffix. */
function candidates(value: string, kind: string): string[] {
  const list = [value.toLowerCase(), value.toUpperCase(), value.trim()];
  if (kind === 'unit' || kind === 'unit-list') list.push(`${value}.service`);
  return list.filter((c) => c !== value);
}

type Check = { ok: true } | { ok: false; what: string; suggestion?: string };

function checkScalar(spec: DirectiveSpec, value: string, withSuggestion = true): Check {
  const suggest = (): string | undefined =>
    withSuggestion ? candidates(value, spec.kind).find((v) => checkScalar(spec, v, false).ok) : undefined;
  switch (spec.kind) {
    case 'boolean':
      return parseUnitBoolean(value) !== undefined
        ? { ok: true }
        : { ok: false, what: 'a boolean (yes/no, true/false, on/off, 1/0)' };
    case 'timespan':
      if (spec.name === 'TimerSlackNSec') return { ok: true };
      return isTimespan(value)
        ? { ok: true }
        : {
            ok: false,
            what: 'a time span such as 90, 5min, 1min 30s or infinity (unit names are case-sensitive)',
            suggestion: suggest(),
          };
    case 'calendar':
      return isCalendarSpec(value)
        ? { ok: true }
        : { ok: false, what: 'a calendar expression such as daily, Mon *-*-* 04:00:00 or *:0/15' };
    case 'enum': {
      if (enumAccepts(spec, value)) return { ok: true };
      const values = (spec.values ?? []).filter((v) => !v.endsWith(':'));
      return { ok: false, what: `one of ${(spec.values ?? []).join(', ')}`, suggestion: closestName(value, values) };
    }
    case 'signal':
      return isSignal(value)
        ? { ok: true }
        : { ok: false, what: 'a signal name in capitals (SIGTERM, TERM) or number 1–64', suggestion: suggest() };
    case 'mode':
      return isOctalMode(value) ? { ok: true } : { ok: false, what: 'an octal mode of at most four digits, e.g. 0644' };
    case 'bytes':
      return value === '' || isMemorySize(value)
        ? { ok: true }
        : {
            ok: false,
            what: 'a size in bytes with an optional K, M, G, T suffix (capital letters), a percentage or infinity',
            suggestion: suggest(),
          };
    case 'limit':
      if (spec.name === 'TasksMax')
        return value === '' || /^(?:\d+%?|infinity)$/.test(value)
          ? { ok: true }
          : { ok: false, what: 'a number, a percentage or infinity' };
      return isResourceLimit(spec.name, value) ? { ok: true } : { ok: false, what: 'a number, soft:hard, or infinity' };
    case 'integer':
      if (value === '') return { ok: true };
      if (!/^[+-]?\d+$/.test(value)) return { ok: false, what: 'a whole number' };
      if (spec.name === 'Nice' && (Number(value) < -20 || Number(value) > 19))
        return { ok: false, what: 'a number from -20 to 19' };
      return { ok: true };
    case 'weight':
      if (value === '' || (value === 'idle' && spec.name.includes('CPUWeight'))) return { ok: true };
      return /^\d+$/.test(value) && Number(value) >= 1 ? { ok: true } : { ok: false, what: 'a positive whole number' };
    case 'unit':
      if (value === '') return { ok: true };
      if (!isUnitName(value))
        return { ok: false, what: 'a unit name with its suffix, e.g. web.service', suggestion: suggest() };
      if (spec.name === 'Slice' && !value.endsWith('.slice')) return { ok: false, what: 'a .slice unit' };
      return { ok: true };
    case 'socket':
      if (!SOCKET_ADDRESS_DIRECTIVES.has(spec.name) || value === '') return { ok: true };
      return isSocketAddress(value)
        ? { ok: true }
        : { ok: false, what: 'a port (1–65535), address:port, [IPv6]:port, an absolute socket path or @abstract name' };
    default:
      return { ok: true };
  }
}

function finding(start: number, end: number, message: string, suggestion: string | undefined): Finding {
  const fixes: Fix[] | undefined =
    suggestion !== undefined
      ? [{ title: `Change to ${suggestion}`, edits: [{ start, end, newText: suggestion }], preferred: true }]
      : undefined;
  return { code: 'systemd/invalid-value', message, start, end, ...(fixes ? { fixes } : {}) };
}

/**
 * An invalid environment word as a message shows it: the name and `=…`, never the value. A word with
 * no `=` is not shown either: it may be a value written without its name.
 */
function assignmentShown(word: string): string {
  const eq = word.indexOf('=');
  if (eq < 0) return 'A word without `=`';
  return eq === 0 ? 'An assignment with no name' : `\`${word.slice(0, eq)}=…\``;
}

function checkEntry(spec: DirectiveSpec, entry: UnitEntry): Finding[] {
  const value = entry.value;
  const span = entry.valueSpan;
  // An empty assignment resets list settings and most others; only some parsers refuse it.
  if (value === '') {
    if (!EMPTY_INVALID.has(spec.kind) || spec.list === true || spec.name === 'KillMode') return [];
    const end = Math.max(span.end, entry.keySpan.end + 1);
    return [
      {
        code: 'systemd/invalid-value',
        message: `${entry.key}= needs a value here; systemd ignores an empty ${entry.key}=.`,
        start: entry.keySpan.start,
        end,
      },
    ];
  }
  if (spec.kind === 'environment') {
    return invalidEnvironmentWords(value).map((w) =>
      // The value is never quoted (it may be a password): the name is what is wrong.
      finding(
        entry.valueOffset(w.start),
        entry.valueOffset(w.end),
        `${assignmentShown(w.text)} is not a NAME=value assignment; systemd ignores it. Names are letters, digits and _, not starting with a digit.`,
        undefined,
      ),
    );
  }
  if (spec.kind === 'unit-list') {
    const out: Finding[] = [];
    const re = /\S+/g;
    for (let m = re.exec(value); m; m = re.exec(value)) {
      const word = m[0];
      if (isUnitName(word)) continue;
      const start = entry.valueOffset(m.index);
      const end = entry.valueOffset(m.index + word.length);
      const fixWord = isUnitName(`${word}.service`) && !word.includes('.') ? `${word}.service` : undefined;
      out.push(
        finding(
          start,
          end,
          `'${word}' is not a unit name; systemd ignores it. A unit name needs a suffix such as .service or .target, and names are separated by spaces only.`,
          fixWord,
        ),
      );
    }
    return out;
  }
  if (spec.kind === 'timespan' && spec.list === true && /^On\w+Sec$/.test(spec.name)) {
    return isTimespan(value)
      ? []
      : [
          finding(
            span.start,
            span.end,
            `${entry.key}=${value} is not a time span such as 5min or 1h 30min; systemd ignores it.`,
            undefined,
          ),
        ];
  }
  const check = checkScalar(spec, value);
  if (check.ok) return [];
  return [
    finding(
      span.start,
      span.end,
      `${entry.key}=${value} is not valid; systemd ignores the line. Expected ${check.what}.`,
      check.suggestion,
    ),
  ];
}

export function invalidValueFindings(unit: UnitFile): Finding[] {
  const findings: Finding[] = [];
  for (const entry of unit.entries) {
    const section = entry.section;
    if (!section || !isKnownSection(unit, section)) continue;
    const spec = directiveIn(section.name, entry.key);
    if (!spec || spec.removed) continue;
    findings.push(...checkEntry(spec, entry));
  }
  return findings;
}
