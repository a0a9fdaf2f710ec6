/** One place to look up iptables vocabulary: match modules, targets and option specs by name. */
import { coreMatches } from './matches';
import { moreMatches } from './moreMatches';
import { extensionTargets, verdicts } from './targets';
import { genericOptions } from './generic';
import { optionArgCount, optionNames, type MatchSpec, type OptionSpec, type TargetSpec } from './spec';

export const allMatches: readonly MatchSpec[] = [...coreMatches, ...moreMatches];
export const allTargets: readonly TargetSpec[] = [...verdicts, ...extensionTargets];

export function lookupMatch(name: string, family: 'ipv4' | 'ipv6'): MatchSpec | undefined {
  return allMatches.find((m) => m.name === name && (!m.family || m.family === family));
}

export function lookupTarget(name: string, family: 'ipv4' | 'ipv6'): TargetSpec | undefined {
  return allTargets.find((t) => t.name === name && (!t.family || t.family === family));
}

export function lookupGenericOption(word: string): OptionSpec | undefined {
  return (genericOptions as readonly OptionSpec[]).find((o) => optionNames(o).includes(word));
}

const argCounts = new Map<string, number>();
for (const o of [...genericOptions as readonly OptionSpec[], ...allMatches.flatMap((m) => m.options), ...allTargets.flatMap((t) => t.options)]) {
  for (const n of optionNames(o)) if (!argCounts.has(n)) argCounts.set(n, optionArgCount(o));
}

/** How many words an option name takes in any module (for splitting a line), or undefined when no module has it. */
export function anyOptionArgCount(word: string): number | undefined {
  return argCounts.get(word);
}

export type { MatchSpec, OptionSpec, TargetSpec } from './spec';
