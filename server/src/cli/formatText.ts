import type { FileReport } from './report';

/** `path:line:col: severity code message`, 1-based, then a summary line. */
export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  const count = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) {
    for (const d of r.diagnostics) {
      count[d.severity]++;
      lines.push(
        `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}`,
      );
    }
  }
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(reports.length, 'file')} checked: ${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ${count.information} information, ${plural(count.hint, 'hint')}`,
  );
  return `${lines.join('\n')}\n`;
}
