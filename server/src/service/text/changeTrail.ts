/**
 * Where a document changed since the service last read its text, as the editor's change events say
 * it: a keystroke in a 100k-line rules file is then carried over without comparing two 11 MB texts
 * (`reparseLine.ts`). The editor's changes of one document, in order, are merged into one stretch of
 * the text last read. A full-text change (or a document the trail never saw) gives no stretch, and the
 * texts are compared as before.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { ChangedStretch } from './changedStretch';

/** The text the service read last and where the document has changed since, in its offsets and now. */
export interface TextChange {
  readonly before: string;
  readonly stretch: ChangedStretch;
}

interface Trail {
  /** The text last read. */
  seen: string | undefined;
  /** Where the text differs from `seen`; undefined when it is the same text; unknown after a full change. */
  stretch: ChangedStretch | undefined;
  unknown: boolean;
  /** The document's version after the last change noted (a change made some other way is not trusted). */
  version: number;
}

const trails = new WeakMap<TextDocument, Trail>();

/** `s` (from the text read to the text before this change), then `from..to` replaced by `length` characters. */
export function mergedStretch(s: ChangedStretch | undefined, from: number, to: number, length: number): ChangedStretch {
  const newTo = from + length;
  if (!s) return { from, oldTo: to, newTo };
  // In the text before this change, everything from `end` on is unchanged by either step.
  const end = Math.max(s.newTo, to);
  return { from: Math.min(s.from, from), oldTo: end - (s.newTo - s.oldTo), newTo: end + (newTo - to) };
}

/**
 * Apply an editor's changes to a document (as `TextDocument.update` does) and note where they fall.
 * For `TextDocuments`' `update`.
 */
export function updateDocument(
  doc: TextDocument,
  changes: readonly TextDocumentContentChangeEvent[],
  version: number,
): TextDocument {
  let trail = trails.get(doc);
  if (!trail) trail = { seen: undefined, stretch: undefined, unknown: true, version };
  for (const change of changes) {
    if ('range' in change) {
      let a = doc.offsetAt(change.range.start),
        b = doc.offsetAt(change.range.end);
      if (b < a) [a, b] = [b, a];
      trail.stretch = mergedStretch(trail.stretch, a, b, change.text.length);
    } else {
      trail.unknown = true;
    }
    TextDocument.update(doc, [change], version);
  }
  if (changes.length === 0) TextDocument.update(doc, [], version);
  trail.version = version;
  trails.set(doc, trail);
  return doc;
}

/**
 * The text of `doc` and, when the editor's changes say it, where it differs from the text read before
 * (which a model of that text can be carried over with). The text read now is the next one's start.
 */
export function readText(doc: TextDocument): { readonly text: string; readonly change: TextChange | undefined } {
  const text = doc.getText();
  const trail = trails.get(doc);
  if (!trail) {
    trails.set(doc, { seen: text, stretch: undefined, unknown: false, version: doc.version });
    return { text, change: undefined };
  }
  const { seen, stretch, unknown, version } = trail;
  trail.seen = text;
  trail.stretch = undefined;
  trail.unknown = false;
  trail.version = doc.version;
  if (seen === undefined || unknown || !stretch || version !== doc.version) return { text, change: undefined };
  return { text, change: { before: seen, stretch } };
}
