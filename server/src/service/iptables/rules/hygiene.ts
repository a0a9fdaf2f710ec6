/** Advice that keeps a rules file maintainable: duplicates, the old state match, saved counters, ipsets. */
import type { OptionUse, RuleLine, RulesFile, RulesLine } from '../ast';
import type { Finding } from '../../types';
import type { EmbeddedContext } from '../../embedded/languages';
import type { RuleAnalysis } from '../analyzeRule';
import type { IptablesRule } from './rule';
import { SplicedCheck } from '../lineSplice';

export { checkDuplicateRules } from './duplicates';

export function checkStateMatch(analyses: ReadonlyMap<RuleLine, RuleAnalysis>): Finding[] {
  const out: Finding[] = [];
  for (const a of analyses.values()) {
    if (!a.loads('state')) continue;
    const m = a.matches.find((x) => x.spec.name === 'state' && x.use);
    const mUse: OptionUse | undefined = m?.use;
    if (!mUse || !mUse.args[0]) continue;
    const stateOpt = a.options.find((o) => o.spec.name === '--state');
    if (!stateOpt) continue;
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
  return countersOf(file.lines);
}

function countersOf(lines: readonly RulesLine[]): Finding[] {
  const out: Finding[] = [];
  for (const line of lines) {
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
    for (let k = 0; k < a.optionCount; k++) {
      if (a.specAt(k).arg !== 'set-name') continue;
      const name = a.useAt(k).args[0];
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

const ipsetsKept = new SplicedCheck<string>('ipsets');
/** Carried over only when no other file can create a set (the usual standalone rules file). */
export const ipsetsRule: IptablesRule = (input) =>
  ipsetsKept.findings(
    input.file,
    input.ctx.siblings.length === 0 && !input.ctx.hostCommands?.length
      ? input.ctx.region
        ? 'region'
        : 'file'
      : undefined,
    () => checkIpsets(input.analyses, input.ctx),
    (rule) => checkIpsets(input.onlyLine(rule), input.ctx),
  ) as Finding[];

const stateKept = new SplicedCheck<string>('state');
export const stateMatchRule: IptablesRule = (input) =>
  stateKept.findings(
    input.file,
    '',
    () => checkStateMatch(input.analyses),
    (rule) => checkStateMatch(input.onlyLine(rule)),
  ) as Finding[];

const countersKept = new SplicedCheck<string>('counters');
export const countersRule: IptablesRule = (input) =>
  countersKept.findings(
    input.file,
    '',
    () => checkCounters(input.file),
    (rule) => countersOf([{ kind: 'rule', span: rule.span, rule }]),
  ) as Finding[];
