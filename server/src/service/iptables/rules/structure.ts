/** Parse problems as findings, with the fixes for a missing `*filter` and a missing `COMMIT`. */
import type { RulesFile } from '../ast';
import type { Finding } from '../../types';
import type { EmbeddedContext } from '../../embedded/languages';
import { lineStartAt } from '../../text/lines';
import type { IptablesRule } from './rule';

export function structureFindings(file: RulesFile, ctx: EmbeddedContext): Finding[] {
  const out: Finding[] = [];
  let noTableDone = false;
  for (const p of file.problems) {
    const f: Finding = { code: p.code, message: p.message, start: p.start, end: p.end };
    if (p.code === 'iptables/no-table') {
      if (noTableDone) continue;
      noTableDone = true;
      const lineStart = lineStartAt(file.text, p.start);
      f.fixes = [
        {
          title: 'Insert `*filter` above',
          edits: [
            lineStart === 0
              ? { start: 0, end: 0, newText: '*filter\n' }
              : { start: lineStart - 1, end: lineStart - 1, newText: '\n*filter' },
          ],
          preferred: true,
        },
      ];
    }
    if (p.code === 'iptables/missing-commit') {
      const table = p.table;
      if (table && table.commit === undefined)
        f.fixes = [
          {
            title: `Insert \`COMMIT\` to close *${table.name.value}`,
            edits: [{ start: table.span.end, end: table.span.end, newText: '\nCOMMIT' }],
            preferred: true,
          },
        ];
    }
    out.push(f);
  }
  let last: RulesFile['lines'][number] | undefined;
  for (let i = file.lines.length - 1; i >= 0 && !last; i--) {
    const l = file.lines[i] as RulesFile['lines'][number];
    if (l.kind !== 'blank' || l.span.end > l.span.start) last = l;
  }
  const stripChomp = ctx.region?.header?.chomping === 'strip';
  if (last && last.kind === 'commit' && !last.trailing && !file.text.endsWith('\n') && !stripChomp) {
    out.push({
      code: 'iptables/syntax',
      message:
        'The file ends right after COMMIT with no line break. The legacy iptables-restore rejects that last line; end the file with a newline.',
      start: last.span.start,
      end: last.span.end,
      fixes: [
        {
          title: 'Add the final newline',
          edits: [{ start: file.text.length, end: file.text.length, newText: '\n' }],
          preferred: true,
        },
      ],
    });
  }
  return out;
}

export const structureRule: IptablesRule = (input) => structureFindings(input.file, input.ctx);
