/**
 * Targets and matches in tables and chains where the kernel (or iptables) refuses them: REJECT outside
 * filter, MASQUERADE outside nat POSTROUTING, owner in INPUT, `-o` in INPUT, TCPMSS without a SYN
 * match… User chains are checked against every built-in chain that reaches them.
 */
import type { RuleLine, RulesFile, TableBlock, Token } from '../ast';
import type { Finding } from '../../types';
import type { RuleAnalysis } from '../analyzeRule';
import { isBuiltinChain, type Hook } from '../../data/iptables/tables';
import { lookupProtocol } from '../../data/iptables/protocols';
import { LineFindings } from '../lineFindings';
import type { IptablesRule } from './rule';
import { SplicedCheck } from '../lineSplice';

const hookOrder: readonly Hook[] = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];

/** Which hooks reach a chain, in hook order, with the key its rules' placement findings are cached by. */
interface ChainContext {
  readonly hooks: readonly Hook[];
  readonly key: string;
}

/**
 * The hooks that reach each chain of a table, worked out from the table's jumps. Kept per table with
 * the rules and jump targets it was worked out from: a keystroke that leaves every rule's chain and
 * jump target as they were (nearly all of them) reuses it instead of walking the table again.
 */
interface Reach {
  readonly rules: RuleLine[];
  readonly targets: (string | undefined)[];
  /** Each chain named in the table (as a rule's chain, a jump target or a hook) by number. */
  readonly ids: Map<string, number>;
  /** The hooks reaching each chain, by its number, as bits of `hookOrder`. */
  readonly hooks: Uint8Array;
  /** The context of each set of hook bits (a chain's context depends on its bits alone). */
  readonly contexts: (ChainContext | undefined)[];
}

const reachOf = new WeakMap<TableBlock, Reach>();

const jumpTarget = (r: RuleLine, analyses: ReadonlyMap<RuleLine, RuleAnalysis>): string | undefined =>
  r.chain ? analyses.get(r)?.chainJump?.name.value || undefined : undefined;

/** Whether the table's jumps are those `reach` was worked out from (updating its rule list if so). */
function sameJumps(reach: Reach, rules: readonly RuleLine[], analyses: ReadonlyMap<RuleLine, RuleAnalysis>): boolean {
  if (reach.rules.length !== rules.length) return false;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i] as RuleLine;
    const was = reach.rules[i] as RuleLine;
    if (r === was) continue;
    if (r.chain?.value !== was.chain?.value || jumpTarget(r, analyses) !== reach.targets[i]) return false;
    reach.rules[i] = r;
  }
  return true;
}

/** For each chain of a table: the built-in chains (hooks) from which it can be reached, as bits of `hookOrder`. */
function reachingHooks(table: TableBlock, analyses: ReadonlyMap<RuleLine, RuleAnalysis>): Reach {
  const known = reachOf.get(table);
  if (known && sameJumps(known, table.rules, analyses)) return known;
  // Chains by number, so that the walks below read arrays instead of hashing chain names.
  const ids = new Map<string, number>();
  const idOf = (name: string): number => {
    let id = ids.get(name);
    if (id === undefined) {
      id = ids.size;
      ids.set(name, id);
    }
    return id;
  };
  const edges: number[][] = [];
  const targets: (string | undefined)[] = [];
  for (const r of table.rules) {
    const to = jumpTarget(r, analyses);
    targets.push(to);
    if (!r.chain || !to) continue;
    const from = idOf(r.chain.value);
    (edges[from] ??= []).push(idOf(to));
  }
  const starts = hookOrder.map((hook) => (isBuiltinChain(table.name.value, hook) ? idOf(hook) : -1));
  const hooks = new Uint8Array(ids.size);
  starts.forEach((start, bit) => {
    if (start < 0) return;
    const stack: number[] = [start];
    const seen = new Uint8Array(ids.size);
    while (stack.length) {
      const c = stack.pop() as number;
      if (seen[c]) continue;
      seen[c] = 1;
      hooks[c] = (hooks[c] as number) | (1 << bit);
      for (const n of edges[c] ?? []) stack.push(n);
    }
  });
  const reach: Reach = { rules: [...table.rules], targets, ids, hooks, contexts: [] };
  reachOf.set(table, reach);
  return reach;
}

