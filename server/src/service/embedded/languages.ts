import type { CompletionItem } from 'vscode-languageserver-types';
import type { Finding } from '../types';
import type { EmbeddedLanguage, EmbeddedRegion } from './region';
import type { TextChange } from '../text/changeTrail';
import type { LinesRead } from '../text/largeDocument';

/** What a language module sees of a file: its text, where it goes, and the rest of the user-data. */
export interface EmbeddedContext {
  /** The whole file text (as written to disk, or the standalone document). */
  readonly text: string;
  /** For embedded content: the region (path, unit name, scalar style). Undefined for standalone files. */
  readonly region: EmbeddedRegion | undefined;
  /** Every embedded region of the same user-data, for cross-file checks (e.g. published ports vs rules). */
  readonly siblings: readonly EmbeddedRegion[];
  /**
   * For embedded content: the user-data's own shell commands (`runcmd`, `bootcmd` items; argument
   * lists joined with spaces), for cross-checks such as ipsets created or ports published there.
   */
  readonly hostCommands?: readonly string[];
  /**
   * For standalone rules files: the address family the user chose (CLI `--language`), which name and content do not
   * override.
   */
  readonly family?: 'ipv4' | 'ipv6';
  /** For standalone files: the document URI (its file name gives a unit's type, a rules file's family). */
  readonly uri?: string;
  /** For standalone files: where `text` differs from the text read before, when the editor said so. */
  readonly change?: TextChange;
  /**
   * For a large standalone document (`largeDocument.ts`): its version as lines, and the version read
   * before with where they differ. `text` is then joined only when read: the rules analysis of a
   * keystroke reads these lines instead.
   */
  readonly lines?: LinesRead;
}

/** What a language's analysis may read of the rest of a user-data, besides the region itself. */
export type Surroundings = Pick<EmbeddedContext, 'siblings' | 'hostCommands'>;

/**
 * A language that can live inside `content:` blocks and in standalone files. Offsets are into
 * `ctx.text`; the cloud-config side maps them (and fix edits) to document offsets in one place.
 */
export interface EmbeddedLanguageService {
  validate(ctx: EmbeddedContext): Finding[];
  /**
   * Everything `validate` of one of this language's regions reads of the other regions and the host
   * commands, as text (a superset is fine, a subset is a bug). Findings are re-used while the region's
   * own text and this text stay the same, so an edit in one block re-analyses only that block and the
   * blocks that read what changed. Without it, every change in any block re-analyses the region.
   */
  crossFileFacts?(surroundings: Surroundings): string;
  /**
   * Items without ranges, and where the word they replace starts (text offset); the caller maps both.
   * `isIncomplete`: the answer was cut, ask again as the word grows.
   */
  complete?(
    ctx: EmbeddedContext,
    offset: number,
  ): { items: CompletionItem[]; replaceStart: number; isIncomplete?: boolean } | undefined;
  /** Hover markdown and the span it describes. */
  hover?(ctx: EmbeddedContext, offset: number): { markdown: string; start: number; end: number } | undefined;
  /** Outline entries (offsets into `ctx.text`); nested by `children`. */
  symbols?(ctx: EmbeddedContext): OffsetSymbol[];
  /** Foldable spans (offsets into `ctx.text`); the caller turns them into line ranges. */
  folding?(ctx: EmbeddedContext): Array<{ start: number; end: number }>;
}

/** A document symbol in text offsets. `kind` is an LSP SymbolKind number. */
export interface OffsetSymbol {
  name: string;
  detail?: string;
  kind: number;
  /** The whole construct. */
  start: number;
  end: number;
  /** The part to highlight when the symbol is picked (inside start..end). */
  selectionStart: number;
  selectionEnd: number;
  children?: OffsetSymbol[];
}

const registry = new Map<EmbeddedLanguage, EmbeddedLanguageService>();

export function registerEmbeddedLanguage(language: EmbeddedLanguage, service: EmbeddedLanguageService): void {
  registry.set(language, service);
}

export function embeddedLanguage(language: EmbeddedLanguage): EmbeddedLanguageService | undefined {
  return registry.get(language);
}
