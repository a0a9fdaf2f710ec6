/** Look-ups into the iptables data tables, shared by completion and hover. */
import { genericOptions } from '../../data/iptables/generic';
import { coreMatches } from '../../data/iptables/matches';
import { moreMatches } from '../../data/iptables/moreMatches';
import { lookupProtocol } from '../../data/iptables/protocols';
import { optionNames, type MatchSpec, type OptionSpec, type TargetSpec } from '../../data/iptables/spec';
import { extensionTargets, verdicts } from '../../data/iptables/targets';
import type { IpFamily } from '../ast';

export const allMatches: readonly MatchSpec[] = [...coreMatches, ...moreMatches];
export const allTargets: readonly TargetSpec[] = [...verdicts, ...extensionTargets];
export const generic: readonly OptionSpec[] = genericOptions;

export function findMatch(name: string): MatchSpec | undefined {
  return (
    allMatches.find((m) => m.name === name) ??
    (name === 'icmpv6' ? allMatches.find((m) => m.name === 'icmp6') : undefined)
  );
}

export function findTarget(name: string): TargetSpec | undefined {
  return allTargets.find((t) => t.name === name);
}

export function fitsFamily(spec: { readonly family?: 'ipv4' | 'ipv6' }, family: IpFamily): boolean {
  return spec.family === undefined || spec.family === family;
}

/** An option and where it comes from (generic, a match module, a target). */
export interface ScopedOption {
  readonly spec: OptionSpec;
  /** `-m tcp`, `-j REJECT`, or undefined for the options every rule has. */
  readonly from: string | undefined;
}

/**
 * The options usable after `words` (the words of a rule line so far): the generic ones, those of
 * every module loaded by `-m NAME` or by `-p PROTO`, and those of the `-j` target.
 */
export function optionsInScope(words: readonly string[]): ScopedOption[] {
  const out: ScopedOption[] = generic.map((spec) => ({ spec, from: undefined }));
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i] as string;
    const arg = words[i + 1] as string;
    if (w === '-m' || w === '--match') {
      const m = findMatch(arg);
      if (m) out.push(...m.options.map((spec) => ({ spec, from: `-m ${m.name}` })));
    } else if (w === '-p' || w === '--protocol') {
      const implicit = lookupProtocol(arg)?.implicitMatch;
      const m = implicit ? findMatch(implicit) : undefined;
      if (m) out.push(...m.options.map((spec) => ({ spec, from: `-p ${arg}` })));
    } else if (w === '-j' || w === '--jump') {
      const t = findTarget(arg);
      if (t) out.push(...t.options.map((spec) => ({ spec, from: `-j ${t.name}` })));
    }
  }
  return out;
}

/** The option a word names, among those in scope (exact spelling or alias). */
export function findOption(word: string, scope: readonly ScopedOption[]): ScopedOption | undefined {
  return [...scope].reverse().find((o) => optionNames(o.spec).includes(word));
}

/** An option of any module or target (for hover when the module is not loaded on the line). */
export function findAnyOption(word: string): ScopedOption | undefined {
  const g = generic.find((o) => optionNames(o).includes(word));
  if (g) return { spec: g, from: undefined };
  for (const m of allMatches) {
    const o = m.options.find((x) => optionNames(x).includes(word));
    if (o) return { spec: o, from: `-m ${m.name}` };
  }
  for (const t of allTargets) {
    const o = t.options.find((x) => optionNames(x).includes(word));
    if (o) return { spec: o, from: `-j ${t.name}` };
  }
  return undefined;
}
