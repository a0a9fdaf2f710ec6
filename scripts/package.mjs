// Build production bundles and package the VSIX with @vscode/vsce (bundled: no node_modules inside).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
};
run(process.execPath, ['scripts/build.mjs', '--production']);
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${name}-${version}.vsix`;
run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--skip-license', '-o', out]);
console.log(`packaged ${out} (${Math.round(statSync(out).size / 1024)} KiB)`);
