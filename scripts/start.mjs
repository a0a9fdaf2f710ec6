// npm start: build, package the VSIX, and show the checks working on examples/ with the CLI.
import { spawnSync } from 'node:child_process';

const step = (title, cmd, args, okCodes = [0]) => {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (!okCodes.includes(r.status ?? -1)) {
    console.error(`${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  return r.status;
};

step('build + package the extension', process.execPath, ['scripts/package.mjs']);
// The examples contain deliberate mistakes: exit 1 (error findings) is the expected outcome.
const code = step('cloud-config-lint examples/', process.execPath, ['dist/cli.js', 'examples'], [0, 1]);
console.log(`\nThe VSIX is ready to install: code --install-extension cloud-config-lsp-0.1.0.vsix`);
console.log(`cloud-config-lint exit status on examples/: ${code} (1 = error-level findings, as the broken examples intend)`);
