// In-process timings and retained heap of the language service on a kube-proxy-shaped dump: open
// (first validation), keystrokes typed at the end of a KUBE-SVC rule (each validated), completion, and
// the heap kept after a forced GC, per rules line. Steadier than the stdio bench on a shared machine.
// usage: npx tsc -p . && node --expose-gc scripts/bench/kubeInProcess.mjs [LINES] [KEYSTROKES]
import { createRequire } from 'node:module';
import { kubeDump } from './kubeDump.mjs';
import { kubePositions } from './kube.mjs';
import { percentile } from './measure.mjs';
const require = createRequire(import.meta.url);
const { getLanguageService, limitFlowChecks } = require(
  process.env.SERVICE_OUT
    ? `${process.env.SERVICE_OUT}/server/src/service/index.js`
    : '../../out/server/src/service/index.js',
);
// As the server does: no flow checks above 25,000 rule lines (the editor tells the user once).
limitFlowChecks({ maxRuleLines: 25_000, skipped() {} });
const { TextDocument } = require('vscode-languageserver-textdocument');

const lines = Number(process.argv[2] ?? 100_000),
  keystrokes = Number(process.argv[3] ?? 100);
const heapMb = () => {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().heapUsed / 1048576;
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const text = kubeDump(lines);
const base = heapMb();
const svc = getLanguageService();
let doc = TextDocument.create('file:///x/rules-save', 'iptables', 1, text);
let t = performance.now();
const openCpu = cpuMs();
const diags = svc.validate(doc, 'iptables');
const openMs = performance.now() - t;
const openCpuMs = cpuMs() - openCpu;
const afterOpen = heapMb() - base;
const { line, positions } = kubePositions(text);
const col = text.split('\n')[line].length;
const times = [],
  cpuTimes = [];
for (let i = 0; i < keystrokes; i++) {
  doc = TextDocument.update(
    doc,
    [{ range: { start: { line, character: col + i }, end: { line, character: col + i } }, text: i % 2 ? 'x' : ' ' }],
    i + 2,
  );
  t = performance.now();
  const c = cpuMs();
  svc.validate(doc, 'iptables');
  times.push(performance.now() - t);
  cpuTimes.push(cpuMs() - c);
}
const afterEdits = heapMb() - base;
const completion = {};
for (const [name, pos] of Object.entries(positions)) {
  const ct = [];
  let r;
  for (let i = 0; i < 50; i++) {
    t = performance.now();
    r = svc.complete(doc, 'iptables', pos);
    ct.push(performance.now() - t);
  }
  completion[name] = {
    p50: percentile(ct, 50),
    p99: percentile(ct, 99),
    items: r.items.length,
    incomplete: r.isIncomplete,
  };
}
const f = (v) => v.toFixed(1);
console.log(
  JSON.stringify(
    {
      lines,
      openMs: f(openMs),
      openCpuMs: f(openCpuMs),
      diagnostics: diags.length,
      editP50: f(percentile(times, 50)),
      editP99: f(percentile(times, 99)),
      editCpuP50: f(percentile(cpuTimes, 50)),
      editCpuP99: f(percentile(cpuTimes, 99)),
      retainedOpenKbPerLine: f((afterOpen * 1024) / lines),
      retainedEditsKbPerLine: f((afterEdits * 1024) / lines),
      peakRssMb: f(process.resourceUsage().maxRSS / 1024),
      completion,
    },
    null,
    1,
  ),
);
