// The CLI over ../shared/corpus/cloud-config: no crash, and every file's findings are exactly the ones
// explained in corpus-cloud-config.expected.json (line:code plus a note on why). A new or lost finding
// fails the test until the expectation (and its explanation) is updated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { repoRoot, sharedDir } from '../helpers/paths';

interface Expectation {
  findings: string[];
  why: string;
}
interface JsonReport {
  file: string;
  language: string;
  diagnostics: Array<{ code: string; range: { start: { line: number } } }>;
}

const root = repoRoot();
const expected = JSON.parse(
  fs.readFileSync(path.join(root, 'test', 'oracle', 'corpus-cloud-config.expected.json'), 'utf8'),
) as Record<string, Expectation>;

test('cloud-config-lint over the real-world corpus matches the explained expectations', () => {
  const corpus = path.join(sharedDir(), 'corpus', 'cloud-config');
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), '--format', 'json', corpus], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.ok(r.status === 0 || r.status === 1, `CLI exit ${r.status}: ${r.stderr}`);
  assert.equal(r.stderr, '', 'the CLI wrote to stderr');
  const reports = JSON.parse(r.stdout) as JsonReport[];
  const files = fs.readdirSync(corpus).sort();
  assert.deepEqual(reports.map((x) => path.basename(x.file)).sort(), files, 'every corpus file is reported once');
  for (const report of reports) {
    const name = path.basename(report.file);
    const want = expected[name];
    assert.ok(want, `${name}: no expectation; add its findings and why to corpus-cloud-config.expected.json`);
    assert.ok(want.why.length > 10, `${name}: the expectation needs an explanation`);
    assert.equal(report.language, 'cloud-config');
    const got = report.diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`);
    assert.deepEqual(got, want.findings, `${name}: findings changed (${want.why})`);
  }
});
