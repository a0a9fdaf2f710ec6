/**
 * Every rule code of every language, from the catalogues beside each language's rules
 * (`cloudConfig/catalogue.ts`, `iptables/catalogue.ts`, `systemd/catalogue.ts`,
 * `docker/catalogue.ts`). Codes are public and stable. A new language adds its catalogue here.
 */
import type { RuleEntry } from './ruleEntry';
import { cloudConfigCatalogue, type CloudConfigCode } from './cloudConfig/catalogue';
import { iptablesCatalogue, type IptablesCode } from './iptables/catalogue';
import { systemdCatalogue, type SystemdCode } from './systemd/catalogue';
import { dockerCatalogue, type DockerCode } from './docker/catalogue';

export type { RuleEntry } from './ruleEntry';
/** The older name of a catalogue entry. */
export type RuleInfo = RuleEntry;

/** The catalogues by language, in the order the documentation lists them. */
export const catalogues = {
  'cloud-config': cloudConfigCatalogue,
  iptables: iptablesCatalogue,
  systemd: systemdCatalogue,
  docker: dockerCatalogue,
} as const;

export type RuleLanguage = keyof typeof catalogues;

/** Every code any rule may report: `Finding.code` has this type, so a misspelt code does not compile. */
export type RuleCode = CloudConfigCode | IptablesCode | SystemdCode | DockerCode;

export const ruleTable: Readonly<Record<RuleCode, RuleEntry>> = {
  ...cloudConfigCatalogue,
  ...iptablesCatalogue,
  ...systemdCatalogue,
  ...dockerCatalogue,
};

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(ruleTable, code);
}

export function ruleInfo(code: string): RuleEntry | undefined {
  return isRuleCode(code) ? ruleTable[code] : undefined;
}

export function allRules(): Array<[RuleCode, RuleEntry]> {
  return Object.entries(ruleTable) as Array<[RuleCode, RuleEntry]>;
}

/** The language folder of a code's documentation page: `docs/rules/<language>/<name>.md`. */
export function rulePagePath(code: RuleCode): string {
  return `docs/rules/${code}.md`;
}

/** Where each diagnostic's `codeDescription.href` points: the page in the project repository. */
export const rulePagesBase = 'https://github.com/cloud-config-tools/cloud-config-lsp/blob/main/';

export function rulePageUrl(code: RuleCode): string {
  return rulePagesBase + rulePagePath(code);
}
