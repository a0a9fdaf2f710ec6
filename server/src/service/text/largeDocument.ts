/**
 * An open document of at least `largeDocumentChars` characters, held as a `LineTable` per version. The
 * editor's text document builds the whole new text on every keystroke (an 11 MB string for a 100k-line
 * rules dump, flattened at its first read, plus the garbage of the old ones); this one replaces the line
 * the keystroke touched and joins the whole text only when something asks for it (`getText()` without
 * a range). The rules analysis of a keystroke reads the changed line and the offset shift
 * (`reparseLine.ts`) and never asks. Smaller documents keep the editor library's document.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineTable } from './lineTable';
import type { ChangedStretch } from './changedStretch';
import { mergedStretch, updateDocument } from './changeTrail';

/** From this size a document is held in lines (small ones keep the editor library's document). */
export const largeDocumentChars = 1024 * 1024;

/** The version read now, and the one read before with where they differ, when the changes say it. */
export interface LinesRead {
  readonly now: LineTable;
  readonly before?: LineTable;
  readonly stretch?: ChangedStretch;
}

function isEol(c: number): boolean {
  return c === 10 || c === 13;
}

export class LargeDocument implements TextDocument {
  private table: LineTable;
  /** The version last read (`read`), and where the text differs from it; unknown after a full change. */
  private seen: LineTable | undefined;
  private stretch: ChangedStretch | undefined;
  private unknown = false;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.table = LineTable.of(content);
  }

  get lineCount(): number {
    return this.table.lineCount;
  }

  /** The current version's lines (a new object after each change). */
  get lines(): LineTable {
    return this.table;
  }

  get length(): number {
    return this.table.length;
  }

  getText(range?: Range): string {
    if (!range) return this.table.text();
    const a = this.offsetAt(range.start),
      b = this.offsetAt(range.end);
    // As `substring`: a range given end first reads the same text.
    return this.table.slice(Math.min(a, b), Math.max(a, b));
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.table.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.table.length), 0);
    const line = this.table.lineOf(offset);
    const start = this.table.lineStart(line);
    return { line, character: this.beforeEol(offset, start) - start };
  }

  offsetAt(position: Position): number {
    const t = this.table;
    if (position.line >= t.lineCount) return t.length;
    if (position.line < 0) return 0;
    const start = t.lineStart(position.line);
    if (position.character <= 0) return start;
    const offset = Math.min(start + position.character, t.lineStart(position.line + 1));
    return this.beforeEol(offset, start);
  }

  getLineRange(line: number): Range {
    const t = this.table;
    if (line >= t.lineCount) {
      const last = t.lineCount - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: t.length - t.lineStart(last) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = t.lineStart(line);
    const end = this.beforeEol(t.lineStart(line + 1), start);
    return { start: { line, character: 0 }, end: { line, character: end - start } };
  }

  getEOLCharacters(line: number): string {
    const t = this.table;
    if (line < 0 || line >= t.lineCount) return '';
    const next = t.lineStart(line + 1);
    return t.slice(this.beforeEol(next, t.lineStart(line)), next);
  }

  /** Apply an editor's changes (as `TextDocument.update` does) and note where they fall. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) {
        let a = this.offsetAt(change.range.start),
          b = this.offsetAt(change.range.end);
        if (b < a) [a, b] = [b, a];
        this.stretch = mergedStretch(this.stretch, a, b, change.text.length);
        this.table = this.table.edited(a, b, change.text);
      } else {
        this.unknown = true;
        this.table = LineTable.of(change.text);
      }
    }
    this.version = version;
  }

  /** The current version, and where it differs from the one read last (the next read starts from this one). */
  read(): LinesRead {
    const { seen, stretch, unknown } = this;
    const now = this.table;
    this.seen = now;
    this.stretch = undefined;
    this.unknown = false;
    if (!seen || unknown || !stretch) return { now };
    return { now, before: seen, stretch };
  }
}

/** For `TextDocuments`: a large document is held in lines, others as the editor library holds them. */
export function createDocument(uri: string, languageId: string, version: number, content: string): TextDocument {
  return content.length >= largeDocumentChars
    ? new LargeDocument(uri, languageId, version, content)
    : TextDocument.create(uri, languageId, version, content);
}

/** For `TextDocuments`: changes applied in place to a large document, through the change trail to others. */
export function updateAnyDocument(
  doc: TextDocument,
  changes: readonly TextDocumentContentChangeEvent[],
  version: number,
): TextDocument {
  if (doc instanceof LargeDocument) {
    doc.update(changes, version);
    return doc;
  }
  return updateDocument(doc, changes, version);
}

/** The document's length, without joining a large document's text. */
export function documentLength(doc: TextDocument): number {
  return doc instanceof LargeDocument ? doc.length : doc.getText().length;
}

/** The first `chars` characters of a document (enough to tell its language by its first lines). */
export function documentHead(doc: TextDocument, chars = 65536): string {
  return doc instanceof LargeDocument ? doc.lines.slice(0, chars) : doc.getText();
}

/** `object` with a `text` property that `text` gives when first read (and kept). */
export function withLazyText<T extends object>(object: T, text: () => string): T & { readonly text: string } {
  let kept: string | undefined;
  return Object.defineProperty(object, 'text', { enumerable: true, get: () => (kept ??= text()) }) as T & {
    readonly text: string;
  };
}

/**
 * The text around `offset` in a context: `lines` whole lines either side of its line, and the offset
 * where that stretch starts. A large document's lines are read there, not joined; other texts (and a
 * large one with carriage returns, whose lines the readers split at LF only) are given whole, from 0.
 */
export function textAround(
  ctx: { readonly text: string; readonly lines?: LinesRead },
  offset: number,
  lines: number,
): { readonly text: string; readonly base: number } {
  const t = ctx.lines?.now;
  if (!t || t.mayHaveCr) return { text: ctx.text, base: 0 };
  const line = t.lineOf(offset);
  const base = t.lineStart(Math.max(0, line - lines));
  return { text: t.slice(base, t.lineStart(Math.min(t.lineCount, line + lines + 1))), base };
}
