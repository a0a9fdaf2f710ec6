import type { UnitEntry } from '../systemd/unitAst';
import { sourceOfText, type CommandSource, type Word } from './commandWords';
import { dockerInvocations, invocationsOfCommand, type CommandSyntax, type DockerInvocation } from './dockerInvocation';
import { parseRunCommand, type ParsedRunCommand } from './parseRunCommand';
import type { RunCommand } from './runModel';

/** The value of an `Exec*=` entry as a command source (continuations joined, offsets mapped back). */
export function entrySource(text: string, entry: UnitEntry): CommandSource {
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
  const lineRe = /[^\n]*(\n|$)/g;
  const lines: Array<{ start: number; body: string }> = [];
  for (let m = lineRe.exec(text); m && m[0].length > 0; m = lineRe.exec(text)) {
    lines.push({ start: m.index, body: m[0].replace(/\r?\n$/, '') });
    if (lineRe.lastIndex >= text.length) break;
  }
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as { start: number; body: string };
    const m = /^([ \t]*)(Exec[A-Za-z]*)[ \t]*=[ \t]*/.exec(line.body);
    if (!m) continue;
    let s = '';
    const map: number[] = [];
    let from = m[0].length;
    let at = line;
    for (;;) {
      const continued = /\\[ \t]*$/.test(at.body);
      const end = continued ? at.body.lastIndexOf('\\') : at.body.length;
      for (let k = from; k < end; k++) {
        s += at.body[k];
        map.push(at.start + k);
      }
      if (!continued || n + 1 >= lines.length) {
        map.push(at.start + end);
        break;
      }
      s += ' ';
      map.push(at.start + end);
      // Comment lines inside a continuation are skipped, as systemd skips them.
      while (n + 2 < lines.length && /^[ \t]*[#;]/.test((lines[n + 1] as { body: string }).body)) n++;
      at = lines[++n] as { start: number; body: string };
      from = 0;
    }
    out.push({ key: m[2] as string, source: { text, s, offsetAt: (i) => map[Math.max(0, Math.min(i, map.length - 1))] ?? 0 } });
  }
  return out;
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
export function findDockerInvocations(text: string, syntax: 'unit' | 'shell' = looksLikeUnit(text) ? 'unit' : 'shell'): Array<{ key: string | undefined; inv: DockerInvocation }> {
  if (syntax === 'shell') return dockerInvocations(sourceOfText(text), 'shell').map((inv) => ({ key: undefined, inv }));
  return execValueSources(text).flatMap(({ key, source }) => dockerInvocations(source, 'exec').map((inv) => ({ key, inv })));
}

/**
 * Container commands (`docker run`, `docker container run`, `docker create`, `podman run`, also via
 * `sudo`, `env` and `sh -c '…'`) in a unit text (`Exec*=` values, continuations joined, prefixes
 * stripped) or in shell text (runcmd lines, scripts). Offsets are into `text`.
 */
export function findRunCommands(text: string, syntax?: 'unit' | 'shell'): readonly RunCommand[] {
  const key = `${syntax ?? ''}\u0000${text}`;
  const known = runCache.get(key);
  if (known) return known;
  const runs = runCommandsOf(text, findDockerInvocations(text, syntax).map((x) => x.inv));
  if (runCache.size >= runCacheLimit) runCache.delete(runCache.keys().next().value as string);
  runCache.set(key, runs);
  return runs;
}

/**
 * The same unit text is searched by several checks (published ports for the rules blocks, the
 * firewall check) on every keystroke: each text is searched once.
 */
const runCacheLimit = 4096;
const runCache = new Map<string, readonly RunCommand[]>();

/** Container commands in a command given as a word list (`runcmd: - [docker, run, …]`). */
export function runCommandsInWords(text: string, words: readonly Word[]): RunCommand[] {
  return runCommandsOf(text, invocationsOfCommand(text, words));
}

export type { CommandSyntax };
