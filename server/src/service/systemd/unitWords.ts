/**
 * Split a unit value into words the way systemd does for command lines and `Environment=`:
 * blanks separate words, `"…"` and `'…'` group (quotes removed), a backslash escapes the next
 * character, inside quotes too (systemd's C unescaping, not a shell's). Offsets are into the value string. Never
 * throws.
 */

export interface UnitWord {
  /** The word with quotes removed and escapes resolved. */
  readonly text: string;
  /** The word as written. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  /** True when written with quotes (a quoted `;` does not separate commands). */
  readonly quoted: boolean;
}

export interface SplitWords {
  readonly words: UnitWord[];
  /** Offset of an unclosed quote, when there is one. */
  readonly unbalancedAt: number | undefined;
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

const simpleEscapes: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  ' ': ' ',
  ';': ';',
};

export function splitUnitWords(value: string): SplitWords {
  const words: UnitWord[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && isBlank(value[i] as string)) i++;
    if (i >= n) break;
    const start = i;
    let text = '';
    let quoted = false;
    while (i < n && !isBlank(value[i] as string)) {
      const c = value[i] as string;
      if (c === '\\') {
        const next = value[i + 1];
        if (next === undefined) {
          i++;
          break;
        }
        text += simpleEscapes[next] ?? next;
        i += 2;
      } else if (c === '"' || c === "'") {
        quoted = true;
        const close = findClosingQuote(value, i + 1, c);
        if (close < 0) {
          return { words, unbalancedAt: i };
        }
        text += unescapeQuoted(value.slice(i + 1, close), c);
        i = close + 1;
      } else {
        text += c;
        i++;
      }
    }
    words.push({ text, raw: value.slice(start, i), start, end: i, quoted });
  }
  return { words, unbalancedAt: undefined };
}

function findClosingQuote(value: string, from: number, quote: string): number {
  for (let i = from; i < value.length; i++) {
    const c = value[i];
    // systemd resolves C escapes inside both kinds of quotes (unlike a shell): `'it\'s'` is one word.
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === quote) return i;
  }
  return -1;
}

function unescapeQuoted(inner: string, _quote: string): string {
  return inner.replace(/\\(.)/g, (_m, ch: string) => simpleEscapes[ch] ?? ch);
}
