/**
 * One-line descriptions (our own words) of the [Unit] section directives of systemd 252.
 * Conditions and asserts are built from one table of checks: a failed Condition skips the unit
 * quietly, a failed Assert makes the start job fail.
 */

export const unitSectionDocs: Readonly<Record<string, string>> = {
  Description: 'Short human-readable name shown by `systemctl status` and in boot messages.',
  Documentation: 'Space-separated URIs (`https://`, `man:`, `file:`, `info:`) pointing to docs for this unit.',
  SourcePath: 'Path of the configuration this unit was generated from; set by generators, rarely by hand.',
  Requires: 'Hard dependency: starting this unit starts the listed units, and a failed start of one fails this unit.',
  Requisite: 'Like Requires=, but the listed units must already be active; they are never started for you.',
  Wants: 'Soft dependency: the listed units are started too, and their failure does not stop this unit.',
  BindsTo: 'Stronger Requires=: this unit is also stopped when a listed unit stops or disappears.',
  BindTo: 'Old spelling of BindsTo=; still accepted.',
  Upholds: 'Keeps the listed units running: systemd restarts them whenever they stop while this unit is active.',
  Conflicts: 'Starting this unit stops the listed units, and starting one of them stops this unit.',
  Before: 'Ordering only: when both are started together, this unit starts before the listed units.',
  After: 'Ordering only: when both are started together, this unit starts after the listed units are up.',
  OnSuccess: 'Units started when this unit finishes successfully (enters inactive after success).',
  OnFailure: 'Units started when this unit enters the failed state (e.g. a notification service).',
  PropagatesReloadTo: 'Reloading this unit also reloads the listed units.',
  PropagateReloadTo: 'Old spelling of PropagatesReloadTo=.',
  ReloadPropagatedFrom: 'This unit is reloaded whenever one of the listed units is reloaded.',
  PropagateReloadFrom: 'Old spelling of ReloadPropagatedFrom=.',
  PropagatesStopTo: 'Stopping or restarting this unit also stops or restarts the listed units.',
  StopPropagatedFrom: 'This unit is stopped or restarted whenever one of the listed units is.',
  PartOf: 'Stop and restart of a listed unit are passed on to this unit (one direction, no start).',
  JoinsNamespaceOf: 'Shares /tmp, network and IPC namespaces with the listed units when both enable them.',
  RequiresOverridable: 'Obsolete: systemd treats it as Requires= and warns.',
  RequisiteOverridable: 'Obsolete: systemd treats it as Requisite= and warns.',
  RequiresMountsFor: 'Absolute paths whose mount units are required and ordered before this unit.',
  StopWhenUnneeded: 'Stop this unit automatically once no active unit needs it any more.',
  RefuseManualStart: 'Only dependencies may start this unit; `systemctl start` by hand is refused.',
  RefuseManualStop: 'Only dependencies may stop this unit; `systemctl stop` by hand is refused.',
  AllowIsolate: 'Allow `systemctl isolate` to this unit (normally only set on targets).',
  DefaultDependencies:
    'Add the implicit dependencies of the unit type (basic.target, shutdown.target…); `no` for early-boot units.',
  OnSuccessJobMode: 'Job mode used to enqueue the OnSuccess= units (replace, fail, isolate…).',
  OnFailureJobMode: 'Job mode used to enqueue the OnFailure= units (replace, fail, isolate…).',
  OnFailureIsolate: 'Deprecated: use OnFailureJobMode=isolate.',
  IgnoreOnIsolate: 'Keep this unit running when another unit is isolated.',
  JobTimeoutSec:
    'Time limit for a start/stop job of this unit waiting in the queue and running; `infinity` by default.',
  JobRunningTimeoutSec: 'Time limit for a job of this unit once it runs (not counting time queued).',
  JobTimeoutAction: 'What the system does when the job timeout hits (none, reboot, poweroff…).',
  JobTimeoutRebootArgument: 'Argument passed to the reboot call when JobTimeoutAction= reboots.',
  StartLimitIntervalSec:
    'Window for the start rate limit: more than StartLimitBurst= starts inside it and the unit is refused.',
  StartLimitInterval: 'Old name of StartLimitIntervalSec=; still accepted.',
  StartLimitBurst: 'How many starts are allowed inside StartLimitIntervalSec= before further starts are refused.',
  StartLimitAction: 'System action when the start rate limit is hit (none, reboot, poweroff…).',
  FailureAction: 'System action when the unit fails (none, reboot, poweroff, exit…).',
  SuccessAction: 'System action when the unit stops successfully (none, reboot, poweroff, exit…).',
  FailureActionExitStatus: 'Exit status the manager reports when FailureAction=exit is used.',
  SuccessActionExitStatus: 'Exit status the manager reports when SuccessAction=exit is used.',
  RebootArgument: 'Argument passed to the reboot call when one of the *Action= settings reboots.',
  CollectMode: '`inactive` unloads the unit once it stops; `inactive-or-failed` also drops failed units from memory.',
};

