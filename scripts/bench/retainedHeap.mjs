// Retained heap of the language service on the 50k-line user-data: after open and after 10 keystrokes
// in its rules block, each after a forced GC, with the process's peak RSS. What the memory target
// compares against. usage: npx tsc -p . && node --expose-gc scripts/bench/retainedHeap.mjs [UNITS,RULES]
import { userData, probePositions } from './generate.mjs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { getLanguageService } = require('../../out/server/src/service/index.js');
const { TextDocument } = require('vscode-languageserver-textdocument');
const { parseDocument } = require('yaml');
const mb = () => {
  global.gc();
  global.gc();
  return (process.memoryUsage().heapUsed / 1048576).toFixed(1);
};
const [units, rules] = (process.argv[2] ?? '1500,21500').split(',').map(Number);
let text = userData(units, rules, { defects: true });
console.log('text only', mb(), 'MB heap; rss', (process.memoryUsage().rss / 1048576).toFixed(0));
const bare = parseDocument(text);
console.log('bare yaml doc kept', mb());
void bare;
const svc = getLanguageService();
let doc = TextDocument.create('file:///x/user-data', 'cloud-config', 1, text);
const t = performance.now();
const d = svc.validate(doc, 'cloud-config');
console.log(
  'validated',
  (performance.now() - t).toFixed(0),
  'ms',
  d.length,
  'diagnostics; heap after GC',
  mb(),
  'MB; peak rss',
  (process.resourceUsage().maxRSS / 1024).toFixed(0),
);
const lines = text.split('\n');
const rl = probePositions(text, 'user-data')['iptables content'].line;
for (let i = 0; i < 10; i++) {
  const c = lines[rl].length + i;
  doc = TextDocument.update(
    doc,
    [{ range: { start: { line: rl, character: c }, end: { line: rl, character: c } }, text: ' ' }],
    i + 2,
  );
  svc.validate(doc, 'cloud-config');
}
console.log(
  'after 10 rule keystrokes: heap after GC',
  mb(),
  'MB; peak rss',
  (process.resourceUsage().maxRSS / 1024).toFixed(0),
);
