import type { Diagnostic } from 'vscode-languageserver-types';
import { ruleInfo } from '../service/rules';
import { diagnosticSource } from '../service/diagnostics';
import { ruleDocumentationPath, type RuleDocumentation } from './protocol';

function contains(d: Diagnostic, pos: { line: number; character: number }): boolean {
  const { start, end } = d.range;
  const after = pos.line > start.line || (pos.line === start.line && pos.character >= start.character);
  const before = pos.line < end.line || (pos.line === end.line && pos.character <= end.character);
  return after && before;
}

/** The rules of the diagnostics under a position (each once, narrowest finding first). */
export function rulesAt(
  diagnostics: readonly Diagnostic[],
  pos: { line: number; character: number },
): RuleDocumentation[] {
  const span = (d: Diagnostic): number =>
    (d.range.end.line - d.range.start.line) * 1e6 + d.range.end.character - d.range.start.character;
  const under = diagnostics
    .filter((d) => typeof d.code === 'string' && contains(d, pos))
    .sort((a, b) => span(a) - span(b));
  const out: RuleDocumentation[] = [];
  for (const d of under) {
    const code = d.code as string;
    if (out.some((r) => r.code === code)) continue;
    out.push({
      code,
      language: diagnosticSource(code),
      summary: ruleInfo(code)?.summary ?? '',
      path: ruleDocumentationPath(code),
    });
  }
  return out;
}
