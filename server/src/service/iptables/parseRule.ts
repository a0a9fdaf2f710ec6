/**
 * Turn the words of a rule line into a command, its chain and a list of options with their arguments.
 * Option words take as many arguments as the option is known to need (even words starting with `-`,
 * as getopt does), then any further plain words, which the validator reports as stray. Never throws.
 */
import type { IpFamily, RulesProblem, TableBlock } from './ast';
import { scanWords, unquote } from './tokenize';
import type { LineAnchor } from './words';
import { PackedRule, packOption, type RuleParts } from './packedRule';
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

/** The words of the line being parsed: their places (as `scanWords` writes them) and the line's text. */
const places = new Int32Array(2 * (maxRuleWords + 3));
let lineText = '';
let lineOrigin = 0;

function wordStart(i: number): number {
  const f = places[2 * i] as number;
  return lineOrigin + (f < 0 ? ~f : f);
}
function wordEnd(i: number): number {
  return lineOrigin + (places[2 * i + 1] as number);
}
function wordValue(i: number): string {
  const raw = lineText.slice(wordStart(i), wordEnd(i));
  return (places[2 * i] as number) < 0 ? unquote(raw) : raw;
}

/** Whether word `i` is `!` (a quoted `"!"` too: iptables sees the value). */
function isBang(i: number): boolean {
  if ((places[2 * i] as number) >= 0) {
    const at = wordStart(i);
    return wordEnd(i) === at + 1 && lineText.charCodeAt(at) === 33;
  }
  return wordValue(i) === '!';
}

/** `-x` or `--xyz`, but not a negative number (`-1`). */
function isOptionWord(i: number): boolean {
  let c0: number, c1: number;
  if ((places[2 * i] as number) >= 0) {
    const at = wordStart(i);
    if (wordEnd(i) - at < 2) return false;
    c0 = lineText.charCodeAt(at);
    c1 = lineText.charCodeAt(at + 1);
  } else {
    const v = wordValue(i);
    if (v.length < 2) return false;
    c0 = v.charCodeAt(0);
    c1 = v.charCodeAt(1);
  }
  return c0 === 45 && (c1 < 48 || c1 > 57);
}

interface Grouped {
  /** The first word before the first option, if any (-1: none). */
  leading: number;
  options: number[];
  /** The option names' values, by option. */
  names: string[];
}

/** Group words `from`..`to` into options: `[!] -x arg…`. Words before the first option are `leading`. */
function groupOptions(from: number, to: number, problems: RulesProblem[]): Grouped {
  let leading = -1;
  const options: number[] = [];
  const names: string[] = [];
  let negation: number | undefined;
  let i = from;
  while (i < to) {
    if (isBang(i)) {
      if (negation !== undefined)
        problems.push({
          code: syntax,
          message: 'Two `!` in a row: iptables refuses more than one negation per option.',
          start: wordStart(i),
          end: wordEnd(i),
        });
      negation = i;
      i++;
      continue;
    }
    if (!isOptionWord(i)) {
      if (options.length === 0 && leading < 0) leading = i;
      i++;
      continue;
    }
    const name = wordValue(i);
    const want = anyOptionArgCount(name);
    let optNegation = negation;
    negation = undefined;
    let j = i + 1;
    let count = 0;
    if (want !== undefined) {
      for (let k = 0; k < want && j < to; k++) {
        if (k === 0 && optNegation === undefined && isBang(j)) {
          optNegation = j;
          j++;
          if (j >= to) break;
        }
        if (k > 0 && (isOptionWord(j) || isBang(j))) break;
        count++;
        j++;
      }
    }
    while (j < to && !isOptionWord(j) && !isBang(j)) {
      count++;
      j++;
    }
    options.push(packOption(i, optNegation, count));
    names.push(name);
    i = j;
  }
  if (negation !== undefined)
    problems.push({
      code: syntax,
      message: '`!` at the end of the line negates nothing.',
      start: wordStart(negation),
      end: wordEnd(negation),
    });
  return { leading, options, names };
}

/** The first argument index and the argument count of a packed option. */
function argsOf(packed: number): { first: number; count: number } {
  return { first: (packed & 255) + 1 + ((packed >> 16) & 1), count: packed >>> 17 };
}

/** A copy of `s` that shares no memory with the text it was cut from. */
function ownCopy(s: string): string {
  return s.length < 13 ? s : s.split('').join('');
}

