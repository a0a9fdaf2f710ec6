// npm run lint (tier `lint` of npm test): the code is as prettier formats it (.prettierrc.json: 120
// columns), then eslint (eslint.config.mjs: no `any`, no unused names, lines of at most 120 columns).
// npm run format (--write): prettier rewrites the code in place; `npm run lint` then checks the rest.
// Only code is formatted: TypeScript and .mjs under server/, client/, test/ and scripts/, and the
// config files at the top. Generated pages, README tables, package.json and fixtures are left as they are.
import { spawnSync } from 'node:child_process';

const code = ['{server,client,test,scripts}/**/*.{ts,mjs}', '*.mjs'];
const write = process.argv.includes('--write');

const run = (script, args) => {
  const r = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✗ ${script} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    if (!write && script.includes('prettier')) console.error('  `npm run format` rewrites the files prettier lists.');
    process.exit(r.status || 1);
  }
};

if (write) {
  run('node_modules/prettier/bin/prettier.cjs', ['--write', '--log-level', 'warn', ...code]);
} else {
  run('node_modules/prettier/bin/prettier.cjs', ['--check', '--log-level', 'warn', ...code]);
  run('node_modules/eslint/bin/eslint.js', ['--max-warnings', '0', '.']);
}
