// The floor: a bare `yaml` parseDocument of the text, in a fresh process (first parse, then the median
// of warm parses) and the process's peak memory after the first parse. Prints one JSON line. usage: node floor.mjs FILE
// [RUNS]
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

const text = readFileSync(process.argv[2], 'utf8');
const runs = Number(process.argv[3] ?? 15);
const now = () => Number(process.hrtime.bigint()) / 1e6;
let t = now();
parseDocument(text);
const coldMs = now() - t;
// Peak memory of the process that has parsed the text once (what any YAML-based server pays at least).
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const warm = [];
for (let i = 0; i < runs; i++) {
  t = now();
  parseDocument(text);
  warm.push(now() - t);
}
warm.sort((a, b) => a - b);
console.log(JSON.stringify({ coldMs, warmMs: warm[Math.floor(warm.length / 2)], peakRssMb }));
