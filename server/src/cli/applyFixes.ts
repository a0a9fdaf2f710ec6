import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/index';
import type { LanguageId } from '../service/types';
import { mergeFixEdits, preferredFixes } from '../service/codeActions';
import type { ServiceSettings } from '../service/types';

/**
 * Apply every finding's preferred fix, repeating while fixes keep changing the text (a fix can make
 * another one applicable), at most `rounds` times. Returns the fixed text and how many fixes were applied.
 */
export function applyAllFixes(service: LanguageService, settings: ServiceSettings, uri: string, lang: LanguageId, text: string, rounds = 4): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let round = 0; round < rounds; round++) {
    const doc = TextDocument.create(uri, lang, round + 1, current);
    const preferred = preferredFixes(service.findings(doc, lang), settings);
    const edits = mergeFixEdits(preferred);
    if (!edits.length) break;
    const next = TextDocument.applyEdits(doc, edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })));
    if (next === current) break;
    applied += preferred.length;
    current = next;
  }
  return { text: current, applied };
}
