import { nextLineStart } from '../text/lines';

/**
 * More nesting levels than any real cloud-config has, and far fewer than the YAML parser can follow:
 * its recursion runs out of stack somewhere between 800 and 1,200 levels, and near that point the
 * engine may abort the whole process instead of throwing.
 */
export const maxNesting = 200;

const space = 32;
const tab = 9;
const newline = 10;
const cr = 13;

function isBlank(c: number): boolean {
  return c === space || c === tab;
}

/** Whether the character at `k` ends a token: a blank, a line end or the end of the text. */
function endsToken(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return k >= text.length || c === space || c === tab || c === newline || c === cr;
}

/** Past a quoted scalar opened at `k`: its closing quote, or the line end when it goes on (`closed` false). */
function skipQuoted(text: string, k: number): { end: number; closed: boolean } {
  const quote = text.charCodeAt(k);
  let i = k + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === newline) return { end: i, closed: false };
    if (quote === 34 && c === 92) {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) {
        i += 2;
        continue;
      }
      return { end: i + 1, closed: true };
    }
    i++;
  }
  return { end: i, closed: false };
}

/**
 * Whether the rest of a line from `k` is a block scalar header after its `|` or `>`: indentation and
 * chomping indicators, then only blanks or a comment.
 */
function blockHeaderRest(text: string, k: number): boolean {
  let i = k;
  while (i < k + 2 && /[1-9+-]/.test(text[i] ?? '')) i++;
  let blank = i === k || isBlank(text.charCodeAt(i));
  for (; i < text.length && text.charCodeAt(i) !== newline; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 && blank) return true;
    if (!isBlank(c) && c !== cr) return false;
    blank = true;
  }
  return true;
}

/**
 * Whether YAML text nests deeper than `limit`, estimated in one pass without parsing. Every construct
 * that opens a level counts: deeper indentation than the lines around; on one line, each `- ` item,
 * `? ` explicit key and `: ` value (`- ? - : x`, `a: b: c: d`, with or without `&anchor` and `!tag`
 * in between); and open flow brackets. Quoted scalars, comments and the content of block scalars
 * (`|`, `>`) count nothing: the parser reads that content as text. An over-estimate is harmless at
 * this limit; an under-estimate is not, so whatever is unclear counts (a block's content is the run of
 * lines indented at least as deep as its first line, which must be deeper than its key, or than its
 * `- ` when it is an item itself; a line less indented ends it; after a quoted scalar running past its
 * line no header is trusted).
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  // After a block scalar header: the column its content must pass, and the content's indentation once known.
  let blockAbove = -1;
  let blockIndent = -1;
  // Once a quoted scalar runs past its line, where it ends is not followed here: no block header is
  // trusted after it (a `|` inside the quote is text, and what it would skip may be YAML).
  let quoteRanOn = false;
  while (i < text.length) {
    let j = i;
    while (j < text.length && text.charCodeAt(j) === space) j++;
    const indent = j - i;
    const first = text.charCodeAt(j);
    if (blockAbove >= 0) {
      let b = j;
      while (b < text.length && (isBlank(text.charCodeAt(b)) || text.charCodeAt(b) === cr)) b++;
      const blankLine = b >= text.length || text.charCodeAt(b) === newline;
      if (blankLine || (blockIndent < 0 ? indent > blockAbove : indent >= blockIndent)) {
        if (!blankLine && blockIndent < 0) blockIndent = indent;
        i = nextLineStart(text, j);
        continue;
      }
      blockAbove = -1;
      blockIndent = -1;
    }
    let k = j;
    let onLine = 0;
    // Where a block scalar's content must go deeper than: the column of this line's key (after any
    // `- `/`? ` indicators and the key's `&anchor`/`!tag`), or of the last indicator when the block
    // scalar is the item itself (`- |`); `: ` values seen, as `a: b: |` is no header to trust.
    let keyColumn = -1;
    let indicatorColumn = -1;
    let values = 0;
    const content = j < text.length && first !== newline && first !== cr && first !== 35;
    if (content) {
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
    }
    // A node starts here: `-`/`?` are indicators and a quote opens a quoted scalar.
    let nodeStart = true;
    let afterBlank = true;
    for (; k < text.length && text.charCodeAt(k) !== newline; k++) {
      const c = text.charCodeAt(k);
      if (isBlank(c) || c === cr) {
        afterBlank = true;
        continue;
      }
      if (c === 35 && afterBlank) {
        while (k < text.length && text.charCodeAt(k) !== newline) k++;
        break;
      }
      const wasBlank = afterBlank;
      afterBlank = false;
      const indicator = (c === 45 || c === 63) && nodeStart && endsToken(text, k + 1);
      const property = (c === 38 || c === 33) && nodeStart;
      const header = (c === 124 || c === 62) && nodeStart && flow === 0 && values <= 1 && !quoteRanOn;
      if (header && blockHeaderRest(text, k + 1)) {
        blockAbove = keyColumn >= 0 ? keyColumn : indicatorColumn >= 0 ? indicatorColumn : k - i;
        k = nextLineStart(text, k) - 1;
        break;
      }
      if (indicator) indicatorColumn = k - i;
      else if (keyColumn < 0 && !property) keyColumn = k - i;
      if (c === 91 || c === 123) {
        flow++;
        nodeStart = true;
      } else if (c === 93 || c === 125) {
        if (flow > 0) flow--;
        nodeStart = false;
      } else if (c === 44 && flow > 0) {
        nodeStart = true;
      } else if ((c === 34 || c === 39) && (nodeStart || (wasBlank && flow > 0))) {
        const quoted = skipQuoted(text, k);
        k = quoted.end - 1;
        if (!quoted.closed) quoteRanOn = true;
        nodeStart = false;
      } else if (indicator) {
        onLine++;
      } else if (c === 58 && endsToken(text, k + 1) && flow === 0) {
        onLine++;
        values++;
        nodeStart = true;
      } else if ((c === 38 || c === 33) && nodeStart) {
        // `&anchor` / `!tag`: a property of the node that follows, which still starts after it.
        while (k + 1 < text.length && !endsToken(text, k + 1)) k++;
      } else {
        nodeStart = false;
      }
      if (indents.length + onLine + flow > limit) return true;
    }
    if (content && indents.length + onLine + flow > limit) return true;
    i = k + 1;
  }
  return false;
}
