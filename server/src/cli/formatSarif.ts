import { pathToFileURL } from 'url';
import * as path from 'path';
import { allRules, rulePageUrl } from '../service/rules';
import type { Severity } from '../service/types';
import type { FileReport } from './report';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** SARIF 2.1.0 log for code-scanning upload. Columns are 1-based (SARIF default, UTF-16 units). */
export function formatSarif(reports: readonly FileReport[]): object {
  const rules = allRules().map(([id, info]) => ({
    id,
    shortDescription: { text: info.summary },
    fullDescription: { text: `${info.summary} ${info.why}` },
    help: {
      text: `${info.why}\n\nFix: ${info.fix}`,
      markdown: `${info.why}\n\n**Fix:** ${info.fix}\n\n**What the real tool does:** ${info.realTool}`,
    },
    helpUri: rulePageUrl(id),
    defaultConfiguration: { level: levels[info.severity] },
  }));
  const index = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((r) =>
    r.diagnostics.map((d) => {
      const uri = path.isAbsolute(r.file) ? pathToFileURL(r.file).toString() : r.file.split(path.sep).join('/');
      const result: Record<string, unknown> = {
        ruleId: d.code,
        level: levels[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
      };
      const i = index.get(d.code);
      if (i !== undefined) result['ruleIndex'] = i;
      return result;
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cloud-config-lint',
            informationUri: 'https://github.com/cloud-config-tools/cloud-config-lsp',
            version: '0.1.0',
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
