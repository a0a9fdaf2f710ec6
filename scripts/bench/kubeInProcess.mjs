// In-process timings and retained heap of the language service on a kube-proxy-shaped dump: open
// (first pass and first validation), keystrokes typed at the end of a KUBE-SVC rule (each validated),
// completion and hover as an editor asks for them (the first request on each new version, at each
// place in turn), and the heap kept after a forced GC, per rules line. Steadier than the stdio bench
// on a shared machine.
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
// Documents as the server holds them: 1 MB and more in lines (largeDocument.ts), smaller ones as the
// editor library does (a build without large documents: all as the editor library does).
const out = process.env.SERVICE_OUT ?? '../../out';
let createDocument, updateAnyDocument;
try {
  ({ createDocument, updateAnyDocument } = require(`${out}/server/src/service/text/largeDocument.js`));
} catch {
  const { TextDocument } = require('vscode-languageserver-textdocument');
  createDocument = TextDocument.create;
  updateAnyDocument = TextDocument.update;
}

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
let doc = createDocument('file:///x/rules-save', 'iptables', 1, text);
let t = performance.now();
const openCpu = cpuMs();
const first = svc.firstPass(doc, 'iptables');
const firstPassMs = performance.now() - t;
const firstPassCpuMs = cpuMs() - openCpu;
const diags = svc.validate(doc, 'iptables');
const openMs = performance.now() - t;
const openCpuMs = cpuMs() - openCpu;
const afterOpen = heapMb() - base;
const { line, positions } = kubePositions(text);
const col = text.split('\n')[line].length;
const places = Object.entries(positions);
// The first request after open builds the table's chain index (once per opened document).
const firstRequest = {};
for (const [name, pos] of places) {
  t = performance.now();
  svc.complete(doc, 'iptables', pos);
  const c = performance.now() - t;
  t = performance.now();
  svc.hover(doc, 'iptables', pos);
  firstRequest[name] = { completionMs: c, hoverMs: performance.now() - t };
}
const perVersion = Object.fromEntries(places.map(([name]) => [name, { completion: [], completionCpu: [], hover: [] }]));
const times = [],
  cpuTimes = [];
for (let i = 0; i < keystrokes; i++) {
  doc = updateAnyDocument(
    doc,
    [{ range: { start: { line, character: col + i }, end: { line, character: col + i } }, text: i % 2 ? 'x' : ' ' }],
    i + 2,
  );
  t = performance.now();
  const c = cpuMs();
  svc.validate(doc, 'iptables');
  times.push(performance.now() - t);
  cpuTimes.push(cpuMs() - c);
  // Then a completion and a hover on this version, at one place per keystroke in turn.
  const [name, pos] = places[i % places.length];
  t = performance.now();
  const cc = cpuMs();
  svc.complete(doc, 'iptables', pos);
  perVersion[name].completion.push(performance.now() - t);
  perVersion[name].completionCpu.push(cpuMs() - cc);
  t = performance.now();
  svc.hover(doc, 'iptables', pos);
  perVersion[name].hover.push(performance.now() - t);
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
  const fresh = perVersion[name];
  // p50/p99: the first request on each new version (what typing then asking costs); repeatedP99: the
  // same request asked 50 times on the last version.
  completion[name] = {
    p50: Math.max(percentile(fresh.completion, 50), percentile(ct, 50)),
    p99: Math.max(percentile(fresh.completion, 99), percentile(ct, 99)),
    repeatedP99: percentile(ct, 99),
    // CPU time of the first request on each version (steadier than wall time on a loaded machine).
    cpuP50: percentile(fresh.completionCpu, 50),
    cpuP99: percentile(fresh.completionCpu, 99),
    firstAfterOpenMs: firstRequest[name].completionMs,
    hoverP99: percentile(fresh.hover, 99),
    hoverFirstAfterOpenMs: firstRequest[name].hoverMs,
    items: r.items.length,
    incomplete: r.isIncomplete,
  };
}
const f = (v) => v.toFixed(1);
console.log(
  JSON.stringify(
    {
      lines,
      firstPassMs: f(firstPassMs),
      firstPassCpuMs: f(firstPassCpuMs),
      firstPassDiagnostics: first?.length,
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
