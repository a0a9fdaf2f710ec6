import type { Pair } from 'yaml';
import type { Fix } from '../../types';
import type { RuleContext } from '../context';
import { deletePairLines, indentAt } from '../textEdits';
import { eolOf } from '../../text/lineEnding';
import { nodeRange } from '../yamlNodes';

/** Cut `coreos.write_files` and paste it, dedented, at the end of the document (or into the top-level list). */
export function moveWriteFilesToTopLevel(ctx: RuleContext, pair: Pair): Fix | undefined {
  const { text } = ctx;
  const del = deletePairLines(text, pair);
  const keyRange = nodeRange(pair.key);
  if (!del || !keyRange) return undefined;
  const indent = indentAt(text, keyRange[0]);
  const block = text.slice(del.start, del.end);
  const eol = eolOf(text);
  const lines = block.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const dedented = lines.map((l) => (l.slice(0, indent).trim() === '' ? l.slice(Math.min(indent, l.length)) : l));
  const existing = ctx.pair(ctx.model.root, 'write_files');
  let insertAt = text.length;
  let newText: string;
  if (existing) {
    // Keep only the list items and add them to the existing top-level list.
    const items = dedented.slice(1);
    const itemIndent = indentAt(text, (nodeRange(existing.value) ?? [text.length])[0]);
    const minIndent = items
      .filter((l) => l.trim())
      .reduce((min, l) => Math.min(min, l.length - l.trimStart().length), Infinity);
    const shifted = items.map((l) => (l.trim() ? ' '.repeat(itemIndent) + l.slice(minIndent) : l));
    const end = nodeRange(existing.value)?.[1] ?? text.length;
    insertAt = end;
    newText = (text[end - 1] === '\n' ? '' : eol) + shifted.join(eol) + eol;
  } else {
    newText = (text.endsWith('\n') || text.length === 0 ? '' : eol) + dedented.join(eol) + eol;
  }
  if (insertAt > del.start && insertAt < del.end) return undefined;
  return {
    title: 'Move `write_files` to the top level',
    edits: [del, { start: insertAt, end: insertAt, newText }],
    preferred: true,
  };
}
