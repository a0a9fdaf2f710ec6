import { isCollection, isNode, isPair, type Document, type Node, type Pair } from 'yaml';

/**
 * Every node and pair of a document, parents before children. A work list, not recursion: nesting
 * can be as deep as the document allows.
 */
export function forEachNode(doc: Document.Parsed, visit: (item: Node | Pair) => void): void {
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0) {
    const item = pending.pop();
    if (isPair(item)) {
      visit(item);
      pending.push(item.key, item.value);
    } else if (isNode(item)) {
      visit(item);
      if (isCollection(item)) for (const child of item.items) pending.push(child);
    }
  }
}
