/**
 * ufw's own rules files (`/etc/ufw/before.rules`, `after.rules`, `user.rules` and their `6` twins):
 * iptables-restore fragments that ufw loads with `iptables-restore -n` after creating its chains
 * itself (docs/facts/hosts.md, fact 6). Jumps to those chains are not undeclared in these files.
 */
import { ufwRulesFile } from '../languageId';

/** Is this file (a written path, or a standalone document's URI) one of ufw's rules files? */
export function isUfwFragment(ctx: {
  readonly region?: { readonly path?: string | undefined } | undefined;
  readonly uri?: string | undefined;
}): boolean {
  if (ctx.region)
    return (
      /^\/(etc|lib|usr\/lib)\/ufw\/[^/]+$/.test(ctx.region.path ?? '') && ufwRulesFile(ctx.region.path) !== undefined
    );
  return ufwRulesFile(ctx.uri) !== undefined;
}

const directions = ['input', 'output', 'forward'];

/** The chains ufw-init creates before it restores its files (ufw 0.36 `ufw-init-functions`). */
export function ufwPredeclaredChains(family: 'iptables' | 'ip6tables'): ReadonlySet<string> {
  const p = family === 'ip6tables' ? 'ufw6' : 'ufw';
  const out = new Set<string>();
  for (const d of directions) {
    for (const stage of [
      'before-logging',
      'before',
      'after',
      'after-logging',
      'reject',
      'track',
      'skip-to-policy',
      'user',
      'user-logging',
    ])
      out.add(`${p}-${stage}-${d}`);
  }
  for (const c of ['logging-deny', 'logging-allow', 'user-limit', 'user-limit-accept', 'not-local'])
    out.add(`${p}-${c}`);
  return out;
}
