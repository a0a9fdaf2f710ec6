/**
 * The keys and values of rule severity settings (`cloudConfig.rules`, the CLI's `--rule`): a
 * catalogued code or a language wildcard (`iptables/*`), and a severity or `off`. A made-up code or
 * severity is reported back, never silently ignored.
 */
import type { SeveritySetting } from './types';
import { catalogues, isRuleCode, allRules } from './rules';
import { codeLanguage } from './ruleEntry';
import { editDistance } from './text/editDistance';

export const severitySettings: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

const wildcards = new Set(Object.keys(catalogues).map((l) => `${l}/*`));

export function isRuleKey(key: string): boolean {
  return isRuleCode(key) || wildcards.has(key);
}

export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && (severitySettings as readonly string[]).includes(value);
}

function closestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const candidate of [...wildcards, ...allRules().map(([code]) => code)]) {
    const d = editDistance(key, candidate, bestDistance - 1);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** What is wrong with one `code: severity` setting, in a sentence; undefined when it is fine. */
export function ruleSettingProblem(key: string, value: unknown): string | undefined {
  if (!isRuleKey(key)) {
    const near = closestKey(key);
    const hint = near
      ? ` Did you mean "${near}"?`
      : ` Codes look like "iptables/lockout"; "iptables/*" sets a whole language (${[...wildcards].join(', ')}).`;
    return `"${key}" is not a rule code, so its setting does nothing.${hint}`;
  }
  if (!isSeveritySetting(value)) {
    return `"${key}": ${JSON.stringify(value)} is not a severity; use one of ${severitySettings.join(', ')}.`;
  }
  return undefined;
}

/** The setting that applies to a code: its own, else its language's wildcard. */
export function ruleSetting(
  code: string,
  rules: Readonly<Record<string, SeveritySetting>>,
): SeveritySetting | undefined {
  return rules[code] ?? rules[`${codeLanguage(code)}/*`];
}
