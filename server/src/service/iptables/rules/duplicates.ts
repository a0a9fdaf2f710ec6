/**
 * `iptables/duplicate-rule`: an `-A` rule whose chain already has the same rule (same key, `ruleKey.ts`)
 * above it in the same table. The rules of each table are kept in buckets by chain and key, so a
 * keystroke in one rule line moves that line between two buckets and the findings are those of the
 * buckets holding more than one rule, instead of a key map built over the whole file per keystroke.
 */
import type { RuleLine, RulesFile, TableBlock } from '../ast';
import type { Finding } from '../../types';
import { removeLinesEdit } from '../../text/lines';
import { ruleKey } from '../ruleKey';
import { editsOf, modelKey } from '../reparseLine';
import { countPass } from '../passCounts';
import type { IptablesRule } from './rule';

/**
 * One table's `-A` rules by chain and key, each bucket in file order; `shared` holds the buckets of two
 * or more. A key with one rule (nearly all of them) maps to the rule itself, not to a list of one: a
 * list per rule line was a tenth of what the checks keep per line.
 */
interface TableIndex {
  readonly byChain: Map<string, Map<string, RuleLine | RuleLine[]>>;
  readonly shared: Set<RuleLine[]>;
}

const indexed = (rule: RuleLine): boolean => rule.commandName === '-A' && rule.chain !== undefined;

const chainOf = (rule: RuleLine): string => (rule.chain as NonNullable<RuleLine['chain']>).value;

function indexTable(table: TableBlock): TableIndex {
  const index: TableIndex = { byChain: new Map(), shared: new Set() };
  for (const rule of table.rules) if (indexed(rule)) insert(index, rule);
  return index;
}

function remove(index: TableIndex, rule: RuleLine): void {
  if (!indexed(rule)) return;
  const inChain = index.byChain.get(chainOf(rule));
  const key = ruleKey(rule);
  const bucket = inChain?.get(key);
  if (!inChain || bucket === undefined) return;
  if (!Array.isArray(bucket)) {
    if (bucket === rule) inChain.delete(key);
    return;
  }
  const i = bucket.indexOf(rule);
  if (i < 0) return;
  bucket.splice(i, 1);
  if (bucket.length < 2) index.shared.delete(bucket);
  if (bucket.length === 1) inChain.set(key, bucket[0] as RuleLine);
}

function insert(index: TableIndex, rule: RuleLine): void {
  if (!indexed(rule)) return;
  const chain = chainOf(rule);
  let inChain = index.byChain.get(chain);
  if (!inChain) {
    inChain = new Map();
    index.byChain.set(chain, inChain);
  }
  const key = ruleKey(rule);
  const known = inChain.get(key);
  if (known === undefined) {
    inChain.set(key, rule);
    return;
  }
  const bucket = Array.isArray(known) ? known : [known];
  if (bucket !== known) inChain.set(key, bucket);
  // The bucket's lines are in file order, their offsets already those of the new text.
  let lo = 0,
    hi = bucket.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((bucket[mid] as RuleLine).span.start < rule.span.start) lo = mid + 1;
    else hi = mid;
  }
  bucket.splice(lo, 0, rule);
  if (bucket.length >= 2) index.shared.add(bucket);
}

/** The index of each table, kept per model and taken over by the model after a keystroke. */
const kept = new WeakMap<object, Map<TableBlock, TableIndex>>();

function indexesOf(file: RulesFile): Map<TableBlock, TableIndex> {
  const key = modelKey(file);
  const known = kept.get(key);
  if (known) return known;
  let indexes: Map<TableBlock, TableIndex> | undefined;
  for (const edit of editsOf(file)) {
    const before = kept.get(edit.previous);
    const table = edit.rule.table;
    if (!before || !table || !before.has(table) || before.size !== file.tables.length) continue;
    kept.delete(edit.previous);
    const index = before.get(table) as TableIndex;
    remove(index, edit.old);
    insert(index, edit.rule);
    indexes = before;
    break;
  }
  if (!indexes) {
    countPass('duplicates');
    indexes = new Map(file.tables.map((t) => [t, indexTable(t)]));
  }
  kept.set(key, indexes);
  return indexes;
}

export function checkDuplicateRules(file: RulesFile): Finding[] {
  const out: Finding[] = [];
  const indexes = indexesOf(file);
  for (const table of file.tables) {
    const index = indexes.get(table);
    if (!index || index.shared.size === 0) continue;
    const copies: [RuleLine, RuleLine][] = [];
    for (const bucket of index.shared) {
      const first = bucket[0] as RuleLine;
      for (let i = 1; i < bucket.length; i++) copies.push([bucket[i] as RuleLine, first]);
    }
    copies.sort((a, b) => a[0].span.start - b[0].span.start);
    for (const [rule, first] of copies) {
      out.push({
        code: 'iptables/duplicate-rule',
        message: `The same rule is already in ${(rule.chain as NonNullable<RuleLine['chain']>).value} above: this copy never matches anything the first did not.`,
        start: rule.command.start,
        end: rule.span.end,
        related: [{ start: first.span.start, end: first.span.end, message: 'first copy' }],
        unnecessary: true,
        fixes: [
          {
            title: 'Remove the duplicate rule',
            edits: [removeLinesEdit(file.text, rule.span.start, rule.span.end)],
            preferred: true,
          },
        ],
      });
    }
  }
  return out;
}

export const duplicateRulesRule: IptablesRule = (input) => checkDuplicateRules(input.file);
