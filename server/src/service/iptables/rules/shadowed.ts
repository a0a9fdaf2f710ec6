/**
 * `iptables/shadowed-rule`: a rule no packet can reach because an earlier terminal rule of its chain
 * takes all of its packets.
 *
 * Per chain, each rule's earliest hider is kept with the chain's hider index, by table block and chain
 * name. A keystroke that changes one rule line (`reparseLine.ts` keeps every other line object) updates
 * the index and the answers instead of working the chain out again: rules before the changed one keep
 * theirs; a later rule hidden before the changed one keeps its hider; one hidden by the changed rule
 * looks again; any other later rule only checks whether the changed rule now hides it.
 */
import type { RuleLine, TableBlock } from '../ast';
import type { Finding } from '../../types';
import type { FlowChain, FlowTable } from '../flow/chains';
import type { RuleConditions } from '../flow/conditions';
import { comparable } from '../flow/covers';
import { HiderIndex, type Hider } from '../flow/hiderIndex';
import { ruleKey } from '../ruleKey';
import type { IptablesRule } from './rule';
import { appendAll } from '../../appendAll';

const terminalTargets = new Set(['ACCEPT', 'DROP', 'REJECT']);

/** What is known of one chain: its rule lines in order, their hider entries, and each rule's hider. */
interface ChainState {
  readonly lines: RuleLine[];
  readonly entries: Array<Hider | undefined>;
  readonly index: HiderIndex;
  /** Position of each rule's earliest hider, or -1. */
  readonly hiddenBy: number[];
}

const states = new WeakMap<TableBlock, Map<string, ChainState>>();

function isHider(c: RuleConditions): boolean {
  return comparable(c) && c.target !== undefined && !c.target.goto && terminalTargets.has(c.target.name);
}

function entryOf(chain: FlowChain, i: number): Hider | undefined {
  const rule = chain.rules[i];
  return rule && isHider(rule.conds)
    ? { conds: rule.conds, line: rule.line, index: i, text: ruleKey(rule.line) }
    : undefined;
}

function hiderOf(state: ChainState, chain: FlowChain, j: number): number {
  const rule = chain.rules[j];
  if (!rule || !comparable(rule.conds)) return -1;
  return state.index.first(rule.conds, j, ruleKey(rule.line))?.index ?? -1;
}

function workOut(chain: FlowChain): ChainState {
  const lines = chain.rules.map((r) => r.line);
  const index = new HiderIndex();
  const entries = chain.rules.map((_, i) => entryOf(chain, i));
  for (const e of entries) if (e) index.add(e);
  const state: ChainState = { lines, entries, index, hiddenBy: lines.map(() => -1) };
  for (let j = 0; j < lines.length; j++) state.hiddenBy[j] = hiderOf(state, chain, j);
  return state;
}

/** The one position where the chain's rule lines differ from `state`'s, -1 when none, undefined when more. */
function changedPosition(state: ChainState, chain: FlowChain): number | undefined {
  if (state.lines.length !== chain.rules.length) return undefined;
  let changed = -1;
  for (let i = 0; i < chain.rules.length; i++) {
    if (state.lines[i] === (chain.rules[i] as FlowChain['rules'][number]).line) continue;
    if (changed >= 0) return undefined;
    changed = i;
  }
  return changed;
}

function update(state: ChainState, chain: FlowChain, k: number): void {
  const old = state.entries[k];
  if (old) state.index.remove(old);
  const entry = entryOf(chain, k);
  if (entry) state.index.add(entry);
  state.entries[k] = entry;
  state.lines[k] = (chain.rules[k] as FlowChain['rules'][number]).line;
  state.hiddenBy[k] = hiderOf(state, chain, k);
  for (let j = k + 1; j < state.lines.length; j++) {
    const before = state.hiddenBy[j] as number;
    if (before >= 0 && before < k) continue;
    if (before === k) {
      state.hiddenBy[j] = hiderOf(state, chain, j);
      continue;
    }
    const rule = chain.rules[j] as FlowChain['rules'][number];
    if (entry && comparable(rule.conds) && state.index.hides(entry, rule.conds, ruleKey(rule.line)))
      state.hiddenBy[j] = k;
  }
}

function chainState(block: TableBlock, chain: FlowChain): ChainState {
  let byChain = states.get(block);
  if (!byChain) {
    byChain = new Map();
    states.set(block, byChain);
  }
  const known = byChain.get(chain.name);
  const changed = known ? changedPosition(known, chain) : undefined;
  if (known && changed !== undefined) {
    if (changed >= 0) update(known, chain, changed);
    return known;
  }
  const state = workOut(chain);
  byChain.set(chain.name, state);
  return state;
}

/**
 * 1-based line numbers of offsets, from one scan of the text (made when the first is asked for; the
 * text too, which a large document joins only then).
 */
function lineNumbers(textOf: () => string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      const text = textOf();
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

export function shadowedFindings(table: FlowTable, text: string | (() => string)): Finding[] {
  const findings: Finding[] = [];
  const lineOf = lineNumbers(typeof text === 'string' ? () => text : text);
  for (const chain of table.chains.values()) {
    const state = chainState(table.block, chain);
    state.hiddenBy.forEach((h, j) => {
      if (h < 0) return;
      const rule = chain.rules[j] as FlowChain['rules'][number];
      const shadow = chain.rules[h] as FlowChain['rules'][number];
      const verdict = shadow.conds.target?.name ?? '';
      findings.push({
        code: 'iptables/shadowed-rule',
        message: `This rule never matches: line ${lineOf(shadow.line.span.start)} already decides (-j ${verdict}) every packet it would match.`,
        start: rule.line.span.start,
        end: rule.line.span.end,
        unnecessary: true,
        related: [
          {
            start: shadow.line.span.start,
            end: shadow.line.span.end,
            message: `this earlier rule takes these packets first (-j ${verdict})`,
          },
        ],
      });
    });
  }
  return findings;
}

export const shadowedRule: IptablesRule = (input) => {
  const findings: Finding[] = [];
  for (const table of input.tables)
    appendAll(
      findings,
      shadowedFindings(table, () => input.text),
    );
  return findings;
};
