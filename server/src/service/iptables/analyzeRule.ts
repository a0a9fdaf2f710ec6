/**
 * Walk a rule's options the way iptables parses its command line: generic options first, `-p` and
 * `-m` load match modules whose options become known after them, `-j` loads a target's options.
 * Produces what each option resolved to, plus the findings of the walk itself (unknown options and
 * matches, missing or stray arguments, required options). Value checks live in `args/check.ts`, one per kind of
 * argument (`args/kinds.ts`).
 */
import type { IpFamily, OptionUse, RuleLine, Token } from './ast';
import type { Finding } from '../types';
import {
  lookupGenericOption,
  lookupMatch,
  lookupTarget,
  type MatchSpec,
  type OptionSpec,
  type TargetSpec,
} from '../data/iptables/index';
import { optionArgCount, optionNames } from '../data/iptables/spec';
import { lookupProtocol } from '../data/iptables/protocols';
import { protocolFix } from './protocolFix';

export interface LoadedMatch {
  readonly spec: MatchSpec;
  /** The `-m NAME` option, or undefined when `-p` loaded it implicitly. */
  readonly use: OptionUse | undefined;
}

/** Who provides a resolved option: the generic options, a loaded match, or a target. */
export type OptionOwner = 'generic' | 'match' | 'target';

export interface ResolvedOption {
  readonly use: OptionUse;
  readonly spec: OptionSpec;
  readonly owner: OptionOwner;
}

const owners: readonly OptionOwner[] = ['generic', 'match', 'target'];
const emptyParts: readonly never[] = Object.freeze([]);

/**
 * What one rule line resolved to, kept per line: no object per option. `parts` holds two entries per
 * resolved option, then two per loaded match: the spec, then a number: an option's index in the
 * rule's option list times 4 plus its owner (0 generic, 1 match, 2 target), a match's `-m` option index
 * (-1 when `-p` loaded it). The shapes below (`options`, `matches`, `protocol`…) are made when asked.
 */
export class RuleAnalysis {
  constructor(
    readonly rule: RuleLine,
    private readonly parts: readonly (OptionSpec | MatchSpec | number)[],
    /** How many resolved options `parts` holds (the rest are matches). */
    readonly optionCount: number,
    /** Canonical protocol name of `-p` (`tcp` also for `-p 6`). */
    readonly protocolName: string | undefined,
    /** Index of `-p` in the rule's options, -1 without one; negated when `! -p`. */
    private readonly protocolAt: number,
    readonly protocolNegated: boolean,
    private readonly targetSpec: TargetSpec | undefined,
    private readonly targetAt: number,
    /** Index of the `-j`/`-g` option that names a chain, -1 without one. */
    private readonly jumpAt: number,
    private readonly jumpGoto: boolean,
  ) {}

  /** The resolved option at place `k` (0 ≤ k < optionCount). */
  specAt(k: number): OptionSpec {
    return this.parts[2 * k] as OptionSpec;
  }

  useAt(k: number): OptionUse {
    return this.rule.options[(this.parts[2 * k + 1] as number) >> 2] as OptionUse;
  }

  ownerAt(k: number): OptionOwner {
    return owners[(this.parts[2 * k + 1] as number) & 3] as OptionOwner;
  }

  /** Whether the rule loads the match `name` (with `-m`, or implicitly by `-p`). */
  loads(name: string): boolean {
    for (let k = 2 * this.optionCount; k < this.parts.length; k += 2)
      if ((this.parts[k] as MatchSpec).name === name) return true;
    return false;
  }

  /** Each option with what it resolved to, in line order (unknown options left out). */
  get options(): readonly ResolvedOption[] {
    const out: ResolvedOption[] = [];
    for (let k = 0; k < this.optionCount; k++)
      out.push({ use: this.useAt(k), spec: this.specAt(k), owner: this.ownerAt(k) });
    return out;
  }

