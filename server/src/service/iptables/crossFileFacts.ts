/** What the analysis of a rules block reads of the rest of its user-data (see `crossFileFacts`). */
import type { Surroundings } from '../embedded/languages';
import { publishedPorts } from './rules/dockerBypass';
import { sshdConfigPorts } from './rules/inputDefaults';
import { mayCreateIpsets } from './rules/hygiene';

/**
 * Container ports published elsewhere (`iptables/docker-bypass`), SSH ports of a written sshd_config
 * (`iptables/lockout`), every text that may create an ipset and the host commands (`iptables/missing-ipset`).
 */
export function iptablesCrossFileFacts(s: Surroundings): string {
  const facts: string[] = [];
  for (const { where, publication: p } of publishedPorts(s)) {
    facts.push(
      `publish\t${where}\t${p.kind}\t${p.protocol}\t${p.hostIp ?? ''}\t${p.hostPort ?? ''}\t${p.containerPort ?? ''}\t${p.text}`,
    );
  }
  for (const port of sshdConfigPorts(s.siblings)) facts.push(`sshd\t${port}`);
  for (const region of s.siblings) if (mayCreateIpsets(region.text)) facts.push(`ipset\t${region.text}`);
  for (const line of s.hostCommands ?? []) facts.push(`host\t${line}`);
  return facts.join('\n');
}
