import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, detectLanguage, type LanguageId } from '../../server/src/service/index';
import type { RuleExample } from '../../server/src/service/ruleEntry';

const svc = getLanguageService({ dialect: 'auto', rules: {} });
let version = 0;

/** Code and link of each diagnostic of a file, linted with default settings. */
export function reported(
  file: string,
  text: string,
  lang: LanguageId,
): Array<{ code: string; href: string | undefined }> {
  const d = TextDocument.create(`file:///rule-examples/${file}`, lang, ++version, text);
  return svc.validate(d, lang).map((x) => ({ code: String(x.code), href: x.codeDescription?.href }));
}

/** The distinct codes reported on a catalogue example, linted in the language its file name gives. */
export function exampleCodes(example: RuleExample): string[] {
  const lang = detectLanguage(example.file, example.text);
  assert.ok(lang, `${example.file}: no language for this example file name`);
  return [...new Set(reported(example.file, example.text, lang).map((x) => x.code))].sort();
}
