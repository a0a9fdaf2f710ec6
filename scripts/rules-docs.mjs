// Write everything generated from the rule catalogues: docs/rules/<language>/<code>.md, the README's
// rule tables and the cloudConfig.rules settings schema in package.json. Run after `tsc -p .`
// (`npm run docs:rules` does both); test/service/ruleDocs.test.ts fails while they are stale.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const { rulePages, withReadmeTables, withSettingsSchema } = require('../out/server/src/ruleDocs/generated.js');

const pages = rulePages();
mkdirSync('docs/rules', { recursive: true });
// Pages of codes that are gone go too.
for (const language of readdirSync('docs/rules', { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of readdirSync(join('docs/rules', language.name))) {
    const path = `docs/rules/${language.name}/${file}`;
    if (!pages.has(path)) rmSync(path);
  }
}
for (const [path, text] of pages) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}
const readme = withReadmeTables(readFileSync('README.md', 'utf8'));
if (readme === undefined) {
  console.error('README.md lacks the <!-- rules:start --> and <!-- rules:end --> markers');
  process.exit(1);
}
writeFileSync('README.md', readme);
writeFileSync('package.json', withSettingsSchema(readFileSync('package.json', 'utf8')));
console.log(`wrote ${pages.size} rule pages, the README rule tables and the cloudConfig.rules schema`);
