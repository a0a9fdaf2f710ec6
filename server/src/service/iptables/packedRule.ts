/**
 * A rule line kept compact: the line's text, each word's place in it as two numbers in a typed array
 * shared by many lines, and each option as one number (the indexes of its name, its `!` and its
 * arguments).
 * A large dump holds hundreds of thousands of words; as objects (and their argument lists and spans)
 * they were most of the heap a model keeps and most of what garbage collection had to walk.
 *
 * Readers see the ordinary `RuleLine`, `OptionUse` and `Token` fields: the words, argument lists and
 * spans are small views made when read and dropped after, so none of them is kept with the model.
 * The options themselves are kept (one small object each), so an option is the same object on every
 * read (`rule.jump` is one of `rule.options`, a check may keep one). Offsets stay relative to the
 * line's start: the line is its own span, and a keystroke before it moves it with one write to that
 * span (`reparseLine.ts`).
 */
import type { OptionUse, RuleLine, Span, TableBlock, Token } from './ast';
import { unquote } from './tokenize';
import { Word, type LineAnchor } from './words';

/**
 * Word places of many lines, one array: `[count, from0 << 1 | quoted0, to0, …]` from a line's `base`.
 * A line shorter than 32,768 characters has its places in 16-bit numbers, a longer one in 32-bit ones.
 */
type Places = Int32Array | Uint16Array;
const blockSize = 1 << 16;
/** Where the last `storePlaces` put a line's places in the block it returned. */
let placeBase = 0;

/** Blocks of one width handed out in turn: a new block when the current one cannot hold a line. */
class PlaceBlocks {
  private block: Places;
  private used = 0;
  constructor(private readonly make: () => Places) {
    this.block = make();
  }

  /** The block for `size` more numbers, with `placeBase` set to where they go. */
  take(size: number): Places {
    if (this.used + size > blockSize) {
      this.block = this.make();
      this.used = 0;
    }
    placeBase = this.used;
    this.used += size;
    return this.block;
  }
}

const wide = new PlaceBlocks(() => new Int32Array(blockSize));
const narrow = new PlaceBlocks(() => new Uint16Array(blockSize));

/**
 * Keep `entries` word places of a line `length` characters long (as `scanWords` wrote them in
 * `places`, `~from` for a quoted word) after a header of `count`: the block they are in (`placeBase`
 * is where).
 */
export function storePlaces(places: Int32Array, entries: number, count: number, length: number): Places {
  const block = (length < 32_768 ? narrow : wide).take(1 + 2 * entries);
  block[placeBase] = count;
  for (let i = 0; i < entries; i++) {
    const f = places[2 * i] as number;
    block[placeBase + 1 + 2 * i] = f < 0 ? (~f << 1) | 1 : f << 1;
    block[placeBase + 2 + 2 * i] = places[2 * i + 1] as number;
  }
  return block;
}

/** Where the last `storePlaces` put its places in the block it returned. */
export function storedBase(): number {
  return placeBase;
}

const noArgs: readonly Token[] = Object.freeze([]);
const noOptions: readonly PackedOption[] = Object.freeze([]);

/** An option as one number: name index, `!` index + 1 (0: none), arguments after the `!` (bit 16), argument count. */
export function packOption(name: number, negation: number | undefined, count: number): number {
  const afterBang = negation === name + 1 ? 1 : 0;
  return name | ((negation === undefined ? 0 : negation + 1) << 8) | (afterBang << 16) | (count << 17);
}

function optionName(packed: number): number {
  return packed & 255;
}
function optionNegation(packed: number): number | undefined {
  const n = (packed >> 8) & 255;
  return n === 0 ? undefined : n - 1;
}
function optionArgStart(packed: number): number {
  return (packed & 255) + 1 + ((packed >> 16) & 1);
}
function optionArgCount(packed: number): number {
  return packed >>> 17;
}

/**
 * The words of one line as places in a shared typed array (`[count, from0 << 1 | quoted0, to0, …]`
 * from `base`, see `storePlaces`) and the line's text from the start of its span.
 */
export abstract class PackedWords implements LineAnchor {
  /** Where the line is in the text (a keystroke before it moves these two, `reparseLine.ts`). */
  start: number;
  end: number;

  constructor(
    span: LineAnchor,
    private readonly src: string,
    private readonly words: Places,
    private readonly base: number,
  ) {
    this.start = span.start;
    this.end = span.end;
  }

  /** The line's span: the line itself, so that a line is one object, not three. */
  get span(): LineAnchor {
    return this;
  }

  wordFrom(i: number): number {
    return (this.words[this.base + 1 + 2 * i] as number) >> 1;
  }

  wordTo(i: number): number {
    return this.words[this.base + 2 + 2 * i] as number;
  }

  wordQuoted(i: number): boolean {
    return ((this.words[this.base + 1 + 2 * i] as number) & 1) === 1;
  }

  wordRaw(i: number): string {
    return this.src.slice(this.wordFrom(i), this.wordTo(i));
  }

  wordValue(i: number): string {
    const raw = this.wordRaw(i);
    return this.wordQuoted(i) ? unquote(raw) : raw;
  }

  /** How many words the line holds. */
  protected wordCount(): number {
    return this.words[this.base] as number;
  }
}

/** A word of a packed line, made when read. */
export class LineWord implements Token {
  constructor(
    protected readonly line: PackedWords,
    protected readonly index: number,
  ) {}

