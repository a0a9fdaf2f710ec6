import type { Word } from './commandWords';
import { subWord, type DockerInvocation } from './dockerInvocation';
import {
  publicationOfHostNetwork,
  publicationOfPublish,
  publicationOfPublishAll,
  type ParsedRunFlag,
} from './portPublication';
import { longRunFlag, shortRunFlag } from './runFlags';
import type { PortPublication, RunCommand } from './runModel';

/** A run command whose words keep their character maps. */
export interface ParsedRunCommand extends RunCommand {
  readonly program: Word;
  readonly subcommand: Word;
  readonly flags: readonly ParsedRunFlag[];
  readonly image: Word | undefined;
  readonly args: readonly Word[];
  readonly detach: ParsedRunFlag | undefined;
  readonly rm: ParsedRunFlag | undefined;
  readonly name: ParsedRunFlag | undefined;
  readonly restart: ParsedRunFlag | undefined;
  readonly invocation: DockerInvocation;
}

/** A value for an option we do not know: guess from its shape, so the image is still found. */
function looksLikeValue(w: Word | undefined): boolean {
  return (
    !!w &&
    !w.value.startsWith('-') &&
    (/[=,]/.test(w.value) || /^[/.~]/.test(w.value) || /^\d[\d.]*[a-z]*$/i.test(w.value))
  );
}

/** `$OPTS`, `${DOCKER_ARGS}`: a variable that stands for options rather than the image. */
const optionVariable = /^\$\{?\w*(OPT|ARG|FLAG|PARAM)\w*\}?$/i;

const falseWords = new Set(['false', 'False', 'FALSE', 'f', 'F', '0']);

/** True when a boolean flag is on (`-d`, `--detach`, `--detach=true`, but not `--detach=false`). */
export function flagIsOn(flag: ParsedRunFlag | undefined): boolean {
  return !!flag && !(flag.value && falseWords.has(flag.value.value));
}

export function parseFlags(text: string, rest: readonly Word[]): { flags: ParsedRunFlag[]; next: number } {
  const flags: ParsedRunFlag[] = [];
  let i = 0;
  while (i < rest.length) {
    const w = rest[i] as Word;
    const v = w.value;
    if (v === '--') return { flags, next: i + 1 };
    if (optionVariable.test(v) && i + 1 < rest.length) {
      flags.push({ start: w.start, end: w.end, flag: w, name: undefined, value: undefined });
      i++;
      continue;
    }
    if (!v.startsWith('-') || v === '-') break;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq >= 0 ? v.slice(2, eq) : v.slice(2);
      const spec = longRunFlag(name);
      let value: Word | undefined;
      const flagWord = eq >= 0 ? subWord(text, w, 0, eq) : w;
      if (eq >= 0) value = subWord(text, w, eq + 1);
      else if (spec ? spec.takesValue : looksLikeValue(rest[i + 1])) value = rest[++i];
      flags.push({
        start: w.start,
        end: value ? Math.max(value.end, w.end) : w.end,
        flag: flagWord,
        name: spec?.name,
        value,
      });
      i++;
      continue;
    }
    // Short options, possibly bundled (`-dit`, `-dp 80:80`, `-p80:80`, `-d=false`).
    const bundled = v.length > 2;
    for (let j = 1; j < v.length; j++) {
      const spec = shortRunFlag(v[j] as string);
      const letterStart = w.map[j] ?? w.start;
      const letterEnd = w.map[j + 1] ?? w.end;
      if (spec?.takesValue) {
        const value = j + 1 < v.length ? subWord(text, w, v[j + 1] === '=' ? j + 2 : j + 1) : rest[++i];
        flags.push({
          start: w.start,
          end: value ? Math.max(value.end, letterEnd) : letterEnd,
          flag: subWord(text, w, 0, j + 1),
          name: spec.name,
          value,
        });
        break;
      }
      if (v[j + 1] === '=') {
        flags.push({
          start: j === 1 ? w.start : letterStart,
          end: w.end,
          flag: subWord(text, w, 0, j + 1),
          name: spec?.name,
          value: subWord(text, w, j + 2),
        });
        break;
      }
      flags.push({
        start: bundled ? letterStart : w.start,
        end: bundled ? letterEnd : w.end,
        flag: w,
        name: spec?.name,
        value: undefined,
      });
    }
    i++;
  }
  return { flags, next: i };
}

/** The run/create command of an invocation: flags, image, container arguments, publications. */
export function parseRunCommand(text: string, inv: DockerInvocation): ParsedRunCommand | undefined {
  if (inv.action !== 'run' && inv.action !== 'create') return undefined;
  const { flags, next } = parseFlags(text, inv.rest);
  const image = inv.rest[next];
  const args = inv.rest.slice(next + 1);
  const last = (name: string): ParsedRunFlag | undefined => [...flags].reverse().find((f) => f.name === name);
  const publications: PortPublication[] = [];
  for (const f of flags) {
    if (f.name === 'publish') {
      const p = publicationOfPublish(text, f);
      if (p) publications.push(p);
    } else if (f.name === 'publish-all' && flagIsOn(f)) publications.push(publicationOfPublishAll(text, f));
    else if (f.name === 'network' && f.value?.value === 'host' && f === last('network'))
      publications.push(publicationOfHostNetwork(text, f));
  }
  const lastWord = args[args.length - 1] ?? image ?? inv.rest[inv.rest.length - 1] ?? inv.subcommand;
  const detach = last('detach');
  const rm = last('rm');
  return {
    start: inv.words[0]?.start ?? inv.program.start,
    // A fold, not `Math.max(...)`: a command of a hundred thousand flags would overflow the call stack.
    end: flags.reduce((end, f) => Math.max(end, f.end), lastWord.end),
    engine: inv.engine,
    program: inv.program,
    subcommand: inv.subcommand,
    flags,
    image,
    args,
    detach: flagIsOn(detach) ? detach : undefined,
    rm: flagIsOn(rm) ? rm : undefined,
    name: last('name'),
    restart: last('restart'),
    publications,
    invocation: inv,
  };
}
