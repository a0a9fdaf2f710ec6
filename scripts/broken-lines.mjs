// The broken-line recovery figure (issue: "Broken YAML must not blind the rest"): for every cloud-config
// of ../shared/corpus and examples/, every line broken two ways (first colon dropped; cut in half), the
// share of cases in which the findings, completions and hovers of the embedded blocks that do not contain
// that line stay as they were. Needs the compiled tests: `npx tsc -p .` first.
// By default every line outside a block counts, the literal measure (breaking `write_files:` or a
// `- path:` line removes that block by design, and other blocks that read it change with it). With
// --entry a block's own entry counts as part of it: breaking its `- path:`/`- name:` line or another key
// of its item changes which file or unit it is, so only the other blocks are compared (every line is
// still broken, `write_files:` and `coreos:` too). With --identity only lines that belong to no block at
// all count: neither its content nor the lines its identity rests on (the keys above it, the other lines
// of its entry).
//   node scripts/broken-lines.mjs [--step N] [--entry | --identity]
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { cloudConfigSources, measureBrokenLines } = require(path.join(root, 'out', 'test', 'helpers', 'brokenLines.js'));
const stepAt = process.argv.indexOf('--step');
const step = stepAt > 0 ? Number(process.argv[stepAt + 1]) : 1;
const started = Date.now();
const blockLines = process.argv.includes('--identity')
  ? 'identity'
  : process.argv.includes('--entry')
    ? 'entry'
    : 'content';
const r = measureBrokenLines(cloudConfigSources(root, path.resolve(root, '..', 'shared')), step, blockLines);
for (const c of r.changed) console.log(`changed: ${c}`);
for (const c of r.crashes) console.log(`CRASH: ${c}`);
console.log(
  blockLines === 'identity'
    ? 'lines broken: those outside every block and its identity lines'
    : blockLines === 'entry'
      ? 'lines broken: every line; blocks compared: those whose entry (item with its keys and content) does not contain it'
      : 'lines broken: every line; blocks compared: those whose content does not contain it',
);
console.log(
  `${r.files} files with embedded blocks, ${r.cases} broken-line cases: ${r.kept} kept every block's findings, completions and hovers (${((100 * r.kept) / Math.max(r.cases, 1)).toFixed(1)}%), ${r.crashes.length} crashes, ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exitCode = r.crashes.length ? 1 : 0;
