// The rule catalogues against what the service really reports: every code it reports on the
// corpus, the real tools' cases, the examples, the fuzz regression fixtures and a few hundred fuzzed
// documents is catalogued, and every catalogue entry's bad example is reported with exactly its code
// while its good example is not.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { detectLanguage, type LanguageId } from '../../server/src/service/index';
import { exampleCodes, reported } from '../helpers/ruleExamples';
import { allRules, catalogues, isRuleCode, rulePageUrl } from '../../server/src/service/rules';
import { codeLanguage } from '../../server/src/service/ruleEntry';
import { repoRoot, sharedDir } from '../helpers/paths';
import { loadSeeds, makeCase } from '../fuzz/engine';
import { loadFixtures } from '../fuzz/fixtures';

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('rule catalogues', () => {
  test('each code sits in the catalogue of its language, and every entry has every field', () => {
    for (const [language, catalogue] of Object.entries(catalogues)) {
      for (const [code, entry] of Object.entries(catalogue)) {
        assert.equal(codeLanguage(code), language, code);
        for (const field of ['summary', 'why', 'fix', 'realTool'] as const) {
          assert.ok(entry[field].trim().length > 10, `${code}: ${field} is empty`);
        }
        assert.ok(!entry.summary.includes('\n'), `${code}: the summary is one line`);
      }
    }
  });

  for (const [code, entry] of allRules()) {
    test(`${code}: the bad example is reported with exactly this code, the good one is not`, () => {
      assert.deepEqual(exampleCodes(entry.bad), [code], `${code} bad example (${entry.bad.file})`);
      assert.ok(!exampleCodes(entry.good).includes(code), `${code} good example (${entry.good.file})`);
    });
  }

  test('every code reported on the corpus, the facts, the examples and fuzzed documents is catalogued and linked', () => {
    const seen = new Map<string, string>();
    const unknown: string[] = [];
    const note = (name: string, file: string, text: string, lang: LanguageId): void => {
      for (const { code, href } of reported(file, text, lang)) {
        if (!isRuleCode(code)) unknown.push(`${code} (${name})`);
        else assert.equal(href, rulePageUrl(code), `${code}: codeDescription.href`);
        if (!seen.has(code)) seen.set(code, name);
      }
    };
    const seeds = loadSeeds(sharedDir());
    assert.ok(seeds.length > 300, `corpus and facts files: ${seeds.length}`);
    for (const s of seeds) note(s.name, path.basename(s.name), s.text, s.lang);
    const examples = walk(path.join(repoRoot(), 'examples'));
    for (const file of examples) {
      const text = fs.readFileSync(file, 'utf8');
      const lang = detectLanguage(file, text);
      if (lang) note(path.relative(repoRoot(), file), path.basename(file), text, lang);
    }
    for (const f of loadFixtures(path.join(repoRoot(), 'test', 'fuzz', 'fixtures')))
      note(f.name, 'user-data', f.text, f.lang);
    for (let i = 0; i < 300; i++) {
      const c = makeCase(seeds, 20_251_204, i);
      note(`fuzz case ${i} of ${c.seed}`, path.basename(c.seed), c.text, c.lang);
    }
    assert.deepEqual(unknown, [], 'codes reported that no catalogue lists');
    // Every entry is reported by its bad example (above); most are also met in real files.
    assert.ok(seen.size >= 40, `distinct codes reported on real files: ${seen.size}`);
  });
});
