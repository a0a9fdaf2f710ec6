import type { IpFamily, RuleLine, Span, Token } from '../ast';
import { buildTable, type FlowTable } from '../flow/chains';
import type { Cidr } from '../flow/cidr';

/** Where a rule of a rule set comes from: the user's file, or rules Docker adds at run time. */
export type RuleOrigin = 'file' | 'docker';

/** The tables the kernel ends up with: the last block of each table name, plus rules added at run time. */
export interface RuleSet {
  readonly family: IpFamily;
  readonly tables: ReadonlyMap<string, FlowTable>;
  /** The text each rule line's offsets point into. */
  textOf(line: RuleLine): string;
  originOf(line: RuleLine): RuleOrigin;
  /** Networks behind a bridge (Docker's `docker0`): a packet routed there leaves by that interface. */
  readonly bridges: ReadonlyArray<{ readonly cidr: Cidr; readonly iface: string }>;
}

export interface RulesSource {
  readonly family: IpFamily;
  readonly text: string;
  readonly tables: ReadonlyArray<{ readonly name: { readonly value: string } } & Parameters<typeof buildTable>[0]>;
}

/** Each `*table` block replaces that table when it commits: the last block of a name is what is loaded. */
export function ruleSetOf(file: RulesSource): RuleSet {
  const tables = new Map<string, FlowTable>();
  for (const block of file.tables) tables.set(block.name.value, buildTable(block, file.text));
  return {
    family: file.family,
    tables,
    textOf: () => file.text,
    originOf: () => 'file',
    bridges: [],
  };
}

/** The text of a rule line, as written. */
export function lineText(set: RuleSet, line: RuleLine): string {
  return set.textOf(line).slice(line.span.start, line.span.end);
}

/** A span inside the user's file, or undefined for rules that are not in it. */
export function fileSpan(set: RuleSet, at: RuleLine | Token | undefined): Span | undefined {
  if (!at) return undefined;
  if ('command' in at) return set.originOf(at) === 'file' ? { start: at.span.start, end: at.span.end } : undefined;
  return { start: at.start, end: at.end };
}
