/**
 * What completion and hover know about the chains of one table block: the user chains it declares
 * (sorted, with their lower-case forms for narrowing) and, per chain, how many rules append to it and
 * which rules jump to it. A Kubernetes nat table declares tens of thousands of chains in 100k rule
 * lines, so this is worked out once per table block and kept across keystrokes: a keystroke carries the
 * block over with one rule line replaced (`reparseLine.ts`), and the index is patched for the rule
 * objects that differ from the ones it saw (a compare of two arrays of references, no rule is read),
 * instead of being rebuilt from every rule (about 100 ms at 100k lines). Requests on the same model
 * skip even the compare.
 */
import type { ChainDecl, RuleLine, RulesFile, TableBlock } from '../ast';
import { tableInfo } from '../../data/iptables/tables';

/** Past this many changed rule lines the index is built again rather than patched. */
const patchLimit = 64;

export interface ChainUse {
  /** Rules appended or inserted into the chain (`-A`/`-I`). */
  rules: number;
  /** Rules that jump or go to the chain, in no particular order (`callersInOrder` sorts them). */
  readonly callers: RuleLine[];
}

const isNewChain = (r: RuleLine): boolean => r.commandName === '-N' || r.commandName === '--new-chain';
const addsRule = (r: RuleLine): boolean => r.commandName === '-A' || r.commandName === '-I';

export class TableChains {
  /** The table's built-in chains (from what the table is, not from the file). */
  readonly builtin: readonly string[];
  /** User chain name → how many `:NAME` lines and `-N NAME` rules declare it. */
  private readonly declared = new Map<string, number>();
  /** Per chain: its rules and callers; made on the first hover (completion needs the names only). */
  private uses: Map<string, ChainUse> | undefined;
  private sortedNames: string[] | undefined;
  private lowerNames: string[] | undefined;

  constructor(
    readonly tableName: string | undefined,
    decls: readonly ChainDecl[],
    private readonly rules: () => readonly RuleLine[],
  ) {
    this.builtin = tableName ? (tableInfo(tableName)?.chains ?? []) : [];
    for (const c of decls) if (!this.builtin.includes(c.name.value)) this.declare(c.name.value, 1);
    for (const r of rules()) if (isNewChain(r) && r.chain) this.declare(r.chain.value, 1);
  }

  /** The user chains, sorted by name (so a cut answer lists them by name without sorting per request). */
  get user(): readonly string[] {
    this.sortedNames ??= [...this.declared.keys()].sort();
    return this.sortedNames;
  }

  /** `user` in lower case, index for index. */
  get userLower(): readonly string[] {
    this.lowerNames ??= this.user.map((n) => n.toLowerCase());
    return this.lowerNames;
  }

  isUser(name: string): boolean {
    return this.declared.has(name);
  }

  use(name: string): ChainUse | undefined {
    if (!this.uses) {
      this.uses = new Map();
      for (const r of this.rules()) this.addUse(r, this.uses);
    }
    return this.uses.get(name);
  }

  private declare(name: string, by: 1 | -1): void {
    const count = (this.declared.get(name) ?? 0) + by;
    if (count > 0 === this.declared.has(name)) {
      if (count > 0) this.declared.set(name, count);
      return;
    }
    if (count > 0) this.declared.set(name, count);
    else this.declared.delete(name);
    this.sortedNames = undefined;
    this.lowerNames = undefined;
  }

  private addUse(r: RuleLine, uses: Map<string, ChainUse>): void {
    const chain = r.chain?.value;
    if (chain !== undefined && addsRule(r)) useOf(uses, chain).rules++;
    const target = r.jump?.args[0]?.value;
    if (target !== undefined) useOf(uses, target).callers.push(r);
  }

  /** A rule line that came into the table. */
  add(r: RuleLine): void {
    if (isNewChain(r) && r.chain) this.declare(r.chain.value, 1);
    if (this.uses) this.addUse(r, this.uses);
  }

  /** A rule line that left the table. */
  remove(r: RuleLine): void {
    if (isNewChain(r) && r.chain) this.declare(r.chain.value, -1);
    if (!this.uses) return;
    const chain = r.chain?.value;
    if (chain !== undefined && addsRule(r)) useOf(this.uses, chain).rules--;
    const target = r.jump?.args[0]?.value;
    if (target === undefined) return;
    const callers = useOf(this.uses, target).callers;
    const at = callers.indexOf(r);
    if (at >= 0) callers.splice(at, 1);
  }
}

function useOf(uses: Map<string, ChainUse>, name: string): ChainUse {
  let u = uses.get(name);
  if (!u) uses.set(name, (u = { rules: 0, callers: [] }));
  return u;
}

/** The first `limit` callers of `use` in line order, and how many there are in all. */
export function callersInOrder(use: ChainUse | undefined, limit: number): { first: RuleLine[]; total: number } {
  const callers = use?.callers ?? [];
  const first =
    callers.length <= limit ? [...callers].sort((a, b) => a.span.start - b.span.start) : nearestStarts(callers, limit);
  return { first, total: callers.length };
}

/** The `limit` callers that start first, without sorting all of them. */
function nearestStarts(callers: readonly RuleLine[], limit: number): RuleLine[] {
  const kept: RuleLine[] = [];
  for (const r of callers) {
    if (kept.length === limit && r.span.start >= (kept[limit - 1] as RuleLine).span.start) continue;
    let i = kept.length;
    while (i > 0 && (kept[i - 1] as RuleLine).span.start > r.span.start) i--;
    kept.splice(i, 0, r);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

interface Entry {
  readonly chains: TableChains;
  readonly decls: readonly ChainDecl[];
  readonly declCount: number;
  /** The rule objects the index holds, in table order. */
  readonly seen: RuleLine[];
  /**
   * The model the index was last brought up to (a model's rules do not change: no compare needed).
   * Weak, so an old model's text (megabytes) does not stay alive for this; a WeakSet rather than a
   * WeakRef, which would keep every model it was asked about alive until the end of the current job.
   */
  checked: WeakSet<RulesFile>;
}

const entries = new WeakMap<TableBlock, Entry>();
/** Text before any `*table` line: no chains of its own. */
const noTable = new TableChains(undefined, [], () => []);

/**
 * The chain index of `table` (a block of `file`), patched for the rule lines replaced since it was
 * last asked for.
 */
export function tableChains(file: RulesFile, table: TableBlock | undefined): TableChains {
  if (!table) return noTable;
  const known = entries.get(table);
  if (known && (known.checked.has(file) || patched(known, table))) {
    if (!known.checked.has(file)) known.checked = new WeakSet([file]);
    return known.chains;
  }
  const entry: Entry = {
    chains: new TableChains(table.name.value, table.chains, () => table.rules),
    decls: table.chains,
    declCount: table.chains.length,
    seen: [...table.rules],
    checked: new WeakSet([file]),
  };
  entries.set(table, entry);
  return entry.chains;
}

/** Brings `entry` up to the rules of `table`; false when too much changed to patch. */
function patched(entry: Entry, table: TableBlock): boolean {
  const rules = table.rules;
  if (entry.decls !== table.chains || entry.declCount !== table.chains.length || entry.seen.length !== rules.length)
    return false;
  const changed: number[] = [];
  for (let i = 0; i < rules.length; i++) {
    if (entry.seen[i] === rules[i]) continue;
    changed.push(i);
    if (changed.length > patchLimit) return false;
  }
  for (const i of changed) {
    entry.chains.remove(entry.seen[i] as RuleLine);
    entry.chains.add(rules[i] as RuleLine);
    entry.seen[i] = rules[i] as RuleLine;
  }
  return true;
}
