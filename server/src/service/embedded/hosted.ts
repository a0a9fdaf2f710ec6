/**
 * A text a language serves, wherever it sits: a `content:` region of a user-data, or a whole standalone
 * rules or unit file. Both are served by the same code (`delegate.ts`, `outline.ts`); they differ only in
 * their offset map, which for a standalone file is the identity.
 */
import type { EmbeddedContext } from './languages';
import { toDocumentOffset, toEmbeddedOffset, type EmbeddedLanguage, type EmbeddedRegion } from './region';

/** How offsets of the served text and offsets of the document it sits in correspond. */
export interface OffsetMap {
  /** Document offset of an offset in the text. */
  toDocument(offset: number): number;
  /** Offset in the text of a document offset, or undefined when the document offset is not in the text. */
  toText(docOffset: number): number | undefined;
}

export interface HostedText {
  readonly language: EmbeddedLanguage;
  /** What the language sees: the text, and for a region where it is written and the other regions. */
  readonly context: EmbeddedContext;
  readonly map: OffsetMap;
}

/** A whole file is its own text: each offset maps to itself. */
export const identityMap: OffsetMap = { toDocument: (offset) => offset, toText: (docOffset) => docOffset };

/** A standalone rules-save or unit file: its context, served with the identity map. */
export function standaloneText(language: EmbeddedLanguage, context: EmbeddedContext): HostedText {
  return { language, context, map: identityMap };
}

/** An embedded region, mapped line by line into the user-data (`region.ts`). */
export function regionText(region: EmbeddedRegion, regions: readonly EmbeddedRegion[]): HostedText {
  return {
    language: region.language,
    context: { text: region.text, region, siblings: regions },
    map: {
      toDocument: (offset) => toDocumentOffset(region, offset),
      toText: (docOffset) => toEmbeddedOffset(region, docOffset),
    },
  };
}
