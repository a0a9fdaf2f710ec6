/**
 * `systemd/missing-trigger`: unit types that systemd refuses to load without the setting that makes
 * them do anything — a socket with no usable `Listen*=`, a timer with no usable `On*=`, a path unit with
 * no `Path*=`/`DirectoryNotEmpty=` — and mount/automount units whose `Where=` is not the path their name
 * spells. Not for drop-ins: they only change a unit defined elsewhere.
 */
import type { Finding } from '../../types';
import type { Span, UnitEntry, UnitFile } from '../unitAst';
import { parseUnitBoolean } from '../valueSyntax';

interface Trigger {
  readonly section: string;
  readonly keys: ReadonlySet<string>;
  /** Keys that count only when their boolean value is true. */
  readonly booleanKeys?: ReadonlySet<string>;
  readonly what: string;
}

const triggers: Readonly<Record<string, Trigger>> = {
  socket: {
    section: 'Socket',
    keys: new Set([
      'ListenStream',
      'ListenDatagram',
      'ListenSequentialPacket',
      'ListenFIFO',
      'ListenSpecial',
      'ListenNetlink',
      'ListenMessageQueue',
      'ListenUSBFunction',
    ]),
    what: 'a socket needs at least one usable Listen…= setting (ListenStream=, ListenDatagram=, …)',
  },
  timer: {
    section: 'Timer',
    keys: new Set(['OnActiveSec', 'OnBootSec', 'OnStartupSec', 'OnUnitActiveSec', 'OnUnitInactiveSec', 'OnCalendar']),
    booleanKeys: new Set(['OnClockChange', 'OnTimezoneChange']),
    what: 'a timer needs at least one usable On…= setting (OnCalendar=, OnBootSec=, OnUnitActiveSec=, …)',
  },
  path: {
    section: 'Path',
    keys: new Set(['PathExists', 'PathExistsGlob', 'PathChanged', 'PathModified', 'DirectoryNotEmpty']),
    what: 'a path unit needs at least one Path…= or DirectoryNotEmpty= setting',
  },
};

function anchorOf(unit: UnitFile, section: string): Span {
  const s = unit.sections.find((x) => x.name === section) ?? unit.sections[0];
  if (s) return s.nameSpan;
  const nl = unit.text.indexOf('\n');
  return { start: 0, end: nl < 0 ? unit.text.length : nl };
}

/** The unit name systemd expects for a mount point (`/var/lib/docker` → `var-lib-docker`). */
export function escapedMountName(where: string): string {
  const parts = where.split('/').filter((p) => p !== '');
  if (parts.length === 0) return '-';
  return parts
    .map((part, i) => {
      let out = '';
      for (const [j, ch] of Array.from(part).entries()) {
        const plain = /[A-Za-z0-9:_.]/.test(ch) && !(ch === '.' && i === 0 && j === 0);
        out += plain
          ? ch
          : Array.from(Buffer.from(ch, 'utf8'))
              .map((b) => `\\x${b.toString(16).padStart(2, '0')}`)
              .join('');
      }
      return out;
    })
    .join('-');
}

function mountFindings(unit: UnitFile): Finding[] {
  const name = unit.unitName;
  const type = unit.unitType;
  if (!name || (type !== 'mount' && type !== 'automount')) return [];
  const section = type === 'mount' ? 'Mount' : 'Automount';
  const where = [...unit.entries].reverse().find((e) => e.section?.name === section && e.key === 'Where');
  if (!where || !where.value.startsWith('/')) return [];
  const base = name.slice(0, name.length - type.length - 1);
  const expected = escapedMountName(where.value);
  if (base === expected) return [];
  return [
    {
      code: 'systemd/missing-trigger',
      message: `systemd refuses to load ${name}: its name does not match Where=. Where=${where.value} needs the unit named ${expected}.${type}.`,
      start: where.valueSpan.start,
      end: where.valueSpan.end,
    },
  ];
}

/** `usable` tells whether an entry's value was accepted (no invalid-value finding on it). */
export function triggerFindings(unit: UnitFile, usable: (e: UnitEntry) => boolean): Finding[] {
  if (unit.dropIn || unit.problems.some((p) => p.fatal)) return [];
  const findings = mountFindings(unit);
  const trigger = unit.unitType ? triggers[unit.unitType] : undefined;
  if (!trigger) return findings;
  const ok = unit.entries.some(
    (e) =>
      e.section?.name === trigger.section &&
      e.value !== '' &&
      usable(e) &&
      (trigger.keys.has(e.key) || (trigger.booleanKeys?.has(e.key) === true && parseUnitBoolean(e.value) === true)),
  );
  if (!ok) {
    const anchor = anchorOf(unit, trigger.section);
    findings.push({
      code: 'systemd/missing-trigger',
      message: `systemd refuses to load this unit. ${trigger.what.charAt(0).toUpperCase()}${trigger.what.slice(1)}.`,
      start: anchor.start,
      end: anchor.end,
    });
  }
  return findings;
}