/**
 * Parse one rule line (`[p:b] -A CHAIN options…`) between `start` and `end`. Returns undefined when
 * the line holds no command at all (the caller reports it). `anchor` is the line's span, which the
 * rule's words and spans are placed relative to (and which is the rule's span). With `own`, the rule
 * keeps a copy of its line rather than a slice of `text` (a keystroke's rule must not keep that
 * keystroke's whole text alive).
 */
export function parseRuleLine(
  text: string,
  start: number,
  end: number,
  table: TableBlock | undefined,
  problems: RulesProblem[],
  family: IpFamily,
  anchor: LineAnchor = { start, end },
  own = false,
): PackedRule | undefined {
  void family;
  lineText = text;
  lineOrigin = anchor.start;
  // One word past the limit (and the counters) is enough to see the line is over it.
  let n = scanWords(text, start, end, maxRuleWords + 2, anchor.start, places);
  const counters = n > 0 && wordValue(0).startsWith('[');
  const first = counters ? 1 : 0;
  if (n - first > maxRuleWords) {
    const over = first + maxRuleWords;
    problems.push({
      code: syntax,
      message: `More than ${maxRuleWords} words in one rule: iptables-restore stops here with "Parser cannot handle more arguments".`,
      start: wordStart(over),
      end: wordEnd(over),
    });
    n = over;
  }
  const { leading, options, names } = groupOptions(first, n, problems);
  if (leading >= 0) {
    problems.push({
      code: syntax,
      message: `\`${wordValue(leading)}\` is not an option: iptables-restore stops here ("Bad argument").`,
      start: wordStart(leading),
      end: wordEnd(leading),
    });
    if (options.length === 0) return undefined;
  }
  const cmdIndex = names.findIndex((name) => lookupCommand(name) !== undefined);
  if (cmdIndex < 0) {
    const at = options[0];
    const span = at === undefined ? { start, end } : spanOfPacked(at);
    problems.push({
      code: syntax,
      message: 'The line has no command (-A, -I, -N…): iptables-restore fails with "no command specified".',
      start: span.start,
      end: span.end,
    });
  }
  const cmdPacked = cmdIndex >= 0 ? options[cmdIndex] : undefined;
  const spec = cmdIndex >= 0 ? lookupCommand(names[cmdIndex] as string) : undefined;
  const others: number[] = [];
  let jump: number | undefined;
  for (let k = 0; k < options.length; k++) {
    if (k === cmdIndex) continue;
    const name = names[k] as string;
    const packed = options[k] as number;
    if (lookupCommand(name)) {
      problems.push({
        code: syntax,
        message: `A second command \`${name}\` on one line: iptables allows only one.`,
        start: wordStart(packed & 255),
        end: wordEnd(packed & 255),
      });
    }
    if (jump === undefined && jumpWords.has(name)) jump = others.length;
    others.push(packed);
  }
  const cmdArgs = cmdPacked === undefined ? { first: 0, count: 0 } : argsOf(cmdPacked);
  let second: RuleParts['second'];
  let used = cmdArgs.count > 0 ? 1 : 0;
  if (spec && (spec.name === '-P' || spec.name === '-E')) {
    if (cmdArgs.count > 1) {
      second = 'extra';
      used = 2;
    }
  } else if (spec && (spec.name === '-I' || spec.name === '-R' || spec.name === '-D' || spec.name === '-Z')) {
    if (cmdArgs.count > 1 && /^\d+$/.test(wordValue(cmdArgs.first + 1))) {
      second = 'position';
      used = 2;
    }
  }
  for (let k = used; k < cmdArgs.count; k++) {
    const stray = cmdArgs.first + k;
    problems.push({
      code: syntax,
      message: `\`${wordValue(stray)}\` is not an option: iptables-restore stops here ("Bad argument").`,
      start: wordStart(stray),
      end: wordEnd(stray),
    });
  }
  const commandName = cmdIndex >= 0 ? (spec?.name ?? (names[cmdIndex] as string)) : '';
  const line = text.slice(anchor.start, end);
  const parts: RuleParts = { counters, command: cmdPacked, commandName, second, options: others, jump };
  const rule = new PackedRule(anchor, table, own ? ownCopy(line) : line, places, n, parts, commandName);
  lineText = '';
  return rule;
}

/** The span of a packed option of the line being parsed: from its `!` or name to its last argument. */
function spanOfPacked(packed: number): { start: number; end: number } {
  const name = packed & 255;
  const bang = ((packed >> 8) & 255) - 1;
  const { first, count } = argsOf(packed);
  const from = bang >= 0 && bang < name ? bang : name;
  return { start: wordStart(from), end: wordEnd(count === 0 ? name : first + count - 1) };
}