function contextOf(reach: Reach, tname: string, chain: string): ChainContext {
  const id = reach.ids.get(chain);
  const bits = id === undefined ? 0 : (reach.hooks[id] as number);
  let context = reach.contexts[bits];
  if (!context) {
    const hooks = hookOrder.filter((_, bit) => bits & (1 << bit));
    context = { hooks, key: `${tname}|${hooks.join(',')}` };
    reach.contexts[bits] = context;
  }
  return context;
}

function hasSynMatch(a: RuleAnalysis): boolean {
  return a.options.some((o) => {
    if (o.use.negation) return false;
    if (o.spec.name === '--syn') return true;
    if (o.spec.name !== '--tcp-flags') return false;
    const [mask, comp] = o.use.args.map((t) => t.value.toUpperCase().split(','));
    const has = (l: string[] | undefined): boolean => !!l && (l.includes('SYN') || l.includes('ALL'));
    return has(mask) && has(comp);
  });
}

function isProtocol(a: RuleAnalysis, names: readonly string[]): boolean {
  if (!a.protocol || a.protocol.negated) return false;
  const p = lookupProtocol(a.protocol.name);
  return !!p && names.includes(p.name);
}

function where(hooks: readonly string[], table: string): string {
  return `${table} ${hooks.join('/')}`;
}

export function checkPlacement(file: RulesFile, analyses: ReadonlyMap<RuleLine, RuleAnalysis>): Finding[] {
  const out: Finding[] = [];
  for (const table of file.tables) {
    const reach = reachingHooks(table, analyses);
    for (const rule of table.rules) for (const f of ruleFindings(rule, table, reach, analyses)) out.push(f);
  }
  return out;
}

/** A rule's placement findings depend on the rule, its table and the hooks that reach its chain. */
function ruleFindings(
  rule: RuleLine,
  table: TableBlock,
  reach: Reach,
  analyses: ReadonlyMap<RuleLine, RuleAnalysis>,
): readonly Finding[] {
  const a = analyses.get(rule);
  if (!a || !rule.chain) return [];
  const tname = table.name.value;
  const context = contextOf(reach, tname, rule.chain.value);
  const { hooks } = context;
  return placementFindings.of(rule, context.key, () => checkRule(rule, a, tname, hooks));
}

const placementFindings = new LineFindings();

