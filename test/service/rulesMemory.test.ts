// What a large rules document costs to keep open: the heap the service holds for a 20k-line
// Kubernetes node dump (kube-proxy shape) after its validation, per rules line. A rule or chain line
// keeps its text and its words' places in a shared typed array, each option one number; words,
// argument lists and option spans are made when read (packedRule.ts), so the parsed model is a few
// objects per line instead of about twenty (2.73 KB per line before, 1.63 after).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { doc, service } from '../helpers/service';
import { repoRoot } from '../helpers/paths';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}

test('a 20k-line kube dump kept open costs at most 1.8 KB of heap per rules line', async () => {
  const { kubeDump } = (await import(pathToFileURL(path.join(repoRoot(), 'scripts/bench/kubeDump.mjs')).href)) as {
    kubeDump: (lines: number) => string;
  };
  const text = kubeDump(20_000);
  const lines = text.split('\n').length;
  const before = heapMb();
  const svc = service();
  const d = doc(text, 'iptables', 'file:///node/rules-save');
  const findings = svc.validate(d, 'iptables');
  const kept = heapMb() - before;
  const perLine = (kept * 1024) / lines;
  // Kept alive on purpose until here: the document and its findings are what an editor holds.
  assert.ok(findings.length >= 0 && d.getText().length === text.length);
  assert.ok(
    perLine <= 1.8,
    `${perLine.toFixed(2)} KB of heap kept per rules line (${kept.toFixed(1)} MB for ${lines})`,
  );
});
