import type { RulesFile, Span } from '../ast';
import { SplicedCheck } from '../lineSplice';
import type { Finding } from '../../types';
import { tokenizeLine } from '../tokenize';
import { maxRuleWords } from '../parseRule';
import type { IptablesRule } from './rule';
import { textAround } from '../../text/largeDocument';

/**
 * iptables-restore copies each word of a rule line into a 1,024-byte buffer: a word of 1,024 bytes
 * or more (after quote removal) stops the whole restore with "Parameter too long!", on the legacy
 * and the nft backend alike (docs/facts/parity.md); 1,023 passes.
 */
export const maxParameterBytes = 1023;

export function checkParameterLength(file: RulesFile, text: string): Finding[] {
  return longWords(file.lines, text);
}

/** `text` starts at offset `base` of the file (a stretch of a large document's lines, `textAround`). */
function longWords(lines: readonly { readonly span: Span }[], text: string, base = 0): Finding[] {
  const out: Finding[] = [];
  for (const line of lines) {
    // Only a line longer than the limit can hold such a word.
    if (line.span.end - line.span.start <= maxParameterBytes / 4) continue;
    // iptables-restore never reads past the words it refuses a line for, and neither does this check.
    for (const t of tokenizeLine(text, line.span.start - base, line.span.end - base, maxRuleWords + 1).tokens) {
      if (t.value.length * 3 <= maxParameterBytes) continue;
      const bytes = Buffer.byteLength(t.value, 'utf8');
      if (bytes <= maxParameterBytes) continue;
      out.push({
        code: 'iptables/syntax',
        start: t.start + base,
        end: t.end + base,
        message: `A word of ${bytes.toLocaleString('en')} bytes: iptables-restore takes at most ${maxParameterBytes.toLocaleString('en')} and stops here with "Parameter too long!".`,
      });
      break; // the restore stops at this word: the rest of the line is never read
    }
  }
  return out;
}

const lengthKept = new SplicedCheck<string>('parameterLength');
export const parameterLengthRule: IptablesRule = (input) =>
  lengthKept.findings(
    input.file,
    '',
    () => checkParameterLength(input.file, input.ctx.text),
    (rule) => {
      const around = textAround(input.ctx, rule.span.start, 0);
      return longWords([rule], around.text, around.base);
    },
  ) as Finding[];
