import type { Severity } from './types';

/** One entry of the rule catalog (RULES.md). Codes are public and stable. */
export interface RuleInfo {
  readonly severity: Severity;
  /** Short own-words summary, used in SARIF rule metadata and docs. */
  readonly summary: string;
}

/** The rule table: code → default severity and summary. Mirrors RULES.md. */
export const ruleTable = {
  'cloud-config/header': { severity: 'error', summary: 'Line 1 must be exactly #cloud-config, or the file is not read as cloud-config.' },
  'cloud-config/yaml-syntax': { severity: 'error', summary: 'The YAML does not parse.' },
  'cloud-config/unknown-key': { severity: 'warning', summary: 'Key not known at this level; it is ignored by the machine.' },
  'cloud-config/type': { severity: 'warning', summary: 'Value has the wrong YAML type.' },
  'cloud-config/invalid-value': { severity: 'error', summary: 'Value outside the allowed set or pattern.' },
  'cloud-config/missing-key': { severity: 'error', summary: 'An entry lacks a key it needs, so the entry is skipped.' },
  'cloud-config/empty': { severity: 'information', summary: 'The cloud-config has no settings.' },
  'cloud-config/deprecated': { severity: 'information', summary: 'Key or component no longer supported.' },
  'cloud-config/hyphen-key': { severity: 'hint', summary: 'Spelling one dialect accepts and the other ignores.' },
  'cloud-config/unquoted-permissions': { severity: 'warning', summary: 'Unquoted numeric permissions are read differently by YAML 1.1 and 1.2 readers.' },
  'cloud-config/owner': { severity: 'warning', summary: 'owner is not user or user:group.' },
  'cloud-config/relative-path': { severity: 'error', summary: 'write_files path is not absolute.' },
  'cloud-config/read-only-path': { severity: 'error', summary: 'File written under /usr, read-only on Container Linux.' },
  'cloud-config/duplicate-key': { severity: 'error', summary: 'Same key twice in one mapping.' },
  'cloud-config/duplicate-unit': { severity: 'warning', summary: 'Two unit entries with the same name.' },
  'cloud-config/duplicate-file': { severity: 'warning', summary: 'Two write_files entries with the same path.' },
  'cloud-config/unit-name': { severity: 'error', summary: 'Unit name without a valid suffix or with invalid characters.' },
  'cloud-config/unit-missing-install': { severity: 'warning', summary: 'enable: true on a unit without an [Install] section does nothing.' },
  'cloud-config/unit-not-defined': { severity: 'information', summary: 'Unit is started or enabled but defined nowhere.' },
  'cloud-config/firewall-not-loaded': { severity: 'warning', summary: 'Rules are written but the restore unit is not enabled and started.' },
  'cloud-config/firewall-rules-missing': { severity: 'warning', summary: 'Restore unit enabled but no rules file is written.' },
  'cloud-config/secret-permissions': { severity: 'warning', summary: 'Credentials file readable by group or others.' },
  'cloud-config/folded-embedded': { severity: 'warning', summary: 'Embedded rules or unit content in a folded > scalar, which joins lines.' },
  'cloud-config/rules-strip-newline': { severity: 'error', summary: 'Rules content with |- ends without the newline iptables-restore needs.' },
  'cloud-config/write-files-under-coreos': { severity: 'warning', summary: 'write_files nested under coreos is ignored.' },
  'cloud-config/missing-final-newline': { severity: 'information', summary: 'The user-data does not end with a newline.' },
  'cloud-config/no-firewall': { severity: 'information', summary: 'Ports are published but no firewall rules are written.' },
  'cloud-config/other-format': { severity: 'hint', summary: 'The user-data is a #! script or an Ignition config, not cloud-config; it is not checked.' },
  'cloud-config/template': { severity: 'hint', summary: 'The user-data is a template (Terraform, Jinja, Go, tokens): values holding placeholders are not checked.' },
  'cloud-config/embedded-not-analysed': { severity: 'hint', summary: 'Embedded content in a form that cannot be mapped line for line is not analysed.' },
} as const satisfies Record<string, RuleInfo>;

export type RuleCode = keyof typeof ruleTable;

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(ruleTable, code);
}

/** Every rule-table entry, with codes added by later language modules registered at load time. */
const extraRules = new Map<string, RuleInfo>();

export function registerRules(table: Readonly<Record<string, RuleInfo>>): void {
  for (const [code, info] of Object.entries(table)) extraRules.set(code, info);
}

export function ruleInfo(code: string): RuleInfo | undefined {
  return isRuleCode(code) ? ruleTable[code] : extraRules.get(code);
}

export function allRules(): Array<[string, RuleInfo]> {
  return [...Object.entries(ruleTable), ...extraRules.entries()];
}
