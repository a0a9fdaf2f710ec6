/** Every line-level check of a rules file, in one list of findings (offsets into the file text). */
import type { RuleLine, RulesFile } from './ast';
import type { Finding } from '../types';
import type { EmbeddedContext } from '../embedded/languages';
import { analyzeRule, type RuleAnalysis } from './analyzeRule';
import { LineFindings } from './lineFindings';
import { appendAll } from '../appendAll';
import { structureFindings } from './rules/structure';
import { checkChains } from './rules/chains';
import { isUfwFragment, ufwPredeclaredChains } from './ufwFiles';
import { checkValues } from './rules/values';
import { checkPlacement } from './rules/placement';
import { checkParameterLength } from './rules/parameterLength';
import { checkCounters, checkDuplicateRules, checkIpsets, checkStateMatch } from './rules/hygiene';
import { checkIcmpInIp6tables, checkStatelessAccept } from './rules/dangers';

/**
 * Rule lines carried over from the previous model (`reparseLine.ts`) keep their analysis and their own
 * findings (moved when the line has moved). Keyed by the line object, which belongs to one model of
 * one family.
 */
const analysesOf = new WeakMap<RuleLine, RuleAnalysis>();
const ownFindings = new LineFindings();

function lineResult(rule: RuleLine, family: RulesFile['family']): { analysis: RuleAnalysis; findings: readonly Finding[] } {
  const findings = ownFindings.of(rule, family, () => {
    const out: Finding[] = [];
    const analysis = analyzeRule(rule, family, out);
    analysesOf.set(rule, analysis);
    appendAll(out, checkValues(analysis, family));
    return out;
  });
  return { analysis: analysesOf.get(rule) as RuleAnalysis, findings };
}

/** Analyse each rule line once (options resolved against the modules loaded on that line). */
export function analyzeRules(file: RulesFile, findings: Finding[]): Map<RuleLine, RuleAnalysis> {
  const analyses = new Map<RuleLine, RuleAnalysis>();
  for (const line of file.lines) {
    if (line.kind !== 'rule') continue;
    const result = lineResult(line.rule, file.family);
    analyses.set(line.rule, result.analysis);
    for (const f of result.findings) findings.push(f);
  }
  return analyses;
}

export function validateRules(file: RulesFile, ctx: EmbeddedContext): Finding[] {
  const findings: Finding[] = structureFindings(file, ctx);
  const analyses = analyzeRules(file, findings);
  for (const more of [
    checkChains(file, analyses, isUfwFragment(ctx) ? ufwPredeclaredChains(file.family === 'ipv6' ? 'ip6tables' : 'iptables') : undefined),
    checkPlacement(file, analyses),
    checkIpsets(analyses, ctx),
    checkDuplicateRules(file),
    checkStateMatch(analyses),
    checkCounters(file),
    checkStatelessAccept(analyses),
    checkIcmpInIp6tables(analyses, file.family),
    checkParameterLength(file, ctx.text),
  ]) appendAll(findings, more);
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
