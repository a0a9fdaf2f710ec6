/**
 * One-line descriptions (our own words) of the [Timer], [Mount], [Automount], [Swap], [Path] and
 * [Scope]-only directives of systemd 252. Names whose meaning differs by section live in
 * `sectionOverrideDocs`, keyed `Section/Name`.
 */

export const smallUnitTypeDocs: Readonly<Record<string, string>> = {
  // [Timer]
  OnCalendar: 'Wall-clock schedule such as `daily`, `Mon *-*-* 03:00:00` or `*:0/15`.',
  OnActiveSec: 'Fire this long after the timer unit itself was started.',
  OnBootSec: 'Fire this long after the machine booted.',
  OnStartupSec: 'Fire this long after the service manager started (for user managers: login).',
  OnUnitActiveSec: 'Fire this long after the triggered unit was last started: a repeating interval.',
  OnUnitInactiveSec: 'Fire this long after the triggered unit last stopped.',
  OnClockChange: 'Also fire when the system clock jumps.',
  OnTimezoneChange: 'Also fire when the time zone changes.',
  Persistent: 'With OnCalendar=: run at boot if a scheduled run was missed while the machine was off.',
  WakeSystem: 'Resume the machine from suspend when the timer fires.',
  RemainAfterElapse: 'Keep an elapsed one-time timer loaded and active (default yes).',
  FixedRandomDelay: 'Use the same RandomizedDelaySec= delay every time (stable per machine and unit).',
  AccuracySec: 'How late the timer may fire to batch wake-ups (default 1min).',
  RandomizedDelaySec: 'Random extra delay up to this value, to spread load across machines.',
  Unit: 'Unit activated when the timer fires (default: the same name with `.service`).',
  // [Mount]
  What: 'What to mount: device path, `UUID=…`/`LABEL=…`, `host:/export` for NFS, or a pseudo file system.',
  Where: 'Absolute mount point; the unit file name must be this path escaped (`/var/lib/x` → `var-lib-x.mount`).',
  Options: 'Mount options, comma-separated as in fstab (`defaults`, `noatime`, `_netdev`…).',
  DirectoryMode: 'Octal mode of directories created on the way to the path.',
  SloppyOptions: 'Ignore mount options the file system does not know instead of failing.',
  LazyUnmount: 'Detach the file system even while it is busy (umount -l).',
  ForceUnmount: 'Force the unmount (umount -f), e.g. for an unreachable NFS server.',
  ReadWriteOnly: 'Fail instead of falling back to a read-only mount.',
  // [Automount]
  ExtraOptions: 'Extra mount options for the autofs mount point itself.',
  TimeoutIdleSec: 'Unmount after the file system was idle this long (0 = never).',
  // [Path]
  PathExists: 'Activate the unit when this path exists.',
  PathExistsGlob: 'Activate the unit when a path matching this glob exists.',
  PathChanged: 'Activate the unit when the file is closed after writing, or renamed/deleted.',
  PathModified: 'Activate the unit on every write to the file, not only on close.',
  DirectoryNotEmpty: 'Activate the unit when the directory has entries.',
  MakeDirectory: 'Create the watched directories if they do not exist.',
};

/** Meaning that depends on the section, keyed `Section/Name`. */
export const sectionOverrideDocs: Readonly<Record<string, string>> = {
  'Service/Type': 'How systemd knows the service has started: simple, exec, forking, oneshot, dbus, notify or idle.',
  'Mount/Type': 'File system type passed to mount (ext4, xfs, nfs, tmpfs…); may be left out for autodetection.',
  'Mount/What': 'What to mount: device path, `UUID=…`/`LABEL=…`, `host:/export` for NFS, or a pseudo file system.',
  'Swap/What': 'Swap device or swap file to enable.',
  'Mount/Options': 'Mount options, comma-separated as in fstab (`defaults`, `noatime`, `_netdev`…).',
  'Swap/Options': 'Options passed to swapon (`discard`, `pri=N`).',
  'Socket/Priority': 'Priority of the packets sent on the socket.',
  'Swap/Priority': 'Swap priority; higher values are used first.',
  'Mount/Where':
    'Absolute mount point; the unit file name must be this path escaped (`/var/lib/x` → `var-lib-x.mount`).',
  'Automount/Where': 'Absolute path of the autofs mount point; the unit name must be this path escaped.',
  'Timer/Unit': 'Unit activated when the timer fires (default: the same name with `.service`).',
  'Path/Unit': 'Unit activated when the watched path condition holds (default: the same name with `.service`).',
  'Socket/DirectoryMode': 'Octal mode of parent directories created for socket files and FIFOs.',
  'Mount/DirectoryMode': 'Octal mode of directories created on the way to the mount point.',
  'Automount/DirectoryMode': 'Octal mode of directories created on the way to the automount point.',
  'Path/DirectoryMode': 'Octal mode of directories created by MakeDirectory=.',
  'Path/TriggerLimitIntervalSec': 'Window for the trigger rate limit of the path unit.',
  'Path/TriggerLimitBurst': 'Activations allowed per TriggerLimitIntervalSec= before the path unit fails.',
  'Socket/ExecStartPre': 'Commands run before the listening sockets are created.',
  'Socket/ExecStartPost': 'Commands run after the listening sockets are created.',
  'Socket/ExecStopPost': 'Commands run after the listening sockets were closed.',
  'Socket/TimeoutSec': "Time limit for the socket unit's ExecStartPre=/ExecStopPost= style commands.",
  'Scope/TimeoutStopSec': 'How long stopping the scope may take before its processes get SIGKILL.',
  'Scope/OOMPolicy': 'What happens when the OOM killer kills a process of the scope: continue, stop or kill.',
  'Scope/RuntimeMaxSec': 'Maximum time the scope may run before it is stopped.',
  'Service/StartLimitInterval':
    'Legacy place for the start rate-limit window; write StartLimitIntervalSec= in [Unit] instead.',
  'Service/StartLimitBurst': 'Legacy place for the start rate-limit count; write it in [Unit] instead.',
  'Service/StartLimitAction': 'Legacy place for the rate-limit action; write it in [Unit] instead.',
  'Service/FailureAction': 'Legacy place for the failure action; write it in [Unit] instead.',
  'Service/RebootArgument': 'Legacy place for the reboot argument; write it in [Unit] instead.',
};
