/**
 * Parse a systemd unit file (or drop-in) the way systemd 252 reads it (FACTS §4.1):
 * - lines whose first non-blank character is `#` or `;` are comments — also in the middle of a
 *   continuation, where they are skipped and the entry goes on after them;
 * - a line ending in `\` continues on the next one (the backslash becomes a space);
 * - `[Name]` starts a section, `Key=Value` is an assignment, blanks around key and value are trimmed;
 * - `#` after a value is part of the value (there are no trailing comments).
 * Never throws; every problem becomes a `systemd/syntax` entry in `problems`.
 */
import type { Span, UnitEntry, UnitFile, UnitProblem, UnitSection } from './unitAst';

const SYNTAX = 'systemd/syntax' as const;

interface PhysicalLine {
  readonly start: number;
  /** End of the line's text, without the line break. */
  readonly end: number;
}

function splitLines(text: string): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      const end = i > start && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
      lines.push({ start, end });
      start = i + 1;
    }
  }
  if (start < text.length) {
    lines.push({ start, end: text.length && text.charCodeAt(text.length - 1) === 13 ? text.length - 1 : text.length });
  }
  return lines;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f' || c === '\v';

/** True when the line ends in an unescaped backslash (an even run of backslashes does not continue). */
function endsWithContinuation(text: string, line: PhysicalLine): boolean {
  let n = 0;
  for (let i = line.end - 1; i >= line.start && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function firstNonBlank(text: string, line: PhysicalLine): number {
  let i = line.start;
  while (i < line.end && isBlank(text[i])) i++;
  return i;
}

/** A logical line: one or more physical lines joined, with a map from joined characters to text offsets. */
interface LogicalLine {
  readonly joined: string;
  /** Text offset of joined character `i`; `end` for any other index. */
  readonly at: (i: number) => number;
  readonly start: number;
  readonly end: number;
  readonly lineCount: number;
}

/**
 * Where the joined characters sit in the text. A line without continuations (nearly every line) is
 * one slice of the text and needs no table: its characters sit at `from + i`.
 */
function offsetsOf(
  offsets: readonly number[] | undefined,
  from: number,
  length: number,
  end: number,
): (i: number) => number {
  if (offsets) return (i) => offsets[i] ?? end;
  return (i) => (Number.isInteger(i) && i >= 0 && i < length ? from + i : end);
}

class MutableSection implements UnitSection {
  entries: UnitEntry[] = [];
  span: Span;
  constructor(
    readonly name: string,
    readonly nameSpan: Span,
    readonly headerSpan: Span,
  ) {
    this.span = headerSpan;
  }
}

function makeEntry(logical: LogicalLine, eq: number, section: UnitSection | undefined): UnitEntry {
  const { joined, at } = logical;
  let ks = 0;
  while (ks < eq && isBlank(joined[ks])) ks++;
  let ke = eq;
  while (ke > ks && isBlank(joined[ke - 1])) ke--;
  let vs = eq + 1;
  while (vs < joined.length && isBlank(joined[vs])) vs++;
  let ve = joined.length;
  while (ve > vs && isBlank(joined[ve - 1])) ve--;
  const value = joined.slice(vs, ve);
  const valueStart = at(vs);
  const valueEnd = ve > vs ? at(ve - 1) + 1 : valueStart;
  return {
    key: joined.slice(ks, ke),
    keySpan: { start: at(ks), end: ke > ks ? at(ke - 1) + 1 : at(ks) },
    value,
    valueSpan: { start: valueStart, end: valueEnd },
    valueOffset(i: number): number {
      if (!(i > 0)) return valueStart;
      if (i >= value.length) return valueEnd;
      return at(vs + Math.floor(i));
    },
    span: { start: logical.start, end: logical.end },
    lineCount: logical.lineCount,
    section,
  };
}

export function parseUnit(text: string, opts: { unitName?: string; dropIn?: boolean } = {}): UnitFile {
  const src = typeof text === 'string' ? text : '';
  const lines = splitLines(src);
  const sections: MutableSection[] = [];
  const entries: UnitEntry[] = [];
  const comments: Span[] = [];
  const problems: UnitProblem[] = [];
  let current: MutableSection | undefined;
  let ignoredSection = false;
  const problem = (start: number, end: number, message: string, fatal = false): void => {
    problems.push({ code: SYNTAX, message, start, end, ...(fatal ? { fatal } : {}) });
  };

  let i = 0;
  // A byte order mark at the start is not part of the first line.
  const bom = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < lines.length) {
    const first = lines[i] as PhysicalLine;
    const lineStart = i === 0 ? first.start + bom : first.start;
    const fnb = firstNonBlank(src, { start: lineStart, end: first.end });
    if (fnb < first.end && (src[fnb] === '#' || src[fnb] === ';')) {
      comments.push({ start: fnb, end: first.end });
      i++;
      continue;
    }
    // Gather the logical line. A single physical line is one slice; continuations get an offset table.
    let joined = '';
    let offsets: number[] | undefined;
    let lineCount = 0;
    let end = first.end;
    let j = i;
    let startOfLine = lineStart;
    for (;;) {
      const line = lines[j] as PhysicalLine;
      const from = j === i ? startOfLine : line.start;
      lineCount = j - i + 1;
      end = line.end;
      const cont = endsWithContinuation(src, { start: from, end: line.end });
      const stop = cont ? line.end - 1 : line.end;
      if (!cont && j === i) {
        joined = src.slice(from, stop);
        break;
      }
      offsets ??= [];
      joined += src.slice(from, stop);
      for (let k = from; k < stop; k++) offsets.push(k);
      if (!cont) break;
      joined += ' ';
      offsets.push(line.end - 1);
      j++;
      // Comment lines inside a continuation are skipped; the entry continues after them.
      while (j < lines.length) {
        const next = lines[j] as PhysicalLine;
        const nb = firstNonBlank(src, next);
        if (nb < next.end && (src[nb] === '#' || src[nb] === ';')) {
          comments.push({ start: nb, end: next.end });
          j++;
        } else break;
      }
      if (j >= lines.length) {
        j--;
        break;
      }
      startOfLine = (lines[j] as PhysicalLine).start;
    }
    i = j + 1;
    const at = offsetsOf(offsets, lineStart, joined.length, end);
    const logical: LogicalLine = { joined, at, start: fnb, end, lineCount };
    const ts = joined.length - joined.trimStart().length;
    const trimmed = joined.trim();
    if (trimmed === '') continue;
    const contentStart = at(ts);
    const contentEnd = at(ts + trimmed.length - 1) + 1;

    if (trimmed.startsWith('[')) {
      if (!trimmed.endsWith(']') || trimmed.length < 2) {
        problem(
          contentStart,
          contentEnd,
          `Section header '${trimmed}' is not closed by ']'; systemd refuses to load the unit.`,
          true,
        );
        current = undefined;
        ignoredSection = true;
        continue;
      }
      const name = trimmed.slice(1, -1);
      const nameSpan = { start: contentStart + 1, end: contentEnd - 1 };
      current = new MutableSection(name, nameSpan, { start: contentStart, end: contentEnd });
      current.span = { start: contentStart, end };
      ignoredSection = false;
      sections.push(current);
      continue;
    }
    if (trimmed.startsWith('.include ')) {
      problem(contentStart, contentEnd, "'.include' is no longer supported by systemd; the line is ignored.");
      continue;
    }
    const eq = joined.indexOf('=');
    if (eq < 0) {
      problem(
        contentStart,
        contentEnd,
        "This line is not 'Key=Value', a section header or a comment; systemd ignores it.",
      );
      if (current) current.span = { start: current.span.start, end };
      continue;
    }
    if (joined.slice(0, eq).trim() === '') {
      problem(contentStart, contentEnd, "There is no key name before '='; systemd ignores the line.");
      if (current) current.span = { start: current.span.start, end };
      continue;
    }
    const entry = makeEntry(logical, eq, current);
    entries.push(entry);
    if (current) {
      current.entries.push(entry);
      current.span = { start: current.span.start, end };
    } else if (!ignoredSection) {
      problem(
        entry.span.start,
        entry.span.end,
        'This assignment comes before any [Section] header; systemd ignores it.',
      );
    }
  }

  return {
    text: src,
    unitName: opts.unitName,
    unitType: unitTypeOf(opts.unitName),
    dropIn: opts.dropIn === true,
    sections,
    entries,
    comments,
    problems,
  };
}

/** `web.service` → `service`; undefined without a known suffix. */
export function unitTypeOf(unitName: string | undefined): string | undefined {
  if (!unitName) return undefined;
  const m = /\.(service|socket|timer|mount|automount|path|target|swap|slice|scope|device)$/.exec(unitName);
  return m ? m[1] : undefined;
}
