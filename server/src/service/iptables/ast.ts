/**
 * The model of an iptables-restore (rules-save) file. Produced by `parse.ts` (`parseRulesSave`),
 * read by validation, the chain-walking flow analysis, completion, hover, outline and folding.
 * All offsets are UTF-16 offsets into the file text (standalone document or embedded content).
 */
import type { IptablesCode } from './catalogue';

export type IpFamily = 'ipv4' | 'ipv6';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One word of a line as iptables-restore splits it (quotes removed in `value`). */
export interface Token extends Span {
  /** The word as written, quotes included. */
  readonly raw: string;
  /** The word after quote removal (what iptables sees). */
  readonly value: string;
  readonly quoted: boolean;
}

/**
 * One option of a rule line with its arguments: `-p tcp`, `! -s 10.0.0.0/8`, `-m conntrack`,
 * `--ctstate RELATED,ESTABLISHED`, `--match-set NAME src`, `-j REJECT`, `--reject-with tcp-reset`.
 * Arguments are the words up to the next word that starts with `-` (negative numbers excepted) or `!`.
 */
export interface OptionUse {
  /** The option word: `-p`, `--dport`, `-m`, `-j`, `--to-destination`… */
  readonly name: Token;
  /** The `!` that negates this option, before the option or (old syntax) before its first argument. */
  readonly negation: Token | undefined;
  readonly args: readonly Token[];
  readonly span: Span;
}

export type RuleCommand = '-A' | '-I' | '-R' | '-D' | '-N' | '-X' | '-F' | '-Z' | '-P' | '-E';

/** A line of the file, classified. Every line of the text has exactly one entry, in order. */
export type RulesLine =
  | { readonly kind: 'blank'; readonly span: Span }
  | { readonly kind: 'comment'; readonly span: Span }
  /** `*filter` */
  | { readonly kind: 'table'; readonly span: Span; readonly name: Token }
  /** `:INPUT DROP [0:0]` */
  | {
      readonly kind: 'chain';
      readonly span: Span;
      readonly name: Token;
      readonly policy: Token | undefined;
      /** `[packets:bytes]` as written, with the parsed numbers when they parse. */
      readonly counters:
        (Token & { readonly packets: number | undefined; readonly bytes: number | undefined }) | undefined;
    }
  | { readonly kind: 'rule'; readonly span: Span; readonly rule: RuleLine }
  /** `COMMIT` (`trailing` is any text after it on the line). */
  | { readonly kind: 'commit'; readonly span: Span; readonly trailing: Span | undefined }
  /** A line that could not be classified; the parser also reports a problem for it. */
  | { readonly kind: 'invalid'; readonly span: Span };

/** A rule or chain-command line: `-A INPUT -p tcp --dport 22 -j ACCEPT`. */
export interface RuleLine {
  readonly span: Span;
  /** Optional `[packets:bytes]` prefix some iptables-save versions write before the command. */
  readonly counters: Token | undefined;
  readonly command: Token & { readonly value: string };
  /** `command.value` without making the word: the command's short spelling (`-A`), '' when none. */
  readonly commandName: string;
  /** The chain the command applies to (`INPUT`), if present. */
  readonly chain: Token | undefined;
  /** Rule number of `-I CHAIN N`, `-R CHAIN N`, `-D CHAIN N`. */
  readonly position: Token | undefined;
  /** For `-P CHAIN POLICY` and `-E OLD NEW`: the extra word. */
  readonly extra: Token | undefined;
  /** Every option after the chain, in order, including `-m`, `-p`, `-j`, `-g` and their arguments. */
  readonly options: readonly OptionUse[];
  /** The `-j`/`-g` option, if any (also present in `options`). */
  readonly jump: OptionUse | undefined;
  /** The table this line belongs to (undefined before any `*table`). */
  readonly table: TableBlock | undefined;
}

export interface ChainDecl {
  readonly name: Token;
  readonly policy: Token | undefined;
  readonly line: RulesLine & { readonly kind: 'chain' };
  /** Built into the table (INPUT in filter…) rather than user-defined. */
  readonly builtin: boolean;
}

/** `*table` … `COMMIT`. */
export interface TableBlock {
  readonly name: Token;
  /** Span from the `*table` line to the end of the COMMIT line (or the last line before the next table / EOF). */
  readonly span: Span;
  readonly commit: Span | undefined;
  /** Chain declarations in order (duplicates included). */
  readonly chains: readonly ChainDecl[];
  /** Rule lines (any command) in order. */
  readonly rules: readonly RuleLine[];
}

/** A parse problem (becomes `iptables/syntax` unless `code` says otherwise). */
export interface RulesProblem extends Span {
  readonly code: IptablesCode;
  readonly message: string;
  /** For a missing COMMIT: the table left open (the fix closes this one, even when two share a name). */
  readonly table?: TableBlock;
}

export interface RulesFile {
  readonly text: string;
  readonly family: IpFamily;
  readonly lines: readonly RulesLine[];
  readonly tables: readonly TableBlock[];
  readonly problems: readonly RulesProblem[];
}
