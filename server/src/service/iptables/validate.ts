/** Every line-level check of a rules file, in one list of findings (offsets into the file text). */
import type { RuleLine, RulesFile } from './ast';
import type { Finding } from '../types';
import type { EmbeddedContext } from '../embedded/languages';
import { analyzeRule, type RuleAnalysis } from './analyzeRule';
import { movedFindings } from '../movedFindings';
import { structureFindings } from './rules/structure';
import { checkChains } from './rules/chains';
import { checkValues } from './rules/values';
import { checkPlacement } from './rules/placement';
import { checkCounters, checkDuplicateRules, checkIpsets, checkStateMatch } from './rules/hygiene';

/** A rule line's analysis and own findings, and where the line started when they were made. */
interface LineResult {
  readonly analysis: RuleAnalysis;
  readonly findings: readonly Finding[];
  readonly at: number;
}

/**
 * Rule lines carried over from the previous model (`reparseLine.ts`) keep their result: only moved
 * findings are copied. Keyed by the line object, which belongs to one model of one family.
 */
const lineResults = new WeakMap<RuleLine, LineResult>();

function lineResult(rule: RuleLine, family: RulesFile['family']): LineResult {
  const known = lineResults.get(rule);
  if (known && known.at === rule.span.start) return known;
  let result: LineResult;
  if (known) {
    result = { analysis: known.analysis, findings: movedFindings(known.findings, rule.span.start - known.at), at: rule.span.start };
  } else {
    const findings: Finding[] = [];
    const analysis = analyzeRule(rule, family, findings);
    findings.push(...checkValues(analysis, family));
    result = { analysis, findings, at: rule.span.start };
  }
  lineResults.set(rule, result);
  return result;
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
