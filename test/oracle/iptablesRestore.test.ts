// Every rules file of ../shared/facts/iptables-cases and ../shared/corpus/rules-save (and the rules
// embedded in the corpus cloud-configs) is loaded for real into a throw-away network namespace with
// both backends (iptables-legacy-restore and iptables-nft-restore, ip6tables-* for IPv6 files) and
// compared with our diagnostics: a file a backend rejects must get an error on the line it names (a
// warning when the failure depends on the host: ipset, host name), a file it accepts no error at all.
// Disagreements that remain are listed with a reason in iptables-restore.expected.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { repoRoot, sharedDir } from '../helpers/paths';
import { doc, service } from '../helpers/service';
import { parseCloudConfig } from '../../server/src/service/cloudConfig/parse';
import { familyOfPath, familyOfContent } from '../../server/src/service/iptables/family';

type Backend = 'legacy' | 'nft';
interface Verdict {
  ok: boolean;
  line: number | undefined;
  message: string;
}
interface Case {
  name: string;
  file: string;
  text: string;
  family: 'ipv4' | 'ipv6';
}

const hostDependent = new Set(['iptables/hostname', 'iptables/missing-ipset']);
const root = repoRoot();
const expectedPath = path.join(root, 'test', 'oracle', 'iptables-restore.expected.json');
const expected = JSON.parse(fs.readFileSync(expectedPath, 'utf8')) as Record<string, string>;

function toolsAvailable(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root (unshare -n needs root)';
  for (const bin of [
    'iptables-legacy-restore',
    'iptables-nft-restore',
    'ip6tables-legacy-restore',
    'ip6tables-nft-restore',
  ]) {
    if (spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0) return `${bin} not installed`;
  }
  if (spawnSync('unshare', ['-n', 'true']).status !== 0) return 'unshare -n does not work here';
  return undefined;
}

/** Load the file for real in a fresh network namespace; the line number the tool names, if any. */
function load(file: string, family: 'ipv4' | 'ipv6', backend: Backend): Verdict {
  const bin = `${family === 'ipv6' ? 'ip6tables' : 'iptables'}-${backend}-restore`;
  const r = spawnSync('unshare', ['-n', bin, file], { encoding: 'utf8', timeout: 20_000 });
  const err = `${r.stderr ?? ''}`;
  if (r.status === 0) return { ok: true, line: undefined, message: '' };
  const num = (re: RegExp): number | undefined => {
    const m = re.exec(err);
    return m ? Number(m[1]) : undefined;
  };
  const line =
    num(/Error occurred at line: (\d+)/) ??
    num(/line (\d+): RULE_APPEND failed/) ??
    num(/COMMIT expected at line (\d+)/) ??
    num(/line (\d+) failed/) ??
    num(/ line (\d+): /) ??
    num(/line (\d+)/);
  return {
    ok: false,
    line,
    message: err
      .split('\n')
      .filter((l) => l && !l.startsWith('Try '))
      .join(' | '),
  };
}

function diagnostics(c: Case): Diagnostic[] {
  const lang = c.family === 'ipv6' ? 'ip6tables' : 'iptables';
  return service().validate(
    doc(c.text, lang, `file:///oracle/${c.family}/rules.${c.family === 'ipv6' ? 'v6' : 'v4'}`),
    lang,
  );
}

/** The table block (first and last 1-based line) that a COMMIT line closes. */
function tableEndingAt(text: string, line: number): [number, number] | undefined {
  const lines = text.split('\n');
  if ((lines[line - 1] ?? '').trim().toUpperCase() !== 'COMMIT') return undefined;
  for (let i = line - 2; i >= 0; i--) if ((lines[i] ?? '').startsWith('*')) return [i + 1, line];
  return undefined;
}

interface Comparison {
  agree: boolean;
  detail: string;
  linesChecked: number;
  linesAgreeing: number;
}

