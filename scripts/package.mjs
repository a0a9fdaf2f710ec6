// Build production bundles and package the VSIX with @vscode/vsce (bundled: no node_modules inside).
// Checks what goes in before packaging (bundles, manifest, README, CHANGELOG, icon, grammars,
// snippets; no sources, tests or node_modules) and the size after (budget: 1 MB).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';

const BUDGET = 1024 * 1024;
const vsce = 'node_modules/@vscode/vsce/vsce';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
};
const fail = (msg) => {
  console.error(`✗ ${msg}`);
  process.exit(1);
};

run(process.execPath, ['scripts/build.mjs', '--production']);
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const { name, version } = manifest;

const ls = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { encoding: 'utf8' });
if (ls.status !== 0) fail(`vsce ls failed:\n${ls.stdout}${ls.stderr}`);
const files = ls.stdout
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);
const required = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'dist/client.js',
  'dist/server.js',
  'dist/web/client.js',
  'dist/web/server.js',
  'walkthrough/example-user-data',
  manifest.icon,
]
  .concat((manifest.contributes?.grammars ?? []).map((g) => g.path.replace(/^\.\//, '')))
  .concat((manifest.contributes?.snippets ?? []).map((s) => s.path.replace(/^\.\//, '')))
  .concat(
    (manifest.contributes?.walkthroughs ?? []).flatMap((w) => w.steps.map((s) => s.media?.markdown)).filter(Boolean),
  )
  // Every rule page: a click on a diagnostic's code opens the packaged one.
  .concat(readdirSync('docs/rules').flatMap((l) => readdirSync(`docs/rules/${l}`).map((f) => `docs/rules/${l}/${f}`)));
const missing = required.filter((f) => f && !files.includes(f));
if (missing.length) fail(`the VSIX would lack ${missing.join(', ')}`);
const stray = files.filter((f) =>
  /^(node_modules|out|test|server|client|scripts|examples|\.cache)\/|\.map$|\.ts$/.test(f),
);
if (stray.length) fail(`the VSIX would contain ${stray.join(', ')} (see .vscodeignore)`);

const out = `${name}-${version}.vsix`;
run(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '-o', out]);
const size = statSync(out).size;
if (size > BUDGET) fail(`${out} is ${size} bytes; the budget is ${BUDGET}`);
console.log(`packaged ${out} (${Math.round(size / 1024)} KiB of the 1024 KiB budget, ${files.length} files)`);
