import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { CloudConfigModel } from './parse';
import { nodeRange } from './yamlNodes';

/** Fold every multi-line mapping value, list item and block scalar; comment runs too. */
export function cloudConfigFolding(model: CloudConfigModel): FoldingRange[] {
  const { lineCounter, text } = model;
  const lineOf = (o: number): number => lineCounter.linePos(o).line - 1;
  const out: FoldingRange[] = [];
  const add = (start: number, end: number): void => {
    // A node's range ends after its last line break; fold up to the last line with text.
    let e = end;
    while (e > start && /\s/.test(text[e - 1] ?? '')) e--;
    const a = lineOf(start);
    const b = lineOf(e);
    if (b > a) out.push({ startLine: a, endLine: b });
  };
  const visit = (node: unknown, depth: number): void => {
    if (depth > 100) return;
    if (isMap(node)) {
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const k = nodeRange(p.key);
        const v = nodeRange(p.value);
        if (
          k &&
          v &&
          (isMap(p.value) ||
            isSeq(p.value) ||
            (isScalar(p.value) && (p.value.type === 'BLOCK_LITERAL' || p.value.type === 'BLOCK_FOLDED')))
        )
          add(k[0], v[1]);
        visit(p.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const r = nodeRange(item);
        if (r && isMap(item)) add(r[0], r[1]);
        visit(item, depth + 1);
      }
    }
  };
  visit(model.root, 0);
  // Runs of comment lines.
  const lines = text.split('\n');
  let runStart = -1;
  lines.forEach((line, i) => {
    const isComment = /^\s*#/.test(line) && i > 0;
    if (isComment && runStart < 0) runStart = i;
    if (!isComment && runStart >= 0) {
      if (i - 1 > runStart) out.push({ startLine: runStart, endLine: i - 1, kind: FoldingRangeKind.Comment });
      runStart = -1;
    }
  });
  return out;
}