function compare(c: Case, v: Verdict, diags: readonly Diagnostic[]): Comparison {
  const errors = diags
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => d.range.start.line + 1)
    .sort((a, b) => a - b);
  const hostWarnings = diags.filter((d) => hostDependent.has(String(d.code))).map((d) => d.range.start.line + 1);
  const total = c.text.split('\n').length;
  if (v.ok) {
    const bad = new Set(errors);
    return {
      agree: errors.length === 0,
      detail: errors.length ? `tool accepts, we report errors on lines ${[...bad].join(',')}` : 'both accept',
      linesChecked: total,
      linesAgreeing: total - bad.size,
    };
  }
  const n = v.line ?? total;
  const first = errors[0];
  const block = tableEndingAt(c.text, n);
  const commitExpected = /COMMIT expected/.test(v.message);
  let agree: boolean;
  if (first === n) agree = true;
  else if (block && first !== undefined && first >= block[0] && first <= block[1]) agree = true;
  else if (
    commitExpected &&
    diags.some((d) => d.code === 'iptables/missing-commit' && d.severity === DiagnosticSeverity.Error) &&
    (first === undefined || diags.some((d) => d.code === 'iptables/missing-commit' && d.range.start.line + 1 === first))
  )
    agree = true;
  else if (hostWarnings.includes(n) && (first === undefined || first >= n)) agree = true;
  else agree = false;
  const before = new Set(errors.filter((l) => l < (block ? block[0] : n)));
  return {
    agree,
    detail: `tool rejects line ${n} (${v.message}); our first error: ${first ?? 'none'}${hostWarnings.length ? `, host-dependent warnings on ${hostWarnings.join(',')}` : ''}`,
    linesChecked: Math.min(n, total),
    linesAgreeing: Math.min(n, total) - before.size - (agree ? 0 : 1),
  };
}

function cases(): Case[] {
  const shared = sharedDir();
  const out: Case[] = [];
  const factsDir = path.join(shared, 'facts', 'iptables-cases');
  for (const line of fs.readFileSync(path.join(factsDir, 'cases.list'), 'utf8').split('\n')) {
    const [name, fam] = line.split('\t');
    if (!name) continue;
    const file = path.join(factsDir, name);
    out.push({
      name: `iptables-cases/${name}`,
      file,
      text: fs.readFileSync(file, 'utf8'),
      family: fam === '6' ? 'ipv6' : 'ipv4',
    });
  }
  const corpus = path.join(shared, 'corpus', 'rules-save');
  for (const name of fs.readdirSync(corpus).sort()) {
    const file = path.join(corpus, name);
    const text = fs.readFileSync(file, 'utf8');
    out.push({ name: `rules-save/${name}`, file, text, family: familyOfPath(name) ?? familyOfContent(text) });
  }
  return out;
}

/** Rules files embedded in the corpus cloud-configs, as cloud-init writes them (the region text). */
function embeddedCases(tmp: string): Case[] {
  const dir = path.join(sharedDir(), 'corpus', 'cloud-config');
  const out: Case[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const model = parseCloudConfig(fs.readFileSync(path.join(dir, name), 'utf8'), 'auto');
    model.regions.forEach((r, i) => {
      if ((r.language !== 'iptables' && r.language !== 'ip6tables') || !r.mappable || r.encoded) return;
      const file = path.join(tmp, `${name}.${i}.rules`);
      fs.writeFileSync(file, r.text);
      out.push({
        name: `cloud-config/${name}#${r.path ?? r.name ?? i}`,
        file,
        text: r.text,
        family: r.language === 'ip6tables' ? 'ipv6' : 'ipv4',
      });
    });
  }
  return out;
}

const contentLine = 5;

/**
 * A cloud-config that writes `text` to the rules-save path of its family (null when YAML cannot carry it as a literal
 * block).
 */
function wrapInCloudConfig(text: string, family: 'ipv4' | 'ipv6'): string | null {
  const lines = text.split('\n');
  const first = lines.find((l) => l.trim() !== '');
  if (!first || /^[ \t]/.test(first) || text.includes('\r') || /\n\n$/.test(text)) return null;
  const body = (text.endsWith('\n') ? lines.slice(0, -1) : lines).map((l) => (l === '' ? '' : `      ${l}`)).join('\n');
  return [
    '#cloud-config',
    'write_files:',
    `  - path: /var/lib/${family === 'ipv6' ? 'ip6tables' : 'iptables'}/rules-save`,
    '    permissions: "0644"',
    `    content: |${text.endsWith('\n') ? '' : '-'}`,
    body,
    '',
  ].join('\n');
}

/** The corpus rules files written from a cloud-config: the service's region text is what gets loaded. */
function wrappedCases(tmp: string): Array<Case & { doc: string }> {
  const out: Array<Case & { doc: string }> = [];
  for (const c of cases().filter((x) => x.name.startsWith('rules-save/'))) {
    const yaml = wrapInCloudConfig(c.text, c.family);
    if (!yaml) continue;
    const region = parseCloudConfig(yaml, 'auto').regions[0];
    if (!region || (region.language !== 'iptables' && region.language !== 'ip6tables')) continue;
    const file = path.join(tmp, `${path.basename(c.file)}.embedded`);
    fs.writeFileSync(file, region.text);
    out.push({
      name: `embedded/${path.basename(c.file)}`,
      file,
      text: region.text,
      family: region.language === 'ip6tables' ? 'ipv6' : 'ipv4',
      doc: yaml,
    });
  }
  return out;
}