  get start(): number {
    return this.line.start + this.line.wordFrom(this.index);
  }

  get end(): number {
    return this.line.start + this.line.wordTo(this.index);
  }

  get raw(): string {
    return this.line.wordRaw(this.index);
  }

  get value(): string {
    return this.line.wordValue(this.index);
  }

  get quoted(): boolean {
    return this.line.wordQuoted(this.index);
  }
}

/** The command word: `value` is the command's short spelling (`-A` for `--append`). */
class CommandRuleWord extends LineWord {
  override get value(): string {
    return (this.line as PackedRule).commandName;
  }
}

/** An option of a packed rule; its words, arguments and span are made when read. */
export class PackedOption implements OptionUse {
  constructor(
    private readonly rule: PackedRule,
    private readonly packed: number,
  ) {}

  get name(): Token {
    return new LineWord(this.rule, optionName(this.packed));
  }

  get negation(): Token | undefined {
    const n = optionNegation(this.packed);
    return n === undefined ? undefined : new LineWord(this.rule, n);
  }

  get args(): readonly Token[] {
    const count = optionArgCount(this.packed);
    if (count === 0) return noArgs;
    const first = optionArgStart(this.packed);
    const out = new Array<Token>(count);
    for (let i = 0; i < count; i++) out[i] = new LineWord(this.rule, first + i);
    return out;
  }

  get span(): Span {
    const name = optionName(this.packed);
    const negation = optionNegation(this.packed);
    const count = optionArgCount(this.packed);
    const first = negation !== undefined && negation < name ? negation : name;
    const last = count === 0 ? name : optionArgStart(this.packed) + count - 1;
    const origin = this.rule.start;
    return { start: origin + this.rule.wordFrom(first), end: origin + this.rule.wordTo(last) };
  }
}

/** What a rule line's command is (`-A CHAIN`…) and which of its words the line's fields are. */
export interface RuleParts {
  /** Whether word 0 is the `[packets:bytes]` counters. */
  readonly counters: boolean;
  /** The command option (not among `options`), packed as `packOption` does; undefined: no command. */
  readonly command: number | undefined;
  /** The command's short spelling, `value` of the command word. */
  readonly commandName: string;
  /** What the command's second argument is: the rule number, the `-P`/`-E` word, or neither. */
  readonly second: 'position' | 'extra' | undefined;
  /** The options after the command, packed, in order. */
  readonly options: readonly number[];
  /** Index in `options` of the `-j`/`-g` option, if any. */
  readonly jump: number | undefined;
}

const secondCodes = { position: 1, extra: 2 } as const;

/** A rule or chain-command line in a few numbers and the line's text (see the top of this file). */
export class PackedRule extends PackedWords implements RuleLine {
  /** A rule line of the file is its rule (`RulesLine` of kind `rule`). */
  get kind(): 'rule' {
    return 'rule';
  }

  get rule(): PackedRule {
    return this;
  }

  /** Command option packed (or -1). */
  private readonly commandPacked: number;
  /** Counters (bit 0), what the command's second argument is (bits 1-2), jump index + 1 (bits 3+). */
  private readonly flags: number;
  private readonly packedOptions: readonly PackedOption[];

  /**
   * `src` is the line's text from the start of `span`; `places` holds `count` words as `scanWords`
   * wrote them (relative to the start of `span`).
   */
  constructor(
    span: LineAnchor,
    readonly table: TableBlock | undefined,
    src: string,
    places: Int32Array,
    count: number,
    parts: RuleParts,
    /** The command's short spelling. */
    readonly commandName: string,
  ) {
    const words = storePlaces(places, count, count, src.length);
    super(span, src, words, placeBase);
    this.commandPacked = parts.command ?? -1;
    this.flags =
      (parts.counters ? 1 : 0) |
      ((parts.second ? secondCodes[parts.second] : 0) << 1) |
      ((parts.jump === undefined ? 0 : parts.jump + 1) << 3);
    const options = parts.options;
    this.packedOptions = options.length === 0 ? noOptions : options.map((p) => new PackedOption(this, p));
  }

  get counters(): Token | undefined {
    return this.flags & 1 ? new LineWord(this, 0) : undefined;
  }

  get command(): Token & { readonly value: string } {
    const packed = this.commandPacked;
    return packed < 0 ? new Word(this, 0, '', undefined) : new CommandRuleWord(this, optionName(packed));
  }

  /** The command's argument `k` (0: the chain, 1: the rule number or the `-P`/`-E` word). */
  private commandArg(k: number): Token | undefined {
    const packed = this.commandPacked;
    if (packed < 0 || k >= optionArgCount(packed)) return undefined;
    return new LineWord(this, optionArgStart(packed) + k);
  }

  get chain(): Token | undefined {
    return this.commandArg(0);
  }

  get position(): Token | undefined {
    return (this.flags >> 1) & 3 & secondCodes.position ? this.commandArg(1) : undefined;
  }

  get extra(): Token | undefined {
    return (this.flags >> 1) & 3 & secondCodes.extra ? this.commandArg(1) : undefined;
  }

  get options(): readonly OptionUse[] {
    return this.packedOptions;
  }

  get jump(): OptionUse | undefined {
    const j = this.flags >> 3;
    return j === 0 ? undefined : this.packedOptions[j - 1];
  }
}