function checkRule(rule: RuleLine, a: RuleAnalysis, tname: string, hooks: readonly Hook[]): Finding[] {
  const out: Finding[] = [];
  const code = 'iptables/target-not-allowed';
  const chain = (rule.chain as Token).value;
  // Only a finding's message reads it: worked out then, not for every rule.
  const via = (): string =>
    isBuiltinChain(tname, chain) ? '' : hooks.length ? ` (chain ${chain} is reached from ${hooks.join(', ')})` : '';
  const badHook = (allowed: readonly string[]): Hook | undefined => hooks.find((h) => !allowed.includes(h));
  const t = a.target;
  if (t) {
    const at = t.use.args[0] ?? t.use.name;
    const spec = t.spec;
    if (spec.tables && !spec.tables.some((x) => x === tname)) {
      out.push({
        code,
        message:
          spec.name === 'DROP'
            ? 'DROP is refused in the nat table (iptables will not filter there): drop in the filter table instead.'
            : `${spec.name} only works in the ${spec.tables.join(' or ')} table${spec.tables.length > 1 ? 's' : ''}; in ${tname} the rules fail to load.`,
        start: at.start,
        end: at.end,
      });
    } else if (spec.hooks) {
      const bad = badHook(spec.hooks);
      if (bad)
        out.push({
          code,
          message: `${spec.name} is only allowed in ${where(spec.hooks, spec.tables?.[0] ?? tname)}. The kernel refuses it in ${bad}${via()}, and the rules fail to load.`,
          start: at.start,
          end: at.end,
        });
    }
    if (spec.protocols && !isProtocol(a, spec.protocols)) {
      out.push({
        code,
        message: `${spec.name} needs the rule to match \`-p ${spec.protocols.join('|')}\`: without it the kernel refuses the rule.`,
        start: at.start,
        end: at.end,
      });
    } else if (spec.name === 'TCPMSS' && !hasSynMatch(a)) {
      out.push({
        code,
        message:
          'TCPMSS only works on SYN packets. Add `--tcp-flags SYN,RST SYN` (or `--syn`), or the legacy backend refuses the rule.',
        start: at.start,
        end: at.end,
      });
    }
    const rejectWith = spec.name === 'REJECT' ? a.options.find((o) => o.spec.name === '--reject-with') : undefined;
    const rw = rejectWith?.use.args[0];
    if (
      spec.name === 'REJECT' &&
      rw &&
      (rw.value === 'tcp-reset' || rw.value === 'tcp-rst') &&
      !isProtocol(a, ['tcp'])
    ) {
      out.push({
        code,
        message: 'A TCP reset can only answer TCP packets: add `-p tcp` to this rule, or the kernel refuses it.',
        start: rw.start,
        end: rw.end,
      });
    }
  }
  for (const m of a.matches) {
    if (!m.spec.hooks) continue;
    const bad = badHook(m.spec.hooks);
    const at = m.use?.args[0] ?? m.use?.name ?? (rule.chain as Token);
    if (bad)
      out.push({
        code,
        message: `The ${m.spec.name} match only works in ${m.spec.hooks.join(', ')}; the kernel refuses it in ${bad}${via()}.`,
        start: at.start,
        end: at.end,
      });
  }
  if (a.protocol?.negated && a.matches.some((m) => !m.use && m.spec.protocols)) {
    const m = a.matches.find((x) => !x.use && x.spec.protocols);
    out.push({
      code,
      message: `Port options need the rule limited to ${m?.spec.name}: with \`! -p ${a.protocol.name}\` the kernel refuses them (the legacy backend fails to load).`,
      start: a.protocol.use.span.start,
      end: a.protocol.use.span.end,
    });
  }
  for (const o of a.options) {
    if (
      o.owner === 'generic' &&
      (o.spec.name === '-i' || o.spec.name === '-o') &&
      isBuiltinChain(tname, chain) &&
      o.spec.hooks &&
      !o.spec.hooks.some((h) => h === chain)
    ) {
      out.push({
        code,
        message: `\`${o.spec.name}\` cannot be used in ${chain}: ${o.spec.name === '-o' ? 'incoming packets have no output interface yet' : 'locally sent packets have no input interface'}. iptables refuses the rule.`,
        start: o.use.name.start,
        end: o.use.name.end,
      });
      continue;
    }
    if (o.owner === 'generic') continue;
    let allowed = o.spec.hooks;
    if (o.spec.name === '--dir')
      allowed =
        o.use.args[0]?.value === 'in' ? ['PREROUTING', 'INPUT', 'FORWARD'] : ['FORWARD', 'OUTPUT', 'POSTROUTING'];
    if (!allowed) continue;
    const bad = badHook(allowed);
    if (bad)
      out.push({
        code,
        message: `\`${o.spec.name}${o.spec.name === '--dir' ? ` ${o.use.args[0]?.value ?? ''}` : ''}\` only works in ${allowed.join(', ')}; the kernel refuses it in ${bad}${via()}.`,
        start: o.use.span.start,
        end: o.use.span.end,
      });
  }
  for (const m of a.matches) {
    if (!m.use || !m.spec.protocols) continue;
    if (!isProtocol(a, m.spec.protocols)) {
      out.push({
        code: 'iptables/unknown-option',
        message: `The ${m.spec.name} match needs a protocol on the rule. Use \`-p ${m.spec.protocols.join('`, `-p ')}\`; iptables refuses it otherwise ("${m.spec.name} match requires -p").`,
        start: m.use.span.start,
        end: m.use.span.end,
        fixes:
          m.spec.protocols.length && !a.protocol
            ? [
                {
                  title: `Insert \`-p ${m.spec.protocols[0]}\``,
                  edits: [{ start: m.use.span.start, end: m.use.span.start, newText: `-p ${m.spec.protocols[0]} ` }],
                  preferred: true,
                },
              ]
            : [],
      });
    }
  }
  return out;
}

/**
 * Carried over per keystroke while every table's reach is the one worked out before (the keystroke
 * changed no chain nor jump target): then only the edited rule's findings can change.
 */
const placementKept = new SplicedCheck<readonly Reach[]>(
  'placement',
  (a, b) => a.length === b.length && a.every((r, i) => r === b[i]),
);

export const placementRule: IptablesRule = (input) => {
  const { file, analyses } = input;
  const reaches = file.tables.map((t) => reachingHooks(t, analyses));
  return placementKept.findings(
    file,
    reaches,
    () => checkPlacement(file, analyses),
    (rule) => {
      const i = rule.table ? file.tables.indexOf(rule.table) : -1;
      return i < 0 ? [] : [...ruleFindings(rule, rule.table as TableBlock, reaches[i] as Reach, analyses)];
    },
  ) as Finding[];
};
