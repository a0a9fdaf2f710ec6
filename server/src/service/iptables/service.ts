/** The iptables / ip6tables language: rules-save files, standalone or embedded in cloud-config. */
import { registerEmbeddedLanguage, type EmbeddedContext, type EmbeddedLanguageService } from '../embedded/languages';
import type { RuleInfo } from '../rules';
import type { IpFamily, RulesFile } from './ast';
import { parseRulesSave } from './parse';
import { reparseOneLine } from './reparseLine';
import { familyOf } from './family';
import { validateRules } from './validate';
import { flowFindings } from './flow/index';
import { completeRules } from './complete';
import { hoverRules } from './hover';
import { rulesFolding, rulesSymbols } from './outline';
import { iptablesCrossFileFacts } from './crossFileFacts';

export const iptablesRules = {
  'iptables/syntax': { severity: 'error', summary: 'A line iptables-restore cannot read: unknown command, stray word, bad quoting, indented comment, text after COMMIT, -t, CRLF.' },
  'iptables/no-table': { severity: 'error', summary: 'Chain or rule line before any *table line.' },
  'iptables/missing-commit': { severity: 'error', summary: 'A table is not closed by COMMIT, so none of it loads.' },
  'iptables/unknown-table': { severity: 'error', summary: 'Table is not filter, nat, mangle, raw or security.' },
  'iptables/chain-not-in-table': { severity: 'error', summary: 'Built-in chain that this table does not have (PREROUTING in filter).' },
  'iptables/undeclared-chain': { severity: 'error', summary: 'Rule or jump names a chain that is neither built in nor declared (before it) in this table.' },
  'iptables/duplicate-chain': { severity: 'error', summary: 'User chain declared twice in one table.' },
  'iptables/invalid-policy': { severity: 'error', summary: 'Built-in chain policy other than ACCEPT/DROP, or a policy on a user chain.' },
  'iptables/unknown-option': { severity: 'error', summary: 'Option no loaded match or target provides, e.g. --dport without -p tcp before it.' },
  'iptables/unknown-match': { severity: 'error', summary: '-m names no match module.' },
  'iptables/unknown-target': { severity: 'error', summary: '-j names neither a target nor a declared chain.' },
  'iptables/target-not-allowed': { severity: 'error', summary: 'Target or match in a table or chain where the kernel refuses it.' },
  'iptables/missing-argument': { severity: 'error', summary: 'Option or module without a value or option it requires.' },
  'iptables/invalid-address': { severity: 'error', summary: 'Bad address or mask, or an address of the other IP family.' },
  'iptables/hostname': { severity: 'warning', summary: 'Host name where an address belongs: resolved once at load time, fails while DNS is down.' },
  'iptables/invalid-port': { severity: 'error', summary: 'Port out of range, reversed range, unknown service or more than 15 multiport ports.' },
  'iptables/invalid-icmp-type': { severity: 'error', summary: 'Unknown or ambiguous ICMP/ICMPv6 type.' },
  'iptables/invalid-state': { severity: 'error', summary: 'Unknown conntrack or state value.' },
  'iptables/missing-ipset': { severity: 'warning', summary: 'ipset that nothing in the config creates: the restore fails until it exists.' },
  'iptables/duplicate-rule': { severity: 'warning', summary: 'The same rule twice in a chain.' },
  'iptables/shadowed-rule': { severity: 'warning', summary: 'Rule that can never match because an earlier rule catches all its packets.' },
  'iptables/lockout': { severity: 'warning', summary: 'INPUT drops everything and nothing accepts SSH: applying it locks you out.' },
  'iptables/no-established': { severity: 'warning', summary: 'INPUT drops by default without accepting RELATED,ESTABLISHED replies.' },
  'iptables/no-loopback': { severity: 'warning', summary: 'INPUT drops by default without accepting the loopback interface.' },
  'iptables/permissive-filter': { severity: 'information', summary: 'filter INPUT accepts everything: this firewall filters nothing.' },
  'iptables/forward-not-mirrored': { severity: 'information', summary: 'Sources accepted in INPUT are dropped in FORWARD (container or pod traffic).' },
  'iptables/docker-bypass': { severity: 'warning', summary: 'Published container ports bypass INPUT; DOCKER-USER does not filter them.' },
  'iptables/state-match': { severity: 'hint', summary: '-m state --state, superseded by -m conntrack --ctstate.' },
  'iptables/packet-counters': { severity: 'hint', summary: 'Non-zero saved [packets:bytes] counters in a hand-kept file.' },
} as const satisfies Record<string, RuleInfo>;

/**
 * Parse once per text: the same text gives the same model (a small cache for the calls of one
 * keystroke and for the few rules blocks of one user-data). Keyed by the text itself, with a model per
 * family (a key joining family and text would copy the text on every look-up). Bounded by count and
 * by text size, so a large file being typed in does not keep a model per keystroke.
 */
const cache = new Map<string, Partial<Record<IpFamily, RulesFile>>>();
const cacheEntries = 4;
// A parsed rules file weighs about 50 times its text: 200k characters of rules keep ~10 MB alive.
const cacheChars = 200_000;
let cachedChars = 0;

function forget(text: string): void {
  if (cache.delete(text)) cachedChars -= text.length;
}

/**
 * A keystroke in one rule line: the most recent cached model of the same family that differs from
 * `text` in that line only is carried over (and leaves the cache, since its objects now belong to the
 * new model).
 */
function fromPrevious(family: IpFamily, text: string): RulesFile | undefined {
  const texts = [...cache.keys()];
  for (let i = texts.length - 1; i >= 0; i--) {
    const before = texts[i] as string;
    const models = cache.get(before);
    const previous = models?.[family];
    if (!models || !previous || Math.abs(before.length - text.length) > 4096) continue;
    const next = reparseOneLine(previous, text);
    if (!next) continue;
    delete models[family];
    if (!models.ipv4 && !models.ipv6) forget(before);
    return next;
  }
  return undefined;
}

export function rulesFileOf(ctx: EmbeddedContext, language: 'iptables' | 'ip6tables'): RulesFile {
  const family = familyOf(ctx, language);
  const text = ctx.text;
  let models = cache.get(text);
  if (models) {
    // Keep recently used texts last, so the oldest are dropped first (Map order is insertion order).
    cache.delete(text);
    cache.set(text, models);
    const known = models[family];
    if (known) return known;
  }
  const file = fromPrevious(family, text) ?? parseRulesSave(text, family);
  if (!models) {
    models = {};
    cache.set(text, models);
    cachedChars += text.length;
  }
  models[family] = file;
  for (const oldText of cache.keys()) {
    if ((cache.size <= cacheEntries && cachedChars <= cacheChars) || oldText === text) break;
    forget(oldText);
  }
  return file;
}

function languageService(language: 'iptables' | 'ip6tables'): EmbeddedLanguageService {
  return {
    rules: iptablesRules,
    validate(ctx) {
      const file = rulesFileOf(ctx, language);
      return [...validateRules(file, ctx), ...flowFindings(file, ctx)];
    },
    crossFileFacts: iptablesCrossFileFacts,
    complete: (ctx, offset) => completeRules(rulesFileOf(ctx, language), ctx, offset),
    hover: (ctx, offset) => hoverRules(rulesFileOf(ctx, language), ctx, offset),
    symbols: (ctx) => rulesSymbols(rulesFileOf(ctx, language)),
    folding: (ctx) => rulesFolding(rulesFileOf(ctx, language)),
  };
}

registerEmbeddedLanguage('iptables', languageService('iptables'));
registerEmbeddedLanguage('ip6tables', languageService('ip6tables'));
