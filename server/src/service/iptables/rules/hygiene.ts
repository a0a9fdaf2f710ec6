/** Advice that keeps a rules file maintainable: duplicates, the old state match, saved counters, ipsets. */
import type { OptionUse, RuleLine, RulesFile } from '../ast';
import type { Finding } from '../../types';
import type { EmbeddedContext } from '../../embedded/languages';
import type { RuleAnalysis } from '../analyzeRule';
import { removeLinesEdit } from '../../text/lines';
import { ruleKey } from '../ruleKey';
import type { IptablesRule } from './rule';

export function checkDuplicateRules(file: RulesFile): Finding[] {
  const out: Finding[] = [];
  for (const table of file.tables) {
    // Per chain, the first rule with each key (keys are kept per rule line: no string is built here).
    const seen = new Map<string, Map<string, RuleLine>>();
    for (const rule of table.rules) {
      if (rule.command.value !== '-A' || !rule.chain) continue;
      let inChain = seen.get(rule.chain.value);
      if (!inChain) {
        inChain = new Map();
        seen.set(rule.chain.value, inChain);
      }
      const key = ruleKey(rule);
      const first = inChain.get(key);
      if (first) {
        out.push({
          code: 'iptables/duplicate-rule',
          message: `The same rule is already in ${rule.chain.value} above: this copy never matches anything the first did not.`,
          start: rule.command.start,
          end: rule.span.end,
          related: [{ start: first.span.start, end: first.span.end, message: 'first copy' }],
          unnecessary: true,
          fixes: [
            {
              title: 'Remove the duplicate rule',
              edits: [removeLinesEdit(file.text, rule.span.start, rule.span.end)],
              preferred: true,
            },
          ],
        });
      } else {
        inChain.set(key, rule);
      }
    }
  }
  return out;
}

export function checkStateMatch(analyses: ReadonlyMap<RuleLine, RuleAnalysis>): Finding[] {
  const out: Finding[] = [];
  for (const a of analyses.values()) {
    const m = a.matches.find((x) => x.spec.name === 'state' && x.use);
    const mUse: OptionUse | undefined = m?.use;
    const stateOpt = a.options.find((o) => o.spec.name === '--state');
    if (!mUse || !stateOpt || !mUse.args[0]) continue;
    const edits = [
      { start: mUse.args[0].start, end: mUse.args[0].end, newText: 'conntrack' },
      { start: stateOpt.use.name.start, end: stateOpt.use.name.end, newText: '--ctstate' },
    ];
    out.push({
      code: 'iptables/state-match',
      message: '`-m state --state` is the older spelling of `-m conntrack --ctstate`, which does the same and more.',
      start: mUse.span.start,
      end: stateOpt.use.span.end,
      deprecated: true,
      fixes: [{ title: 'Rewrite to `-m conntrack --ctstate`', edits, preferred: true }],
    });
  }
  return out;
}

export function checkCounters(file: RulesFile): Finding[] {
  const out: Finding[] = [];
  for (const line of file.lines) {
    let c: { start: number; end: number; value: string } | undefined;
    if (line.kind === 'chain' && line.counters) c = line.counters;
    else if (line.kind === 'rule' && line.rule.counters) c = line.rule.counters;
    if (!c) continue;
    const m = /^\[(\d+):(\d+)\]$/.exec(c.value);
    if (!m || (Number(m[1]) === 0 && Number(m[2]) === 0)) continue;
    out.push({
      code: 'iptables/packet-counters',
      message:
        'Saved packet/byte counters from a running machine. They mean nothing in a hand-kept file (and are only loaded with `iptables-restore -c`).',
      start: c.start,
      end: c.end,
      fixes: [{ title: 'Reset to [0:0]', edits: [{ start: c.start, end: c.end, newText: '[0:0]' }], preferred: true }],
    });
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether a text may create an ipset: it names `ipset` or has an ipset-restore `create`/`-N` line.
 * Every text `setCreatedElsewhere` can find a creation in passes this test.
 */
export function mayCreateIpsets(text: string): boolean {
  return /\bipset\s|^\s*(?:create|-N)\s/m.test(text);
}

/** Whether some other file of the same user-data creates the ipset. */
function setCreatedElsewhere(ctx: EmbeddedContext, name: string): boolean {
  const n = escapeRe(name);
  const flags = '(?:(?:-!|-exist|-q|-quiet)\\s+)*';
  const command = new RegExp(`\\bipset\\s+${flags}(?:create|-N|-n|new)\\s+${flags}${n}(\\s|$)`, 'm');
  const restoreLine = new RegExp(`^\\s*(?:create|-N)\\s+${n}\\s`, 'm');
  // Only texts `mayCreateIpsets` accepts count: that is what the cross-file facts of a rules block list.
  return (
    ctx.siblings.some(
      (r) => r.text !== ctx.text && mayCreateIpsets(r.text) && (command.test(r.text) || restoreLine.test(r.text)),
    ) || (ctx.hostCommands ?? []).some((line) => command.test(line))
  );
}

export function checkIpsets(analyses: ReadonlyMap<RuleLine, RuleAnalysis>, ctx: EmbeddedContext): Finding[] {
  const out: Finding[] = [];
  for (const a of analyses.values()) {
    for (const o of a.options) {
      if (o.spec.arg !== 'set-name') continue;
      const name = o.use.args[0];
      if (!name || setCreatedElsewhere(ctx, name.value)) continue;
      out.push({
        code: 'iptables/missing-ipset',
        message: `The ipset \`${name.value}\` must exist before these rules load. Otherwise the whole restore fails ("Set ${name.value} doesn't exist"). ${ctx.region ? 'Nothing in this user-data creates it: add an `ipset create` (or an ipset restore file) that runs before the firewall.' : 'Make sure it is created (ipset restore) before this file is loaded.'}`,
        start: name.start,
        end: name.end,
      });
    }
  }
  return out;
}

export const ipsetsRule: IptablesRule = (input) => checkIpsets(input.analyses, input.ctx);

export const duplicateRulesRule: IptablesRule = (input) => checkDuplicateRules(input.file);

export const stateMatchRule: IptablesRule = (input) => checkStateMatch(input.analyses);

export const countersRule: IptablesRule = (input) => checkCounters(input.file);
