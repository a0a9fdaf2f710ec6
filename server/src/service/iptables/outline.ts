import type { OffsetSymbol } from '../embedded/languages';
import type { RuleLine, RulesFile, TableBlock } from './ast';
import { redactSecrets } from '../secretValue';

// LSP SymbolKind numbers.
const namespaceKind = 3;
const fieldKind = 8;
const functionKind = 12;

const maxName = 72;

/** Text between two offsets with runs of spaces collapsed, and never more than an outline can use of it. */
const squeeze = (text: string, start: number, end: number): string =>
  text
    .slice(start, Math.min(end, start + 16 * maxName))
    .trim()
    .replace(/\s+/g, ' ');

/**
 * A rule's outline name: its line with runs of spaces collapsed and secrets hidden (a comment can
 * quote anything); a long line loses its middle, never its target.
 */
function ruleName(text: string, rule: RuleLine): string {
  const line = redactSecrets(squeeze(text, rule.span.start, rule.span.end));
  if (line.length <= maxName && rule.span.end - rule.span.start <= 16 * maxName) return line;
  const fromJump = rule.jump ? redactSecrets(squeeze(text, rule.jump.span.start, rule.span.end)) : '';
  const jump =
    fromJump.length < maxName / 2
      ? fromJump
      : rule.jump
        ? redactSecrets(squeeze(text, rule.jump.span.start, rule.jump.span.end))
        : '';
  const tail = jump && jump.length < maxName / 2 ? ` ${jump}` : '';
  return `${line.slice(0, maxName - tail.length - 1).trimEnd()}…${tail}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function tableSymbol(file: RulesFile, table: TableBlock): OffsetSymbol {
  const chains = new Map<string, OffsetSymbol>();
  const order: OffsetSymbol[] = [];
  const chainSymbol = (name: string, start: number, end: number): OffsetSymbol => {
    let c = chains.get(name);
    if (!c) {
      c = { name, kind: functionKind, start, end, selectionStart: start, selectionEnd: end, children: [] };
      chains.set(name, c);
      order.push(c);
    }
    return c;
  };
  for (const decl of table.chains) {
    const c = chainSymbol(decl.name.value, decl.line.span.start, decl.line.span.end);
    if (decl.policy && decl.policy.value !== '-') c.detail = `policy ${decl.policy.value}`;
  }
  for (const rule of table.rules) {
    const chain = rule.chain;
    if (!chain) continue;
    const c = chainSymbol(chain.value, chain.start, chain.end);
    c.start = Math.min(c.start, rule.span.start);
    c.end = Math.max(c.end, rule.span.end);
    c.children?.push({
      name: ruleName(file.text, rule),
      kind: fieldKind,
      start: rule.span.start,
      end: rule.span.end,
      selectionStart: rule.span.start,
      selectionEnd: rule.span.end,
    });
  }
  for (const c of order) {
    const n = c.children?.length ?? 0;
    c.detail = [c.detail, plural(n, 'rule')].filter(Boolean).join(' · ');
  }
  return {
    name: `*${table.name.value}`,
    detail: plural(order.length, 'chain'),
    kind: namespaceKind,
    start: table.span.start,
    end: table.span.end,
    selectionStart: table.name.start,
    selectionEnd: table.name.end,
    children: order,
  };
}

/** Outline: tables, their chains, each chain's rules (in file order). */
export function rulesSymbols(file: RulesFile): OffsetSymbol[] {
  return file.tables.map((t) => tableSymbol(file, t));
}

/** Foldable spans: each table block and each run of consecutive rules of one chain. */
export function rulesFolding(file: RulesFile): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = file.tables.map((t) => ({
    start: t.span.start,
    end: t.span.end,
  }));
  let run: { chain: string; start: number; end: number; count: number } | undefined;
  const close = (): void => {
    if (run && run.count > 1) ranges.push({ start: run.start, end: run.end });
    run = undefined;
  };
  for (const line of file.lines) {
    if (line.kind === 'comment') continue;
    const chain = line.kind === 'rule' ? line.rule.chain?.value : undefined;
    if (line.kind !== 'rule' || chain === undefined) {
      close();
      continue;
    }
    if (run && run.chain === chain) {
      run.end = line.span.end;
      run.count++;
    } else {
      close();
      run = { chain, start: line.span.start, end: line.span.end, count: 1 };
    }
  }
  close();
  return ranges;
}
