import type { IptablesCode } from '../catalogue';
/**
 * Tables and chains as iptables-restore builds them, line by line: which chains exist at each point
 * (built in, declared, `-N`), policies, jumps to chains, and rule commands that need a chain or a rule
 * to exist (`-A`, `-D`, `-X`…).
 */
import type { RuleLine, RulesFile, TableBlock, Token } from '../ast';
import type { Finding, Fix } from '../../types';
import type { RuleAnalysis } from '../analyzeRule';
import { builtinPolicies, isHook, tableInfo } from '../../data/iptables/tables';
import { allTargets } from '../../data/iptables/index';

/** Target names iptables itself still parses but no current kernel loads (docs/facts/iptables-names.tsv). */
const refusedTargets = new Map<string, string>([
  [
    'ULOG',
    '`ULOG` was removed from the kernel in Linux 3.17: iptables still parses it, but the kernel refuses the rule. Use NFLOG (ulogd reads it too).',
  ],
  [
    'standard',
    '`standard` is the internal name of the verdict target: iptables parses it, but the kernel refuses the rule. Write ACCEPT, DROP or RETURN.',
  ],
]);
import { ruleKey } from '../ruleKey';
import { countPass } from '../passCounts';
import { lineEndAt } from '../../text/lines';
import type { IptablesRule } from './rule';
import { isUfwFragment, ufwPredeclaredChains } from '../ufwFiles';

const tableNames = ['filter', 'nat', 'mangle', 'raw', 'security'];

/**
 * A finding of this check before it is a Finding: the token it marks (moved in place when a keystroke
 * moves its line) and, for an undeclared chain, the name its fix declares. Kept per table so that a
 * keystroke which changes nothing this check reads answers from the table's last result.
 */
interface Noted {
  readonly at: Token;
  readonly code: IptablesCode;
  readonly message: string;
  readonly declare: string | undefined;
}

function finding(n: Noted, table: TableBlock, file: RulesFile): Finding {
  const { at, code, message } = n;
  return n.declare !== undefined
    ? { code, message, start: at.start, end: at.end, fixes: [declareFix(table, file, n.declare)] }
    : { code, message, start: at.start, end: at.end };
}

/** Where `:NAME - [0:0]` goes: after the table's last chain declaration, else after the `*table` line. */
function declareFix(table: TableBlock, file: RulesFile, name: string): Fix {
  const lastDecl = table.chains[table.chains.length - 1];
  const after = lastDecl ? lastDecl.line.span.end : lineEndAt(file.text, table.name.start);
  return {
    title: `Declare \`:${name} - [0:0]\``,
    edits: [{ start: after, end: after, newText: `\n:${name} - [0:0]` }],
    preferred: true,
  };
}

/**
 * A name a `:` line can declare: iptables-restore splits a chain line at blanks and reads no quotes, so
 * a name with a blank in it (a quoted chain name in a rule) cannot be declared.
 */
const declarable = (name: string): boolean => name !== '' && !/\s/.test(name);

/** Commands that name an existing chain, and those that add, replace or remove a rule of it. */
const chainCommands: ReadonlySet<string> = new Set(['-A', '-I', '-R', '-D', '-C', '-F', '-Z', '-X', '-E']);
const ruleCommands: ReadonlySet<string> = new Set(['-A', '-I', '-R', '-D']);

/**
 * `preexisting`: filter-table chains that exist before the file is restored (ufw creates its chains,
 * then loads its files with `iptables-restore -n`); rules may use them without declaring them.
 */
export function checkChains(
  file: RulesFile,
  analyses: ReadonlyMap<RuleLine, RuleAnalysis>,
  preexisting: ReadonlySet<string> = new Set(),
): Finding[] {
  const out: Finding[] = [];
  for (const table of file.tables) {
    let checked = checkedOf.get(table);
    if (!checked || preexisting.size > 0 || !unchangedForChains(checked, table.rules, analyses)) {
      countPass('chains');
      checked = checkTable(file, table, analyses, preexisting);
      if (preexisting.size === 0) checkedOf.set(table, checked);
    }
    for (const n of checked.noted) out.push(finding(n, table, file));
  }
  return out;
}

