/** The JSON schema of the `cloudConfig.rules` setting: every code and every language wildcard. */
import { catalogues, rulePageUrl, type RuleCode } from '../service/rules';

export const severitySettings = ['error', 'warning', 'information', 'hint', 'off'] as const;

const enumDescriptions = [
  'Shown as an error.',
  'Shown as a warning.',
  'Shown as information.',
  'Shown as a hint (faint dots in the editor, not listed in the Problems panel).',
  'Not reported.',
];

export function rulesSettingSchema(): object {
  const properties: Record<string, object> = {};
  for (const language of Object.keys(catalogues)) {
    properties[`${language}/*`] = {
      type: 'string',
      enum: severitySettings,
      enumDescriptions,
      markdownDescription: `Severity of every \`${language}/\` rule that is not set on its own.`,
    };
  }
  for (const catalogue of Object.values(catalogues)) {
    for (const [code, entry] of Object.entries(catalogue)) {
      properties[code] = {
        type: 'string',
        enum: severitySettings,
        default: entry.severity,
        markdownDescription: `${entry.summary} Default: \`${entry.severity}\`. [Documentation](${rulePageUrl(code as RuleCode)})`,
      };
    }
  }
  return {
    type: 'object',
    default: {},
    markdownDescription:
      'Severity per rule code or per language (`"iptables/*": "off"`), e.g. `{ "cloud-config/unknown-key": "error", "cloud-config/hyphen-key": "off" }`. A code set on its own wins over its language\'s wildcard. Unknown codes and severities are reported in the output.',
    properties,
    additionalProperties: false,
    // Folders of a multi-root workspace may set their own severities.
    scope: 'resource',
  };
}
