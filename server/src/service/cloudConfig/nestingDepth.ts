/**
 * More nesting levels than any real cloud-config has, and far fewer than the YAML parser can follow:
 * its recursion runs out of stack somewhere between 800 and 1,200 levels, and near that point the
 * engine may abort the whole process instead of throwing.
 */
export const maxNesting = 200;

/**
 * Whether YAML text nests deeper than `limit`, estimated in one pass without parsing: block levels
 * (deeper indentation than the lines around, plus `- ` items opened on one line) and open flow
 * brackets. An over-estimate is harmless at this limit; an under-estimate is not.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && text.charCodeAt(j) === 32) j++;
    const indent = j - i;
    const first = text.charCodeAt(j);
    let k = j;
    if (j < text.length && first !== 10 && first !== 13 && first !== 35) {
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      // `- - - item`: each dash opens one more level on this line.
      let items = 0;
      while (text.charCodeAt(k) === 45 && (k + 1 === text.length || text.charCodeAt(k + 1) === 32 || text.charCodeAt(k + 1) === 10)) {
        items++;
        k++;
        while (text.charCodeAt(k) === 32) k++;
      }
      if (indents.length + items + flow > limit) return true;
    }
    for (; k < text.length && text.charCodeAt(k) !== 10; k++) {
      const c = text.charCodeAt(k);
      if (c === 91 || c === 123) {
        if (++flow + indents.length > limit) return true;
      } else if ((c === 93 || c === 125) && flow > 0) {
        flow--;
      }
    }
    i = k + 1;
  }
  return false;
}
