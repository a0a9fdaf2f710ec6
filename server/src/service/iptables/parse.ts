/**
 * Parser for iptables-restore (rules-save) files, following what iptables-restore 1.8.9 does line by
 * line: `#` in column 0 is a comment, an empty line is skipped, `*table` opens a table, `:CHAIN POLICY
 * [p:b]` declares a chain, `COMMIT` (exactly) closes the table, anything else inside a table is a rule.
 * Problems are collected (never thrown) and parsing goes on, so the rest of the file is still analysed.
 *
 * `RuleLine.command.value` is the command's short spelling (`-A` also for `--append`); `raw` is as written.
 */
import type { IpFamily, RulesFile, RulesLine, RulesProblem, RuleLine, TableBlock, Token, ChainDecl, Span } from './ast';
import { scanWords, tokenizeLine } from './tokenize';
import { ChainDeclaration, ChainLine } from './chainLine';
import { parseRuleLine } from './parseRule';
import { lineSpan, Word, type LineAnchor } from './words';
import { isBuiltinChain } from '../data/iptables/tables';

const syntax = 'iptables/syntax' as const;

interface MutableTable {
  name: Token;
  span: { start: number; end: number };
  commit: Span | undefined;
  chains: ChainDecl[];
  rules: RuleLine[];
}

interface RawLine {
  start: number;
  /** End of the content, without `\r` and `\n`. */
  end: number;
  /** End including a `\r` before the newline. */
  fullEnd: number;
}

/** The places of a chain line's three words, as `scanWords` writes them. */
const chainPlaces = new Int32Array(6);

function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const fullEnd = nl < 0 ? text.length : nl;
    const end = fullEnd > start && text.charCodeAt(fullEnd - 1) === 13 ? fullEnd - 1 : fullEnd;
    if (nl >= 0 || start < text.length) lines.push({ start, end, fullEnd });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