/**
 * Diagnostics of the cloud-config, moved to the lines of the embedded file. `rules-strip-newline` (a
 * `|-` block: the file ends without a newline after COMMIT) stands for the last line, where the legacy
 * backend fails.
 */
function embeddedDiagnostics(yaml: string, text: string): Diagnostic[] {
  const lastLine = text.split('\n').length - 1;
  return service()
    .validate(doc(yaml), 'cloud-config')
    .filter((d) => String(d.code).startsWith('iptables/') || d.code === 'cloud-config/rules-strip-newline')
    .map((d) => {
      const line = d.code === 'cloud-config/rules-strip-newline' ? lastLine : d.range.start.line - contentLine;
      return { ...d, range: { start: { line, character: 0 }, end: { line, character: 0 } } };
    });
}

test('the region text of an embedded rules file is exactly the file cloud-init writes', () => {
  const file = path.join(sharedDir(), 'corpus', 'rules-save', 'Hedroed__rockerswarm__iptables__rules.v4');
  const text = fs.readFileSync(file, 'utf8');
  const yaml = wrapInCloudConfig(text, 'ipv4');
  assert.ok(yaml);
  const region = parseCloudConfig(yaml, 'auto').regions[0];
  assert.equal(region?.language, 'iptables');
  assert.equal(region?.text, text);
});

test('iptables-restore (legacy and nf_tables, real load) agrees with our error-level diagnostics', (t) => {
  const missing = toolsAvailable();
  if (missing) {
    if (process.env.CI === 'true') assert.fail(`the real iptables-restore is needed in CI: ${missing}`);
    t.skip(`real iptables-restore unavailable: ${missing}`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-oracle-'));
  const wrapped = wrappedCases(tmp);
  const all: Array<Case & { doc?: string }> = [...cases(), ...embeddedCases(tmp), ...wrapped];
  const disagreements: Record<string, string> = {};
  const stats = {
    legacy: { files: 0, agree: 0, lines: 0, linesAgree: 0 },
    nft: { files: 0, agree: 0, lines: 0, linesAgree: 0 },
  };
  let combinedAgree = 0;
  for (const c of all) {
    const diags = c.doc ? embeddedDiagnostics(c.doc, c.text) : diagnostics(c);
    const verdicts = { legacy: load(c.file, c.family, 'legacy'), nft: load(c.file, c.family, 'nft') };
    const results = { legacy: compare(c, verdicts.legacy, diags), nft: compare(c, verdicts.nft, diags) };
    for (const backend of ['legacy', 'nft'] as const) {
      const s = stats[backend];
      s.files++;
      s.lines += results[backend].linesChecked;
      s.linesAgree += results[backend].linesAgreeing;
      if (results[backend].agree) s.agree++;
    }
    // A file either backend rejects needs an error where each rejecting backend stops; one both accept, none.
    const rejecting = (['legacy', 'nft'] as const).filter((b) => !verdicts[b].ok);
    const agree = rejecting.length ? rejecting.every((b) => results[b].agree) : results.legacy.agree;
    if (agree) combinedAgree++;
    else
      disagreements[c.name] = rejecting.length
        ? rejecting.map((b) => `[${b}] ${results[b].detail}`).join('; ')
        : results.legacy.detail;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const b of ['legacy', 'nft'] as const) {
    const s = stats[b];
    t.diagnostic(`${b} alone: ${s.agree}/${s.files} files agree, ${s.linesAgree}/${s.lines} lines`);
  }
  t.diagnostic(`either backend: ${combinedAgree}/${all.length} files agree`);
  const embedded = all.filter((c) => c.name.startsWith('cloud-config/')).length;
  t.diagnostic(
    `${all.length} files (${embedded} from corpus cloud-configs, ${wrapped.length} corpus rules files written from a cloud-config)`,
  );
  const fresh = Object.keys(disagreements).filter((k) => !(k in expected));
  const gone = Object.keys(expected).filter((k) => !(k in disagreements));
  assert.deepEqual(
    fresh.map((k) => `${k}: ${disagreements[k]}`),
    [],
    'new disagreements with the real iptables-restore',
  );
  assert.deepEqual(
    gone,
    [],
    'listed disagreements that no longer occur: remove them from iptables-restore.expected.json',
  );
});
