import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { commands } from '../data/iptables/generic';
import { optionNames } from '../data/iptables/spec';
import { builtinPolicies, hookSummaries, isHook, tableInfo, tables } from '../data/iptables/tables';
import type { EmbeddedContext } from '../embedded/languages';
import { textAround } from '../text/largeDocument';
import type { RulesFile, TableBlock } from './ast';
import { lineAt, type LineWord } from './complete/lineWords';
import { findOption, optionsInScope } from './complete/specs';
import { chainItems, item } from './complete/values';
import { argKinds } from './args/kinds';
import { chainsNear, maxItems, pickChains, rankAndCap } from './complete/rank';
import { tableChains, type TableChains } from './complete/tableChains';

type Result = { items: CompletionItem[]; replaceStart: number; isIncomplete?: boolean } | undefined;

/** The table block the offset is in (the last one starting before it). */
function tableAt(file: RulesFile, offset: number): TableBlock | undefined {
  return [...file.tables].reverse().find((t) => t.name.start <= offset);
}

function builtinChainItems(names: readonly string[]): CompletionItem[] {
  return names.map((n) =>
    item(n, CompletionItemKind.Function, 'built-in chain', isHook(n) ? hookSummaries[n] : undefined),
  );
}

function lineStartItems(inTable: boolean): CompletionItem[] {
  const items: CompletionItem[] = commands.map((c) =>
    item(c.name, CompletionItemKind.Keyword, c.aliases[0], c.summary),
  );
  items.push(
    item(
      ':',
      CompletionItemKind.Keyword,
      'declare a chain',
      'Declare a chain: `:NAME POLICY [packets:bytes]` (`-` as the policy of a user chain).',
    ),
  );
  if (inTable)
    items.push(
      item(
        'COMMIT',
        CompletionItemKind.Keyword,
        'end of the table',
        'Load everything since the `*table` line at once. Every table block needs one.',
      ),
    );
  if (!inTable) items.push(...tableItems());
  return items;
}

function tableItems(): CompletionItem[] {
  return tables.map((t) =>
    item(`*${t.name}`, CompletionItemKind.Module, 'table', `${t.summary}\n\nBuilt-in chains: ${t.chains.join(', ')}.`),
  );
}

/** Completion in a `:CHAIN POLICY [0:0]` line. */
function declarationItems(before: readonly LineWord[], current: LineWord, table: TableBlock | undefined): Result {
  const builtin: string[] = [...(table ? (tableInfo(table.name.value)?.chains ?? []) : [])];
  if (before.length === 0) {
    return {
      items: builtinChainItems(builtin).map((i) => ({ ...i, label: `:${i.label}` })),
      replaceStart: current.start,
    };
  }
  if (before.length === 1) {
    const chain = (before[0] as LineWord).value.slice(1);
    const items = builtin.includes(chain)
      ? builtinPolicies.map((p) =>
          item(
            p,
            CompletionItemKind.EnumMember,
            'policy',
            p === 'DROP'
              ? 'Drop what no rule accepted. Accept SSH, loopback and established traffic before relying on it.'
              : 'Let through what no rule dropped.',
          ),
        )
      : [
          item(
            '-',
            CompletionItemKind.EnumMember,
            'user chain (no policy)',
            'User chains have no policy: a packet that reaches the end returns to the calling chain.',
          ),
        ];
    return { items, replaceStart: current.start };
  }
  if (before.length === 2)
    return {
      items: [item('[0:0]', CompletionItemKind.Value, 'packet and byte counters')],
      replaceStart: current.start,
    };
  return undefined;
}

/**
 * Completion items for the word at `offset` of a rules file: at most `maxItems`, ranked, with
 * `isIncomplete` when cut (`complete/rank.ts`).
 */
