/** One documentation page per rule code (`docs/rules/<language>/<name>.md`), from its catalogue entry. */
import type { RuleCode, RuleEntry } from '../service/rules';
import type { RuleExample } from '../service/ruleEntry';
import { codeLanguage } from '../service/ruleEntry';

/** The fence info string for an example's file: highlighting on GitHub and in VS Code's preview. */
function fenceLanguage(file: string): string {
  if (/\.(service|socket|timer|mount|automount|path|target|swap|slice|scope|conf)$/.test(file)) return 'ini';
  if (/^rules|\.v[46]$|iptables/.test(file)) return 'text';
  return 'yaml';
}

/** Headings the page test reads the examples back from. */
export const badHeading = '## Reported';
export const goodHeading = '## Not reported';

function example(heading: string, e: RuleExample): string {
  return `${heading}\n\nIn \`${e.file}\`:\n\n\`\`\`\`${fenceLanguage(e.file)}\n${e.text}\`\`\`\`\n`;
}

export function rulePage(code: RuleCode, entry: RuleEntry): string {
  const language = codeLanguage(code);
  return [
    `<!-- Generated from server/src/service/${catalogueFolder(language)}/catalogue.ts by \`npm run docs:rules\`: edit the catalogue, not this page. -->`,
    `# ${code}`,
    '',
    `**Default severity:** ${entry.severity}`,
    '',
    entry.summary,
    '',
    '## Why it matters',
    '',
    entry.why,
    '',
    example(badHeading, entry.bad),
    example(goodHeading, entry.good),
    '## How to fix it',
    '',
    entry.fix,
    '',
    '## What the real tool does',
    '',
    entry.realTool,
    '',
    '## Settings',
    '',
    `Change its severity or turn it off in VS Code's settings, \`"cloudConfig.rules": { "${code}": "off" }\`` +
      ` (or \`"${language}/*"\` for every ${language} rule), or on the command line with \`--rule ${code}=off\`.`,
    '',
  ].join('\n');
}

/** The folder of a language's catalogue under `server/src/service/`. */
export function catalogueFolder(language: string): string {
  return language === 'cloud-config' ? 'cloudConfig' : language;
}
