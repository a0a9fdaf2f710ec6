/**
 * Turn the words of a rule line into a command, its chain and a list of options with their arguments.
 * Option words take as many arguments as the option is known to need (even words starting with `-`,
 * as getopt does), then any further plain words, which the validator reports as stray. Never throws.
 */
import type { IpFamily, OptionUse, RuleLine, RulesProblem, TableBlock, Token } from './ast';
import { tokenizeLine } from './tokenize';
import { CommandWord, CountersWord, LineSpan, Word, type LineAnchor } from './words';
import { anyOptionArgCount } from '../data/iptables/index';
import { lookupCommand } from '../data/iptables/generic';

const syntax = 'iptables/syntax' as const;

/**
 * The most words a rule line may hold after its `[p:b]` counters: iptables-restore builds an argument
 * vector of fixed size and stops at word 252 with "Parser cannot handle more arguments" on the legacy
 * and the nft backend alike (docs/facts/parity.md; with `-c` the counters take three more places, so
 * 248 words is the limit there). Words past the limit are never read, by iptables-restore or by us.
 */
export const maxRuleWords = 251;
const jumpWords: ReadonlySet<string> = new Set(['-j', '--jump', '-g', '--goto']);

/** `-x` or `--xyz`, but not a negative number (`-1`). */
function isOptionWord(t: Word): boolean {
  const v = t.value;
  if (v.length < 2 || v.charCodeAt(0) !== 45) return false;
  const c = v.charCodeAt(1);
  return c < 48 || c > 57;
}

/** From the start of `first` to the end of `last`, two words of one line. */
function spanOf(first: Word, last: Word): LineSpan {
  return new LineSpan(first.anchor, first.from, last.from + last.raw.length);
}

const noArgs: readonly Word[] = Object.freeze([]);

/** Group words into options: `[!] -x arg…`. Words before the first option come back as `leading`. */
function groupOptions(tokens: readonly Word[], problems: RulesProblem[]): { leading: Word[]; options: OptionUse[] } {
  const leading: Word[] = [];
  const options: OptionUse[] = [];
  let negation: Word | undefined;
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i] as Word;
    if (tok.value === '!') {
      if (negation)
        problems.push({
          code: syntax,
          message: 'Two `!` in a row: iptables refuses more than one negation per option.',
          start: tok.start,
          end: tok.end,
        });
      negation = tok;
      i++;
      continue;
    }
    if (!isOptionWord(tok)) {
      if (options.length === 0) leading.push(tok);
      i++;
      continue;
    }
    const want = anyOptionArgCount(tok.value);
    const args: Word[] = [];
    let optNegation = negation;
    negation = undefined;
    let j = i + 1;
    if (want !== undefined) {
      for (let k = 0; k < want && j < tokens.length; k++) {
        const next = tokens[j] as Word;
        if (k === 0 && next.value === '!' && !optNegation) {
          optNegation = next;
          j++;
          if (j >= tokens.length) break;
        }
        const arg = tokens[j] as Word;
        if (k > 0 && (isOptionWord(arg) || arg.value === '!')) break;
        args.push(arg);
        j++;
      }
    }
    while (j < tokens.length && !isOptionWord(tokens[j] as Word) && (tokens[j] as Word).value !== '!') {
      args.push(tokens[j] as Word);
      j++;
    }
    const last = args.length ? (args[args.length - 1] as Word) : tok;
    options.push({
      name: tok,
      negation: optNegation,
      // Kept for as long as the model: at its length (a list grown by push holds 17 slots).
      args: args.length === 0 ? noArgs : args.slice(),
      span: spanOf(optNegation && optNegation.start < tok.start ? optNegation : tok, last),
    });
    i = j;
  }
  if (negation)
    problems.push({
      code: syntax,
      message: '`!` at the end of the line negates nothing.',
      start: negation.start,
      end: negation.end,
    });
  return { leading, options };
}

function parseCounters(t: Word): CountersWord {
  return new CountersWord(t);
}

export { parseCounters };

/**
 * Parse one rule line (`[p:b] -A CHAIN options…`) between `start` and `end`. Returns undefined when
 * the line holds no command at all (the caller reports it). `anchor` is the line's span, which the
 * rule's words and spans are placed relative to (and which is the rule's span).
 */
export function parseRuleLine(
  text: string,
  start: number,
  end: number,
  table: TableBlock | undefined,
  problems: RulesProblem[],
  family: IpFamily,
  anchor: LineAnchor = { start, end },
): RuleLine | undefined {
  void family;
  // One word past the limit (and the counters) is enough to see the line is over it.
  const { tokens } = tokenizeLine(text, start, end, maxRuleWords + 2, anchor);
  let counters: Token | undefined;
  let rest = tokens;
  const first = tokens[0];
  if (first && first.value.startsWith('[')) {
    counters = first;
    rest = tokens.slice(1);
  }
  const over = rest[maxRuleWords];
  if (over) {
    problems.push({
      code: syntax,
      message: `More than ${maxRuleWords} words in one rule: iptables-restore stops here with "Parser cannot handle more arguments".`,
      start: over.start,
      end: over.end,
    });
    rest = rest.slice(0, maxRuleWords);
  }
  const { leading, options } = groupOptions(rest, problems);
  if (leading.length) {
    const bad = leading[0] as Token;
    problems.push({
      code: syntax,
      message: `\`${bad.value}\` is not an option: iptables-restore stops here ("Bad argument").`,
      start: bad.start,
      end: bad.end,
    });
    if (options.length === 0) return undefined;
  }
  const cmdIndex = options.findIndex((o) => lookupCommand(o.name.value) !== undefined);
  if (cmdIndex < 0) {
    const at = options[0] ?? { span: { start, end } };
    problems.push({
      code: syntax,
      message: 'The line has no command (-A, -I, -N…): iptables-restore fails with "no command specified".',
      start: at.span.start,
      end: at.span.end,
    });
  }
  const cmdUse = cmdIndex >= 0 ? options[cmdIndex] : undefined;
  const spec = cmdUse ? lookupCommand(cmdUse.name.value) : undefined;
  const others = options.filter((_, k) => k !== cmdIndex);
  for (const o of others) {
    if (lookupCommand(o.name.value)) {
      problems.push({
        code: syntax,
        message: `A second command \`${o.name.value}\` on one line: iptables allows only one.`,
        start: o.name.start,
        end: o.name.end,
      });
    }
  }
  const cmdArgs = cmdUse?.args ?? [];
  const chain = cmdArgs[0];
  let position: Token | undefined;
  let extra: Token | undefined;
  let used = chain ? 1 : 0;
  if (spec && (spec.name === '-P' || spec.name === '-E')) {
    extra = cmdArgs[1];
    if (extra) used = 2;
  } else if (spec && (spec.name === '-I' || spec.name === '-R' || spec.name === '-D' || spec.name === '-Z')) {
    const p = cmdArgs[1];
    if (p && /^\d+$/.test(p.value)) {
      position = p;
      used = 2;
    }
  }
  for (const stray of cmdArgs.slice(used)) {
    problems.push({
      code: syntax,
      message: `\`${stray.value}\` is not an option: iptables-restore stops here ("Bad argument").`,
      start: stray.start,
      end: stray.end,
    });
  }
  const command = cmdUse
    ? new CommandWord(cmdUse.name as Word, spec?.name ?? cmdUse.name.value)
    : new Word(anchor, start - anchor.start, '', undefined);
  const jump = others.find((o) => jumpWords.has(o.name.value));
  return { span: anchor, counters, command, chain, position, extra, options: others.slice(), jump, table };
}