export function completeRules(file: RulesFile, ctx: EmbeddedContext, offset: number): Result {
  // The caret's line and those `chainsNear` reads (a large document's text is not joined for them).
  const around = textAround(ctx, offset, 64);
  const base = around.base;
  const at = lineAt(around.text, offset - base);
  const moved = (w: LineWord): LineWord => (base ? { start: w.start + base, end: w.end + base, value: w.value } : w);
  const before = at.before.map(moved);
  const current = moved(at.current);
  let near: Map<string, number> | undefined;
  const nearby = (): Map<string, number> => (near ??= chainsNear(around.text, offset - base));
  const typed = around.text.slice(current.start - base, offset - base);
  const chains = tableChains(file, tableAt(file, offset));
  let cut = false;
  // A table with thousands of user chains: only the ones worth listing become items (asked for only
  // where chain names are completed).
  const chooseUser = (): string[] => {
    const user = chains.user;
    const picked = pickChains(
      user,
      (name) => chains.isUser(name),
      typed,
      user.length > maxItems ? nearby() : new Map(),
      chains.userLower,
    );
    cut ||= picked.cut;
    return picked.names;
  };
  const result = allItems(file, offset, before, current, chains, chooseUser);
  if (!result) return result;
  const isUserChain = (i: CompletionItem): boolean => chains.isUser(i.label);
  const word =
    result.replaceStart >= base
      ? around.text.slice(result.replaceStart - base, offset - base)
      : ctx.text.slice(result.replaceStart, offset);
  const ranked = rankAndCap(result.items, word, nearby, isUserChain, cut);
  return { items: ranked.items, replaceStart: result.replaceStart, isIncomplete: ranked.isIncomplete || cut };
}

function allItems(
  file: RulesFile,
  offset: number,
  before: LineWord[],
  current: LineWord,
  chains: TableChains,
  chooseUser: () => string[],
): Result {
  const table = tableAt(file, offset);
  if (before.length === 0) {
    if (current.value.startsWith('*')) return { items: tableItems(), replaceStart: current.start };
    if (current.value.startsWith(':')) return declarationItems(before, current, table);
    if (current.value.startsWith('#')) return undefined;
    const open = table !== undefined && (table.commit === undefined || offset <= table.commit.start);
    return { items: lineStartItems(open), replaceStart: current.start };
  }
  let words = before.map((w) => w.value);
  if ((words[0] ?? '').startsWith(':')) return declarationItems(before, current, table);
  if ((words[0] ?? '').startsWith('*') || words[0] === 'COMMIT' || (words[0] ?? '').startsWith('#')) return undefined;
  if (/^\[\d*:\d*\]$/.test(words[0] ?? '')) words = words.slice(1);
  const command = commands.find(
    (c) => c.name === words[0] || (c.aliases as readonly string[]).includes(words[0] ?? ''),
  );
  if (!command) return undefined;
  const builtin = chains.builtin;
  const replace = (items: CompletionItem[] | undefined, start = current.start): Result =>
    items ? { items, replaceStart: start } : undefined;
  if (words.length === 1) {
    if (command.name === '-N') return undefined;
    return replace([
      ...builtinChainItems(builtin),
      ...(command.name === '-P' ? [] : chainItems(chooseUser(), 'user chain')),
    ]);
  }
  if (command.name === '-P' && words.length === 2) {
    return replace(builtinPolicies.map((p) => item(p, CompletionItemKind.EnumMember, 'policy')));
  }
  if (!command.takesRule) return undefined;
  const scope = optionsInScope(words);
  const prev = words[words.length - 1] as string;
  const prevOption = findOption(prev, scope);
  const family = file.family;
  if (prevOption && prevOption.spec.arg !== 'none' && !current.value.startsWith('-')) {
    const spec = prevOption.spec;
    const kind = argKinds[spec.arg];
    const names = spec.arg === 'chain' || spec.arg === 'target' ? chooseUser() : [];
    const items = kind.complete(spec, family, table?.name.value, names);
    if (!items) return undefined;
    const comma = current.value.lastIndexOf(',');
    const start = kind.list && comma >= 0 ? current.start + comma + 1 : current.start;
    return replace(items, start);
  }
  // An option name (or the `!` that negates the next option).
  const negating = prev === '!';
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const { spec, from } of scope) {
    if (seen.has(spec.name) || (negating && !spec.negatable)) continue;
    seen.add(spec.name);
    const aliases = optionNames(spec).slice(1);
    const detail = [spec.argHint, from ? `(${from})` : undefined].filter(Boolean).join(' ');
    const doc =
      aliases.length > 0
        ? `${spec.summary}\n\nAlso written ${aliases.map((a) => `\`${a}\``).join(', ')}.`
        : spec.summary;
    items.push({
      ...item(spec.name, CompletionItemKind.Property, detail || undefined, doc),
      sortText: `${from ? '0' : '1'}${spec.name}`,
    });
  }
  if (!negating && current.value === '') items.push(item('!', CompletionItemKind.Operator, 'negate the next option'));
  return replace(items);
}
