/**
 * Read an `Exec*=` value as systemd 252 does (FACTS §4.2): command lines separated by a lone `;`,
 * each with optional prefixes (`-`, `@`, `:` once each, and one of `+`, `!`, `!!`), then the
 * program (absolute path or plain name) and its arguments. Offsets are into the entry's value.
 */
import { splitUnitWords, type UnitWord } from './unitWords';

export interface ExecCommand {
  /** The prefix characters as written (`-@`). */
  readonly prefixes: string;
  /** `-`: a failure of this command is ignored (and so is a parse error: the command is just dropped). */
  readonly ignoreFailure: boolean;
  /** The program word after the prefixes (text without quotes), with its offsets in the value. */
  readonly program: { readonly text: string; readonly start: number; readonly end: number };
  readonly args: readonly UnitWord[];
  /** Why systemd cannot use this command, or undefined when it can. */
  readonly problem: ExecProblem | undefined;
}

export type ExecProblem =
  | { readonly kind: 'empty' }
  /** Relative path with a slash, or an unknown prefix left in front of the path. */
  | { readonly kind: 'not-absolute' }
  /** A plain program name, looked up in the search path (systemd ≥ 239 only). */
  | { readonly kind: 'plain-name' };

export interface ExecValue {
  readonly commands: readonly ExecCommand[];
  /** Offset (in the value) of an unclosed quote. */
  readonly unbalancedAt: number | undefined;
}

/** Specifiers that expand to an absolute directory (`%h/bin/x`). */
const ABSOLUTE_SPECIFIERS = new Set(['h', 't', 'S', 'C', 'L', 'E', 'T', 'V', 'y', 'Y', 'd']);

function readPrefixes(word: string): { prefixes: string; ignoreFailure: boolean } {
  let ignore = false;
  let argv0 = false;
  let noEnv = false;
  let privilege: '' | '+' | '!' | '!!' = '';
  let i = 0;
  for (; i < word.length; i++) {
    const c = word[i];
    if (c === '-' && !ignore) ignore = true;
    else if (c === '@' && !argv0) argv0 = true;
    else if (c === ':' && !noEnv) noEnv = true;
    else if (c === '+' && privilege === '') privilege = '+';
    else if (c === '!' && privilege === '') privilege = '!';
    else if (c === '!' && privilege === '!') privilege = '!!';
    else break;
  }
  return { prefixes: word.slice(0, i), ignoreFailure: ignore };
}

function classify(path: string): ExecProblem | undefined {
  if (path === '') return { kind: 'empty' };
  if (path.startsWith('/')) return undefined;
  const spec = /^%(.)/.exec(path);
  if (spec && ABSOLUTE_SPECIFIERS.has(spec[1] as string)) return undefined;
  if (path.includes('/') || path === '.' || path === '..') return { kind: 'not-absolute' };
  return { kind: 'plain-name' };
}

export function parseExecValue(value: string): ExecValue {
  const { words, unbalancedAt } = splitUnitWords(value);
  const commands: ExecCommand[] = [];
  let i = 0;
  while (i < words.length) {
    const first = words[i] as UnitWord;
    if (first.text === ';' && !first.quoted) {
      i++;
      continue;
    }
    // Prefixes are plain characters in front of the program (a word starting with a quote has none).
    const { prefixes, ignoreFailure } = /^["']/.test(first.raw)
      ? { prefixes: '', ignoreFailure: false }
      : readPrefixes(first.raw);
    const text = first.text.slice(prefixes.length);
    const program = { text, start: first.start + prefixes.length, end: first.end };
    const args: UnitWord[] = [];
    let j = i + 1;
    while (j < words.length && !((words[j] as UnitWord).text === ';' && !(words[j] as UnitWord).quoted)) {
      args.push(words[j] as UnitWord);
      j++;
    }
    commands.push({ prefixes, ignoreFailure, program, args, problem: classify(text) });
    i = j;
  }
  return { commands, unbalancedAt };
}
