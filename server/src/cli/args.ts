import type { LanguageId, SeveritySetting, DialectSetting } from '../service/types';
import { ruleSettingProblem, severitySettings } from '../service/ruleSettings';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  format: OutputFormat;
  language: LanguageId | undefined;
  dialect: DialectSetting;
  rules: Record<string, SeveritySetting>;
  paths: string[];
  help: boolean;
  /** Apply every preferred quick fix and write the files back before reporting. */
  fix: boolean;
  /** Files larger than this many bytes are not read. */
  maxSize: number;
}

export class UsageError extends Error {}

const languages: readonly LanguageId[] = ['cloud-config', 'iptables', 'ip6tables', 'systemd', 'compose'];

export const usage = `Usage: cloud-config-lint [--format text|json|sarif] [--language cloud-config|iptables|ip6tables|systemd|compose]
                         [--dialect auto|coreos|cloud-init] [--rule CODE|LANGUAGE/*=SEVERITY|off]... [--fix] [--max-size SIZE] PATH...

Checks cloud-config user-data (and the systemd units and iptables rules inside it) and rules-save files.
Directories are searched for known file names. --fix applies every automatic fix to the files
(as the editor's "fix all" would) and then reports what is left; each file is replaced whole
(a temporary file renamed over it, mode and owner kept) and left unchanged when it changed meanwhile,
is read-only or cannot be written. Only regular files are read, up to --max-size (default 64M;
suffix k, M or G). Exit status: 1 if any error-level finding, 2 on usage
errors, unreadable files or fixes not written, 0 otherwise.

       cloud-config-lint exposure FILE     what the internet can reach (see: cloud-config-lint exposure --help)
       cloud-config-lint trace FILE …      one packet's verdict and path`;

/** The size read at most by default: the size above which the editor does not analyse a document either. */
export const defaultMaxSize = 64 * 1024 * 1024;

function parseSize(v: string): number {
  const m = /^(\d+)([kKmMgG]?)$/.exec(v);
  if (!m) throw new UsageError(`--max-size wants a number of bytes, optionally with k, M or G; got "${v}"`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] as string).toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = {
    format: 'text',
    language: undefined,
    dialect: 'auto',
    rules: {},
    paths: [],
    help: false,
    fix: false,
    maxSize: defaultMaxSize,
  };
  const takeValue = (i: number, flag: string, inline: string | undefined): [string, number] => {
    if (inline !== undefined) return [inline, i];
    const v = argv[i + 1];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return [v, i + 1];
  };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      opts.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const inline = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined;
    switch (flag) {
      case '-h':
      case '--help':
        opts.help = true;
        break;
      case '--fix':
        opts.fix = true;
        break;
      case '--max-size': {
        const [v, j] = takeValue(i, flag, inline);
        i = j;
        opts.maxSize = parseSize(v);
        break;
      }
      case '-f':
      case '--format': {
        const [v, j] = takeValue(i, flag, inline);
        i = j;
        if (v !== 'text' && v !== 'json' && v !== 'sarif')
          throw new UsageError(`unknown format "${v}" (text, json or sarif)`);
        opts.format = v;
        break;
      }
      case '-l':
      case '--language': {
        const [v, j] = takeValue(i, flag, inline);
        i = j;
        const lang = v === 'systemd-unit' ? 'systemd' : v;
        if (!languages.includes(lang as LanguageId))
          throw new UsageError(`unknown language "${v}" (${languages.join(', ')})`);
        opts.language = lang as LanguageId;
        break;
      }
      case '--dialect': {
        const [v, j] = takeValue(i, flag, inline);
        i = j;
        if (v !== 'auto' && v !== 'coreos' && v !== 'cloud-init')
          throw new UsageError(`unknown dialect "${v}" (auto, coreos or cloud-init)`);
        opts.dialect = v;
        break;
      }
      case '-r':
      case '--rule': {
        const [v, j] = takeValue(i, flag, inline);
        i = j;
        const m = /^([^=]+)=(.*)$/.exec(v);
        if (!m)
          throw new UsageError(
            `--rule wants CODE=SEVERITY (or LANGUAGE/*=SEVERITY) with SEVERITY one of ${severitySettings.join(', ')}; got "${v}"`,
          );
        const problem = ruleSettingProblem(m[1] as string, m[2]);
        if (problem) throw new UsageError(`--rule ${problem}`);
        opts.rules[m[1] as string] = m[2] as SeveritySetting;
        break;
      }
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return opts;
}
