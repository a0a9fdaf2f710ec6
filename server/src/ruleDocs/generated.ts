/**
 * Everything generated from the rule catalogues: the pages under `docs/rules/`, the README's rule
 * tables (between `<!-- rules:start -->` and `<!-- rules:end -->`) and the `cloudConfig.rules`
 * settings schema in package.json. `scripts/rules-docs.mjs` writes them; test/service/ruleDocs.test.ts
 * fails while any of them is stale.
 */
import { allRules, catalogues, rulePagePath, type RuleCode } from '../service/rules';
import { rulePage } from './rulePage';
import { rulesSettingSchema } from './settingsSchema';

export const readmeStart = '<!-- rules:start -->';
export const readmeEnd = '<!-- rules:end -->';

/** `docs/rules/<language>/<name>.md` → page text, for every code. */
export function rulePages(): Map<string, string> {
  return new Map(allRules().map(([code, entry]) => [rulePagePath(code), rulePage(code, entry)]));
}

const languageTitles: Record<keyof typeof catalogues, string> = {
  'cloud-config': 'cloud-config (the YAML user-data)',
  iptables: 'iptables and ip6tables rules-save files',
  systemd: 'systemd units and drop-ins',
  docker: 'docker command lines in units',
};

/** The README's rule tables, markers included. */
export function readmeRuleTables(): string {
  const out = [
    readmeStart,
    '<!-- Generated from the rule catalogues by `npm run docs:rules`: edit the catalogues, not this table. -->',
    '',
  ];
  for (const [language, catalogue] of Object.entries(catalogues) as Array<
    [keyof typeof catalogues, Record<string, { severity: string; summary: string }>]
  >) {
    out.push(`#### ${languageTitles[language]}`, '', '| code | default | what it finds |', '|---|---|---|');
    for (const [code, entry] of Object.entries(catalogue)) {
      out.push(
        `| [\`${code}\`](${rulePagePath(code as RuleCode)}) | ${entry.severity} | ${entry.summary.replace(/\|/g, '\\|')} |`,
      );
    }
    out.push('');
  }
  out.push(readmeEnd);
  return out.join('\n');
}

/** The README with its rule tables replaced (undefined when the markers are missing). */
export function withReadmeTables(readme: string): string | undefined {
  const start = readme.indexOf(readmeStart);
  const end = readme.indexOf(readmeEnd);
  if (start < 0 || end < start) return undefined;
  return readme.slice(0, start) + readmeRuleTables() + readme.slice(end + readmeEnd.length);
}

/** package.json text with the `cloudConfig.rules` schema replaced (the file is 2-space JSON). */
export function withSettingsSchema(packageJson: string): string {
  const manifest = JSON.parse(packageJson) as {
    contributes: { configuration: { properties: Record<string, unknown> } };
  };
  manifest.contributes.configuration.properties['cloudConfig.rules'] = rulesSettingSchema();
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
