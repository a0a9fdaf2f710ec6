/**
 * A `content: |` whose key line is cut short (`      co`) cannot keep a same-length literal block key
 * (`_: |` needs four characters), so its text was commented out for the parse. Here the block is taken
 * back from the text as written, by indentation: the lines under the key that are indented deeper,
 * read as the literal block they were, with offsets into the document. The entry keeps its content, so
 * its unit or file stays defined for the other blocks (dependencies, published ports, unit names).
 */
import { isScalar, parseDocument, visit, type Document, type Pair, type Scalar } from 'yaml';

/** Whether a broken key line above deeper text stands for `content`: its start, 2 characters at least. */
function isContentStart(word: string): boolean {
  return word.length >= 2 && 'content'.startsWith(word);
}

/** Indentation of a line (spaces and tabs). */
function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * Start and end (after its line break) of the lines after `lineEnd` indented deeper than `column`, blank
 * lines between them included.
 */
function bodyAfter(text: string, lineEnd: number, column: number): [number, number] | undefined {
  const start = lineEnd + 1;
  if (start > text.length) return undefined;
  let at = start;
  let end = start;
  let first: string | undefined;
  while (at < text.length) {
    let stop = text.indexOf('\n', at);
    if (stop < 0) stop = text.length;
    const line = text.slice(at, stop).replace(/\r$/, '');
    if (line.trim() !== '') {
      if (indentOf(line) <= column) break;
      first ??= line;
      end = Math.min(stop + 1, text.length);
    }
    at = stop + 1;
  }
  // YAML structure under the key (`- item`, `key: value`) is not a block of text.
  if (first === undefined || /^[ \t]*(-[ \t]|[\w-]+:([ \t]|$))/.test(first)) return undefined;
  return [start, end];
}

/** The literal block scalar of `body` (document text from `start`), its offsets moved to where the body is. */
function literalAt(body: string, start: number, options: Parameters<typeof parseDocument>[1]): Scalar | undefined {
  const head = 'content: |\n';
  const doc = parseDocument(head + body, options);
  if (doc.errors.length > 0) return undefined;
  let found: Scalar | undefined;
  visit(doc, {
    Scalar(_, n) {
      if (n.type === 'BLOCK_LITERAL') found = n;
    },
  });
  if (!found || typeof found.value !== 'string') return undefined;
  const delta = start - head.length;
  if (found.range) found.range = [found.range[0] + delta, found.range[1] + delta, found.range[2] + delta];
  const token = found.srcToken as { offset?: number; props?: Array<{ offset: number }> } | undefined;
  if (token && typeof token.offset === 'number') {
    token.offset += delta;
    for (const p of token.props ?? []) p.offset += delta;
  }
  return found;
}

/**
 * Give stand-in keys that were the start of `content` above deeper text their block back: a literal block
 * stand-in (`___: |` for `      cont`) is renamed; a bare one (`_:` for `      co`) gets the block read from
 * the text as written.
 */
export function restoreContentBlocks(
  doc: Document.Parsed,
  original: string,
  current: string,
  options: Parameters<typeof parseDocument>[1],
): void {
  visit(doc, {
    Pair(_, pair: Pair) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string' || !/^_+$/.test(key.value) || !key.range) return;
      const [keyStart, keyEnd] = key.range;
      if (current.slice(keyStart, keyEnd) !== key.value) return;
      const lineStart = original.lastIndexOf('\n', keyStart - 1) + 1;
      let lineEnd = original.indexOf('\n', keyStart);
      if (lineEnd < 0) lineEnd = original.length;
      const word = original.slice(keyStart, lineEnd).replace(/\r$/, '').trim().replace(/:$/, '');
      if (!/^[\w-]+$/.test(word) || !isContentStart(word)) return;
      const value = pair.value;
      if (isScalar(value) && value.type === 'BLOCK_LITERAL') {
        key.value = 'content';
        key.source = 'content';
        return;
      }
      if (value !== null && !(isScalar(value) && value.value === null)) return;
      const body = bodyAfter(original, lineEnd, keyStart - lineStart);
      if (!body) return;
      const scalar = literalAt(original.slice(body[0], body[1]), body[0], options);
      if (!scalar) return;
      key.value = 'content';
      key.source = 'content';
      pair.value = scalar;
    },
  });
}
