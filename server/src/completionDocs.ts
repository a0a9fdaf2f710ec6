/**
 * Completion documentation sent on request: a [Service] completion documents some 300 directives,
 * 117 kB of JSON per answer. A client that resolves items (`resolveSupport` lists `documentation`, as
 * VS Code does) gets the items without it and asks for the one it shows; other clients get it inline.
 * Only the last answer's documentation is kept.
 */
import type { CompletionItem, CompletionList } from 'vscode-languageserver';

/** What a stripped item carries in `data`: which answer it came from and its place in it. */
interface Marker {
  readonly answer: number;
  readonly completionDoc: number;
}

export class CompletionDocs {
  private docs: Array<CompletionItem['documentation']> = [];
  private answer = 0;

  constructor(private readonly lazy: boolean) {}

  /** The answer to send: documentation moved aside (and the item marked) when the client resolves items. */
  strip(list: CompletionList | null): CompletionList | null {
    if (!this.lazy || !list) return list;
    this.answer++;
    this.docs = [];
    const items = list.items.map((item) => {
      if (item.documentation === undefined || item.data !== undefined) return item;
      const { documentation, ...rest } = item;
      this.docs.push(documentation);
      const marker: Marker = { answer: this.answer, completionDoc: this.docs.length - 1 };
      return { ...rest, data: marker };
    });
    return { ...list, items };
  }

  /** The item with its documentation back, when it came from the last answer. */
  resolve(item: CompletionItem): CompletionItem {
    const data = item.data as Partial<Marker> | undefined;
    if (!data || typeof data.completionDoc !== 'number' || data.answer !== this.answer) return item;
    const documentation = this.docs[data.completionDoc];
    return documentation === undefined ? item : { ...item, documentation };
  }
}