  /** The loaded matches, in the order they were loaded. */
  get matches(): readonly LoadedMatch[] {
    const out: LoadedMatch[] = [];
    for (let k = 2 * this.optionCount; k < this.parts.length; k += 2) {
      const at = this.parts[k + 1] as number;
      out.push({ spec: this.parts[k] as MatchSpec, use: at < 0 ? undefined : this.rule.options[at] });
    }
    return out;
  }

  /** `-p` as its canonical protocol name, its option, and whether it is negated. */
  get protocol(): { readonly name: string; readonly use: OptionUse; readonly negated: boolean } | undefined {
    if (this.protocolAt < 0) return undefined;
    const use = this.rule.options[this.protocolAt] as OptionUse;
    return { name: this.protocolName as string, use, negated: this.protocolNegated };
  }

  /** `-j NAME` when NAME is a verdict or target extension. */
  get target(): { readonly spec: TargetSpec; readonly use: OptionUse } | undefined {
    if (!this.targetSpec) return undefined;
    return { spec: this.targetSpec, use: this.rule.options[this.targetAt] as OptionUse };
  }

  /** The target extension's spec of `-j NAME`, without making the `target` shape. */
  get targetName(): string | undefined {
    return this.targetSpec?.name;
  }

  /** `-j NAME` / `-g NAME` when NAME is not a target: a chain. */
  get chainJump(): { readonly name: Token; readonly use: OptionUse; readonly goto: boolean } | undefined {
    if (this.jumpAt < 0) return undefined;
    const use = this.rule.options[this.jumpAt] as OptionUse;
    return { name: use.args[0] as Token, use, goto: this.jumpGoto };
  }

  /** The chain `-j`/`-g` names (undefined when the rule jumps to no chain), and whether it is `-g`. */
  get jumpName(): Token | undefined {
    return this.jumpAt < 0 ? undefined : (this.rule.options[this.jumpAt]?.args[0] as Token);
  }

  get goto(): boolean {
    return this.jumpGoto;
  }
}

type Owner = 'generic' | LoadedMatch | TargetSpec;

interface Resolved {
  readonly use: OptionUse;
  readonly at: number;
  readonly spec: OptionSpec;
  readonly owner: Owner;
}

const syntax = 'iptables/syntax' as const;

type Candidate = { spec: OptionSpec; owner: Owner };

/** Each list of options by spelling (the first option of the list with that spelling), made once per list. */
const spellingIndex = new WeakMap<readonly OptionSpec[], Map<string, OptionSpec>>();

function spelledIn(options: readonly OptionSpec[], word: string): OptionSpec | undefined {
  let index = spellingIndex.get(options);
  if (!index) {
    index = new Map();
    for (const spec of options) for (const n of optionNames(spec)) if (!index.has(n)) index.set(n, spec);
    spellingIndex.set(options, index);
  }
  return index.get(word);
}

/**
 * The option `word` names among `groups` (each a list of options and their owner), as getopt finds it:
 * an exact spelling first, else a unique `--prefix` of one option; 'ambiguous' when the prefix fits several.
 */
function resolveAmong(
  word: string,
  groups: ReadonlyArray<{ options: readonly OptionSpec[]; owner: Owner }>,
): Candidate | 'ambiguous' | undefined {
  for (const g of groups) {
    const spec = spelledIn(g.options, word);
    if (spec) return { spec, owner: g.owner };
  }
  if (!word.startsWith('--') || word.length < 3) return undefined;
  let first: Candidate | undefined;
  for (const g of groups) {
    for (const spec of g.options) {
      if (!optionNames(spec).some((n) => n.startsWith(word))) continue;
      if (!first) first = { spec, owner: g.owner };
      else if (first.spec !== spec) return 'ambiguous';
    }
  }
  return first;
}

