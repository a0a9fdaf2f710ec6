/**
 * The words and spans of one line keep their offsets relative to the line: each holds the line's
 * place in the text (its anchor, the line's own span) and where it sits from the line's start. A
 * keystroke in an earlier line then moves a later line with one write to its anchor, instead of one
 * per word and option (`reparseLine.ts`). Readers see the ordinary `Token` and `Span` fields: `start`
 * and `end` are absolute offsets into the text, worked out when read.
 */
import type { Span, Token } from './ast';

/** Where a line is in the text: the line's span, which a keystroke before it moves in place. */
export interface LineAnchor {
  start: number;
  end: number;
}

/** A word of a line (`raw` as written; `value` after quote removal, kept only when it differs). */
export class Word implements Token {
  constructor(
    readonly anchor: LineAnchor,
    /** Offset of the word from the start of its line. */
    readonly from: number,
    readonly raw: string,
    /** The value of a quoted word; undefined for a plain word, whose value is its raw text. */
    private readonly unquoted: string | undefined,
  ) {}

  get start(): number {
    return this.anchor.start + this.from;
  }

  get end(): number {
    return this.anchor.start + this.from + this.raw.length;
  }

  get value(): string {
    return this.unquoted ?? this.raw;
  }

  get quoted(): boolean {
    return this.unquoted !== undefined;
  }
}

/** A stretch of a line (an option with its arguments, the text after COMMIT). */
export class LineSpan implements Span {
  constructor(
    readonly anchor: LineAnchor,
    private readonly from: number,
    private readonly to: number,
  ) {}

  get start(): number {
    return this.anchor.start + this.from;
  }

  get end(): number {
    return this.anchor.start + this.to;
  }
}

/** The stretch from `start` to `end` (absolute offsets) of the line `anchor`. */
export function lineSpan(anchor: LineAnchor, start: number, end: number): LineSpan {
  return new LineSpan(anchor, start - anchor.start, end - anchor.start);
}