export function parseRulesSave(text: string, family: IpFamily): RulesFile {
  const problems: RulesProblem[] = [];
  const lines: RulesLine[] = [];
  const tables: TableBlock[] = [];
  let open: MutableTable | undefined;
  let lastContentEnd = 0;
  let crlfReported = false;

  const close = (commit: Span | undefined, end: number): void => {
    if (!open) return;
    open.commit = commit;
    open.span = { start: open.span.start, end };
    open = undefined;
  };

  // A rule or chain line is its own span, which its words are placed relative to (`packedRule.ts`).
  const addRule = (raw: RawLine): void => {
    const rule = parseRuleLine(text, raw.start, raw.end, open as TableBlock | undefined, problems, family, raw);
    if (!rule) {
      lines.push({ kind: 'invalid', span: { start: raw.start, end: raw.end } });
    } else {
      lines.push(rule);
      if (open) open.rules.push(rule);
      else
        problems.push({
          code: 'iptables/no-table',
          message: 'Rule before any `*table` line: iptables-restore fails here.',
          start: raw.start,
          end: raw.end,
        });
    }
    lastContentEnd = raw.end;
  };

  const addChain = (raw: RawLine, at: number): void => {
    const count = scanWords(text, at + 1, raw.end, 3, raw.start, chainPlaces);
    const line = new ChainLine(raw, text.slice(raw.start, raw.end), chainPlaces, count, at + 1 - raw.start);
    lines.push(line);
    if (count === 0 || line.wordFrom(0) > at + 1 - raw.start || line.wordValue(0) === '')
      problems.push({
        code: syntax,
        message: 'A `:` line needs a chain name right after the colon.',
        start: at,
        end: raw.end,
      });
    if (!open) {
      problems.push({
        code: 'iptables/no-table',
        message: 'Chain declared before any `*table` line: iptables-restore fails here.',
        start: raw.start,
        end: raw.end,
      });
    } else {
      open.chains.push(new ChainDeclaration(line, isBuiltinChain(open.name.value, line.wordValue(0))));
    }
    lastContentEnd = raw.end;
  };

  for (const raw of splitLines(text)) {
    if (raw.end !== raw.fullEnd && !crlfReported) {
      crlfReported = true;
      problems.push({
        code: syntax,
        message:
          'Windows (CRLF) line endings. iptables-restore reads the carriage return as part of each line and fails on the first one.',
        start: raw.end,
        end: raw.fullEnd,
      });
    }
    // The common line of a large dump: a rule starting in the first column (no slices, no split).
    const c0 = raw.start < raw.end ? text.charCodeAt(raw.start) : -1;
    if (c0 === 45 /* - */ || c0 === 91 /* [ */) {
      addRule(raw);
      continue;
    }
    if (c0 === 58 /* : */) {
      addChain(raw, raw.start);
      continue;
    }
    // The line's span, which the words of a table line are placed relative to (`words.ts`).
    const span: LineAnchor = { start: raw.start, end: raw.end };
    const content = text.slice(raw.start, raw.end);
    if (content === '') {
      lines.push({ kind: 'blank', span });
      continue;
    }
    if (content.startsWith('#')) {
      lines.push({ kind: 'comment', span });
      continue;
    }
    const trimmed = content.trim();
    const lead = content.length - content.trimStart().length;
    const at = raw.start + lead;
    if (trimmed === '') {
      lines.push({ kind: 'blank', span });
      problems.push({
        code: syntax,
        message:
          'A line of only spaces is not skipped like an empty line: iptables-restore fails on it ("no command specified").',
        start: raw.start,
        end: raw.end,
      });
      continue;
    }
    if (trimmed.startsWith('#')) {
      lines.push({ kind: 'comment', span });
      problems.push({
        code: syntax,
        message:
          'A comment must start in the first column. An indented `#` is read as a rule and fails ("Bad argument").',
        start: at,
        end: at + 1,
      });
      continue;
    }
    if (lead > 0 && !trimmed.startsWith('-') && !trimmed.startsWith('[')) {
      problems.push({
        code: syntax,
        message:
          'Only rule lines may be indented: iptables-restore does not recognise an indented table, chain or COMMIT line.',
        start: raw.start,
        end: at,
      });
    }
    const first = trimmed.split(/[ \t]/, 1)[0] ?? '';
    if (first.toUpperCase() === 'COMMIT') {
      const wordEnd = at + first.length;
      const trailing = wordEnd < raw.end ? lineSpan(span, wordEnd, raw.end) : undefined;
      lines.push({ kind: 'commit', span, trailing });
      if (first !== 'COMMIT') {
        problems.push({
          code: syntax,
          message: `\`${first}\` is not COMMIT: the word must be upper case.`,
          start: at,
          end: wordEnd,
        });
      } else if (trailing) {
        problems.push({
          code: syntax,
          message:
            'Nothing may follow COMMIT on its line, not even spaces. iptables-restore rejects the line ("Bad argument").',
          start: trailing.start,
          end: trailing.end,
        });
      }
      if (!open)
        problems.push({
          code: syntax,
          message: 'COMMIT outside a table: there is no open `*table` to commit.',
          start: at,
          end: wordEnd,
        });
      close({ start: raw.start, end: raw.end }, raw.end);
      lastContentEnd = raw.end;
      continue;
    }
    if (trimmed.startsWith('*')) {
      const words = tokenizeLine(text, at + 1, raw.end, 1, span).tokens;
      const nameTok: Token = words[0] ?? new Word(span, at + 1 - raw.start, '', undefined);
      if (open) {
        problems.push({
          code: 'iptables/missing-commit',
          message: `\`*${open.name.value}\` needs a COMMIT before \`*${nameTok.value}\` starts. Otherwise iptables-restore fails here.`,
          start: raw.start,
          end: raw.end,
          table: open as TableBlock,
        });
        close(undefined, lastContentEnd);
      }
      if (nameTok.value === '')
        problems.push({ code: syntax, message: 'A `*` line needs a table name.', start: at, end: raw.end });
      lines.push({ kind: 'table', span, name: nameTok });
      open = { name: nameTok, span: { start: raw.start, end: raw.end }, commit: undefined, chains: [], rules: [] };
      tables.push(open as TableBlock);
      lastContentEnd = raw.end;
      continue;
    }
    if (trimmed.startsWith(':')) {
      addChain(raw, at);
      continue;
    }
    if (trimmed.startsWith('-') || trimmed.startsWith('[')) {
      addRule(raw);
      continue;
    }
    lines.push({ kind: 'invalid', span });
    problems.push({
      code: syntax,
      message: `\`${first}\` does not start a table, chain, rule or COMMIT line. iptables-restore stops here ("Bad argument").`,
      start: at,
      end: at + first.length,
    });
    lastContentEnd = raw.end;
  }
  if (open) {
    const t: MutableTable = open;
    problems.push({
      code: 'iptables/missing-commit',
      message: `Table \`*${t.name.value}\` is never committed. iptables-restore fails at the end of the file and loads none of it.`,
      start: t.name.start - 1,
      end: t.name.end,
      table: t as TableBlock,
    });
    close(undefined, lastContentEnd);
  }
  return { text, family, lines, tables, problems };
}