/** What `checkTable` read of each rule, and what it noted, for one table. */
interface Checked {
  readonly rules: RuleLine[];
  /** Each rule's analysis (its chain jump), undefined for a rule without one. */
  readonly jumps: (RuleAnalysis | undefined)[];
  /** Rule lines with a note: a keystroke in one of them checks the table again (the note's token is the old line's). */
  readonly noted: readonly Noted[];
  readonly flagged: ReadonlySet<RuleLine>;
  /** Whether a `-D` of the table names its rule by content: only then does a rule's key matter here. */
  readonly keyed: boolean;
}

const checkedOf = new WeakMap<TableBlock, Checked>();

/**
 * Whether every rule line that is not the one checked before reads the same to this check: command,
 * chain, position, extra word, the rule's key and its chain jump. Such lines are taken over.
 */
function unchangedForChains(
  checked: Checked,
  rules: readonly RuleLine[],
  analyses: ReadonlyMap<RuleLine, RuleAnalysis>,
): boolean {
  if (checked.rules.length !== rules.length) return false;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i] as RuleLine;
    const was = checked.rules[i] as RuleLine;
    if (r === was) continue;
    if (checked.flagged.has(was)) return false;
    const jump = analyses.get(r),
      wasJump = checked.jumps[i];
    if (
      r.commandName !== was.commandName ||
      r.chain?.value !== was.chain?.value ||
      r.position?.value !== was.position?.value ||
      r.extra?.value !== was.extra?.value ||
      jump?.jumpName?.value !== wasJump?.jumpName?.value ||
      (jump?.jumpName && jump.goto) !== (wasJump?.jumpName && wasJump.goto) ||
      (checked.keyed && ruleCommands.has(r.commandName) && ruleKey(r) !== ruleKey(was))
    )
      return false;
    checked.rules[i] = r;
    checked.jumps[i] = jump;
  }
  return true;
}

