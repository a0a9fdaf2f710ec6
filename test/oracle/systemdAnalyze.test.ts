// Parity with `systemd-analyze verify` (systemd 252): every unit in facts/systemd-cases and
// corpus/units is copied into a temporary folder under its own file name and verified for real.
// Every line it complains about gets a diagnostic of ours on that line; a unit it refuses gets an
// error of ours; a unit it accepts without a word gets no error. Complaints that depend on this
// machine (missing binaries, docker.service or other referenced units, users) are left out.
// Remaining disagreements are listed with their reasons in systemd-analyze.expected.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseUnit } from '../../server/src/service/systemd/parseUnit';
import { service } from '../helpers/service';
import { repoRoot, sharedDir } from '../helpers/paths';

interface Disagreement {
  file: string;
  kind: 'line' | 'refused' | 'clean';
  line?: number;
  reason?: string;
}

const unitFile = /\.(service|socket|timer|mount|automount|path|target|swap|slice)$/;

/** Complaints about this machine rather than the file. */
const hostDependent = [
  /is not executable: No such file or directory/,
  /Unit .* not found\./,
  /Failed to create .*: Unit .* not found/,
  /not loaded, (socket|timer|path) cannot be started/,
  /Accepting user\/group name/,
  /has a bad unit file setting\.$/,
  /^Unit .*\.(service|socket|timer|mount|path) not found/,
];
const refusal = /Refusing\.|fatal error|failed to load properly|Invalid section header/;

interface Verdict {
  status: number;
  perLine: Map<number, string[]>;
  unitLevel: string[];
}

function verify(dir: string, name: string): Verdict {
  const target = name.includes('@.') ? name.replace('@.', '@instance1.') : name;
  const r = spawnSync('systemd-analyze', ['verify', '--man=no', `./${target}`], { cwd: dir, encoding: 'utf8' });
  const perLine = new Map<number, string[]>();
  const unitLevel: string[] = [];
  const base = target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const own = new RegExp(`(?:^|/)(?:${base}|${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}):(\\d+): (.*)$`);
  for (const line of (r.stderr ?? '').split('\n')) {
    if (line.trim() === '' || hostDependent.some((re) => re.test(line))) continue;
    const m = own.exec(line);
    if (m) {
      const n = Number(m[1]);
      perLine.set(n, [...(perLine.get(n) ?? []), m[2] as string]);
    } else if (line.includes(target) || line.includes(name)) {
      unitLevel.push(line);
    }
  }
  return { status: r.status ?? -1, perLine, unitLevel };
}

/** The lines (1-based) of the logical line holding `line`: systemd names the last line of a continued entry. */
function logicalLines(text: string, line: number): [number, number] {
  const unit = parseUnit(text, {});
  const td = TextDocument.create('file:///x', 'systemd', 1, text);
  for (const e of unit.entries) {
    const a = td.positionAt(e.span.start).line + 1;
    const b = td.positionAt(e.span.end).line + 1;
    if (line >= a && line <= b) return [a, b];
  }
  return [line, line];
}

function collect(): Array<{ name: string; file: string }> {
  const shared = sharedDir();
  const out: Array<{ name: string; file: string }> = [];
  for (const dir of [path.join(shared, 'facts', 'systemd-cases'), path.join(shared, 'corpus', 'units')]) {
    for (const f of fs.readdirSync(dir).sort()) {
      if (!unitFile.test(f)) continue;
      // Corpus files are named owner__repo__path__name: the unit's own name is the last part.
      const name = f.split('__').pop() as string;
      out.push({ name, file: path.join(dir, f) });
    }
  }
  return out;
}

const hasTool = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).status === 0;
const expectedFile = path.join(repoRoot(), 'test', 'oracle', 'systemd-analyze.expected.json');
const expected: Disagreement[] = fs.existsSync(expectedFile)
  ? (JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as { disagreements: Disagreement[] }).disagreements
  : [];
const keyOf = (d: Disagreement): string => `${d.file}|${d.kind}|${d.line ?? ''}`;

test('systemd-analyze verify parity', (t) => {
  if (!hasTool) {
    if (process.env.CI === 'true') assert.fail('systemd-analyze is required in CI');
    t.skip('systemd-analyze is not installed; install systemd to run this oracle');
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'unit-oracle-'));
  const found: Disagreement[] = [];
  let lines = 0;
  let linesMatched = 0;
  let refused = 0;
  let refusedMatched = 0;
  let clean = 0;
  let cleanMatched = 0;
  try {
    for (const { name, file } of collect()) {
      const dir = fs.mkdtempSync(path.join(tmp, 'u-'));
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(path.join(dir, name), text);
      const verdict = verify(dir, name);
      const svc = service();
      const document = TextDocument.create(`file:///units/${encodeURIComponent(name)}`, 'systemd', 1, text);
      const diags: Diagnostic[] = svc.validate(document, 'systemd');
      const label = path.basename(file);
      for (const [line, messages] of verdict.perLine) {
        lines++;
        const [a, b] = logicalLines(text, line);
        const hit = diags.some((d) => d.range.start.line + 1 <= b && d.range.end.line + 1 >= a);
        if (hit) linesMatched++;
        else found.push({ file: label, kind: 'line', line, reason: messages.join(' / ') });
      }
      const isRefused =
        verdict.unitLevel.some((l) => refusal.test(l)) ||
        [...verdict.perLine.values()].flat().some((m) => refusal.test(m));
      const errors = diags.filter((d) => d.severity === DiagnosticSeverity.Error);
      if (isRefused) {
        refused++;
        if (errors.length > 0) refusedMatched++;
        else found.push({ file: label, kind: 'refused', reason: verdict.unitLevel.join(' / ') });
      } else if (verdict.perLine.size === 0 && verdict.unitLevel.length === 0) {
        clean++;
        if (errors.length === 0) cleanMatched++;
        else
          found.push({
            file: label,
            kind: 'clean',
            reason: errors.map((d) => `${d.range.start.line + 1}:${d.code}`).join(', '),
          });
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(
    `systemd-analyze parity: complained lines with a diagnostic ${linesMatched}/${lines}; refused units with an error ${refusedMatched}/${refused}; clean units without an error ${cleanMatched}/${clean}`,
  );
  const known = new Set(expected.map(keyOf));
  const fresh = found.filter((d) => !known.has(keyOf(d)));
  const stale = expected.filter((d) => !found.some((f) => keyOf(f) === keyOf(d)));
  if (stale.length > 0) console.log(`listed disagreements that no longer occur: ${stale.map(keyOf).join(', ')}`);
  if (fresh.length > 0) console.log(JSON.stringify(fresh, null, 2));
  assert.deepEqual(fresh, [], 'new disagreements with systemd-analyze verify');
});
