/**
 * A check of `OnCalendar=` expressions: `[weekdays] [date] [time] [timezone]`, shorthands such as
 * `daily`, and `@epoch`. It accepts everything systemd's calendar parser accepts in practice and
 * rejects the common mistakes (prose like `every tuesday`, hours past 23). Never throws.
 */

const SHORTHANDS = new Set([
  'minutely',
  'hourly',
  'daily',
  'weekly',
  'monthly',
  'yearly',
  'annually',
  'quarterly',
  'semiannually',
]);
const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const WEEKDAYS = new RegExp(`^${WEEKDAY}(?:(?:\\.\\.|-|,)${WEEKDAY})*,?$`, 'i');
const ANY_COMPONENT = /^(?:\*|\d+(?:\.\d+)?)(?:\.\.\d+)?(?:\/\d+(?:\.\d+)?)?$/;

/** Every comma-separated piece of a date or time component is `*`, `N`, `N..M`, `N/S`; plain numbers up to `max`. */
function componentOk(part: string, max: number): boolean {
  if (part === '') return false;
  return part.split(',').every((p) => {
    if (!ANY_COMPONENT.test(p)) return false;
    const m = /^(\d+)/.exec(p);
    return m === null || Number(m[1]) <= max;
  });
}

function isTime(token: string): boolean {
  const parts = token.split(':');
  if (parts.length < 2 || parts.length > 3) return false;
  const [h, m, s] = parts as [string, string, string | undefined];
  return componentOk(h, 23) && componentOk(m, 59) && (s === undefined || componentOk(s, 60));
}

function isDate(token: string): boolean {
  // `YYYY-MM-DD`, `MM-DD`, `*-*-*`, with `~` for days counted from the month's end.
  const m = /^([^-~]+)(?:-([^-~]+))?(?:([-~])([^-~]+))?$/.exec(token);
  if (!m || (m[2] === undefined && m[4] === undefined)) return false;
  const pieces = [m[1], m[2], m[4]].filter((p): p is string => p !== undefined);
  const maxes = pieces.length === 3 ? [99999, 12, 31] : [12, 31];
  return pieces.every((p, i) => componentOk(p, maxes[i] ?? 31));
}

function isTimezone(token: string): boolean {
  return /^(?:UTC|GMT|[A-Z][A-Za-z_]+(?:\/[A-Za-z_+\-0-9]+)+|[A-Z]{3,5})$/.test(token);
}

/** True when systemd would accept the calendar expression. */
export function isCalendarSpec(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (/^@\d+$/.test(v)) return true;
  const tokens = v.split(/[ \t]+/);
  let i = 0;
  const first = tokens[0] as string;
  if (SHORTHANDS.has(first.toLowerCase())) {
    i = 1;
  } else {
    if (WEEKDAYS.test(first)) i++;
    if (i < tokens.length && isDate(tokens[i] as string)) i++;
    if (i < tokens.length && isTime(tokens[i] as string)) i++;
    if (i === 0) return false;
  }
  if (i < tokens.length && isTimezone(tokens[i] as string)) i++;
  return i === tokens.length;
}
