import type { EmbeddedContext } from '../../embedded/languages';
import type { Finding } from '../../types';
import type { RulesFile } from '../ast';
import { buildTable } from './chains';
import { dockerBypassFindings } from '../rules/dockerBypass';
import { forwardMirrorFindings } from '../rules/forwardMirror';
import { inputDefaultFindings } from '../rules/inputDefaults';
import { icmpv6Findings, sensitiveServiceFindings } from '../rules/inputDangers';
import { permissiveFindings } from '../rules/permissive';
import { shadowedFindings } from '../rules/shadowed';
import { appendAll } from '../../appendAll';
import { flowChecksAllowed } from './limit';

/**
 * Findings that need the rule set walked as the kernel walks it: what INPUT lets in (SSH, replies,
 * loopback), what FORWARD drops, rules no packet can reach, container ports that bypass INPUT.
 */
export function flowFindings(file: RulesFile, ctx: EmbeddedContext): Finding[] {
  const findings: Finding[] = [];
  let ruleLines = 0;
  for (const block of file.tables) ruleLines += block.rules.length;
  if (!flowChecksAllowed(ruleLines)) return findings;
  const tables = file.tables.map((block) => buildTable(block, file.text));
  for (const table of tables) appendAll(findings, shadowedFindings(table, file.text));
  // Each block replaces its table when it commits: the last filter block is what ends up loaded.
  const filter = [...tables].reverse().find((t) => t.block.name.value === 'filter');
  if (!filter) return findings;
  appendAll(findings, inputDefaultFindings(filter, file.family, file.text, ctx));
  appendAll(findings, icmpv6Findings(filter, file.family, file.text));
  appendAll(findings, sensitiveServiceFindings(filter));
  appendAll(findings, permissiveFindings(filter));
  appendAll(findings, forwardMirrorFindings(filter, file.text));
  if (file.family === 'ipv4') appendAll(findings, dockerBypassFindings(filter, file.text, ctx));
  return findings;
}
