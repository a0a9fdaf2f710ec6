/**
 * Every iptables rule, in one place and one shape (`rules/rule.ts`): the line rules, whose findings are
 * sorted by place, then the flow rules, which walk the rule set as the kernel does (the walk itself is
 * `flow/`). Offsets are into the file text.
 */
import type { RuleLine, RulesFile } from './ast';
import type { Finding } from '../types';
import type { EmbeddedContext } from '../embedded/languages';
import { analyzeRule, type RuleAnalysis } from './analyzeRule';
import { movedFindings } from '../movedFindings';
import { appendAll } from '../appendAll';
import { RulesInput, type IptablesRule, type LineAnalyses } from './rules/rule';
import { structureRule } from './rules/structure';
import { chainsRule } from './rules/chains';
import { checkValues } from './rules/values';
import { placementRule } from './rules/placement';
import { parameterLengthRule } from './rules/parameterLength';
import { countersRule, ipsetsRule, stateMatchRule } from './rules/hygiene';
import { duplicateRulesRule } from './rules/duplicates';
import { icmpInIp6tablesRule, statelessAcceptRule } from './rules/dangers';
import { shadowedRule } from './rules/shadowed';
import { inputDefaultsRule } from './rules/inputDefaults';
import { icmpv6Rule, sensitiveServiceRule } from './rules/inputDangers';
import { permissiveRule } from './rules/permissive';
import { forwardMirrorRule } from './rules/forwardMirror';
import { dockerBypassRule } from './rules/dockerBypass';
import { flowChecksAllowed } from './flow/limit';
import { editsOf, modelKey } from './reparseLine';
import { SplicedCheck } from './lineSplice';
import { countPass } from './passCounts';

/** A line's own findings, and where the line started when they were made. */
class OwnFindings {
  constructor(
    public at: number,
    public findings: readonly Finding[],
  ) {}
}

const none: readonly Finding[] = Object.freeze([]);

/**
 * The per-line results of one model: each rule line's analysis, and the own findings of the lines that
 * have any (nearly none do). A keystroke in one rule line (`reparseLine.ts`) takes over the results of
 * the model before with that line's entries replaced, instead of working out every line again; the
 * other lines keep their analysis and findings (moved when the line has moved).
 */
class LineResults {
  readonly analyses = new Map<RuleLine, RuleAnalysis>();
  readonly own = new Map<RuleLine, OwnFindings>();

  constructor(readonly family: RulesFile['family']) {}

  add(rule: RuleLine): void {
    const out: Finding[] = [];
    const analysis = analyzeRule(rule, this.family, out);
    appendAll(out, checkValues(analysis, this.family));
    this.analyses.set(rule, analysis);
    if (out.length) this.own.set(rule, new OwnFindings(rule.span.start, out));
  }

  findingsOf(rule: RuleLine): readonly Finding[] {
    const known = this.own.get(rule);
    if (!known) return none;
    if (known.at !== rule.span.start) {
      known.findings = movedFindings(known.findings, rule.span.start - known.at);
      known.at = rule.span.start;
    }
    return known.findings;
  }
}

const kept = new WeakMap<object, LineResults>();
const ownKept = new SplicedCheck<string>('line');

function resultsOf(file: RulesFile): LineResults {
  const key = modelKey(file);
  const known = kept.get(key);
  if (known && known.family === file.family) return known;
  let results: LineResults | undefined;
  for (const edit of editsOf(file)) {
    const before = kept.get(edit.previous);
    if (!before || before.family !== file.family) continue;
    kept.delete(edit.previous);
    before.analyses.delete(edit.old);
    before.own.delete(edit.old);
    before.add(edit.rule);
    results = before;
    break;
  }
  if (!results) {
    countPass('analyses');
    results = new LineResults(file.family);
    for (const line of file.lines) if (line.kind === 'rule') results.add(line.rule);
  }
  kept.set(key, results);
  return results;
}

function analyzeLines(file: RulesFile): LineAnalyses {
  const results = resultsOf(file);
  const findings = ownKept.findings(
    file,
    file.family,
    () => {
      const out: Finding[] = [];
      for (const line of file.lines) {
        if (line.kind !== 'rule') continue;
        for (const f of results.findingsOf(line.rule)) out.push(f);
      }
      return out;
    },
    (rule) => [...results.findingsOf(rule)],
  );
  return { analyses: results.analyses, findings };
}

/** Each rule line on its own: unknown options and modules, missing arguments, values (`args/`). */
const lineRule: IptablesRule = (input) => input.lineAnalyses.findings as Finding[];

/** The rules that read lines and chains; equal places keep this order. */
const rules: readonly IptablesRule[] = [
  structureRule,
  lineRule,
  chainsRule,
  placementRule,
  ipsetsRule,
  duplicateRulesRule,
  stateMatchRule,
  countersRule,
  statelessAcceptRule,
  icmpInIp6tablesRule,
  parameterLengthRule,
];

/**
 * The rules that need the rule set walked as the kernel walks it: rules no packet can reach, what INPUT
 * lets in (SSH, replies, loopback), ICMPv6 and sensitive services, a permissive filter, what FORWARD
 * drops, container ports that bypass INPUT.
 */
const flowRules: readonly IptablesRule[] = [
  shadowedRule,
  inputDefaultsRule,
  icmpv6Rule,
  sensitiveServiceRule,
  permissiveRule,
  forwardMirrorRule,
  dockerBypassRule,
];

export function validateRules(file: RulesFile, ctx: EmbeddedContext): Finding[] {
  const input = new RulesInput(file, ctx, analyzeLines);
  const findings: Finding[] = [];
  for (const rule of rules) appendAll(findings, rule(input));
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The first pass of a large rules document: the findings of each line on its own (parse problems,
 * unknown options and modules, missing arguments, values), a subset of `validateRules`, in its order.
 * Their analyses are kept, so the complete pass that follows does not work them out again.
 */
export function lineRulesFindings(file: RulesFile, ctx: EmbeddedContext): Finding[] {
  const input = new RulesInput(file, ctx, analyzeLines);
  const findings = [...structureRule(input), ...lineRule(input)];
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The flow rules' findings, unless the file is over the editor's size limit for them (`flow/limit.ts`). */
export function flowFindings(file: RulesFile, ctx: EmbeddedContext): Finding[] {
  const findings: Finding[] = [];
  let ruleLines = 0;
  for (const block of file.tables) ruleLines += block.rules.length;
  if (!flowChecksAllowed(ruleLines)) return findings;
  const input = new RulesInput(file, ctx, analyzeLines);
  for (const rule of flowRules) appendAll(findings, rule(input));
  return findings;
}
