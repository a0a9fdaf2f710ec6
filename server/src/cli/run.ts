import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'url';
import * as path from 'path';
import { getLanguageService } from '../service/index';
import { severityName } from '../service/diagnostics';
import { parseArgs, usage, UsageError } from './args';
import { collectFiles } from './files';
import { formatText } from './formatText';
import { formatSarif } from './formatSarif';
import type { FileReport } from './report';
import { applyAllFixes } from './applyFixes';
import { promises as fs } from 'fs';
import { runExposureCommand } from './exposureCommands';

export async function runCli(argv: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  // `exposure FILE` and `trace FILE …` are commands of their own; anything else is linting.
  if (argv[0] === 'exposure' || argv[0] === 'trace') return runExposureCommand(argv[0], argv.slice(1), out, err);
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`cloud-config-lint: ${e.message}\n\n${usage}\n`);
      return 2;
    }
    throw e;
  }
  if (opts.help) {
    out.write(`${usage}\n`);
    return 0;
  }
  if (opts.paths.length === 0) {
    err.write(`cloud-config-lint: no PATH given\n\n${usage}\n`);
    return 2;
  }
  // `--language iptables` / `ip6tables` also fixes the address family of the rules files.
  const rulesFamily = opts.language === 'iptables' ? 'ipv4' as const : opts.language === 'ip6tables' ? 'ipv6' as const : undefined;
  const settings = { dialect: opts.dialect, rules: opts.rules, ...(rulesFamily ? { rulesFamily } : {}) };
  const service = getLanguageService(settings);
  const files = await collectFiles(opts.paths, opts.language);
  const reports: FileReport[] = [];
  let failedRead = false;
  for (const f of files) {
    if (f.unplaced) {
      reports.push({ file: f.display, language: 'unknown', diagnostics: [{
        code: 'cloud-config-lint/unrecognised-file',
        severity: 'hint',
        message: 'Not checked: neither the name nor the content says whether this is cloud-config user-data (`#cloud-config` on line 1), an iptables rules-save file or a systemd unit. Say which with --language.',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      }] });
      continue;
    }
    if (f.error !== undefined || f.text === undefined || !f.language) {
      failedRead = true;
      err.write(`cloud-config-lint: ${f.error ?? `cannot read ${f.display}`}\n`);
      continue;
    }
    const uri = pathToFileURL(path.resolve(f.display)).toString();
    let text = f.text;
    if (opts.fix) {
      const fixed = applyAllFixes(service, settings, uri, f.language, text);
      if (fixed.text !== text) {
        try {
          await fs.writeFile(f.display, fixed.text, 'utf8');
          err.write(`cloud-config-lint: ${f.display}: applied fixes\n`);
          text = fixed.text;
        } catch (e) {
          failedRead = true;
          err.write(`cloud-config-lint: cannot write ${f.display}: ${e instanceof Error ? e.message : String(e)}\n`);
        }
      }
    }
    const doc = TextDocument.create(uri, f.language, 1, text);
    const diagnostics = service.validate(doc, f.language).map((d) => ({
      code: String(d.code ?? ''),
      severity: severityName(d.severity),
      message: typeof d.message === 'string' ? d.message : d.message.value,
      range: d.range,
    }));
    reports.push({ file: f.display, language: f.language, diagnostics });
  }
  if (opts.format === 'json') out.write(`${JSON.stringify(reports, null, 2)}\n`);
  else if (opts.format === 'sarif') out.write(`${JSON.stringify(formatSarif(reports), null, 2)}\n`);
  else out.write(formatText(reports));
  if (failedRead) return 2;
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
