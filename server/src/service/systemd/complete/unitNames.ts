/**
 * Unit names offered after dependency directives: units the same user-data defines, units the OS
 * ships, and the targets every systemd has.
 */
import type { EmbeddedContext } from '../../embedded/languages';
import { commonDistroUnits, coreosShippedUnits } from '../../data/shippedUnits';

export type UnitNameSource = 'user-data' | 'shipped' | 'target';

export interface UnitNameCandidate {
  readonly name: string;
  readonly source: UnitNameSource;
  readonly note: string | undefined;
}

const UNIT_SUFFIX = /\.(service|socket|timer|mount|automount|path|target|swap|slice)$/;

/** Targets and slices present on every systemd machine, with what they mean (our own words). */
export const standardTargets: Readonly<Record<string, string>> = {
  'multi-user.target': 'Normal boot without a graphical login: the usual WantedBy= for server services.',
  'default.target': 'Whatever the machine boots into (usually multi-user.target or graphical.target).',
  'graphical.target': 'Boot with a graphical login; includes multi-user.target.',
  'network.target': 'The network stack is being set up. Says nothing about addresses being configured.',
  'network-online.target':
    'The network is configured (wait-online). Needs `Wants=` as well as `After=` to take effect.',
  'network-pre.target': 'Reached before any network interface is configured: order firewall setup before it.',
  'nss-lookup.target': 'Host name resolution is available.',
  'time-sync.target': 'The clock has been synchronised (when a time sync service supports it).',
  'local-fs.target': 'Local file systems from fstab and mount units are mounted.',
  'remote-fs.target': 'Network file systems are mounted.',
  'sysinit.target': 'Early boot setup is done.',
  'basic.target': 'Basic system is up; normal services are ordered after it by default.',
  'sockets.target': 'Socket units to be listening at boot: the usual WantedBy= for .socket units.',
  'timers.target': 'Timer units active at boot: the usual WantedBy= for .timer units.',
  'paths.target': 'Path units active at boot: the usual WantedBy= for .path units.',
  'shutdown.target': 'Reached when the machine shuts down; services conflict with it by default.',
  'reboot.target': 'Reboots the machine.',
  'rescue.target': 'Single-user rescue mode.',
  'system.slice': 'Default slice of system services.',
  'machine.slice': 'Slice for virtual machines and containers.',
  'user.slice': 'Slice for user sessions.',
};

function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Candidates, without the unit being edited; the user-data's own units first. */
export function unitNameCandidates(ctx: EmbeddedContext, self: string | undefined): UnitNameCandidate[] {
  const out = new Map<string, UnitNameCandidate>();
  const add = (name: string, source: UnitNameSource, note: string | undefined): void => {
    if (name && name !== self && !out.has(name)) out.set(name, { name, source, note });
  };
  for (const r of ctx.siblings) {
    if (r.origin === 'unit' && r.name) add(r.name, 'user-data', 'Defined in this user-data (coreos.units).');
    if (r.origin === 'write-file' && r.path && UNIT_SUFFIX.test(r.path))
      add(baseName(r.path), 'user-data', `Written by write_files to ${r.path}.`);
  }
  for (const [name, note] of Object.entries(standardTargets)) add(name, 'target', note);
  for (const [name, note] of Object.entries(coreosShippedUnits)) add(name, 'shipped', note);
  for (const name of commonDistroUnits) add(name, 'shipped', 'Shipped with Ubuntu/Debian cloud images.');
  return [...out.values()];
}
