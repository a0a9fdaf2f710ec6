/** Every line-level check of a rules file, in one list of findings (offsets into the file text). */
import type { RuleLine, RulesFile } from './ast';
import type { Finding } from '../types';
import type { EmbeddedContext } from '../embedded/languages';
import { analyzeRule, type RuleAnalysis } from './analyzeRule';
import { structureFindings } from './rules/structure';
import { checkChains } from './rules/chains';
import { checkValues } from './rules/values';
import { checkPlacement } from './rules/placement';
import { checkCounters, checkDuplicateRules, checkIpsets, checkStateMatch } from './rules/hygiene';

/** Analyse each rule line once (options resolved against the modules loaded on that line). */
export function analyzeRules(file: RulesFile, findings: Finding[]): Map<RuleLine, RuleAnalysis> {
  const analyses = new Map<RuleLine, RuleAnalysis>();
  for (const line of file.lines) {
    if (line.kind !== 'rule') continue;
    const a = analyzeRule(line.rule, file.family, findings);
    analyses.set(line.rule, a);
    findings.push(...checkValues(a, file.family));
  }
  return analyses;
}

export function validateRules(file: RulesFile, ctx: EmbeddedContext): Finding[] {
  const findings: Finding[] = structureFindings(file, ctx);
  const analyses = analyzeRules(file, findings);
  findings.push(
    ...checkChains(file, analyses),
    ...checkPlacement(file, analyses),
    ...checkIpsets(analyses, ctx),
    ...checkDuplicateRules(file),
    ...checkStateMatch(analyses),
    ...checkCounters(file),
  );
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
