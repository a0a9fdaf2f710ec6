import { sourceOfText, type CommandSource, type Word } from './commandWords';
import { dockerInvocations, invocationsOfCommand, type CommandSyntax, type DockerInvocation } from './dockerInvocation';
import { parseRunCommand, type ParsedRunCommand } from './parseRunCommand';
import type { PortPublication, RunCommand } from './runModel';

/** What a command source needs of a unit's `Exec*=` entry: its value and where each character came from. */
export interface ExecValue {
  readonly value: string;
  valueOffset(i: number): number;
}

/** The value of an `Exec*=` entry as a command source (continuations joined, offsets mapped back). */
export function entrySource(text: string, entry: ExecValue): CommandSource {
  return { text, s: entry.value, offsetAt: (i) => entry.valueOffset(i) };
}

/** Is this the text of a unit file (section headers or `Exec*=` lines) rather than shell text? */
export function looksLikeUnit(text: string): boolean {
  return /^[ \t]*\[[A-Za-z][^\]\n]*\][ \t]*\r?$/m.test(text) || /^[ \t]*Exec[A-Za-z]*[ \t]*=/m.test(text);
}

/**
 * The values of the `Exec*=` lines of a unit text, read without the full unit parser: the value after
 * `=`, with `\` continuations joined by a space as systemd joins them.
 */
export function execValueSources(text: string): Array<{ key: string; source: CommandSource }> {
  const out: Array<{ key: string; source: CommandSource }> = [];
  const lines = physicalLines(text);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as { start: number; body: string };
    const m = execKey.exec(line.body);
    if (!m) continue;
    const from = m[0].length;
    if (!continues.test(line.body)) {
      // One line (nearly every value): a slice of the text, its characters at a fixed distance.
      const base = line.start + from;
      const last = line.body.length - from;
      out.push({
        key: m[2] as string,
        source: { text, s: line.body.slice(from), offsetAt: (i) => at(base, Math.max(0, Math.min(i, last))) },
      });
      continue;
    }
    let s = '';
    const map: number[] = [];
    let start = from;
    let cur = line;
    for (;;) {
      const continued = continues.test(cur.body);
      const end = continued ? cur.body.lastIndexOf('\\') : cur.body.length;
      for (let k = start; k < end; k++) {
        s += cur.body[k];
        map.push(cur.start + k);
      }
      if (!continued || n + 1 >= lines.length) {
        map.push(cur.start + end);
        break;
      }
      s += ' ';
      map.push(cur.start + end);
      // Comment lines inside a continuation are skipped, as systemd skips them.
      while (n + 2 < lines.length && /^[ \t]*[#;]/.test((lines[n + 1] as { body: string }).body)) n++;
      cur = lines[++n] as { start: number; body: string };
      start = 0;
    }
    out.push({
      key: m[2] as string,
      source: { text, s, offsetAt: (i) => map[Math.max(0, Math.min(i, map.length - 1))] ?? 0 },
    });
  }
  return out;
}

/** `base + index` for a whole index, else 0 (as a table look-up misses). */
const at = (base: number, index: number): number => (Number.isInteger(index) ? base + index : 0);

const execKey = /^([ \t]*)(Exec[A-Za-z]*)[ \t]*=[ \t]*/;
const continues = /\\[ \t]*$/;

/** Each line's start and text without its line break (`\r\n` or `\n`); no empty line after a final break. */
function physicalLines(text: string): Array<{ start: number; body: string }> {
  const lines: Array<{ start: number; body: string }> = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ start, body: text.slice(start) });
      break;
    }
    lines.push({ start, body: text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl) });
    start = nl + 1;
  }
  return lines;
}

/** The run commands among some docker invocations. */
export function runCommandsOf(text: string, invocations: readonly DockerInvocation[]): ParsedRunCommand[] {
  const out: ParsedRunCommand[] = [];
  for (const inv of invocations) {
    const run = parseRunCommand(text, inv);
    if (run) out.push(run);
  }
  return out;
}

/** Every docker/podman call in a unit text (`Exec*=` values) or shell text, with the `Exec*=` key when in a unit. */
export function findDockerInvocations(
  text: string,
  syntax: 'unit' | 'shell' = looksLikeUnit(text) ? 'unit' : 'shell',
): Array<{ key: string | undefined; inv: DockerInvocation }> {
  if (syntax === 'shell') return dockerInvocations(sourceOfText(text), 'shell').map((inv) => ({ key: undefined, inv }));
  return execValueSources(text).flatMap(({ key, source }) =>
    dockerInvocations(source, 'exec').map((inv) => ({ key, inv })),
  );
}

/**
 * Container commands (`docker run`, `docker container run`, `docker create`, `podman run`, also via
 * `sudo`, `env` and `sh -c '…'`) in a unit text (`Exec*=` values, continuations joined, prefixes
 * stripped) or in shell text (runcmd lines, scripts). Offsets are into `text`.
 */
export function findRunCommands(text: string, syntax?: 'unit' | 'shell'): RunCommand[] {
  return runCommandsOf(
    text,
    findDockerInvocations(text, syntax).map((x) => x.inv),
  );
}

/**
 * The port publications of every container command in a text (offsets into `text`). The checks that
 * read other blocks (published ports for the rules blocks, the firewall check) ask this of every unit
 * on every keystroke: each text is searched once, and only the publications are kept (not the
 * commands' words). One map per syntax, keyed by the text itself (a key joining syntax and text would
 * copy the text on every look-up).
 */
export function publicationsIn(text: string, syntax?: 'unit' | 'shell'): readonly PortPublication[] {
  // Resolved first, so a text asked about with and without its syntax is searched once.
  const resolved = syntax ?? (looksLikeUnit(text) ? 'unit' : 'shell');
  const cache = publicationCache[resolved];
  const known = cache.get(text);
  if (known) return known;
  const publications = findRunCommands(text, resolved).flatMap((run) => run.publications);
  if (cache.size >= publicationCacheLimit) cache.delete(cache.keys().next().value as string);
  cache.set(text, publications);
  return publications;
}

const publicationCacheLimit = 4096;
const publicationCache: Readonly<Record<'unit' | 'shell', Map<string, readonly PortPublication[]>>> = {
  unit: new Map(),
  shell: new Map(),
};

/** Container commands in a command given as a word list (`runcmd: - [docker, run, …]`). */
export function runCommandsInWords(text: string, words: readonly Word[]): RunCommand[] {
  return runCommandsOf(text, invocationsOfCommand(text, words));
}

export type { CommandSyntax };
