/**
 * Value syntaxes systemd 252 parses strictly (each checked against `systemd-analyze verify`):
 * booleans, time spans, unit names, signals, octal modes, sizes, resource limits, environment
 * assignments and socket addresses. Pure predicates; never throw.
 */
import { splitUnitWords } from './unitWords';

const TRUE = new Set(['1', 'yes', 'y', 'true', 't', 'on']);
const FALSE = new Set(['0', 'no', 'n', 'false', 'f', 'off']);

/** true/false for a systemd boolean (case-insensitive), undefined when it is not one. */
export function parseUnitBoolean(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return undefined;
}

const TIME_UNIT =
  '(?:usec|us|µs|μs|msec|ms|seconds|second|sec|s|minutes|minute|min|months|month|M|m|hours|hour|hr|h|days|day|d|weeks|week|w|years|year|y)';
const TIME_PART = `(?:\\d+(?:\\.\\d*)?|\\.\\d+)[ \\t]*${TIME_UNIT}?`;
const TIMESPAN = new RegExp(`^[ \\t]*${TIME_PART}(?:[ \\t]*${TIME_PART})*[ \\t]*$`);

/** `90`, `1min 30s`, `1.5h`, `infinity` (unit names are case-sensitive: `M` is months, `5S` is rejected). */
export function isTimespan(value: string): boolean {
  if (value.trim() === 'infinity') return true;
  return TIMESPAN.test(value);
}

export const UNIT_SUFFIXES = [
  'service',
  'socket',
  'device',
  'mount',
  'automount',
  'swap',
  'target',
  'path',
  'timer',
  'slice',
  'scope',
] as const;
const UNIT_NAME = new RegExp(`^[A-Za-z0-9:_.\\\\-]+(?:@[A-Za-z0-9:_.\\\\@-]*)?\\.(?:${UNIT_SUFFIXES.join('|')})$`);

/**
 * A unit name systemd accepts (`web.service`, `getty@tty1.service`, `foo@.service`); `%x` specifiers count as letters.
 */
export function isUnitName(value: string): boolean {
  if (value.length === 0 || value.length > 255) return false;
  return UNIT_NAME.test(value.replace(/%./g, 'x'));
}

const SIGNALS = new Set([
  'HUP',
  'INT',
  'QUIT',
  'ILL',
  'TRAP',
  'ABRT',
  'IOT',
  'BUS',
  'FPE',
  'KILL',
  'USR1',
  'SEGV',
  'USR2',
  'PIPE',
  'ALRM',
  'TERM',
  'STKFLT',
  'CHLD',
  'CONT',
  'STOP',
  'TSTP',
  'TTIN',
  'TTOU',
  'URG',
  'XCPU',
  'XFSZ',
  'VTALRM',
  'PROF',
  'WINCH',
  'IO',
  'POLL',
  'PWR',
  'SYS',
  'RTMIN',
  'RTMAX',
]);

/** `SIGTERM`, `TERM`, `15`, `SIGRTMIN+3`, `RTMAX-2` (upper case only; numbers 1–64). */
export function isSignal(value: string): boolean {
  if (/^\d+$/.test(value)) {
    const n = Number(value);
    return n >= 1 && n <= 64;
  }
  const name = value.startsWith('SIG') ? value.slice(3) : value;
  if (SIGNALS.has(name)) return true;
  const rt = /^RT(MIN\+|MAX-)(\d+)$/.exec(name);
  return rt !== null && Number(rt[2]) <= 30;
}

/** Octal mode, at most four digits (`0644`, `022`). */
export function isOctalMode(value: string): boolean {
  return /^[0-7]{1,4}$/.test(value);
}

/** Memory size: bytes with an optional K/M/G/T/P/E suffix (upper case), a percentage, or `infinity`. */
export function isMemorySize(value: string): boolean {
  return /^(?:\d+(?:\.\d+)?[ \t]*[KMGTPEB]?|\d+(?:\.\d+)?%|infinity)$/.test(value);
}

/** Limits counted in plain numbers (no size suffix, no time unit). */
const COUNT_LIMITS = new Set(['LimitNOFILE', 'LimitNPROC', 'LimitSIGPENDING', 'LimitLOCKS', 'LimitRTPRIO']);

/** `LimitNOFILE=65536`, `1024:4096`, `infinity`; size and time limits also take a unit. */
export function isResourceLimit(name: string, value: string): boolean {
  const part = COUNT_LIMITS.has(name) ? '(?:\\d+|infinity)' : '(?:infinity|-?\\d+(?:\\.\\d+)?[ \\t]*[A-Za-zµ%]*)';
  return new RegExp(`^${part}(?::${part})?$`).test(value);
}

/** Names of environment variables systemd accepts in `Environment=`. */
export function isEnvironmentName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** The words of an `Environment=` value that are not `NAME=value` assignments (offsets into the value). */
export function invalidEnvironmentWords(value: string): Array<{ text: string; start: number; end: number }> {
  const { words } = splitUnitWords(value);
  return words
    .filter((w) => {
      const eq = w.text.indexOf('=');
      return eq <= 0 || !isEnvironmentName(w.text.slice(0, eq));
    })
    .map((w) => ({ text: w.text, start: w.start, end: w.end }));
}

function isPort(text: string): boolean {
  if (!/^\d+$/.test(text)) return false;
  const n = Number(text);
  return n >= 1 && n <= 65535;
}

/**
 * `ListenStream=`/`ListenDatagram=`/`ListenSequentialPacket=`: port, `addr:port`, `[v6]:port`, path, `@abstract`,
 * `vsock:…`.
 */
export function isSocketAddress(value: string): boolean {
  if (value.startsWith('/') || value.startsWith('@')) return value.length > 1;
  if (isPort(value)) return true;
  if (/^vsock:/.test(value)) return /^vsock:(?:\d+|[-a-z]+)?:\d+$/.test(value) || /^vsock:\d+$/.test(value);
  const v6 = /^\[([0-9A-Fa-f:.]+)(?:%[\w.-]+)?\]:(\d+)$/.exec(value);
  if (v6) return isPort(v6[2] as string);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:%[\w.-]+)?:(\d+)$/.exec(value);
  if (v4) return v4.slice(1, 5).every((o) => Number(o) <= 255) && isPort(v4[5] as string);
  return false;
}
