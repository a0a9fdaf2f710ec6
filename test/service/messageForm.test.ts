// How findings read where markdown is not rendered: the Problems panel, quick-fix titles and
// completion details get no markdown backticks, and each message's first sentence stands alone and
// fits the Problems panel (at most 100 characters). Checked over the real-world corpus, the facts,
// the examples and the end-to-end fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectLanguage, getLanguageService } from '../../server/src/service/index';
import { repoRoot, sharedDir } from '../helpers/paths';

const maxFirstSentence = 100;

/** The first sentence: up to the first . ! or ? followed by a space or the end. */
export function firstSentence(message: string): string {
  const end = /[.!?](?=\s|$)/.exec(message);
  return end ? message.slice(0, end.index + 1) : message;
}

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.isFile() && fs.statSync(p).size < 1024 * 1024) out.push(p);
  }
  return out;
}

const roots = [
  path.join(sharedDir(), 'corpus'),
  path.join(sharedDir(), 'facts'),
  path.join(repoRoot(), 'examples'),
  path.join(repoRoot(), 'test', 'e2e', 'fixtures'),
];

test('messages, related information and quick-fix titles: no backticks, a first sentence of at most 100 characters', () => {
  const service = getLanguageService({ dialect: 'auto', rules: {} });
  const problems = new Set<string>();
  let messages = 0;
  let titles = 0;
  for (const file of roots.flatMap(files)) {
    const text = fs.readFileSync(file, 'utf8');
    const lang = detectLanguage(file, text);
    if (!lang) continue;
    const doc = TextDocument.create(`file://${file}`, lang, 1, text);
    const diagnostics = service.validate(doc, lang);
    for (const d of diagnostics) {
      messages++;
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      const where = `${d.code} (${path.relative(repoRoot(), file)}:${d.range.start.line + 1})`;
      if (message.includes('`')) problems.add(`backtick in the message of ${where}: ${message}`);
      const first = firstSentence(message);
      if (first.length > maxFirstSentence)
        problems.add(`first sentence of ${first.length} characters in ${where}: ${first}`);
      for (const r of d.relatedInformation ?? [])
        if (r.message.includes('`')) problems.add(`backtick in related information of ${where}: ${r.message}`);
      for (const a of service.codeActions(doc, lang, d.range, ['quickfix'])) {
        titles++;
        if (a.title.includes('`')) problems.add(`backtick in the quick fix of ${where}: ${a.title}`);
      }
    }
    service.forget(doc.uri);
  }
  assert.ok(messages > 300 && titles > 50, `checked ${messages} messages and ${titles} titles`);
  assert.deepEqual([...problems], []);
});

test('completion details have no backticks (every line end of the examples and fixtures)', () => {
  const service = getLanguageService({ dialect: 'auto', rules: {} });
  const problems = new Set<string>();
  let details = 0;
  for (const file of [path.join(repoRoot(), 'examples'), path.join(repoRoot(), 'test', 'e2e', 'fixtures')].flatMap(
    files,
  )) {
    const text = fs.readFileSync(file, 'utf8');
    const lang = detectLanguage(file, text);
    if (!lang) continue;
    const doc = TextDocument.create(`file://${file}`, lang, 1, text);
    for (let line = 0; line < Math.min(doc.lineCount, 400); line++) {
      const end = doc.positionAt(doc.offsetAt({ line: line + 1, character: 0 }) - 1);
      for (const pos of [{ line, character: 0 }, end]) {
        for (const item of service.complete(doc, lang, pos).items) {
          for (const shown of [item.detail, item.labelDetails?.description, item.labelDetails?.detail]) {
            if (shown === undefined) continue;
            details++;
            if (shown.includes('`')) problems.add(`${item.label}: ${shown}`);
          }
        }
      }
    }
  }
  assert.ok(details > 1000, `checked ${details} details`);
  assert.deepEqual([...problems], []);
});

test('hovering enabled says once that it is ignored', () => {
  const text = '#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      enabled: true\n';
  const doc = TextDocument.create('file:///t/user-data', 'cloud-config', 1, text);
  const service = getLanguageService({ dialect: 'auto', rules: {} });
  const hover = service.hover(doc, 'cloud-config', { line: 4, character: 8 });
  const value =
    hover && typeof hover.contents === 'object' && 'value' in hover.contents
      ? hover.contents.value
      : JSON.stringify(hover?.contents);
  assert.ok(value, 'a hover');
  // VS Code shows the diagnostic's message in the same hover.
  const diagnostic = service.validate(doc, 'cloud-config').find((d) => d.code === 'cloud-config/unknown-key');
  assert.ok(diagnostic);
  const shown = `${diagnostic.message}\n${value}`;
  assert.equal((shown.match(/ignored/gi) ?? []).length, 1, shown);
  assert.match(value, /`enable`/);
});
