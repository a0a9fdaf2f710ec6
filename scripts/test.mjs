// npm test: build the bundles, compile the tests, run every tier.
// Tiers: lint (prettier and eslint: scripts/lint.mjs), service (pure), lsp (built server over stdio), oracle (real
// tools' verdicts in ../shared), fuzz (bounded fuzzing of every feature), web (the server in a Web Worker in
// Chromium), nvim and emacs (Neovim and Emacs/eglot as real LSP clients), package (the VSIX), e2e (the extension
// in a real VS Code: code-server, scripts/e2e.mjs). In CI (CI=true) nothing may be skipped for a missing tool.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
};

run(process.execPath, ['scripts/build.mjs']);
rmSync('out', { recursive: true, force: true });
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.web.json']);
const all = ['lint', 'service', 'cli', 'lsp', 'fuzz', 'oracle', 'web', 'nvim', 'emacs', 'package', 'e2e'];
const tiers = process.argv.slice(2).length ? process.argv.slice(2) : all;
for (const tier of tiers) {
  if (tier === 'lint') {
    // Formatting (prettier), eslint's rules and 120-column lines: `npm run lint`; `npm run format` fixes the first.
    console.log('\n— lint —');
    run(process.execPath, ['scripts/lint.mjs']);
    continue;
  }
  if (tier === 'package') {
    // What `npm start` and `npm run package` do: a production build packaged into a VSIX under 1 MB.
    console.log('\n— package —');
    run(process.execPath, ['scripts/package.mjs']);
    const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
    const size = statSync(`${name}-${version}.vsix`).size;
    if (size > 1024 * 1024) {
      console.error(`✗ the VSIX is ${size} bytes; the budget is 1 MB`);
      process.exit(1);
    }
    continue;
  }
  if (tier === 'web') {
    // The language server of the web extension in a Web Worker, driven from a page in headless Chromium.
    console.log('\n— web (the server in a Web Worker, Chromium) —');
    run(process.execPath, ['scripts/web.mjs']);
    continue;
  }
  if (tier === 'e2e') {
    // Not a node --test tier: the suite runs inside VS Code's extension host (scripts/e2e.mjs).
    console.log('\n— e2e (VS Code in code-server) —');
    run(process.execPath, ['scripts/e2e.mjs']);
    continue;
  }
  const dir = `out/test/${tier}`;
  if (!existsSync(dir)) continue;
  console.log(`\n— ${tier} tests —`);
  run(process.execPath, ['--test', '--test-reporter=spec', dir]);
}
