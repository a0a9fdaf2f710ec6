/**
 * The one shape of every iptables rule: a function from what the rule reads of a rules file to its
 * findings (offsets into the file text). `validate.ts` lists them; a new rule is its file, its
 * catalogue entry and its line in that list.
 */
import type { EmbeddedContext } from '../../embedded/languages';
import type { Finding } from '../../types';
import type { IpFamily, RuleLine, RulesFile } from '../ast';
import type { RuleAnalysis } from '../analyzeRule';
import { buildTable, type FlowTable } from '../flow/chains';

/** What each rule line resolved to, and the findings of resolving and checking each line on its own. */
export interface LineAnalyses {
  readonly analyses: ReadonlyMap<RuleLine, RuleAnalysis>;
  readonly findings: readonly Finding[];
}

/**
 * What a rule reads: the parsed file and where it lives; the per-line analyses and the walkable tables on first use.
 */
export class RulesInput {
  private lines: LineAnalyses | undefined;
  private built: readonly FlowTable[] | undefined;

  constructor(
    readonly file: RulesFile,
    readonly ctx: EmbeddedContext,
    private readonly analyze: (file: RulesFile) => LineAnalyses,
  ) {}

  get family(): IpFamily {
    return this.file.family;
  }

  get text(): string {
    return this.file.text;
  }

  get lineAnalyses(): LineAnalyses {
    this.lines ??= this.analyze(this.file);
    return this.lines;
  }

  /** Each rule line's options resolved against the modules loaded on that line. */
  get analyses(): ReadonlyMap<RuleLine, RuleAnalysis> {
    return this.lineAnalyses.analyses;
  }

  /** One rule line's analysis as a map of its own: a check run on that line alone (`lineSplice.ts`). */
  onlyLine(rule: RuleLine): ReadonlyMap<RuleLine, RuleAnalysis> {
    const a = this.analyses.get(rule);
    return new Map(a ? [[rule, a]] : []);
  }

  /** Every table block as the kernel walks it (the flow engine's model, `flow/`). */
  get tables(): readonly FlowTable[] {
    // The text is read only if a `-D` rule needs it (a large document's text is joined then only).
    this.built ??= this.file.tables.map((block) => buildTable(block, () => this.file.text));
    return this.built;
  }

  /** Each block replaces its table when it commits: the last filter block is what ends up loaded. */
  get filter(): FlowTable | undefined {
    return [...this.tables].reverse().find((t) => t.block.name.value === 'filter');
  }
}

export type IptablesRule = (input: RulesInput) => Finding[];
