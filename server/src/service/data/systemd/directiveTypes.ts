/**
 * Shapes and shared value lists of the systemd directive table (systemd 252). Pure data, no logic.
 * Facts from ../shared/facts/FACTS.md §4 and systemd-252-config-items.txt.
 */

/** How a directive's value is parsed. */
export type ValueKind =
  | 'boolean'
  | 'timespan'
  /** `OnCalendar=` calendar expressions. */
  | 'calendar'
  | 'unit'
  | 'unit-list'
  | 'enum'
  /** `Exec*=` command lines (prefixes, absolute path or plain name, arguments). */
  | 'command'
  | 'path'
  | 'string'
  | 'url'
  | 'integer'
  /** cgroup weights and shares: a number in a fixed range. */
  | 'weight'
  /** Memory sizes: bytes with K/M/G/T/P/E, a percentage, or `infinity`. */
  | 'bytes'
  /** `Limit*=` resource limits and `TasksMax=`: number, `soft:hard`, `infinity`. */
  | 'limit'
  | 'signal'
  | 'environment'
  /** Octal file mode (`0755`, `022`). */
  | 'mode'
  /** `Condition*=`/`Assert*=`: optional `|` and `!` before the argument. */
  | 'condition'
  /** `Listen*=` socket addresses. */
  | 'socket'
  | 'other';

export interface DeprecatedDirective {
  /** The directive to use instead, when there is one. */
  readonly successor?: string;
  /** Why, in a few words. */
  readonly note: string;
}

export interface DirectiveSpec {
  /** Name without `=`, case-sensitive. */
  readonly name: string;
  /** Sections where systemd accepts it with this parser (`Service`, not `[Service]`). */
  readonly sections: readonly string[];
  readonly kind: ValueKind;
  /**
   * Allowed values for `enum` (checked), suggestions for other kinds. A value ending in `:` is a
   * prefix followed by free text (`file:/var/log/x`).
   */
  readonly values?: readonly string[];
  /** For `enum`: a boolean (`yes`, `off`, …) is accepted too. */
  readonly booleanToo?: boolean;
  /** Several assignments accumulate; an empty assignment resets the list. */
  readonly list?: boolean;
  readonly deprecated?: DeprecatedDirective;
  /** Removed from systemd: accepted with a warning and otherwise ignored. */
  readonly removed?: boolean;
}

/** Execution environment settings: [Service], [Socket], [Mount], [Swap]. */
export const EXEC = ['Service', 'Socket', 'Mount', 'Swap'] as const;
/** Process killing settings: the execution sections plus [Scope]. */
export const KILL = ['Service', 'Socket', 'Mount', 'Swap', 'Scope'] as const;
/** Resource control (cgroup) settings. */
export const CGROUP = ['Service', 'Socket', 'Mount', 'Swap', 'Slice', 'Scope'] as const;

export const SERVICE_TYPES = ['simple', 'exec', 'forking', 'oneshot', 'dbus', 'notify', 'idle'] as const;
export const RESTART_VALUES = [
  'no',
  'on-success',
  'on-failure',
  'on-abnormal',
  'on-watchdog',
  'on-abort',
  'always',
] as const;
export const EXIT_TYPES = ['main', 'cgroup'] as const;
export const KILL_MODES = ['control-group', 'mixed', 'process', 'none'] as const;
export const NOTIFY_ACCESS = ['none', 'main', 'exec', 'all'] as const;
export const TIMEOUT_FAILURE_MODES = ['terminate', 'abort', 'kill'] as const;
export const OUTPUT_VALUES = [
  'inherit',
  'null',
  'tty',
  'journal',
  'kmsg',
  'journal+console',
  'kmsg+console',
  'file:',
  'append:',
  'truncate:',
  'socket',
  'fd:',
] as const;
/** Output values systemd 252 still accepts but rewrites (with a warning): old name → current one. */
export const OBSOLETE_OUTPUT_VALUES: Readonly<Record<string, string>> = {
  syslog: 'journal',
  'syslog+console': 'journal+console',
};
export const INPUT_VALUES = ['null', 'tty', 'tty-force', 'tty-fail', 'data', 'file:', 'socket', 'fd:'] as const;
export const IO_CLASSES = ['realtime', 'best-effort', 'idle', 'none', '0', '1', '2', '3'] as const;
export const CPU_SCHED_POLICIES = ['other', 'batch', 'idle', 'fifo', 'rr'] as const;
export const BIND_IPV6_ONLY = ['default', 'both', 'ipv6-only'] as const;
export const DEVICE_POLICIES = ['auto', 'closed', 'strict'] as const;
export const EMERGENCY_ACTIONS = [
  'none',
  'reboot',
  'reboot-force',
  'reboot-immediate',
  'poweroff',
  'poweroff-force',
  'poweroff-immediate',
  'exit',
  'exit-force',
] as const;
export const JOB_MODES = [
  'fail',
  'replace',
  'replace-irreversibly',
  'isolate',
  'flush',
  'ignore-dependencies',
  'ignore-requirements',
  'triggering',
] as const;
export const OOM_POLICIES = ['continue', 'stop', 'kill'] as const;
export const PROTECT_SYSTEM = ['no', 'yes', 'full', 'strict'] as const;
export const PROTECT_HOME = ['no', 'yes', 'read-only', 'tmpfs'] as const;
export const KEYRING_MODES = ['inherit', 'private', 'shared'] as const;
export const PROTECT_PROC = ['default', 'noaccess', 'invisible', 'ptraceable'] as const;
export const PROC_SUBSETS = ['all', 'pid'] as const;
export const UTMP_MODES = ['init', 'login', 'user'] as const;
export const COLLECT_MODES = ['inactive', 'inactive-or-failed'] as const;
export const MANAGED_OOM_MODES = ['auto', 'kill'] as const;
export const MANAGED_OOM_PREFERENCES = ['none', 'avoid', 'omit'] as const;
export const TIMESTAMPING = ['off', 'us', 'ns'] as const;
export const RUNTIME_DIRECTORY_PRESERVE = ['no', 'yes', 'restart'] as const;
export const LOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;
export const SYSLOG_FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;