/** `resolveAmong` over the loaded matches, then the target: exact spellings looked up without a list of groups. */
function resolveLoaded(
  word: string,
  matches: readonly LoadedMatch[],
  target: TargetSpec | undefined,
  groups: () => ReadonlyArray<{ options: readonly OptionSpec[]; owner: Owner }>,
): Candidate | 'ambiguous' | undefined {
  for (const m of matches) {
    const spec = spelledIn(m.spec.options, word);
    if (spec) return { spec, owner: m };
  }
  const spec = target ? spelledIn(target.options, word) : undefined;
  if (target && spec) return { spec, owner: target };
  if (!word.startsWith('--') || word.length < 3) return undefined;
  return resolveAmong(word, groups());
}

export function analyzeRule(rule: RuleLine, family: IpFamily, findings: Finding[]): RuleAnalysis {
  const matches: LoadedMatch[] = [];
  const resolved: Resolved[] = [];
  let protocol: { name: string; use: OptionUse; at: number; negated: boolean } | undefined;
  let target: { spec: TargetSpec; use: OptionUse; at: number } | undefined;
  let chainJump: { at: number; goto: boolean } | undefined;
  /** After an unknown `-m`, its options are unknown too: report only the module. */
  let unknownModule = false;

  /** The options of the loaded matches, then of the target, with their owners. */
  const candidates = (): Array<{ options: readonly OptionSpec[]; owner: Owner }> => {
    const out: Array<{ options: readonly OptionSpec[]; owner: Owner }> = matches.map((m) => ({
      options: m.spec.options,
      owner: m,
    }));
    if (target) out.push({ options: target.spec.options, owner: target.spec });
    return out;
  };

  const uses = rule.options;
  for (let at = 0; at < uses.length; at++) {
    const use = uses[at] as OptionUse;
    const word = use.name.value;
    if (word === '-t' || word === '--table' || (word.startsWith('--t') && '--table'.startsWith(word))) {
      findings.push({
        code: syntax,
        message: '`-t` cannot be used inside a rules file: the table comes from the `*table` line above.',
        start: use.span.start,
        end: use.span.end,
      });
      continue;
    }
    let generic = lookupGenericOption(word);
    let hit: { spec: OptionSpec; owner: Owner } | 'ambiguous' | undefined = generic
      ? { spec: generic, owner: 'generic' }
      : undefined;
    if (!hit) hit = resolveLoaded(word, matches, target?.spec, candidates);
    if (!hit && protocol && !protocol.negated) {
      const p = lookupProtocol(protocol.name);
      const implicit = p?.implicitMatch ? lookupMatch(p.implicitMatch, family) : undefined;
      if (implicit && !matches.some((m) => m.spec === implicit)) {
        matches.push({ spec: implicit, use: undefined });
        hit = resolveLoaded(word, matches, target?.spec, candidates);
      }
    } else if (!hit && protocol && protocol.negated) {
      const p = lookupProtocol(protocol.name);
      const implicit = p?.implicitMatch ? lookupMatch(p.implicitMatch, family) : undefined;
      if (implicit && implicit.options.some((o) => optionNames(o).includes(word))) {
        matches.push({ spec: implicit, use: undefined });
        hit = resolveLoaded(word, matches, target?.spec, candidates);
      }
    }
    if (!hit && word.startsWith('--') && word.length > 3) {
      const g = resolveAmong(word, genericLong());
      if (g && g !== 'ambiguous') {
        hit = g;
        generic = g.spec;
      }
    }
    if (hit === 'ambiguous') {
      findings.push({
        code: 'iptables/unknown-option',
        message: `\`${word}\` is an abbreviation of more than one option: iptables refuses it ("unknown option"). Write the option out.`,
        start: use.name.start,
        end: use.name.end,
      });
      continue;
    }
    if (!hit) {
      if (!unknownModule) findings.push(unknownOption(use, rule, family, protocol?.name, target?.spec.name));
      continue;
    }
    const { spec, owner } = hit;
    if (spec.name !== '-m' && resolved.some((r) => r.spec === spec && r.owner === owner)) {
      findings.push({
        code: syntax,
        message: `\`${spec.name}\` is given twice in one rule: iptables allows it only once${owner === 'generic' ? '' : ' per module'}.`,
        start: use.name.start,
        end: use.name.end,
      });
    }
    if (use.negation && use.negation.start > use.name.start) {
      findings.push({
        code: syntax,
        message:
          'Old negation syntax `-x ! value`: iptables now requires `! -x value`, and rejects this line ("Bad argument").',
        start: use.negation.start,
        end: use.negation.end,
      });
    } else if (use.negation && owner === 'generic' && !spec.negatable) {
      findings.push({
        code: syntax,
        message: `\`${spec.name}\` cannot be negated with \`!\`.`,
        start: use.negation.start,
        end: use.negation.end,
      });
    }
    const want = optionArgCount(spec);
    if (use.args.length < want) {
      findings.push({
        code: 'iptables/missing-argument',
        message: `\`${word}\` needs ${want === 1 ? 'a value' : `${want} values`} (${spec.argHint ?? spec.arg}) after it. iptables-restore fails on this line.`,
        start: use.name.start,
        end: use.name.end,
      });
    } else if (use.args.length > want) {
      const stray = use.args[want] as Token;
      const prev = use.args[want - 1];
      if (!(prev && prev.value.endsWith(','))) {
        findings.push({
          code: syntax,
          message: `\`${stray.value}\` is an extra word after \`${word}\`${want ? ' and its value' : ''}: iptables-restore rejects the line ("Bad argument").${stray.value.includes(' ') ? '' : ' Quote values that contain spaces.'}`,
          start: stray.start,
          end: stray.end,
        });
      }
    }
    resolved.push({ use, at, spec, owner });
    const value = use.args[0]?.value;
    if (owner !== 'generic' || value === undefined) continue;
    if (spec.name === '-p') {
      if (protocol)
        findings.push({ code: syntax, message: 'Only one `-p` per rule.', start: use.name.start, end: use.name.end });
      const p = lookupProtocol(value);
      if (!p)
        findings.push({
          code: syntax,
          message: `\`${value}\` is not a protocol iptables knows: use a name such as tcp, udp, icmp${family === 'ipv6' ? ', ipv6-icmp' : ''} or a number 0–255.`,
          start: (use.args[0] as Token).start,
          end: (use.args[0] as Token).end,
        });
      protocol = { name: p?.name ?? value.toLowerCase(), use, at, negated: use.negation !== undefined };
    } else if (spec.name === '-m') {
      const m = lookupMatch(value, family);
      if (!m) {
        const other = lookupMatch(value, family === 'ipv4' ? 'ipv6' : 'ipv4');
        const hint = other
          ? ` It exists only for ${family === 'ipv4' ? 'ip6tables' : 'iptables'}${value === 'icmp' ? '; use -m icmp6 with -p ipv6-icmp' : value === 'icmp6' ? '; use -m icmp with -p icmp' : ''}.`
          : '';
        unknownModule = true;
        findings.push({
          code: 'iptables/unknown-match',
          message: `There is no match module \`${value}\`: iptables-restore fails ("Couldn't load match").${hint}`,
          start: (use.args[0] as Token).start,
          end: (use.args[0] as Token).end,
        });
      } else {
        matches.push({ spec: m, use });
      }
    } else if (spec.name === '-j' || spec.name === '-g') {
      if (target || chainJump)
        findings.push({
          code: syntax,
          message: 'Only one `-j`/`-g` per rule.',
          start: use.name.start,
          end: use.name.end,
        });
      const t = spec.name === '-j' ? lookupTarget(value, family) : undefined;
      if (t) target = { spec: t, use, at };
      else chainJump = { at, goto: spec.name === '-g' };
    }
  }
  for (const m of matches) {
    for (const group of m.spec.requires ?? []) {
      if (!resolved.some((r) => r.owner === m && group.includes(r.spec.name))) {
        const at = m.use?.args[0] ?? m.use?.name ?? rule.command;
        findings.push({
          code: 'iptables/missing-argument',
          message: `The ${m.spec.name} match needs ${group.map((g) => `\`${g}\``).join(' or ')}. iptables-restore fails on this line.`,
          start: at.start,
          end: at.end,
        });
      }
    }
  }
  if (target) {
    for (const group of target.spec.requires ?? []) {
      if (!resolved.some((r) => r.owner === target?.spec && group.includes(r.spec.name))) {
        const at = target.use.args[0] ?? target.use.name;
        findings.push({
          code: 'iptables/missing-argument',
          message: `${target.spec.name} needs ${group.map((g) => `\`${g}\``).join(' or ')}. iptables-restore fails on this line.`,
          start: at.start,
          end: at.end,
        });
      }
    }
  }
  return packed(rule, resolved, matches, protocol, target, chainJump);
}

/** The analysis kept: the resolved options and matches as two lists, the rest as numbers. */
function packed(
  rule: RuleLine,
  resolved: readonly Resolved[],
  matches: readonly LoadedMatch[],
  protocol: { name: string; at: number; negated: boolean } | undefined,
  target: { spec: TargetSpec; at: number } | undefined,
  chainJump: { at: number; goto: boolean } | undefined,
): RuleAnalysis {
  const length = resolved.length + matches.length;
  let parts: readonly (OptionSpec | MatchSpec | number)[] = emptyParts;
  if (length) {
    const p = new Array<OptionSpec | MatchSpec | number>(2 * length);
    let k = 0;
    for (const r of resolved) {
      p[k++] = r.spec;
      p[k++] = r.at * 4 + (r.owner === 'generic' ? 0 : 'spec' in r.owner ? 1 : 2);
    }
    for (const m of matches) {
      p[k++] = m.spec;
      p[k++] = m.use ? rule.options.indexOf(m.use) : -1;
    }
    parts = p;
  }
  return new RuleAnalysis(
    rule,
    parts,
    resolved.length,
    protocol?.name,
    protocol?.at ?? -1,
    protocol?.negated ?? false,
    target?.spec,
    target?.at ?? -1,
    chainJump?.at ?? -1,
    chainJump?.goto ?? false,
  );
}

let genericLongCache: Array<{ options: readonly OptionSpec[]; owner: 'generic' }> | undefined;
function genericLong(): Array<{ options: readonly OptionSpec[]; owner: 'generic' }> {
  if (!genericLongCache) {
    const names = [
      '--protocol',
      '--source',
      '--destination',
      '--in-interface',
      '--out-interface',
      '--fragment',
      '--match',
      '--jump',
      '--goto',
      '--set-counters',
    ];
    genericLongCache = [{ options: names.map((n) => lookupGenericOption(n) as OptionSpec), owner: 'generic' }];
  }
  return genericLongCache;
}

function unknownOption(
  use: OptionUse,
  rule: RuleLine,
  family: IpFamily,
  proto: string | undefined,
  target: string | undefined,
): Finding {
  const word = use.name.value;
  const fix = protocolFix(use, rule, family);
  let why = 'no loaded match or target provides it';
  if (fix)
    why = proto
      ? `it needs ${fix.needs}, and \`-p ${proto}\` does not provide it`
      : `it is only known after ${fix.needs} (earlier on the line)`;
  else if (
    lookupTarget('REJECT', family)?.options.some((o) => o.name === word) ||
    lookupTarget('LOG', family)?.options.some((o) => o.name === word)
  )
    why = target
      ? `it belongs to another target than ${target}`
      : 'target options are only known after their `-j TARGET`';
  return {
    code: 'iptables/unknown-option',
    message: `\`${word}\` is not known here; iptables-restore fails on this line ("unknown option"). ${why.charAt(0).toUpperCase()}${why.slice(1)}.`,
    start: use.name.start,
    end: use.name.end,
    ...(fix ? { fixes: fix.fixes } : {}),
  };
}
