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

/** A line's analysis with its own findings, and where the line started when they were made. */
class WithFindings {
  constructor(
    readonly analysis: RuleAnalysis,
    public at: number,
    public findings: readonly Finding[],
  ) {}
}

const none: readonly Finding[] = Object.freeze([]);

/**
 * Rule lines carried over from the previous model (`reparseLine.ts`) keep their analysis and their own
 * findings (moved when the line has moved). Keyed by the line object and the family: a line without
 * findings (nearly all) keeps its analysis alone, one entry per line.
 */
const results: Record<RulesFile['family'], WeakMap<RuleLine, RuleAnalysis | WithFindings>> = {
  ipv4: new WeakMap(),
  ipv6: new WeakMap(),
};

function resultOf(rule: RuleLine, family: RulesFile['family']): RuleAnalysis | WithFindings {
  const known = results[family].get(rule);
  if (known) {
    if (known instanceof WithFindings && known.at !== rule.span.start) {
      known.findings = movedFindings(known.findings, rule.span.start - known.at);
      known.at = rule.span.start;
    }
    return known;
  }
  const out: Finding[] = [];
  const analysis = analyzeRule(rule, family, out);
  appendAll(out, checkValues(analysis, family));
  const result = out.length ? new WithFindings(analysis, rule.span.start, out) : analysis;
  results[family].set(rule, result);
  return result;
}

function analysisOf(rule: RuleLine, family: RulesFile['family']): RuleAnalysis {
  const r = resultOf(rule, family);
  return r instanceof WithFindings ? r.analysis : r;
}

function findingsOf(rule: RuleLine, family: RulesFile['family']): readonly Finding[] {
  const r = resultOf(rule, family);
  return r instanceof WithFindings ? r.findings : none;
}

/** Analyse each rule line once (options resolved against the modules loaded on that line). */
export function analyzeRules(file: RulesFile, findings: Finding[]): Map<RuleLine, RuleAnalysis> {
  const analyses = new Map<RuleLine, RuleAnalysis>();
  for (const line of file.lines) {
    if (line.kind !== 'rule') continue;
    analyses.set(line.rule, analysisOf(line.rule, file.family));
    for (const f of findingsOf(line.rule, file.family)) findings.push(f);
  }
  return analyses;
}

/**
 * The analyses of a model, kept: a keystroke in one rule line (`reparseLine.ts`) takes over the map of
 * the model before it with that line's entry replaced, instead of a new map of every rule line.
 */
const analysesKept = new WeakMap<object, Map<RuleLine, RuleAnalysis>>();
const ownKept = new SplicedCheck<string>('line');

function analysesOfFile(file: RulesFile): Map<RuleLine, RuleAnalysis> {
  const key = modelKey(file);
  const known = analysesKept.get(key);
  if (known) return known;
  let analyses: Map<RuleLine, RuleAnalysis> | undefined;
  for (const edit of editsOf(file)) {
    const before = analysesKept.get(edit.previous);
    if (!before) continue;
    analysesKept.delete(edit.previous);
    before.delete(edit.old);
    before.set(edit.rule, analysisOf(edit.rule, file.family));
    analyses = before;
    break;
  }
  if (!analyses) {
    countPass('analyses');
    analyses = new Map();
    for (const line of file.lines) {
      if (line.kind === 'rule') analyses.set(line.rule, analysisOf(line.rule, file.family));
    }
  }
  analysesKept.set(key, analyses);
  return analyses;
}

function analyzeLines(file: RulesFile): LineAnalyses {
  const analyses = analysesOfFile(file);
  const findings = ownKept.findings(
    file,
    file.family,
    () => {
      const out: Finding[] = [];
      for (const line of file.lines) {
        if (line.kind !== 'rule') continue;
        for (const f of findingsOf(line.rule, file.family)) out.push(f);
      }
      return out;
    },
    (rule) => [...findingsOf(rule, file.family)],
  );
  return { analyses, findings };
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
