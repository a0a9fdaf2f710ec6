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

/** A run of consecutive lines, with where each starts from the run's start (its length last). */
class Chunk {
  readonly starts: Uint32Array;

  constructor(readonly lines: readonly string[]) {
    this.starts = new Uint32Array(lines.length + 1);
    let at = 0;
    for (let i = 0; i < lines.length; i++) {
      this.starts[i] = at;
      at += (lines[i] as string).length;
    }
    this.starts[lines.length] = at;
  }

  get length(): number {
    return this.starts[this.lines.length] as number;
  }
}

/** Lines per chunk when a text is split; a chunk a change grows past twice this is split again. */
const chunkLines = 256;

function chunksOf(lines: readonly string[], out: Chunk[]): void {
  if (lines.length === 0) return;
  if (lines.length <= 2 * chunkLines) {
    out.push(new Chunk(lines));
    return;
  }
  for (let i = 0; i < lines.length; i += chunkLines) out.push(new Chunk(lines.slice(i, i + chunkLines)));
}

/**
 * The lines in chunks of a few hundred, so that a change copies the list of chunks and the one or two
 * chunks it touches, not a list of every line.
 */
export class LineTable {
  /** Where each chunk starts in the text and at which line (the text's length and line count last). */
  private readonly chunkStart: Float64Array;
  private readonly chunkLine: Uint32Array;

  private constructor(
    private readonly chunks: readonly Chunk[],
    /** Whether the text may hold a carriage return (exact after a full read, then kept when one is typed). */
    readonly mayHaveCr: boolean,
    private joined: string | undefined,
  ) {
    this.chunkStart = new Float64Array(chunks.length + 1);
    this.chunkLine = new Uint32Array(chunks.length + 1);
    let at = 0,
      line = 0;
    for (let i = 0; i < chunks.length; i++) {
      this.chunkStart[i] = at;
      this.chunkLine[i] = line;
      at += (chunks[i] as Chunk).length;
      line += (chunks[i] as Chunk).lines.length;
    }
    this.chunkStart[chunks.length] = at;
    this.chunkLine[chunks.length] = line;
  }

  static of(text: string): LineTable {
    const lines: string[] = [];
    splitLines(text, lines);
    const chunks: Chunk[] = [];
    chunksOf(lines, chunks);
    return new LineTable(chunks, text.includes('\r'), text);
  }

  get length(): number {
    return this.chunkStart[this.chunks.length] as number;
  }

  get lineCount(): number {
    return this.chunkLine[this.chunks.length] as number;
  }

  /** The chunk holding line `line` (0 <= line < lineCount). */
  private chunkOfLine(line: number): number {
    return lastAtOrBelow(this.chunkLine, line, this.chunks.length);
  }

  /** Where line `line` starts (0 <= line <= lineCount; lineCount gives the length). */
  lineStart(line: number): number {
    if (line >= this.lineCount) return this.length;
    const c = this.chunkOfLine(line);
    return (
      (this.chunkStart[c] as number) +
      ((this.chunks[c] as Chunk).starts[line - (this.chunkLine[c] as number)] as number)
    );
  }

  /** The line holding `offset` (clamped to the text); a line break belongs to the line it ends. */
  lineOf(offset: number): number {
    const c = lastAtOrBelow(this.chunkStart, offset, this.chunks.length);
    const chunk = this.chunks[c] as Chunk;
    const rel = offset - (this.chunkStart[c] as number);
    return (this.chunkLine[c] as number) + lastAtOrBelow(chunk.starts, rel, chunk.lines.length);
  }

  /** Line `line` with its line break. */
  line(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    const c = this.chunkOfLine(line);
    return (this.chunks[c] as Chunk).lines[line - (this.chunkLine[c] as number)] as string;
  }

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const line = this.lineOf(offset);
    return this.line(line).charCodeAt(offset - this.lineStart(line));
  }

  /** The text from `from` to `to` (clamped), built from the lines it spans. */
  slice(from: number, to: number): string {
    const length = this.length;
    from = Math.max(0, Math.min(from, length));
    to = Math.max(from, Math.min(to, length));
    if (this.joined !== undefined) return this.joined.slice(from, to);
    if (from === 0 && to === length) return this.text();
    const first = this.lineOf(from);
    let at = this.lineStart(first);
    let c = this.chunkOfLine(first);
    let i = first - (this.chunkLine[c] as number);
    const parts: string[] = [];
    while (at < to && c < this.chunks.length) {
      const line = (this.chunks[c] as Chunk).lines[i] as string;
      parts.push(line.slice(Math.max(0, from - at), to - at));
      at += line.length;
      if (++i >= (this.chunks[c] as Chunk).lines.length) {
        c++;
        i = 0;
      }
    }
    return parts.length === 1 ? (parts[0] as string) : parts.join('');
  }

  /** The whole text: joined at the first call, then kept. */
  text(): string {
    if (this.joined === undefined) {
      joins++;
      this.joined = this.chunks.map((c) => c.lines.join('')).join('');
    }
    return this.joined;
  }

  /** The text with `from`..`to` replaced by `insert`: the lines around the change are split again. */
  edited(from: number, to: number, insert: string): LineTable {
    const length = this.length;
    from = Math.max(0, Math.min(from, length));
    to = Math.max(from, Math.min(to, length));
    const count = this.lineCount;
    let first = this.lineOf(from);
    let last = this.lineOf(to);
    // A lone CR before the change could pair with a LF at its start: split that line again too.
    if (first > 0 && this.line(first - 1).endsWith('\r')) first--;
    let piece = this.slice(this.lineStart(first), from) + insert + this.line(last).slice(to - this.lineStart(last));
    // Likewise a CR at the end of the piece and a LF starting the next line.
    if (piece.endsWith('\r') && last + 1 < count) piece += this.line(++last);
    const added: string[] = [];
    splitLines(piece, added);
    // The piece ends with a line break unless it holds the last line: no empty line after it then.
    if (last + 1 < count && added[added.length - 1] === '') added.pop();
    // The chunks holding the first and last line are made again, with the added lines in between.
    const ca = this.chunkOfLine(first),
      cb = this.chunkOfLine(last);
    const lines = [
      ...(this.chunks[ca] as Chunk).lines.slice(0, first - (this.chunkLine[ca] as number)),
      ...added,
      ...(this.chunks[cb] as Chunk).lines.slice(last - (this.chunkLine[cb] as number) + 1),
    ];
    const chunks = this.chunks.slice(0, ca);
    chunksOf(lines, chunks);
    for (let c = cb + 1; c < this.chunks.length; c++) chunks.push(this.chunks[c] as Chunk);
    return new LineTable(chunks, this.mayHaveCr || insert.includes('\r'), undefined);
  }
}

/** The last index below `count` whose value is at most `x` in ascending `values` (0 when none is). */
function lastAtOrBelow(values: ArrayLike<number>, x: number, count: number): number {
  let lo = 0,
    hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((values[mid] as number) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
