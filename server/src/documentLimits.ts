import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentLength } from './service/text/largeDocument';

/**
 * Above this size a document is not analysed: the editor stays responsive and the user is told once.
 * A Kubernetes node's iptables-save dump of 100k+ lines is about 11 MB, well below it; everything
 * below 50 MB gets diagnostics, completion, hover and outline (the whole-file flow checks of very large
 * rules files are limited separately, see `service/iptables/flow/limit.ts`).
 */
export const maxDocumentChars = 50 * 1024 * 1024;

export function isOversized(doc: TextDocument): boolean {
  return documentLength(doc) > maxDocumentChars;
}

/** Notices shown once per open document (the next open of the same document may show them again). */
export class OncePerDocument {
  private readonly noticed = new Set<string>();

  constructor(private readonly notice: (message: string) => void) {}

  tell(uri: string, kind: string, message: () => string): void {
    const key = `${kind}\n${uri}`;
    if (this.noticed.has(key)) return;
    this.noticed.add(key);
    this.notice(message());
  }

  forget(uri: string): void {
    for (const key of this.noticed) if (key.endsWith(`\n${uri}`)) this.noticed.delete(key);
  }
}

export const fileNameOf = (uri: string): string => uri.split('/').pop() ?? uri;

/** Decides per document whether it is small enough to analyse, with one notice per document that is not. */
export class DocumentLimits {
  constructor(private readonly notices: OncePerDocument) {}

  allows(doc: TextDocument): boolean {
    if (!isOversized(doc)) return true;
    this.notices.tell(doc.uri, 'oversized', () => {
      const size = `${doc.lineCount.toLocaleString('en')} lines, ${(documentLength(doc) / 1048576).toFixed(1)} MB`;
      return `${fileNameOf(doc.uri)} is too large to analyse (${size}; the limit is ${maxDocumentChars / 1048576} MB): diagnostics, completion and hover are off for it.`;
    });
    return false;
  }
}
