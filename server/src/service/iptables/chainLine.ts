/**
 * A chain declaration line (`:KUBE-SVC-X - [0:0]`) kept compact, as rule lines are (`packedRule.ts`):
 * its text and the places of its three words; the words are views made when read. A Kubernetes dump
 * declares a chain for every service and endpoint, a quarter of its lines.
 */
import type { ChainDecl, Token } from './ast';
import { LineWord, PackedWords, storePlaces, storedBase } from './packedRule';
import type { LineAnchor } from './words';

/** `[packets:bytes]` with the numbers when they parse. */
export class CountersView extends LineWord {
  get packets(): number | undefined {
    const m = /^\[(\d+):(\d+)\]$/.exec(this.value);
    return m ? Number(m[1]) : undefined;
  }

  get bytes(): number | undefined {
    const m = /^\[(\d+):(\d+)\]$/.exec(this.value);
    return m ? Number(m[2]) : undefined;
  }
}

export class ChainLine extends PackedWords {
  /**
   * `places` holds `count` words (name, policy, counters; at most 3) as `scanWords` wrote them,
   * relative to the start of `span`; with none, the name is the empty word at `nameAt`.
   */
  constructor(span: LineAnchor, src: string, places: Int32Array, count: number, nameAt: number) {
    if (count === 0) {
      places[0] = nameAt;
      places[1] = nameAt;
    }
    const words = storePlaces(places, Math.max(count, 1), count, src.length);
    super(span, src, words, storedBase());
  }

  get kind(): 'chain' {
    return 'chain';
  }

  get name(): Token {
    return new LineWord(this, 0);
  }

  get policy(): Token | undefined {
    return this.wordCount() > 1 ? new LineWord(this, 1) : undefined;
  }

  get counters(): CountersView | undefined {
    return this.wordCount() > 2 ? new CountersView(this, 2) : undefined;
  }
}

/** A table's declaration of a chain: its line, and whether the chain is built into the table. */
export class ChainDeclaration implements ChainDecl {
  constructor(
    readonly line: ChainLine,
    readonly builtin: boolean,
  ) {}

  get name(): Token {
    return this.line.name;
  }

  get policy(): Token | undefined {
    return this.line.policy;
  }
}
