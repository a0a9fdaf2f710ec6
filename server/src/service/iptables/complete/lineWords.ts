/** The words of a (possibly unfinished) rules line, split the way iptables-restore splits them. */
import { lineStartAt } from '../../text/lines';

export interface LineWord {
  readonly start: number;
  readonly end: number;
  /** Quotes removed. */
  readonly value: string;
}

export interface LineAt {
  readonly lineStart: number;
  readonly lineEnd: number;
  /** Whole words before the caret's word. */
  readonly before: LineWord[];
  /** The word the caret is in (possibly empty, starting at the caret). */
  readonly current: LineWord;
}

/** Split `text` from `from` to `to` into words; a double-quoted part groups spaces. */
export function splitWords(text: string, from: number, to: number): LineWord[] {
  const words: LineWord[] = [];
  let i = from;
  while (i < to) {
    while (i < to && /\s/.test(text[i] as string)) i++;
    if (i >= to) break;
    const start = i;
    let value = '';
    let quoted = false;
    while (i < to && (quoted || !/\s/.test(text[i] as string))) {
      const ch = text[i] as string;
      if (ch === '"') quoted = !quoted;
      else value += ch;
      i++;
    }
    words.push({ start, end: i, value });
  }
  return words;
}

/** The line around `offset`, its words before the caret and the word being typed. */
export function lineAt(text: string, offset: number): LineAt {
  const lineStart = lineStartAt(text, offset);
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  const words = splitWords(text, lineStart, offset);
  const last = words[words.length - 1];
  const endsInWord = last !== undefined && last.end === offset;
  const current = endsInWord ? last : { start: offset, end: offset, value: '' };
  return { lineStart, lineEnd, before: endsInWord ? words.slice(0, -1) : words, current };
}
