/**
 * Split a rule line into words the way iptables-restore does: spaces and tabs separate words;
 * `"` starts a quoted part that may hold spaces (a backslash inside quotes takes the next character
 * literally); a closing quote ends the word, so `"a"b` is two words. An unclosed quote runs to the end
 * of the line (iptables accepts that silently). Never throws.
 */
import { Word, type LineAnchor } from './words';

export interface LineTokens {
  readonly tokens: Word[];
  /** Set when a quote is still open at the end of the line. */
  readonly unclosedQuote: number | undefined;
}

/** Quoted text with each backslash dropped and the character after it kept as is. */
function unescape(quoted: string): string {
  if (!quoted.includes('\\')) return quoted;
  let out = '';
  for (let i = 0; i < quoted.length; i++) {
    const c = quoted.charAt(i);
    if (c === '\\') {
      i++;
      out += quoted.charAt(i);
    } else {
      out += c;
    }
  }
  return out;
}

/** Short words seen so far, each kept once: a large file repeats the same option names and values. */
const seen = new Map<string, string>();
const sharedMax = 65_536;

/** One string for every copy of a short word (`-m`, `--comment`, `tcp`, `ACCEPT`…), so a model keeps each once. */
function shared(word: string): string {
  if (word.length > 24) return word;
  const known = seen.get(word);
  if (known !== undefined) return known;
  if (seen.size >= sharedMax) return word;
  // A slice of 13 characters or more points into the whole text: keep a copy, not the file it came from.
  const own = word.length >= 13 ? Array.from(word).join('') : word;
  seen.set(own, own);
  return own;
}

/**
 * Words of `text` between `start` and `end` (offsets into `text`), at most `maxWords` of them: the
 * scan stops once that many are found, so a megabyte line costs only as much as the words asked for.
 * The words keep their place relative to `anchor`, the span of the line they are in (by default a
 * span from `start` to `end`).
 */
export function tokenizeLine(
  text: string,
  start: number,
  end: number,
  maxWords = Infinity,
  anchor: LineAnchor = { start, end },
): LineTokens {
  const tokens: Word[] = [];
  const origin = anchor.start;
  let wordStart = -1;
  let inQuote = false;
  let quoteAt: number | undefined;
  let escaped = false;

  /** A word of plain characters: its value is the text as written (one slice for both). */
  const emitPlain = (at: number): void => {
    if (wordStart < 0) return;
    tokens.push(new Word(anchor, wordStart - origin, shared(text.slice(wordStart, at)), undefined));
    wordStart = -1;
  };
  /** A word with a quote opened at `open`, closed at `close` (or running to the end of the line). */
  const emitQuoted = (open: number, close: number, at: number): void => {
    const value = text.slice(wordStart, open) + unescape(text.slice(open + 1, close));
    tokens.push(new Word(anchor, wordStart - origin, text.slice(wordStart, at), value));
    wordStart = -1;
  };

  for (let i = start; i < end; i++) {
    if (tokens.length >= maxWords) return { tokens, unclosedQuote: undefined };
    const c = text.charCodeAt(i);
    if (inQuote) {
      if (escaped) escaped = false;
      else if (c === 92 /* \ */) escaped = true;
      else if (c === 34 /* " */) {
        inQuote = false;
        emitQuoted(quoteAt as number, i, i + 1);
        quoteAt = undefined;
      }
      continue;
    }
    if (c === 34) {
      if (wordStart < 0) wordStart = i;
      inQuote = true;
      quoteAt = i;
      continue;
    }
    if (c === 32 || c === 9) {
      emitPlain(i);
      continue;
    }
    if (wordStart < 0) wordStart = i;
  }
  const unclosed = inQuote ? quoteAt : undefined;
  if (inQuote) emitQuoted(quoteAt as number, end, end);
  else emitPlain(end);
  return { tokens, unclosedQuote: unclosed };
}
