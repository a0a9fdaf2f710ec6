/**
 * The systemd 252 directive table and lookups: which directives exist, in which sections, with which
 * value parser, and which sections each unit type may have.
 */
import { CGROUP, EXEC, type DirectiveSpec } from './directiveTypes';
import { execContextDirectives } from './execContextDirectives';
import { unitSectionDirectives } from './unitSectionDirectives';
import { unitTypeDirectives } from './unitTypeDirectives';

export type { DirectiveSpec, ValueKind, DeprecatedDirective } from './directiveTypes';

/** Directives systemd removed: it still recognises the name, warns and ignores it (FACTS §4.4). */
const removedDirectives: readonly DirectiveSpec[] = [
  {
    name: 'Capabilities',
    sections: EXEC,
    kind: 'other',
    removed: true,
    deprecated: { note: 'removed; use CapabilityBoundingSet= and AmbientCapabilities=' },
  },
  {
    name: 'SysVStartPriority',
    sections: ['Service'],
    kind: 'other',
    removed: true,
    deprecated: { note: 'removed; ordering comes from After=/Before=' },
  },
  {
    name: 'NetClass',
    sections: CGROUP,
    kind: 'other',
    removed: true,
    deprecated: { note: 'removed; it has no effect' },
  },
  {
    name: 'BusPolicy',
    sections: ['Service'],
    kind: 'other',
    removed: true,
    deprecated: { note: 'removed together with kdbus; it has no effect' },
  },
  {
    name: 'IgnoreOnSnapshot',
    sections: ['Unit'],
    kind: 'boolean',
    removed: true,
    deprecated: { note: 'removed together with snapshot units; it has no effect' },
  },
];

/** Every directive systemd 252 knows (one entry per name and parser; a name may appear in several entries). */
export const systemdDirectives: readonly DirectiveSpec[] = [
  ...unitSectionDirectives,
  ...execContextDirectives,
  ...unitTypeDirectives,
  ...removedDirectives,
];

/** Every section name a unit file may contain (besides `X-` sections). */
export const systemdSections = [
  'Unit',
  'Service',
  'Socket',
  'Mount',
  'Automount',
  'Swap',
  'Timer',
  'Path',
  'Slice',
  'Scope',
  'Install',
] as const;

const byName = new Map<string, DirectiveSpec[]>();
for (const d of systemdDirectives) {
  const list = byName.get(d.name);
  if (list) list.push(d);
  else byName.set(d.name, [d]);
}

/** The directive `name` as systemd parses it in `section`, or undefined when that section does not accept it. */
export function directiveIn(section: string, name: string): DirectiveSpec | undefined {
  return byName.get(name)?.find((d) => d.sections.includes(section));
}

/** Every entry for the name, whatever the section (for "belongs in [Unit]" messages and hover). */
export function directivesNamed(name: string): readonly DirectiveSpec[] {
  return byName.get(name) ?? [];
}

/** Every directive accepted in `section` (for completion); removed directives left out. */
export function directivesInSection(section: string): DirectiveSpec[] {
  return systemdDirectives.filter((d) => !d.removed && d.sections.includes(section));
}

/** Every distinct directive name (for closest-name suggestions). */
export function allDirectiveNames(): string[] {
  return [...byName.keys()];
}

const typeSection: Readonly<Record<string, string | undefined>> = {
  service: 'Service',
  socket: 'Socket',
  mount: 'Mount',
  automount: 'Automount',
  swap: 'Swap',
  timer: 'Timer',
  path: 'Path',
  slice: 'Slice',
  scope: 'Scope',
  target: undefined,
  device: undefined,
};

/**
 * The sections a unit of this type may contain (`service` → Unit, Service, Install). For an unknown
 * type (undefined or unrecognised) every section is allowed.
 */
export function sectionsFor(unitType: string | undefined): readonly string[] {
  if (unitType === undefined || !(unitType in typeSection)) return systemdSections;
  const own = typeSection[unitType];
  return own ? ['Unit', own, 'Install'] : ['Unit', 'Install'];
}
