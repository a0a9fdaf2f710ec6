/**
 * A text held as its lines (each with its own line break), with the offset where each starts. One
 * version of a large document (`largeDocument.ts`): a keystroke makes the next version from this one
 * by replacing the line(s) it touches and shifting the later line starts, without building the whole
 * text. The whole text is joined only when asked for, once per version. Lines break where an editor's
 * lines do (`\r\n`, `\r`, `\n`), so line numbers and offsets are the editor's.
 */

/** Whole texts joined from lines so far (tests check that a keystroke joins none). */
let joins = 0;

export function wholeTextJoins(): number {
  return joins;
}

/** The lines of `text`, each with its line break; the last one (maybe empty) has none. */
function splitLines(text: string, out: string[]): void {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
    } else if (c !== 10) continue;
    out.push(text.slice(start, i + 1));
    start = i + 1;
  }
  out.push(text.slice(start));
}

export class LineTable {
  private constructor(
    private readonly lines: readonly string[],
    /** Where each line starts, and the text's length last. */
    private readonly starts: Uint32Array,
    /** Whether the text may hold a carriage return (exact after a full read, then kept when one is typed). */
    readonly mayHaveCr: boolean,
    private joined: string | undefined,
  ) {}

  static of(text: string): LineTable {
    const lines: string[] = [];
    splitLines(text, lines);
    const starts = new Uint32Array(lines.length + 1);
    let at = 0;
    for (let i = 0; i < lines.length; i++) {
      starts[i] = at;
      at += (lines[i] as string).length;
    }
    starts[lines.length] = at;
    return new LineTable(lines, starts, text.includes('\r'), text);
  }

  get length(): number {
    return this.starts[this.lines.length] as number;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Where line `line` starts (0 <= line <= lineCount; lineCount gives the length). */
  lineStart(line: number): number {
    return this.starts[line] as number;
  }

  /** The line holding `offset` (clamped to the text); a line break belongs to the line it ends. */
  lineOf(offset: number): number {
    let lo = 0,
      hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Line `line` with its line break. */
  line(line: number): string {
    return this.lines[line] ?? '';
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const line = this.lineOf(offset);
    return (this.lines[line] as string).charCodeAt(offset - (this.starts[line] as number));
  }

  /** The text from `from` to `to` (clamped), built from the lines it spans. */
  slice(from: number, to: number): string {
    const length = this.length;
    from = Math.max(0, Math.min(from, length));
    to = Math.max(from, Math.min(to, length));
    if (this.joined !== undefined) return this.joined.slice(from, to);
    if (from === 0 && to === length) return this.text();
    const first = this.lineOf(from);
    const firstStart = this.starts[first] as number;
    const firstLine = this.lines[first] as string;
    if (to <= firstStart + firstLine.length) return firstLine.slice(from - firstStart, to - firstStart);
    const parts = [firstLine.slice(from - firstStart)];
    let line = first + 1;
    while (line < this.lines.length && (this.starts[line + 1] as number) <= to)
      parts.push(this.lines[line++] as string);
    if (line < this.lines.length && (this.starts[line] as number) < to)
      parts.push((this.lines[line] as string).slice(0, to - (this.starts[line] as number)));
    return parts.join('');
  }

  /** The whole text: joined at the first call, then kept. */
  text(): string {
    if (this.joined === undefined) {
      joins++;
      this.joined = this.lines.join('');
    }
    return this.joined;
  }

  /** The text with `from`..`to` replaced by `insert`: the lines around the change are split again. */
  edited(from: number, to: number, insert: string): LineTable {
    const length = this.length;
    from = Math.max(0, Math.min(from, length));
    to = Math.max(from, Math.min(to, length));
    const count = this.lines.length;
    let first = this.lineOf(from);
    let last = this.lineOf(to);
    // A lone CR before the change could pair with a LF at its start: split that line again too.
    if (first > 0 && (this.lines[first - 1] as string).endsWith('\r')) first--;
    let piece =
      this.slice(this.starts[first] as number, from) +
      insert +
      (this.lines[last] as string).slice(to - (this.starts[last] as number));
    // Likewise a CR at the end of the piece and a LF starting the next line.
    if (piece.endsWith('\r') && last + 1 < count) piece += this.lines[++last] as string;
    const added: string[] = [];
    splitLines(piece, added);
    // The piece ends with a line break unless it holds the last line: no empty line after it then.
    if (last + 1 < count && added[added.length - 1] === '') added.pop();
    const lines = new Array<string>(first + added.length + (count - last - 1));
    const starts = new Uint32Array(lines.length + 1);
    for (let i = 0; i < first; i++) lines[i] = this.lines[i] as string;
    starts.set(this.starts.subarray(0, first + 1));
    let at = this.starts[first] as number;
    for (let i = 0; i < added.length; i++) {
      lines[first + i] = added[i] as string;
      starts[first + i] = at;
      at += (added[i] as string).length;
    }
    const delta = insert.length - (to - from);
    for (let i = last + 1, j = first + added.length; i <= count; i++, j++) {
      if (i < count) lines[j] = this.lines[i] as string;
      starts[j] = (this.starts[i] as number) + delta;
    }
    return new LineTable(lines, starts, this.mayHaveCr || insert.includes('\r'), undefined);
  }
}
