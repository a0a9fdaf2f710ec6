// Parity with `cloud-init schema --config-file` (22.4.2; facts/cloud-init-cases/results.tsv): every
// schema error names a place (a line, or a key path) and we must have a diagnostic there; files the
// schema accepts get no error-level diagnostic from us.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument, isMap, isSeq, type Node } from 'yaml';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnose } from '../helpers/service';
import { readTsv, sharedDir } from '../helpers/paths';

const dir = path.join(sharedDir(), 'facts', 'cloud-init-cases');

/** Offsets [start, end] of the node a schema error path (`write_files.0.permissions`) names. */
function spanOf(text: string, dotted: string): [number, number] | undefined {
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false });
  let node: unknown = doc.contents;
  let span: [number, number] | undefined;
  for (const part of dotted.split('.')) {
    if (isSeq(node) && /^\d+$/.test(part)) {
      node = node.items[Number(part)];
      const r = (node as Node | undefined)?.range;
      if (r) span = [r[0], r[1]];
    } else if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value) === part);
      if (!pair) return span;
      const k = (pair.key as Node).range;
      const v = (pair.value as Node | null)?.range;
      if (k) span = [k[0], v ? v[1] : k[1]];
      node = pair.value;
    } else {
      return span;
    }
  }
  return span;
}

/** The places the schema output names: `format-lN.cM` lines and key paths. */
function places(output: string): Array<{ line?: number; path?: string }> {
  if (/Cloud-config is not a YAML dict/.test(output)) return [{ line: 1 }];
  const errors = output.split('Cloud config schema errors: ')[1] ?? '';
  const out: Array<{ line?: number; path?: string }> = [];
  for (const m of errors.matchAll(/(?:^|, )(format-l(\d+)\.c\d+|[A-Za-z_][\w-]*(?:\.[\w-]+)*): /g)) {
    if (m[2]) out.push({ line: Number(m[2]) });
    else out.push({ path: m[1] as string });
  }
  return out;
}

let total = 0;
let matched = 0;

for (const [file, exit, output] of readTsv(path.join(dir, 'results.tsv'))) {
  if (!file || !exit) continue;
  test(`cloud-init schema parity: ${file}`, () => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const td = TextDocument.create('file:///x', 'cloud-config', 1, text);
    const diags: Diagnostic[] = diagnose(text);
    const shown = diags.map((d) => `${d.range.start.line + 1}:${d.code}`).join(', ');
    if (exit === '0') {
      assert.deepEqual(
        diags.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code),
        [],
        `${file} is valid for cloud-init but we report errors: ${shown}`,
      );
      return;
    }
    const named = places(output ?? '');
    assert.ok(named.length > 0, `could not read the places in: ${output}`);
    for (const p of named) {
      total++;
      if (p.line !== undefined) {
        const line0 = p.line - 1;
        // PyYAML names the start of the broken collection; we name the offending line: allow one line.
        assert.ok(
          diags.some((d) => d.range.start.line - 1 <= line0 && line0 <= d.range.end.line + 1),
          `${file}: nothing near line ${p.line}; ours: ${shown}`,
        );
      } else {
        const span = spanOf(text, p.path as string);
        assert.ok(span, `${file}: cannot resolve ${p.path}`);
        const hit = diags.some((d) => {
          const s = td.offsetAt(d.range.start);
          return s >= span[0] && s <= span[1];
        });
        assert.ok(hit, `${file}: no diagnostic inside ${p.path}; ours: ${shown}`);
      }
      matched++;
    }
  });
}

test('cloud-init schema parity summary', () => {
  console.log(`cloud-init schema errors with a counterpart: ${matched}/${total}`);
  assert.equal(matched, total);
  assert.ok(total >= 17);
});
