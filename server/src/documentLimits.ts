import type { TextDocument } from 'vscode-languageserver-textdocument';

/** Above these sizes a document is not analysed: the editor stays responsive and the user is told once. */
export const maxDocumentChars = 5 * 1024 * 1024;
export const maxDocumentLines = 100_000;

export function isOversized(doc: TextDocument): boolean {
  return doc.getText().length > maxDocumentChars || doc.lineCount > maxDocumentLines;
}

/** Decides per document whether it is small enough to analyse, with one notice per document that is not. */
export class DocumentLimits {
  private readonly noticed = new Set<string>();

  constructor(private readonly notice: (message: string) => void) {}

  allows(doc: TextDocument): boolean {
    if (!isOversized(doc)) return true;
    if (!this.noticed.has(doc.uri)) {
      this.noticed.add(doc.uri);
      const size = `${doc.lineCount.toLocaleString('en')} lines, ${(doc.getText().length / 1048576).toFixed(1)} MB`;
      this.notice(`${doc.uri.split('/').pop() ?? doc.uri} is too large to analyse (${size}; the limit is ${maxDocumentLines.toLocaleString('en')} lines or ${maxDocumentChars / 1048576} MB): diagnostics, completion and hover are off for it.`);
    }
    return false;
  }

  forget(uri: string): void {
    this.noticed.delete(uri);
  }
}
