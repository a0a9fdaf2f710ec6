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

/** The value of a word as written (`raw`): the text before its first quote, then the quoted text unescaped. */
export function unquote(raw: string): string {
  const open = raw.indexOf('"');
  if (open < 0) return raw;
  let close = raw.length;
  let escaped = false;
  for (let i = open + 1; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (escaped) escaped = false;
    else if (c === 92 /* \ */) escaped = true;
    else if (c === 34 /* " */) {
      close = i;
      break;
    }
  }
  return raw.slice(0, open) + unescape(raw.slice(open + 1, close));
}

/** Where a scan (`scanWords`) left a quote open at the end of the line, if it did. */
export let scanUnclosedQuote: number | undefined;

/**
 * The places of the words of `text` between `start` and `end`, at most `maxWords` of them: word `i`
 * runs from `origin + from` to `origin + to`, `out[2i]` holding `from` (`~from` when the word has a
 * quote, so its value differs from its text) and `out[2i + 1]` holding `to`. Returns the number of
 * words; the scan stops once `maxWords` are found, so a megabyte line costs only the words asked for.
 */
export function scanWords(
  text: string,
  start: number,
  end: number,
  maxWords: number,
  origin: number,
  out: Int32Array,
): number {
  let count = 0;
  let wordStart = -1;
  let inQuote = false;
  let quoted = false;
  let quoteAt: number | undefined;
  let escaped = false;
  scanUnclosedQuote = undefined;
  for (let i = start; i < end; i++) {
    if (count >= maxWords) return count;
    const c = text.charCodeAt(i);
    if (inQuote) {
      if (escaped) escaped = false;
      else if (c === 92 /* \ */) escaped = true;
      else if (c === 34 /* " */) {
        inQuote = false;
        out[2 * count] = ~(wordStart - origin);
        out[2 * count + 1] = i + 1 - origin;
        count++;
        wordStart = -1;
        quoted = false;
      }
      continue;
    }
    if (c === 34) {
      if (wordStart < 0) wordStart = i;
      inQuote = true;
      quoted = true;
      quoteAt = i;
      continue;
    }
    if (c === 32 || c === 9) {
      if (wordStart >= 0) {
        out[2 * count] = quoted ? ~(wordStart - origin) : wordStart - origin;
        out[2 * count + 1] = i - origin;
        count++;
        wordStart = -1;
        quoted = false;
      }
      continue;
    }
    if (wordStart < 0) wordStart = i;
  }
  if (inQuote) scanUnclosedQuote = quoteAt;
  if (wordStart >= 0) {
    out[2 * count] = quoted ? ~(wordStart - origin) : wordStart - origin;
    out[2 * count + 1] = end - origin;
    count++;
  }
  return count;
}

const scratch = new Int32Array(1024);

/**
 * Words of `text` between `start` and `end` (offsets into `text`), at most `maxWords` of them (see
 * `scanWords`). The words keep their place relative to `anchor`, the span of the line they are in (by
 * default a span from `start` to `end`).
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
  let at = start;
  // In rounds of what the scratch list holds, for a caller that asks for every word of a long line.
  for (;;) {
    const want = Math.min(maxWords - tokens.length, scratch.length / 2);
    const n = scanWords(text, at, end, want, origin, scratch);
    for (let i = 0; i < n; i++) {
      const f = scratch[2 * i] as number;
      const from = f < 0 ? ~f : f;
      const raw = text.slice(origin + from, origin + (scratch[2 * i + 1] as number));
      tokens.push(f < 0 ? new Word(anchor, from, raw, unquote(raw)) : new Word(anchor, from, shared(raw), undefined));
    }
    if (n < want || tokens.length >= maxWords) break;
    at = origin + (scratch[2 * n - 1] as number);
    if (at >= end) break;
  }
  return { tokens, unclosedQuote: scanUnclosedQuote };
}
