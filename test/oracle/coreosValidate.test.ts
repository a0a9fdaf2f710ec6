// Parity with coreos-cloudinit's validator: every entry it reports (facts/coreos-validate/results.tsv,
// produced by the real binary) has a diagnostic of ours on the same line; its errors are our errors;
// files it accepts get no error from us, except the disagreements listed (with reasons) below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diagnose } from '../helpers/service';
import { readTsv, sharedDir } from '../helpers/paths';

const dir = path.join(sharedDir(), 'facts', 'coreos-validate');

/** Files the validator accepts but where we report an error on purpose. */
const deliberateErrors: Record<string, string> = {
  '19-manage-etc-hosts.yaml':
    'the validator does not check manage_etc_hosts, but the runtime fails on anything but "localhost" ("Invalid option to manage_etc_hosts")',
  '21-ignition.yaml':
    'no error: Ignition JSON only gets an other-format hint (listed to document the case; must stay error-free)',
  '22-empty.yaml':
    "an empty user-data does nothing on CoreOS, but cloud-init's schema rejects it and an empty file is almost always a mistake",
};

interface Entry {
  line: number;
  kind: string;
  message: string;
}

function entries(output: string): Entry[] {
  return [...output.matchAll(/line (\d+): (error|warning|info): ([^/]*?)(?= \/\/ |$)/g)].map((m) => ({
    line: Number(m[1]),
    kind: m[2] as string,
    message: (m[3] as string).trim(),
  }));
}

function covers(d: Diagnostic, line0: number, tolerance: number): boolean {
  return d.range.start.line - tolerance <= line0 && line0 <= d.range.end.line + tolerance;
}

const rows = readTsv(path.join(dir, 'results.tsv'));
let total = 0;
let matched = 0;

for (const [file, exit, output] of rows) {
  if (!file || !exit) continue;
  test(`coreos-cloudinit -validate parity: ${file}`, () => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const diags = diagnose(text, { dialect: 'coreos' });
    for (const e of entries(output ?? '')) {
      if (e.line === 0) continue; // the validator's spurious `line 0: incorrect type for ""` after a YAML error
      total++;
      const yamlError = e.kind === 'error' && !/invalid value|cannot be decoded|read-only|must be/.test(e.message);
      // YAML parsers name different lines for one mistake (go-yaml: the collection start; ours: the bad line).
      const hits = diags.filter((d) => covers(d, e.line - 1, yamlError ? 1 : 0));
      assert.ok(
        hits.length > 0,
        `${file}: no diagnostic on line ${e.line} for "${e.message}"; ours: ${diags.map((d) => `${d.range.start.line + 1}:${d.code}`).join(', ')}`,
      );
      if (e.kind === 'error') {
        assert.ok(
          hits.some((d) => d.severity === DiagnosticSeverity.Error),
          `${file}: the validator's error on line ${e.line} ("${e.message}") is not an error of ours`,
        );
      }
      matched++;
    }
    if (exit === '0' && !(file in deliberateErrors && file !== '21-ignition.yaml')) {
      const errors = diags.filter((d) => d.severity === DiagnosticSeverity.Error);
      assert.deepEqual(
        errors.map((d) => `${d.range.start.line + 1}:${d.code}`),
        [],
        `${file} is accepted by the validator but we report errors`,
      );
    }
  });
}

test('coreos-cloudinit parity summary', () => {
  console.log(`coreos-cloudinit validator entries with a counterpart: ${matched}/${total}`);
  assert.equal(matched, total);
  assert.ok(total >= 40, `expected the validator's ~44 entries, saw ${total}`);
});
