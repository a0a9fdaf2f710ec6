/**
 * Own-words docs for enumerated values, keyed by directive (directives sharing a value set point to
 * one table through `valueTableOf`).
 */

type ValueTable = Readonly<Record<string, string>>;

const serviceTypes: ValueTable = {
  simple:
    'Started as soon as the process is forked (default with ExecStart=). Units after it may start before it is ready.',
  exec: 'Started once the binary was executed successfully; a missing binary fails the start, unlike `simple`.',
  forking:
    'The command daemonises: the start is done when the first process exits. Use PIDFile= so the main process is known.',
  oneshot: 'Runs the command to completion; the start is done when it exits. Several ExecStart= lines are allowed.',
  dbus: 'Started when the BusName= appears on D-Bus.',
  notify: 'Started when the program sends READY=1 via sd_notify (systemd-notify).',
  idle: 'Like simple, but the start is delayed until other jobs are done (keeps console output clean).',
};

const restart: ValueTable = {
  no: 'Never restart automatically (default).',
  'on-success': 'Restart only after a clean exit (code 0 or SuccessExitStatus=).',
  'on-failure': 'Restart after a non-zero exit code, a signal, a timeout or a watchdog timeout.',
  'on-abnormal': 'Restart after a signal, a timeout or a watchdog timeout, but not after an exit code.',
  'on-watchdog': 'Restart only after a watchdog timeout.',
  'on-abort': 'Restart only after an uncaught signal.',
  always: 'Restart whenever the process ends, clean or not (not after `systemctl stop`).',
};

const killModes: ValueTable = {
  'control-group': "Signal every process in the unit's cgroup (default).",
  mixed: 'Send KillSignal= to the main process only, then the final SIGKILL to the whole cgroup.',
  process: 'Signal only the main process; children keep running.',
  none: 'Signal nothing, only run ExecStop=. Deprecated and unsafe: processes are left behind.',
};

const outputs: ValueTable = {
  inherit: 'Same as the stream before it (stderr follows stdout; stdout follows stdin).',
  null: 'Discard (/dev/null).',
  tty: 'Write to the terminal in TTYPath=.',
  journal: 'Send to the journal (default for stdout).',
  kmsg: 'Send to the kernel log buffer.',
  'journal+console': 'Send to the journal and to the system console.',
  'kmsg+console': 'Send to the kernel log and to the system console.',
  'file:': 'Write to the given file, starting at its beginning (old content is overwritten in place).',
  'append:': 'Append to the given file.',
  'truncate:': 'Empty the given file first, then write to it.',
  socket: 'Use the socket from socket activation.',
  'fd:': 'Use the named file descriptor of a socket unit.',
  syslog: 'Obsolete: systemd rewrites it to `journal` with a warning.',
  'syslog+console': 'Obsolete: systemd rewrites it to `journal+console` with a warning.',
};

const inputs: ValueTable = {
  null: 'Read from /dev/null (default).',
  tty: 'Read from the terminal in TTYPath=, waiting until it is free.',
  'tty-force': 'Take the terminal even if another process owns it.',
  'tty-fail': 'Fail the start when the terminal is in use.',
  data: 'Read the StandardInputText=/StandardInputData= content.',
  'file:': 'Read from the given file.',
  socket: 'Read from the socket of socket activation.',
  'fd:': 'Read from the named file descriptor of a socket unit.',
};

const notifyAccess: ValueTable = {
  none: 'Ignore all sd_notify messages.',
  main: 'Accept messages from the main process only.',
  exec: 'Accept messages from the main process and the Exec*= commands.',
  all: 'Accept messages from every process of the unit.',
};

const protectSystem: ValueTable = {
  no: 'No protection (default).',
  yes: '/usr and /boot (or /efi) are read-only.',
  true: '/usr and /boot (or /efi) are read-only.',
  full: 'Also /etc is read-only.',
  strict: 'The whole file system is read-only except /dev, /proc, /sys and ReadWritePaths=.',
};

const protectHome: ValueTable = {
  no: 'No protection (default).',
  yes: '/home, /root and /run/user are empty and inaccessible.',
  'read-only': '/home, /root and /run/user are read-only.',
  tmpfs: 'An empty tmpfs is mounted over /home, /root and /run/user.',
};

const failureModes: ValueTable = {
  terminate: 'Send SIGTERM, then SIGKILL after the stop timeout (default).',
  abort: 'Send SIGABRT so a core dump is written.',
  kill: 'Send SIGKILL at once.',
};

const oomPolicies: ValueTable = {
  continue: 'Keep the unit running; the killed process is simply gone.',
  stop: 'Stop the whole unit cleanly (default for most units).',
  kill: 'Kill every remaining process of the unit.',
};

