import type { RuleLine } from './ast';

const keys = new WeakMap<RuleLine, string>();

/**
 * A rule's options as one string (`! -s 10.0.0.0/8 -p tcp --dport 22 -j ACCEPT`, words as iptables
 * reads them): equal keys are the same rule. Worked out once per rule line.
 */
export function ruleKey(rule: RuleLine): string {
  let key = keys.get(rule);
  if (key === undefined) {
    // As `options.map((o) => [negation ?? '', name, ...args].join(' ')).join(' ')`, one list of words.
    const words: string[] = [];
    for (const o of rule.options) {
      words.push(o.negation?.value ?? '', o.name.value);
      for (const a of o.args) words.push(a.value);
    }
    key = words.join(' ');
    keys.set(rule, key);
  }
  return key;
}
