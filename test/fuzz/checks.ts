// What every answer of the language service must satisfy, whatever the input: positions inside the
// document, never between the two halves of a surrogate pair, ranges that start before they end, and
// edits of one action that do not overlap.
import { isRuleCode, rulePageUrl, type RuleCode } from '../../server/src/service/rules';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Line start offsets, computed once per text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 13 || c === 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Length of a line without its terminator. */
  lineLength(line: number): number {
    const start = this.starts[line] ?? 0;
    let end = line + 1 < this.starts.length ? (this.starts[line + 1] ?? 0) : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end - start;
  }

  offset(p: Position): number {
    return (this.starts[p.line] ?? 0) + p.character;
  }
}

export function positionProblem(ix: LineIndex, p: Position | undefined, what: string): string | undefined {
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character))
    return `${what}: not a position ${JSON.stringify(p)}`;
  if (p.line < 0 || p.line >= ix.lineCount) return `${what}: line ${p.line} outside 0..${ix.lineCount - 1}`;
  const len = ix.lineLength(p.line);
  if (p.character < 0 || p.character > len)
    return `${what}: character ${p.character} outside line ${p.line} (length ${len})`;
  const o = ix.offset(p);
  if (o > 0 && isHigh(ix.text.charCodeAt(o - 1)) && isLow(ix.text.charCodeAt(o)))
    return `${what}: ${p.line}:${p.character} splits a surrogate pair`;
  return undefined;
}

export function rangeProblem(ix: LineIndex, r: Range | undefined, what: string): string | undefined {
  if (!r) return `${what}: no range`;
  const bad = positionProblem(ix, r.start, `${what} start`) ?? positionProblem(ix, r.end, `${what} end`);
  if (bad) return bad;
  if (ix.offset(r.start) > ix.offset(r.end)) return `${what}: ends before it starts ${JSON.stringify(r)}`;
  return undefined;
}

function editsProblem(ix: LineIndex, edits: readonly TextEdit[], what: string): string | undefined {
  for (const e of edits) {
    const bad = rangeProblem(ix, e.range, what);
    if (bad) return bad;
    if (typeof e.newText !== 'string') return `${what}: newText is not a string`;
  }
  // Overlapping, or an insertion where a replacement starts (an insertion at 0:0 and a rename of
  // 0:0-0:11 left Neovim with `write_filesig`). Insertions at one place are applied in array order
  // (LSP); fix-all never takes two fixes that start at one place (mergeFixEdits), one fix may.
  const spans = edits
    .map((e) => [ix.offset(e.range.start), ix.offset(e.range.end)] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 0; i < spans.length; i++) {
    const cur = spans[i] as readonly [number, number];
    for (let j = 0; j < i; j++) {
      const prev = spans[j] as readonly [number, number];
      if (cur[0] < prev[1] || (cur[0] === prev[0] && (cur[1] > cur[0] || prev[1] > prev[0]))) {
        return `${what}: overlapping edits at ${prev[0]}..${prev[1]} and ${cur[0]}..${cur[1]}`;
      }
    }
  }
  return undefined;
}

export function diagnosticsProblems(ix: LineIndex, uri: string, diags: readonly Diagnostic[]): string[] {
  const out: string[] = [];
  for (const d of diags) {
    const bad = rangeProblem(ix, d.range, `diagnostic ${String(d.code)}`);
    if (bad) out.push(bad);
    if (typeof d.message !== 'string' || d.message === '') out.push(`diagnostic ${String(d.code)}: empty message`);
    if (!isRuleCode(String(d.code))) out.push(`diagnostic ${String(d.code)}: the code is in no rule catalogue`);
    else if (d.codeDescription?.href !== rulePageUrl(d.code as RuleCode))
      out.push(`diagnostic ${String(d.code)}: no link to its rule page`);
    for (const rel of d.relatedInformation ?? []) {
      if (rel.location.uri !== uri) continue;
      const b = rangeProblem(ix, rel.location.range, `related information of ${String(d.code)}`);
      if (b) out.push(b);
    }
  }
  return out;
}

export function completionProblems(ix: LineIndex, list: CompletionList | null | undefined): string[] {
  const out: string[] = [];
  for (const item of list?.items ?? []) {
    const te = item.textEdit;
    if (te && 'range' in te) {
      const b = rangeProblem(ix, te.range, `completion ${item.label}`);
      if (b) out.push(b);
    }
    if (te && 'insert' in te) {
      const b =
        rangeProblem(ix, te.insert, `completion ${item.label} insert`) ??
        rangeProblem(ix, te.replace, `completion ${item.label} replace`);
      if (b) out.push(b);
    }
    const b = editsProblem(ix, item.additionalTextEdits ?? [], `completion ${item.label} additional edits`);
    if (b) out.push(b);
  }
  return out;
}

export function hoverProblems(ix: LineIndex, hover: Hover | null | undefined): string[] {
  if (!hover?.range) return [];
  const b = rangeProblem(ix, hover.range, 'hover');
  return b ? [b] : [];
}

export function actionProblems(ix: LineIndex, uri: string, actions: readonly CodeAction[]): string[] {
  const out: string[] = [];
  for (const a of actions) {
    for (const [target, edits] of Object.entries(a.edit?.changes ?? {})) {
      if (target !== uri) {
        out.push(`action ${a.title}: edits another document ${target}`);
        continue;
      }
      const b = editsProblem(ix, edits, `action ${a.title}`);
      if (b) out.push(b);
    }
  }
  return out;
}

export function symbolProblems(ix: LineIndex, symbols: readonly DocumentSymbol[]): string[] {
  const out: string[] = [];
  const walk = (s: DocumentSymbol): void => {
    const b =
      rangeProblem(ix, s.range, `symbol ${s.name}`) ?? rangeProblem(ix, s.selectionRange, `symbol ${s.name} selection`);
    if (b) out.push(b);
    else if (
      ix.offset(s.selectionRange.start) < ix.offset(s.range.start) ||
      ix.offset(s.selectionRange.end) > ix.offset(s.range.end)
    ) {
      out.push(`symbol ${s.name}: selection range outside its range`);
    }
    s.children?.forEach(walk);
  };
  symbols.forEach(walk);
  return out;
}

export function foldingProblems(ix: LineIndex, ranges: readonly FoldingRange[]): string[] {
  return ranges
    .filter((f) => !(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < ix.lineCount))
    .map((f) => `folding ${f.startLine}..${f.endLine} outside 0..${ix.lineCount - 1}`);
}

/** Apply an action's edits to the text (they were checked not to overlap). */
export function applyEdits(doc: TextDocument, edits: readonly TextEdit[]): string {
  const text = doc.getText();
  // Last to first; insertions at one place keep their order (LSP: the order of the array).
  const spans = edits
    .map((e, i) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  return spans.reduce((t, s) => t.slice(0, s.start) + s.text + t.slice(s.end), text);
}
