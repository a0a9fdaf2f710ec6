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

/** Past a quoted scalar opened at `k` (to its closing quote, or the line end when it goes on). */
function skipQuoted(text: string, k: number): number {
  const quote = text.charCodeAt(k);
  let i = k + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === newline) return i;
    if (quote === 34 && c === 92) {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return i;
}

/**
 * Whether YAML text nests deeper than `limit`, estimated in one pass without parsing. Every construct
 * that opens a level counts: deeper indentation than the lines around; on one line, each `- ` item,
 * `? ` explicit key and `: ` value (`- ? - : x`, `a: b: c: d`, with or without `&anchor` and `!tag`
 * in between); and open flow brackets. Quoted scalars and comments count nothing. An over-estimate is
 * harmless at this limit; an under-estimate is not, so whatever is unclear counts.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && text.charCodeAt(j) === space) j++;
    const indent = j - i;
    const first = text.charCodeAt(j);
    let k = j;
    let onLine = 0;
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
      if (c === 91 || c === 123) {
        flow++;
        nodeStart = true;
      } else if (c === 93 || c === 125) {
        if (flow > 0) flow--;
        nodeStart = false;
      } else if (c === 44 && flow > 0) {
        nodeStart = true;
      } else if ((c === 34 || c === 39) && (nodeStart || (wasBlank && flow > 0))) {
        k = skipQuoted(text, k) - 1;
        nodeStart = false;
      } else if ((c === 45 || c === 63) && nodeStart && endsToken(text, k + 1)) {
        onLine++;
      } else if (c === 58 && endsToken(text, k + 1) && flow === 0) {
        onLine++;
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
