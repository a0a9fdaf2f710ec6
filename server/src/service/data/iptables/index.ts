/** One place to look up iptables vocabulary: match modules, targets and option specs by name. */
import { coreMatches } from './matches';
import { moreMatches } from './moreMatches';
import { extensionTargets, verdicts } from './targets';
import { genericOptions } from './generic';
import { optionArgCount, optionNames, type MatchSpec, type OptionSpec, type TargetSpec } from './spec';

export const allMatches: readonly MatchSpec[] = [...coreMatches, ...moreMatches];
export const allTargets: readonly TargetSpec[] = [...verdicts, ...extensionTargets];

/** The first spec of each name per family, in list order (what a search of the list would find). */
function byFamily<T extends { readonly name: string; readonly family?: 'ipv4' | 'ipv6' }>(
  specs: readonly T[],
): Record<'ipv4' | 'ipv6', Map<string, T>> {
  const out = { ipv4: new Map<string, T>(), ipv6: new Map<string, T>() };
  for (const s of specs) {
    for (const f of ['ipv4', 'ipv6'] as const)
      if ((!s.family || s.family === f) && !out[f].has(s.name)) out[f].set(s.name, s);
  }
  return out;
}

const matchIndex = byFamily(allMatches);
const targetIndex = byFamily(allTargets);
const genericIndex = new Map<string, OptionSpec>();
for (const o of genericOptions as readonly OptionSpec[])
  for (const n of optionNames(o)) if (!genericIndex.has(n)) genericIndex.set(n, o);

export function lookupMatch(name: string, family: 'ipv4' | 'ipv6'): MatchSpec | undefined {
  return matchIndex[family].get(name);
}

export function lookupTarget(name: string, family: 'ipv4' | 'ipv6'): TargetSpec | undefined {
  return targetIndex[family].get(name);
}

export function lookupGenericOption(word: string): OptionSpec | undefined {
  return genericIndex.get(word);
}

const argCounts = new Map<string, number>();
for (const o of [
  ...(genericOptions as readonly OptionSpec[]),
  ...allMatches.flatMap((m) => m.options),
  ...allTargets.flatMap((t) => t.options),
]) {
  for (const n of optionNames(o)) if (!argCounts.has(n)) argCounts.set(n, optionArgCount(o));
}

/** How many words an option name takes in any module (for splitting a line), or undefined when no module has it. */
export function anyOptionArgCount(word: string): number | undefined {
  return argCounts.get(word);
}

export type { MatchSpec, OptionSpec, TargetSpec } from './spec';
