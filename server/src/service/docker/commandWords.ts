import type { CommandWord } from './runModel';

/**
 * A logical command string and where each of its characters sits in the analysed text. Exec values
 * with joined continuations, a whole shell text, or the string of a `sh -c '…'` word all look alike.
 */
export interface CommandSource {
  /** The analysed text (unit text, user-data): `raw` of every word is a slice of it. */
  readonly text: string;
  /** The logical string that is split into words. */
  readonly s: string;
  /** Offset in `text` of the character at index i of `s`; valid for 0 ≤ i ≤ s.length. */
  offsetAt(i: number): number;
  /** When set, `s` is `text.slice(textFrom, textFrom + s.length)` and `offsetAt(i)` is `textFrom + i`. */
  readonly textFrom?: number;
}

/** A word with the offset in the text of each character of its value (length value.length + 1). */
export interface Word extends CommandWord {
  readonly map: readonly number[];
}

export function sourceOfText(text: string, from = 0, to = text.length): CommandSource {
  return { text, s: text.slice(from, to), offsetAt: (i) => from + i, textFrom: from };
}

/** The value of a word as a source of its own (for `sh -c '…'`). */
export function sourceOfWord(text: string, word: Word): CommandSource {
  return { text, s: word.value, offsetAt: (i) => word.map[Math.max(0, Math.min(i, word.map.length - 1))] ?? word.end };
}

/**
 * A word split from a command line. Most words are their characters as written, one after the other
 * (`a`, `--name`): their offset table is then `start + i` and is built only when asked for, which keeps
 * a line of a million words cheap.
 */
class SplitWord implements Word {
  private table: readonly number[] | undefined;
  constructor(
    readonly start: number,
    readonly end: number,
    readonly raw: string,
    readonly value: string,
    /** The offset of the value's first character when the characters follow each other. */
    private readonly base: number,
    table: readonly number[] | undefined,
  ) {
    this.table = table;
  }
  get map(): readonly number[] {
    if (this.table === undefined) {
      const out: number[] = [];
      for (let i = 0; i < this.value.length; i++) out.push(this.base + i);
      out.push(this.end);
      this.table = out;
    }
    return this.table;
  }
}

/** Collects the characters of one word. */
class WordBuilder {
  /** The value, once it is no longer a run of characters of `s` as written (see `plainFrom`). */
  private value = '';
  /** While the value is `s.slice(plainFrom, plainFrom + length)` (characters as written): where it starts; else -1. */
  private plainFrom = -1;
  private length = 0;
  /** The offsets of the value's characters, once they stop following each other from `base`. */
  private map: number[] | undefined;
  private base = -1;
  private first = -1;
  private last = -1;
  constructor(private readonly src: CommandSource) {}

  get started(): boolean {
    return this.first >= 0;
  }
  /** Marks raw characters as part of the word (quotes, backslashes) without adding to the value. */
  touch(rawIndex: number): void {
    if (this.first < 0) this.first = rawIndex;
    this.last = rawIndex;
  }
  add(ch: string, rawIndex: number, valueRawIndex = rawIndex): void {
    this.touch(valueRawIndex);
    this.touch(rawIndex);
    const offset = this.src.offsetAt(valueRawIndex);
    const n = this.length;
    if (this.map) this.map.push(offset);
    else if (n === 0) this.base = offset;
    else if (offset !== this.base + n) {
      this.map = [];
      for (let i = 0; i < n; i++) this.map.push(this.base + i);
      this.map.push(offset);
    }
    const plain = rawIndex === valueRawIndex && this.src.s[rawIndex] === ch;
    if (n === 0 && plain) this.plainFrom = rawIndex;
    else if (this.plainFrom >= 0 && !(plain && rawIndex === this.plainFrom + n)) {
      this.value = this.src.s.slice(this.plainFrom, this.plainFrom + n) + ch;
      this.plainFrom = -1;
    } else if (this.plainFrom < 0) this.value += ch;
    this.length = n + 1;
  }
  take(): Word | undefined {
    if (this.first < 0) return undefined;
    const start = this.src.offsetAt(this.first);
    const end = Math.max(start, this.src.offsetAt(this.last) + 1);
    const raw = this.src.text.slice(start, end);
    const from = this.plainFrom;
    // A word of characters as written, nothing else (no quotes, no backslashes): its value is its text.
    const value =
      from < 0
        ? this.value
        : this.src.textFrom !== undefined && this.first === from && this.last === from + this.length - 1
          ? raw
          : this.src.s.slice(from, from + this.length);
    // The word takes the collected table over (no copy); the next word starts a new one.
    const map = this.map;
    map?.push(end);
    const word = new SplitWord(start, end, raw, value, this.base, map);
    this.value = '';
    this.plainFrom = -1;
    this.length = 0;
    this.map = undefined;
    this.base = -1;
    this.first = -1;
    this.last = -1;
    return word;
  }
}