function checkTable(
  file: RulesFile,
  table: TableBlock,
  analyses: ReadonlyMap<RuleLine, RuleAnalysis>,
  preexisting: ReadonlySet<string>,
): Checked {
  const out: Noted[] = [];
  const flagged = new Set<RuleLine>();
  let current: RuleLine | undefined;
  const tok = (t: Token, code: IptablesCode, message: string, declare?: string): Noted => {
    if (current) flagged.add(current);
    return { at: t, code, message, declare };
  };
  // Only a `-D` that names its rule by content compares rules: without one, the lists below only count.
  const keyed = table.rules.some((r) => r.commandName === '-D' && !r.position);
  const checked = (): Checked => ({
    rules: [...table.rules],
    jumps: table.rules.map((r) => analyses.get(r)),
    noted: out,
    flagged,
    keyed,
  });
  {
    const name = table.name.value;
    const info = tableInfo(name);
    if (!info) {
      if (name !== '') {
        const close = tableNames.find((t) => t === name.toLowerCase());
        out.push(
          tok(
            table.name,
            'iptables/unknown-table',
            close
              ? `Table names are lower case: \`${name}\` is refused; write \`${close}\`.`
              : `There is no table \`${name}\`: iptables knows filter, nat, mangle, raw and security. The restore fails here.`,
          ),
        );
      }
      return checked();
    }
    const builtins = new Set<string>(info.chains);
    const userChains = new Set<string>();
    const declaredLater = new Map<string, number>();
    for (const c of table.chains) if (!builtins.has(c.name.value)) declaredLater.set(c.name.value, c.line.span.start);
    const rulesOf = new Map<string, string[]>();
    // The lists of rules per chain are read only by `-I`, `-R` and `-D`: a table of `-A` lines keeps none.
    const listed = table.rules.some((r) => r.commandName !== '-A' && ruleCommands.has(r.commandName));
    const before: ReadonlySet<string> = name === 'filter' ? preexisting : new Set();
    const exists = (c: string): boolean => builtins.has(c) || userChains.has(c) || before.has(c);
    const inTable = file.lines.filter((l) => l.span.start >= table.span.start && l.span.end <= table.span.end);
    for (const line of inTable) {
      if (line.kind === 'chain') {
        const cname = line.name.value;
        if (cname === '') continue;
        if (cname.length > 28)
          out.push(
            tok(
              line.name,
              'iptables/syntax',
              `Chain name \`${cname}\` is ${cname.length} characters long: at most 28 are allowed.`,
            ),
          );
        if (cname.startsWith('-'))
          out.push(
            tok(
              line.name,
              'iptables/syntax',
              'A chain name may not start with `-` (the nf_tables backend refuses it).',
            ),
          );
        const policy = line.policy;
        if (builtins.has(cname)) {
          if (!policy)
            out.push(
              tok(
                line.name,
                'iptables/invalid-policy',
                `\`:${cname}\` needs a policy (ACCEPT or DROP, or -): iptables-restore fails ("policy invalid").`,
              ),
            );
          else if (policy.value !== '-' && !builtinPolicies.includes(policy.value)) {
            out.push(
              tok(
                policy,
                'iptables/invalid-policy',
                policy.value.toUpperCase() === 'ACCEPT' || policy.value.toUpperCase() === 'DROP'
                  ? `Policies are upper case: write \`${policy.value.toUpperCase()}\`.`
                  : `A built-in chain's policy can only be ACCEPT or DROP. iptables-restore fails ("Bad policy name")${policy.value === 'REJECT' ? '; to reject by default, end the chain with a `-j REJECT` rule' : ''}.`,
              ),
            );
          }
          continue;
        }
        if (isHook(cname) && policy && policy.value !== '-') {
          out.push(
            tok(
              line.name,
              'iptables/chain-not-in-table',
              `The ${name} table has no built-in ${cname} chain. It has ${info.chains.join(', ')}; the legacy backend refuses this line, the nf_tables one silently creates a user chain that nothing uses.`,
            ),
          );
          userChains.add(cname);
          continue;
        }
        if (userChains.has(cname)) {
          out.push(
            tok(
              line.name,
              'iptables/duplicate-chain',
              `Chain \`${cname}\` is already declared in this table: the legacy backend fails ("File exists").`,
            ),
          );
        }
        userChains.add(cname);
        if (!policy)
          out.push(
            tok(
              line.name,
              'iptables/invalid-policy',
              `\`:${cname}\` needs a policy: \`-\` for a user chain ("policy invalid" otherwise).`,
            ),
          );
        else if (policy.value !== '-')
          out.push(
            tok(
              policy,
              'iptables/invalid-policy',
              `A user chain has no policy: write \`-\`. With \`${policy.value}\` the legacy backend fails ("Bad built-in chain name"); packets that reach its end return to the calling chain.`,
            ),
          );
        continue;
      }
      if (line.kind !== 'rule') continue;
      const rule = line.rule;
      current = rule;
      const cmd = rule.commandName;
      const chain = rule.chain;
      const needsChain = chainCommands.has(cmd);
      if (chain && needsChain && !exists(chain.value)) {
        const later = declaredLater.get(chain.value);
        const msg =
          later !== undefined && later > rule.span.start
            ? `Chain \`${chain.value}\` is declared only further down. Declarations must come before the rules that use it, or the restore fails.`
            : `Chain \`${chain.value}\` is neither built into the ${name} table nor declared in it. The restore fails on this line.`;
        out.push(
          tok(
            chain,
            'iptables/undeclared-chain',
            msg,
            later === undefined && !isHook(chain.value) && cmd !== '-X' && cmd !== '-E' && declarable(chain.value)
              ? chain.value
              : undefined,
          ),
        );
      } else if (chain && cmd === '-N') {
        if (exists(chain.value))
          out.push(
            tok(
              chain,
              'iptables/duplicate-chain',
              `Chain \`${chain.value}\` already exists at this point: \`-N\` fails.`,
            ),
          );
        userChains.add(chain.value);
      } else if (chain && cmd === '-X') {
        if (builtins.has(chain.value))
          out.push(tok(chain, 'iptables/target-not-allowed', 'Built-in chains cannot be deleted.'));
        userChains.delete(chain.value);
      } else if (!chain && cmd === '-X') {
        userChains.clear();
      } else if (chain && cmd === '-E' && rule.extra) {
        userChains.delete(chain.value);
        userChains.add(rule.extra.value);
      } else if (chain && cmd === '-P') {
        if (!builtins.has(chain.value))
          out.push(
            tok(
              chain,
              'iptables/chain-not-in-table',
              `Only built-in chains have a policy; \`${chain.value}\` is not one in the ${name} table.`,
            ),
          );
        if (rule.extra && !builtinPolicies.includes(rule.extra.value))
          out.push(tok(rule.extra, 'iptables/invalid-policy', "A built-in chain's policy can only be ACCEPT or DROP."));
      }
      if (!listed) {
        // Nothing reads the lists.
      } else if (chain && ruleCommands.has(cmd)) {
        const list = rulesOf.get(chain.value) ?? [];
        rulesOf.set(chain.value, list);
        const key = keyed ? ruleKey(rule) : '';
        const n = rule.position ? Number(rule.position.value) : undefined;
        if (cmd === '-A') list.push(key);
        else if (cmd === '-I') {
          if (n !== undefined && (n < 1 || n > list.length + 1))
            out.push(
              tok(
                rule.position as Token,
                'iptables/syntax',
                `The chain has ${list.length} rule(s) at this point: position ${n} does not exist ("Index of insertion too big").`,
              ),
            );
          else list.splice((n ?? 1) - 1, 0, key);
        } else if (cmd === '-R') {
          if (n === undefined || n < 1 || n > list.length)
            out.push(
              tok(
                rule.position ?? chain,
                'iptables/syntax',
                `The chain has ${list.length} rule(s) at this point: there is no rule ${n ?? ''} to replace.`,
              ),
            );
          else list[n - 1] = key;
        } else if (n !== undefined) {
          if (n < 1 || n > list.length)
            out.push(
              tok(
                rule.position as Token,
                'iptables/syntax',
                `The chain has ${list.length} rule(s) at this point: there is no rule ${n} to delete.`,
              ),
            );
          else list.splice(n - 1, 1);
        } else {
          const i = list.indexOf(key);
          if (i < 0 && exists(chain.value))
            out.push(
              tok(
                rule.command,
                'iptables/syntax',
                'Deleting fails: no such rule exists at this point. iptables-restore empties each table it loads, and no earlier line of this table adds the rule.',
              ),
            );
          else if (i >= 0) list.splice(i, 1);
        }
      } else if (chain && cmd === '-F') {
        rulesOf.set(chain.value, []);
      } else if (!chain && cmd === '-F') {
        rulesOf.clear();
      }
      const a = analyses.get(rule);
      if (!a?.jumpName || a.jumpName.value === '') continue;
      const jump = a.chainJump as NonNullable<RuleAnalysis['chainJump']>;
      const target = jump.name.value;
      if (builtins.has(target) || (isHook(target) && !userChains.has(target))) {
        out.push(
          tok(
            jump.name,
            'iptables/target-not-allowed',
            `A rule cannot ${jump.goto ? 'go to' : 'jump to'} the built-in chain ${target}: the kernel refuses it. Put the shared rules in a user chain and jump there from both places.`,
          ),
        );
        continue;
      }
      if (userChains.has(target) || before.has(target)) continue;
      const lower = target.toLowerCase();
      const like = allTargets.find((t) => t.name.toLowerCase() === lower);
      const later = declaredLater.get(target);
      if (like && like.name !== target && !jump.goto) {
        out.push(
          tok(
            jump.name,
            'iptables/unknown-target',
            `Target names are case-sensitive: \`${target}\` is not ${like.name}, nor a chain declared in this table. The restore fails.`,
          ),
        );
      } else if (later !== undefined && later > rule.span.start) {
        out.push(
          tok(
            jump.name,
            'iptables/undeclared-chain',
            `Chain \`${target}\` is declared only further down, so the restore fails. Move its \`:${target}\` line above the rules that jump to it.`,
          ),
        );
      } else if (refusedTargets.has(target) && !jump.goto) {
        out.push(
          tok(
            jump.name,
            'iptables/unknown-target',
            `${refusedTargets.get(target) as string} The restore fails at load.`,
          ),
        );
      } else {
        const known = allTargets.find((t) => t.name === target);
        out.push(
          tok(
            jump.name,
            known ? 'iptables/unknown-target' : 'iptables/undeclared-chain',
            known
              ? `${target} is not available in ${file.family === 'ipv4' ? 'iptables (IPv4)' : 'ip6tables (IPv6)'}.`
              : `\`${target}\` is not a target nor a chain of the ${name} table. The restore fails.${file.tables.some((o) => o !== table && o.chains.some((c) => c.name.value === target)) ? ' Chains do not carry over from another table.' : ''}`,
            known || !declarable(target) ? undefined : target,
          ),
        );
      }
    }
  }
  return checked();
}

/** In a ufw rules file, the chains ufw declares before loading it count as declared. */
export const chainsRule: IptablesRule = (input) =>
  checkChains(
    input.file,
    input.analyses,
    isUfwFragment(input.ctx) ? ufwPredeclaredChains(input.family === 'ipv6' ? 'ip6tables' : 'iptables') : undefined,
  );