/**
 * What each Condition…=/Assert…= pair checks; `!` in front of the value inverts it, `|` makes it one of several
 * alternatives.
 */
const checks: ReadonlyArray<readonly [suffix: string, check: string, assertToo: boolean]> = [
  ['PathExists', 'the given path exists', true],
  ['PathExistsGlob', 'at least one path matches the glob', true],
  ['PathIsDirectory', 'the path is a directory', true],
  ['PathIsSymbolicLink', 'the path is a symbolic link', true],
  ['PathIsMountPoint', 'the path is a mount point', true],
  ['PathIsReadWrite', 'the path is on a writable file system', true],
  ['PathIsEncrypted', 'the path is on an encrypted block device', true],
  ['DirectoryNotEmpty', 'the directory exists and has entries', true],
  ['FileNotEmpty', 'the file exists and is not empty', true],
  ['FileIsExecutable', 'the file exists and is executable', true],
  ['NeedsUpdate', '/etc or /var (the value) is older than /usr, i.e. after an OS update', true],
  ['FirstBoot', 'this is (or, with `no`, is not) the first boot with an empty /etc', true],
  ['Architecture', 'the CPU architecture matches (x86-64, arm64, …)', true],
  ['Firmware', 'the firmware matches (uefi, device-tree, smbios-field(…))', false],
  ['Virtualization', 'the machine runs (or not) under the given virtualization (vm, container, kvm, docker…)', true],
  ['Host', 'the hostname or machine ID matches', true],
  ['KernelCommandLine', 'the kernel command line has the given word or `name=value`', true],
  ['KernelVersion', 'the kernel release compares true (`>=5.10`) or matches a glob', true],
  ['Credential', 'the service manager was passed the named credential', true],
  ['Security', 'a security technology is enabled (selinux, apparmor, tpm2, uefi-secureboot…)', true],
  ['Capability', "the capability is in the manager's bounding set", true],
  ['ACPower', 'the machine is (yes) or is not (no) on AC power', true],
  ['Memory', 'the installed RAM compares true (`>=4G`)', true],
  ['CPUFeature', 'the CPU advertises the feature flag (sse4_2, avx2…)', true],
  ['CPUs', 'the number of usable CPUs compares true (`>=2`)', true],
  ['Environment', "the manager's environment has the variable (or `NAME=value`)", true],
  ['User', 'the manager runs as this user name/UID (or `@system`)', true],
  ['Group', 'the manager runs with this group', true],
  ['ControlGroupController', 'the cgroup controller (cpu, memory, io, `v2`…) is available', true],
  ['OSRelease', 'an os-release field compares true (`ID=ubuntu`, `VERSION_ID>=22.04`)', true],
  ['MemoryPressure', 'memory pressure (PSI) is below the given percentage', true],
  ['CPUPressure', 'CPU pressure (PSI) is below the given percentage', true],
  ['IOPressure', 'I/O pressure (PSI) is below the given percentage', true],
];

function conditionDocs(): Record<string, string> {
  const docs: Record<string, string> = {};
  for (const [suffix, check, assertToo] of checks) {
    docs[`Condition${suffix}`] = `Start only if ${check}; otherwise the unit is skipped quietly (not failed).`;
    if (assertToo) docs[`Assert${suffix}`] = `Start only if ${check}; otherwise the start job fails with an error.`;
  }
  return docs;
}

export const conditionAndAssertDocs: Readonly<Record<string, string>> = conditionDocs();

export const installSectionDocs: Readonly<Record<string, string>> = {
  Alias: 'Extra names for the unit; `systemctl enable` creates them as symlinks.',
  WantedBy: '`systemctl enable` adds this unit to the Wants= of the listed units (usually multi-user.target).',
  RequiredBy: '`systemctl enable` adds this unit to the Requires= of the listed units.',
  Also: 'Units enabled/disabled together with this one.',
  DefaultInstance: 'Instance name used when a template unit (`name@.service`) is enabled without one.',
};
