/**
 * The flow checks (shadowed rules, lockout, replies and loopback in INPUT, FORWARD mirroring, Docker
 * bypass, permissive filter) walk the rule set as the kernel does. In the editor they can be limited to
 * rules files of at most `maxRuleLines` rule lines, so that typing in a Kubernetes-sized dump stays
 * fast; syntax, value, chain, placement and duplicate checks, completion, hover and outline stay. The
 * CLI sets no limit. `skipped` is told each time a file's flow checks are left out.
 */
export interface FlowCheckLimit {
  readonly maxRuleLines: number;
  skipped(ruleLines: number, maxRuleLines: number): void;
}

let limit: FlowCheckLimit | undefined;

export function limitFlowChecks(next: FlowCheckLimit | undefined): void {
  limit = next;
}

/** Whether a file of `ruleLines` rule lines gets its flow checks (and tells the limit when not). */
export function flowChecksAllowed(ruleLines: number): boolean {
  if (!limit || ruleLines <= limit.maxRuleLines) return true;
  limit.skipped(ruleLines, limit.maxRuleLines);
  return false;
}