const cEscapes: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  s: ' ',
};
const blank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Split a command line the way systemd splits `Exec*=` values: blanks separate words, `"…"` and
 * `'…'` quote (anywhere in a word), backslash escapes, `$VAR`/`${VAR}` stay words, and a lone `;`
 * word separates several commands. Returns one word list per command.
 */
export function splitExecCommands(src: CommandSource): Word[][] {
  const commands: Word[][] = [[]];
  const b = new WordBuilder(src);
  const s = src.s;
  let quote: string | undefined;
  const flush = (): void => {
    const w = b.take();
    if (!w) return;
    if (w.raw === ';') commands.push([]);
    else (commands[commands.length - 1] as Word[]).push(w);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote) {
      if (c === quote) {
        b.touch(i);
        quote = undefined;
      } else if (c === '\\' && i + 1 < s.length) {
        const n = s[i + 1] as string;
        b.add(cEscapes[n] ?? n, i + 1, i);
        i++;
      } else b.add(c, i);
    } else if (blank(c)) flush();
    else if (c === '"' || c === "'") {
      b.touch(i);
      quote = c;
    } else if (c === '\\' && i + 1 < s.length) {
      const n = s[i + 1] as string;
      b.add(cEscapes[n] ?? n, i + 1, i);
      i++;
    } else b.add(c, i);
  }
  flush();
  return commands.filter((c) => c.length > 0);
}

const operatorChars = new Set([';', '&', '|', '(', ')']);

/**
 * Split shell text (a runcmd line, a script, the string of `sh -c`) into simple commands: quotes,
 * backslashes and line continuations as a POSIX shell reads them; `;`, `&`, `&&`, `|`, `||`,
 * parentheses and line breaks end a command; comments and redirections are left out.
 * No expansion happens: `$VAR` and `$(…)` stay inside their words.
 */
export function splitShellCommands(src: CommandSource): Word[][] {
  const commands: Word[][] = [[]];
  const b = new WordBuilder(src);
  const s = src.s;
  let skipNext = false;
  const flush = (): void => {
    const w = b.take();
    if (!w) return;
    if (skipNext) skipNext = false;
    else (commands[commands.length - 1] as Word[]).push(w);
  };
  const endCommand = (): void => {
    flush();
    skipNext = false;
    if ((commands[commands.length - 1] as Word[]).length) commands.push([]);
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      if (s[i + 1] === '\n') i++;
      else if (s[i + 1] === '\r' && s[i + 2] === '\n') i += 2;
      else if (i + 1 < s.length) {
        b.add(s[i + 1] as string, i + 1, i);
        i++;
      }
    } else if (c === "'") {
      b.touch(i);
      let j = i + 1;
      for (; j < s.length && s[j] !== "'"; j++) b.add(s[j] as string, j);
      if (j < s.length) b.touch(j);
      i = j;
    } else if (c === '"') {
      b.touch(i);
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        const n = s[j + 1];
        if (s[j] === '\\' && (n === '"' || n === '\\' || n === '$' || n === '`')) {
          b.add(n, j + 1, j);
          j++;
        } else if (s[j] === '\\' && n === '\n') j++;
        else b.add(s[j] as string, j);
      }
      if (j < s.length) b.touch(j);
      i = j;
    } else if (c === '$' && s[i + 1] === '(') {
      let depth = 0;
      let j = i;
      for (; j < s.length; j++) {
        const d = s[j] as string;
        if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
        b.add(d, j);
      }
      if (j < s.length) b.add(')', j);
      i = j;
    } else if (c === '#' && !b.started) {
      while (i + 1 < s.length && s[i + 1] !== '\n') i++;
    } else if (c === '\n') endCommand();
    else if (blank(c)) flush();
    else if (operatorChars.has(c) && !(c === '&' && s[i + 1] === '>')) {
      endCommand();
      if ((c === '&' || c === '|') && s[i + 1] === c) i++;
    } else if (c === '<' || c === '>' || c === '&') {
      const pending = b.take();
      // `2>&1`: the digits were a file descriptor, not a word.
      if (pending && !/^\d+$/.test(pending.raw)) (commands[commands.length - 1] as Word[]).push(pending);
      while (s[i + 1] === '>' || s[i + 1] === '<' || s[i + 1] === '&' || s[i + 1] === '|') i++;
      if (s[i] === '&' && /\d|-/.test(s[i + 1] ?? '')) {
        while (i + 1 < s.length && !blank(s[i + 1]) && !operatorChars.has(s[i + 1] as string)) i++;
      } else skipNext = true;
    } else b.add(c, i);
  }
  flush();
  return commands.filter((c) => c.length > 0);
}