const exitTypes: ValueTable = {
  main: 'The service is done when its main process exits (default).',
  cgroup: 'The service is done only when the last process of its cgroup exits.',
};

const actions: ValueTable = {
  none: 'Do nothing (default).',
  reboot: 'Reboot the machine cleanly, stopping all units.',
  'reboot-force': 'Reboot quickly: kill all processes, skip stopping units.',
  'reboot-immediate': 'Reboot at once, without unmounting or syncing.',
  poweroff: 'Power off cleanly, stopping all units.',
  'poweroff-force': 'Power off quickly: kill all processes, skip stopping units.',
  'poweroff-immediate': 'Power off at once, without unmounting or syncing.',
  exit: 'Exit the service manager (for containers and user managers).',
  'exit-force': 'Exit the service manager at once.',
};

const jobModes: ValueTable = {
  fail: 'Refuse if it conflicts with a queued job.',
  replace: 'Replace conflicting queued jobs (default).',
  'replace-irreversibly': 'Replace conflicting jobs and protect the new ones from being replaced.',
  isolate: 'Stop every unit not needed by the started one.',
  flush: 'Drop every queued job first.',
  'ignore-dependencies': 'Start without pulling in or ordering dependencies.',
  'ignore-requirements': 'Keep ordering but ignore requirement dependencies.',
  triggering: 'Also stop the units that trigger this one (for stop jobs).',
};

const devicePolicies: ValueTable = {
  auto: 'No restriction unless DeviceAllow= is set (default).',
  closed: 'Only standard pseudo devices (/dev/null, /dev/zero, /dev/random…) plus DeviceAllow=.',
  strict: 'Only the devices in DeviceAllow=.',
};

const ioClasses: ValueTable = {
  realtime: 'Served before everyone else; can starve other processes.',
  'best-effort': 'Normal I/O scheduling (default).',
  idle: 'Served only when no one else needs the disk.',
  none: 'No class set; the kernel derives it from the CPU niceness.',
};

const cpuPolicies: ValueTable = {
  other: 'Normal time-sharing scheduling (default).',
  batch: 'For non-interactive CPU-heavy work; slightly less favoured on wake-up.',
  idle: 'Runs only when nothing else wants the CPU.',
  fifo: 'Real-time first-in-first-out; needs CPUSchedulingPriority=.',
  rr: 'Real-time round-robin; needs CPUSchedulingPriority=.',
};

const bindIPv6Only: ValueTable = {
  default: 'Follow the kernel setting net.ipv6.bindv6only (default).',
  both: 'An `[::]` listener also accepts IPv4 connections.',
  'ipv6-only': 'An `[::]` listener accepts IPv6 only.',
};

const collectModes: ValueTable = {
  inactive: 'Unload the unit when it is inactive; failed units stay until reset (default).',
  'inactive-or-failed': 'Unload the unit also when it failed, forgetting the failure.',
};

const booleans: ValueTable = {
  yes: 'Turn the setting on (also `true`, `on`, `1`).',
  no: 'Turn the setting off (also `false`, `off`, `0`).',
  true: 'Same as `yes`.',
  false: 'Same as `no`.',
  on: 'Same as `yes`.',
  off: 'Same as `no`.',
  '1': 'Same as `yes`.',
  '0': 'Same as `no`.',
};

const tables: Readonly<Record<string, ValueTable>> = {
  Type: serviceTypes,
  Restart: restart,
  KillMode: killModes,
  StandardOutput: outputs,
  StandardError: outputs,
  StandardInput: inputs,
  NotifyAccess: notifyAccess,
  ProtectSystem: protectSystem,
  ProtectHome: protectHome,
  TimeoutStartFailureMode: failureModes,
  TimeoutStopFailureMode: failureModes,
  OOMPolicy: oomPolicies,
  ExitType: exitTypes,
  FailureAction: actions,
  SuccessAction: actions,
  StartLimitAction: actions,
  JobTimeoutAction: actions,
  OnFailureJobMode: jobModes,
  OnSuccessJobMode: jobModes,
  DevicePolicy: devicePolicies,
  IOSchedulingClass: ioClasses,
  CPUSchedulingPolicy: cpuPolicies,
  BindIPv6Only: bindIPv6Only,
  CollectMode: collectModes,
};

/** Our description of `value` for `directive` (`Type` in [Mount] has no enumerated values). */
export function valueDoc(
  section: string | undefined,
  directive: string,
  value: string,
  isBoolean = false,
): string | undefined {
  if (directive === 'Type' && section !== undefined && section !== 'Service') return undefined;
  const table = tables[directive];
  const own = table?.[value] ?? (value.endsWith(':') ? undefined : table?.[`${value.split(':')[0] ?? ''}:`]);
  if (own) return own;
  if (isBoolean || table === protectSystem) return booleans[value.toLowerCase()];
  return undefined;
}
