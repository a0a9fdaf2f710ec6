import { sourceOfWord, splitExecCommands, splitShellCommands, type CommandSource, type Word } from './commandWords';

export type DockerAction = 'run' | 'create' | 'pull' | 'rm' | 'kill' | 'stop' | 'other';
export type CommandSyntax = 'exec' | 'shell';

/** One call of the docker (or podman) client, with the words after its sub-command. */
export interface DockerInvocation {
  readonly engine: 'docker' | 'podman';
  readonly program: Word;
  /** The sub-command word (`run` in `docker container run`). */
  readonly subcommand: Word;
  readonly action: DockerAction;
  /** The words after the sub-command. */
  readonly rest: readonly Word[];
  /** Every word of the simple command, wrappers included. */
  readonly words: readonly Word[];
  /** The systemd prefix characters of the `Exec*=` command (`-`, `@`, …); empty in shell text. */
  readonly execPrefix: string;
  /** True when found inside a `sh -c '…'` script rather than as the command itself. */
  readonly viaShell: boolean;
}

/** A word starting `len` characters later in its value (for prefixes and `--flag=value`). */
export function subWord(text: string, word: Word, from: number, to = word.value.length): Word {
  const map = word.map.slice(from, to + 1);
  const start = map[0] ?? word.end;
  const end = to >= word.value.length ? word.end : (map[map.length - 1] ?? word.end);
  return { start, end, raw: text.slice(start, end), value: word.value.slice(from, to), map };
}

const shells = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'busybox']);
const sudoValueOptions = new Set([
  '-u',
  '-g',
  '-C',
  '-D',
  '-h',
  '-p',
  '-r',
  '-t',
  '-U',
  '-T',
  '--user',
  '--group',
  '--chdir',
  '--prompt',
  '--host',
]);
const dockerGlobalValueOptions = new Set([
  '-H',
  '--host',
  '--config',
  '-c',
  '--context',
  '-l',
  '--log-level',
  '--tlscacert',
  '--tlscert',
  '--tlskey',
  '--url',
  '--connection',
  '--root',
  '--runroot',
  '--storage-driver',
  '--storage-opt',
  '--cgroup-manager',
  '--identity',
  '--runtime',
  '--events-backend',
  '--tmpdir',
  '--conmon',
  '--module',
  '--network-cmd-path',
]);
const actions: Readonly<Record<string, DockerAction>> = {
  run: 'run',
  create: 'create',
  pull: 'pull',
  rm: 'rm',
  remove: 'rm',
  kill: 'kill',
  stop: 'stop',
};

const baseName = (w: Word | undefined): string => (w ? w.value.slice(w.value.lastIndexOf('/') + 1) : '');
const isAssignment = (w: Word): boolean => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value);

/** Index of the real program after wrappers (`sudo -E`, `env X=1`, `exec`, `nohup`, `timeout 5`). */
function programIndex(words: readonly Word[]): number {
  let i = 0;
  while (i < words.length && isAssignment(words[i] as Word)) i++;
  for (let guard = 0; guard < 8 && i < words.length; guard++) {
    const name = baseName(words[i]);
    if (name === 'sudo' || name === 'doas') {
      i++;
      while (i < words.length && (words[i] as Word).value.startsWith('-')) {
        const opt = (words[i] as Word).value;
        i += sudoValueOptions.has(opt) ? 2 : 1;
        if (opt === '--') break;
      }
    } else if (name === 'env') {
      i++;
      while (i < words.length && ((words[i] as Word).value.startsWith('-') || isAssignment(words[i] as Word))) {
        const opt = (words[i] as Word).value;
        i += opt === '-u' || opt === '--unset' || opt === '-C' || opt === '--chdir' ? 2 : 1;
      }
    } else if (name === 'exec' || name === 'nohup' || name === 'time' || name === 'command' || name === 'setsid') {
      i++;
      while (i < words.length && /^-[a-z]$/.test((words[i] as Word).value)) i++;
    } else if (name === 'nice' || name === 'timeout') {
      i++;
      while (i < words.length && (words[i] as Word).value.startsWith('-'))
        i += /^-(n|s|k)$/.test((words[i] as Word).value) ? 2 : 1;
      if (name === 'timeout') i++;
    } else break;
  }
  return i;
}

/** The systemd prefix characters at the start of an `Exec*=` command. */
function splitExecPrefix(text: string, words: Word[]): { prefix: string; words: Word[] } {
  const first = words[0];
  if (!first) return { prefix: '', words };
  const prefix = /^[-@:+!]*/.exec(first.value)?.[0] ?? '';
  if (!prefix) return { prefix, words };
  const rest =
    first.value.length > prefix.length ? [subWord(text, first, prefix.length), ...words.slice(1)] : words.slice(1);
  // `@`: the word after the program is argv[0], not an argument.
  if (prefix.includes('@') && rest.length > 1) rest.splice(1, 1);
  return { prefix, words: rest };
}

function invocationOf(words: readonly Word[], execPrefix: string, viaShell: boolean): DockerInvocation | undefined {
  const p = programIndex(words);
  const program = words[p];
  const name = baseName(program);
  if (!program || (name !== 'docker' && name !== 'podman')) return undefined;
  let i = p + 1;
  while (i < words.length && (words[i] as Word).value.startsWith('-')) {
    const opt = (words[i] as Word).value;
    i += !opt.includes('=') && dockerGlobalValueOptions.has(opt) ? 2 : 1;
  }
  let sub = words[i];
  if (sub && (sub.value === 'container' || sub.value === 'image')) sub = words[++i];
  if (!sub) return undefined;
  return {
    engine: name,
    program,
    subcommand: sub,
    action: actions[sub.value] ?? 'other',
    rest: words.slice(i + 1),
    words,
    execPrefix,
    viaShell,
  };
}

/** The script word of `sh -c 'script'` (options such as `-ec` allowed), if the command is one. */
function shellScript(words: readonly Word[]): Word | undefined {
  const p = programIndex(words);
  if (!shells.has(baseName(words[p]))) return undefined;
  for (let i = p + 1; i < words.length; i++) {
    const w = (words[i] as Word).value;
    if (/^-[a-z]*c[a-z]*$/.test(w)) return words[i + 1];
    if (!w.startsWith('-')) return undefined;
  }
  return undefined;
}

/**
 * Every docker/podman call in a source: split as systemd (`exec`) or a shell (`shell`) does, with
 * `sh -c '…'` scripts looked into. Offsets are into `src.text`.
 */
export function dockerInvocations(
  src: CommandSource,
  syntax: CommandSyntax,
  viaShell = false,
  depth = 0,
): DockerInvocation[] {
  const commands = syntax === 'exec' ? splitExecCommands(src) : splitShellCommands(src);
  return commands.flatMap((raw) => {
    const { prefix, words } = syntax === 'exec' ? splitExecPrefix(src.text, raw) : { prefix: '', words: raw };
    return invocationsOfCommand(src.text, words, prefix, viaShell, depth);
  });
}

/** The docker call of one already split command (or those inside its `sh -c` script). */
export function invocationsOfCommand(
  text: string,
  words: readonly Word[],
  prefix = '',
  viaShell = false,
  depth = 0,
): DockerInvocation[] {
  const inv = invocationOf(words, prefix, viaShell);
  if (inv) return [inv];
  const script = shellScript(words);
  if (!script || depth >= 3) return [];
  return dockerInvocations(sourceOfWord(text, script), 'shell', true, depth + 1).map((inner) => ({
    ...inner,
    execPrefix: prefix,
  }));
}
