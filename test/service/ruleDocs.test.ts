// The files generated from the rule catalogues are checked in and must be current
// (`npm run docs:rules` rewrites them), and the examples on each page, read back from the page
// itself, are linted: the reported one gives exactly the page's code, the corrected one not.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { rulePages, withReadmeTables, withSettingsSchema } from '../../server/src/ruleDocs/generated';
import { badHeading, goodHeading } from '../../server/src/ruleDocs/rulePage';
import { allRules } from '../../server/src/service/rules';
import { repoRoot } from '../helpers/paths';
import { exampleCodes } from '../helpers/ruleExamples';

const root = repoRoot();
const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');
const stale = 'is stale: run `npm run docs:rules`';

/** The example under a heading of a page: its file name and the fenced text. */
function pageExample(page: string, heading: string): { file: string; text: string } {
  const at = page.indexOf(`${heading}\n`);
  assert.ok(at >= 0, `no "${heading}" section`);
  const m = /In `([^`]+)`:\n\n````[a-z]*\n([\s\S]*?)````\n/.exec(page.slice(at));
  assert.ok(m, `no example under "${heading}"`);
  return { file: m[1] as string, text: m[2] as string };
}

describe('generated rule documentation', () => {
  const pages = rulePages();

  test('docs/rules/ has exactly one current page per code', () => {
    assert.equal(pages.size, allRules().length);
    const onDisk = fs
      .readdirSync(path.join(root, 'docs/rules'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => fs.readdirSync(path.join(root, 'docs/rules', d.name)).map((f) => `docs/rules/${d.name}/${f}`));
    assert.deepEqual(onDisk.sort(), [...pages.keys()].sort(), `the pages on disk ${stale}`);
    for (const [rel, text] of pages) assert.equal(read(rel), text, `${rel} ${stale}`);
  });

  test('the README rule tables are current', () => {
    const readme = read('README.md');
    const expected = withReadmeTables(readme);
    assert.ok(expected !== undefined, 'README.md lacks the <!-- rules:start --> / <!-- rules:end --> markers');
    assert.equal(readme, expected, `README.md's rule tables ${stale}`);
    for (const [code] of allRules())
      assert.ok(readme.includes(`[\`${code}\`](docs/rules/${code}.md)`), `${code} is not in the README`);
  });

  test('the cloudConfig.rules settings schema in package.json is current', () => {
    const manifest = read('package.json');
    assert.equal(manifest, withSettingsSchema(manifest), `package.json's cloudConfig.rules schema ${stale}`);
  });

  for (const rel of pages.keys()) {
    test(`${rel}: its reported example gives exactly its code, its corrected one not`, () => {
      const code = rel.replace(/^docs\/rules\//, '').replace(/\.md$/, '');
      const page = read(rel);
      assert.deepEqual(exampleCodes(pageExample(page, badHeading)), [code]);
      assert.ok(!exampleCodes(pageExample(page, goodHeading)).includes(code));
    });
  }
});
