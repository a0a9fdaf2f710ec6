import { promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { detectLanguage } from '../service/languageId';
import type { DialectSetting, LanguageId } from '../service/types';
import {
  exposureReport,
  traceReport,
  TraceRequestError,
  type DocStep,
  type ExposureReport,
  type TraceReport,
} from '../service/exposure/index';
import type { ConntrackState } from '../service/iptables/trace/packet';
import { UsageError } from './args';

export const exposureUsage = `Usage: cloud-config-lint exposure [--format text|json] [--language L] [--dialect D] [--in IFACE] FILE
       cloud-config-lint trace [--format text|json] [--language L] [--dialect D] FILE
                         --proto tcp|udp|icmp|… [--dport PORT] --src ADDRESS [--dst ADDRESS] [--in IFACE]
                         [--state new|established|related|invalid]

exposure: what a new connection from an arbitrary internet address can reach, per protocol and port
(and ICMP echo), for IPv4 and IPv6, with the rule line or policy that decides, the ports only some
sources reach, what stays unknown (ipsets, rate limits, placeholders) and, for a user-data, which
services listen there (sshd, socket units, published containers).
trace: the verdict and path of one packet through raw, mangle, nat and filter in the kernel's order,
including Docker's rules for containers the user-data publishes. Exit status: 0 accepted,
1 dropped or rejected, 3 unknown, 2 usage errors or unreadable files.`;

interface CommandOptions {
  format: 'text' | 'json';
  language: LanguageId | undefined;
  dialect: DialectSetting;
  inIface: string | undefined;
  file: string | undefined;
  proto: string | undefined;
  dport: number | undefined;
  src: string | undefined;
  dst: string | undefined;
  state: ConntrackState | undefined;
}

const languages: readonly string[] = ['cloud-config', 'iptables', 'ip6tables'];
const states: Readonly<Record<string, ConntrackState>> = {
  new: 'NEW',
  established: 'ESTABLISHED',
  related: 'RELATED',
  invalid: 'INVALID',
  untracked: 'UNTRACKED',
};

function parseCommandArgs(argv: readonly string[], trace: boolean): CommandOptions {
  const o: CommandOptions = {
    format: 'text',
    language: undefined,
    dialect: 'auto',
    inIface: undefined,
    file: undefined,
    proto: undefined,
    dport: undefined,
    src: undefined,
    dst: undefined,
    state: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--') || arg === '--') {
      if (arg === '--') {
        o.file = argv[i + 1];
        break;
      }
      if (o.file !== undefined) throw new UsageError(`one FILE only (got ${o.file} and ${arg})`);
      o.file = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    let value = eq > 0 ? arg.slice(eq + 1) : undefined;
    const take = (): string => {
      if (value !== undefined) return value;
      const v = argv[i + 1];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      i++;
      value = v;
      return v;
    };
    switch (flag) {
      case '--format': {
        const v = take();
        if (v !== 'text' && v !== 'json') throw new UsageError(`unknown format "${v}" (text or json)`);
        o.format = v;
        break;
      }
      case '--language': {
        const v = take();
        if (!languages.includes(v)) throw new UsageError(`unknown language "${v}" (${languages.join(', ')})`);
        o.language = v as LanguageId;
        break;
      }
      case '--dialect': {
        const v = take();
        if (v !== 'auto' && v !== 'coreos' && v !== 'cloud-init') throw new UsageError(`unknown dialect "${v}"`);
        o.dialect = v;
        break;
      }
      case '--in':
        o.inIface = take();
        break;
      case '--proto':
      case '--src':
      case '--dst':
      case '--dport':
      case '--state':
        if (!trace) throw new UsageError(`${flag} is an option of \`trace\``);
        if (flag === '--proto') o.proto = take();
        else if (flag === '--src') o.src = take();
        else if (flag === '--dst') o.dst = take();
        else if (flag === '--dport') {
          const v = take();
          if (!/^\d{1,5}$/.test(v) || Number(v) > 65535)
            throw new UsageError(`--dport wants a port number, got "${v}"`);
          o.dport = Number(v);
        } else {
          const v = take();
          const s = states[v.toLowerCase()];
          if (!s) throw new UsageError(`unknown state "${v}" (${Object.keys(states).join(', ')})`);
          o.state = s;
        }
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (o.file === undefined) throw new UsageError('no FILE given');
  if (trace && (o.proto === undefined || o.src === undefined)) throw new UsageError('trace needs --proto and --src');
  return o;
}

function where(s: DocStep | undefined): string {
  if (!s) return '';
  const at = s.range ? `line ${s.range.start.line + 1}: ` : s.origin === 'docker' ? 'Docker: ' : '';
  return `${at}${s.text}`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length);
}

function exposureText(display: string, r: ExposureReport): string {
  const out: string[] = [];
  for (const f of r.files) {
    out.push(
      `${display} — ${f.name} (IPv${f.family}; internet traffic assumed on ${f.inIfaceKnown ? f.inIface : 'an interface not named (give --in IFACE)'}, from ${f.internetSource})`,
    );
    const rows = f.entries.filter((e) => e.status !== 'closed' || e.listeners.length > 0);
    out.push(`  ${pad('PORT', 20)}${pad('STATUS', 14)}${pad('PATH', 8)}${pad('DECIDED BY', 56)}LISTENS`);
    for (const e of rows) {
      const status = e.status === 'some-sources' ? 'some sources' : e.status;
      const detail =
        e.status === 'some-sources'
          ? ` (from ${e.sources.join(', ')})`
          : e.status === 'unknown'
            ? ` (${e.reasons.join('; ')})`
            : '';
      out.push(
        `  ${pad(e.label, 20)}${pad(status, 14)}${pad(e.viaDocker ? 'Docker' : 'INPUT', 8)}${pad(where(e.decidedBy) + detail, 56)}${e.listeners.join(', ') || (r.listeners ? '—' : '')}`,
      );
    }
    const closed = f.entries.find((e) => e.status === 'closed' && !e.icmpType);
    if (closed) out.push(`  everything else: closed (${where(closed.decidedBy)})`);
    for (const p of f.openNothingListens) out.push(`  open but nothing listens: ${p}`);
    for (const l of f.listensButClosed) out.push(`  listens but closed: ${l.port} (${l.what}) — ${where(l.decidedBy)}`);
    out.push('');
  }
  for (const u of r.unknownPorts) out.push(`published on a port Docker picks: ${u}`);
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** A path's assumption about a rule we cannot judge, in words. */
function describe(assumption: string): string {
  return assumption.startsWith('not: ')
    ? `if a rule does not match: ${assumption.slice(5)}`
    : `if the rule matches: ${assumption}`;
}

function traceText(display: string, r: TraceReport): string {
  const out = [
    `${display} — ${r.file} (IPv${r.family})`,
    `verdict: ${r.verdict}${r.reasons.length ? ` (${r.reasons.join('; ')})` : ''}`,
  ];
  const show = (steps: readonly DocStep[]): void => {
    for (const s of steps) {
      const at = s.range
        ? `line ${s.range.start.line + 1}`
        : s.origin === 'docker'
          ? 'Docker'
          : s.origin === 'kernel'
            ? 'kernel'
            : '';
      out.push(
        `  ${pad(`${s.table}/${s.chain}`, 32)}${pad(at, 10)}${s.text}${s.assumption ? `   [${describe(s.assumption)}]` : ''}`,
      );
    }
  };
  show(r.steps);
  for (const alt of r.alternatives) {
    out.push(`or ${alt.verdict}, ${alt.assumptions.map(describe).join(', ')}:`);
    show(alt.steps);
  }
  return `${out.join('\n')}\n`;
}

/** `exposure` and `trace`: returns the exit status. */
export async function runExposureCommand(
  command: 'exposure' | 'trace',
  argv: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out.write(`${exposureUsage}\n`);
    return 0;
  }
  let o: CommandOptions;
  try {
    o = parseCommandArgs(argv, command === 'trace');
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`cloud-config-lint ${command}: ${e.message}\n\n${exposureUsage}\n`);
      return 2;
    }
    throw e;
  }
  const file = o.file as string;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    err.write(`cloud-config-lint ${command}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return 2;
  }
  const lang = o.language ?? detectLanguage(file, text) ?? 'cloud-config';
  if (lang === 'systemd' || lang === 'compose') {
    err.write(
      `cloud-config-lint ${command}: ${file} is a ${lang === 'systemd' ? 'systemd unit' : 'Compose file'}, not a user-data or rules file\n`,
    );
    return 2;
  }
  const uri = pathToFileURL(path.resolve(file)).toString();
  if (command === 'exposure') {
    const report = exposureReport(text, lang, {
      dialect: o.dialect,
      uri,
      ...(o.inIface ? { inIface: o.inIface } : {}),
    });
    out.write(
      o.format === 'json' ? `${JSON.stringify({ input: file, ...report }, null, 2)}\n` : exposureText(file, report),
    );
    return 0;
  }
  let report: TraceReport;
  try {
    report = traceReport(
      text,
      lang,
      {
        proto: o.proto as string,
        src: o.src as string,
        ...(o.dport !== undefined ? { dport: o.dport } : {}),
        ...(o.dst ? { dst: o.dst } : {}),
        ...(o.inIface ? { inIface: o.inIface } : {}),
        ...(o.state ? { state: o.state } : {}),
      },
      { dialect: o.dialect, uri },
    );
  } catch (e) {
    if (e instanceof TraceRequestError) {
      err.write(`cloud-config-lint trace: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  out.write(o.format === 'json' ? `${JSON.stringify({ input: file, ...report }, null, 2)}\n` : traceText(file, report));
  return report.verdict === 'accept' ? 0 : report.verdict === 'unknown' ? 3 : 1;
}
