import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'url';
import * as path from 'path';
import { getLanguageService, type LanguageService } from '../service/index';
import { severityName } from '../service/diagnostics';
import type { ServiceSettings } from '../service/types';
import { parseArgs, usage, UsageError, type CliOptions } from './args';
import { collectPaths, readInput, type ReadFile } from './files';
import { formatText } from './formatText';
import { formatSarif } from './formatSarif';
import type { FileReport } from './report';
import { applyAllFixes } from './applyFixes';
import { NotWritten, writeBack } from './writeBack';
import { runExposureCommand } from './exposureCommands';

export async function runCli(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  // `exposure FILE` and `trace FILE …` are commands of their own; anything else is linting.
  if (argv[0] === 'exposure' || argv[0] === 'trace') return runExposureCommand(argv[0], argv.slice(1), out, err);
  let opts: CliOptions;
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
  const rulesFamily =
    opts.language === 'iptables' ? ('ipv4' as const) : opts.language === 'ip6tables' ? ('ipv6' as const) : undefined;
  const settings: ServiceSettings = {
    dialect: opts.dialect,
    rules: opts.rules,
    ...(rulesFamily ? { rulesFamily } : {}),
  };
  const service = getLanguageService(settings);
  const reports: FileReport[] = [];
  let failed = false;
  const fail = (message: string): void => {
    failed = true;
    err.write(`cloud-config-lint: ${message}\n`);
  };
  // One file at a time: read, fix, write, check. A file changed by someone else meanwhile is never
  // overwritten with what was read before, and one file's failure leaves the others checked.
  for (const input of await collectPaths(opts.paths)) {
    if (input.error !== undefined) {
      fail(input.error);
      continue;
    }
    try {
      const read = await readInput(input, opts.language, opts.maxSize);
      if (read === undefined) continue;
      if ('error' in read) {
        fail(read.error);
        continue;
      }
      if ('unplaced' in read) {
        reports.push(unplaced(input.display));
        continue;
      }
      reports.push(await checkFile(input.display, read, opts, service, settings, err, fail));
    } catch (e) {
      // A bug, or a stack or memory limit, in one file: reported for that file; the others go on.
      fail(`${input.display}: internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (opts.format === 'json') out.write(`${JSON.stringify(reports, null, 2)}\n`);
  else if (opts.format === 'sarif') out.write(`${JSON.stringify(formatSarif(reports), null, 2)}\n`);
  else out.write(formatText(reports));
  if (failed) return 2;
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

function unplaced(file: string): FileReport {
  return {
    file,
    language: 'unknown',
    diagnostics: [
      {
        code: 'cloud-config-lint/unrecognised-file',
        severity: 'hint',
        message:
          'Not checked: neither the name nor the content says whether this is cloud-config user-data (`#cloud-config` on line 1), an iptables rules-save file or a systemd unit. Say which with --language.',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ],
  };
}

async function checkFile(
  display: string,
  read: ReadFile,
  opts: CliOptions,
  service: LanguageService,
  settings: ServiceSettings,
  err: NodeJS.WritableStream,
  fail: (message: string) => void,
): Promise<FileReport> {
  const uri = pathToFileURL(path.resolve(display)).toString();
  let text = read.source.text;
  if (opts.fix) {
    const fixed = applyAllFixes(service, settings, uri, read.language, read.source);
    if (!fixed.source.bytes.equals(read.source.bytes)) {
      try {
        await writeBack(display, fixed.source.bytes, read.stat, read.source.bytes);
        err.write(`cloud-config-lint: ${display}: applied fixes\n`);
        text = fixed.source.text;
      } catch (e) {
        const why =
          e instanceof NotWritten
            ? e.message
            : (e as NodeJS.ErrnoException).code === 'ENOSPC'
              ? 'no space left on the device'
              : e instanceof Error
                ? e.message
                : String(e);
        fail(`${display}: fixes not written, the file is unchanged: ${why}`);
      }
    }
  }
  const doc = TextDocument.create(uri, read.language, 1, text);
  const diagnostics = service.validate(doc, read.language).map((d) => ({
    code: String(d.code ?? ''),
    severity: severityName(d.severity),
    message: typeof d.message === 'string' ? d.message : d.message.value,
    range: d.range,
  }));
  return { file: display, language: read.language, diagnostics };
}
