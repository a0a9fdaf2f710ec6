/**
 * Split a rule line into words the way iptables-restore does: spaces and tabs separate words;
 * `"` starts a quoted part that may hold spaces (a backslash inside quotes takes the next character
 * literally); a closing quote ends the word, so `"a"b` is two words. An unclosed quote runs to the end
 * of the line (iptables accepts that silently). Never throws.
 */
import type { Token } from './ast';

export interface LineTokens {
  readonly tokens: Token[];
  /** Set when a quote is still open at the end of the line. */
  readonly unclosedQuote: number | undefined;
}

/** Words of `text` between `start` and `end` (offsets into `text`). */
export function tokenizeLine(text: string, start: number, end: number): LineTokens {
  const tokens: Token[] = [];
  let value = '';
  let wordStart = -1;
  let quoted = false;
  let inQuote = false;
  let quoteAt: number | undefined;
  let escaped = false;

  const emit = (at: number): void => {
    if (wordStart >= 0) tokens.push({ start: wordStart, end: at, raw: text.slice(wordStart, at), value, quoted });
    value = '';
    wordStart = -1;
    quoted = false;
  };

  for (let i = start; i < end; i++) {
    const c = text.charAt(i);
    if (inQuote) {
      if (escaped) {
        value += c;
        escaped = false;
      } else if (c === '\\') {
        escaped = true;
      } else if (c === '"') {
        inQuote = false;
        quoteAt = undefined;
        emit(i + 1);
      } else {
        value += c;
      }
      continue;
    }
    if (c === '"') {
      if (wordStart < 0) wordStart = i;
      inQuote = true;
      quoted = true;
      quoteAt = i;
      continue;
    }
    if (c === ' ' || c === '\t') {
      emit(i);
      continue;
    }
    if (wordStart < 0) wordStart = i;
    value += c;
  }
  emit(end);
  return { tokens, unclosedQuote: inQuote ? quoteAt : undefined };
}
