import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/index';
import type { LanguageId } from '../service/types';
import { mergeFixEdits } from '../service/codeActions';
import { effectiveSeverity } from '../service/diagnostics';
import type { Fix, ServiceSettings } from '../service/types';

/**
 * Apply every finding's preferred fix, repeating while fixes keep changing the text (a fix can make
 * another one applicable), at most `rounds` times. Returns the fixed text and how many fixes were applied.
 */
export function applyAllFixes(service: LanguageService, settings: ServiceSettings, uri: string, lang: LanguageId, text: string, rounds = 4): { text: string; applied: number } {
  let current = text;
  let applied = 0;
  for (let round = 0; round < rounds; round++) {
    const doc = TextDocument.create(uri, lang, round + 1, current);
    const preferred: Fix[] = [];
    for (const f of service.findings(doc, lang)) {
      if (!f.fixes?.length || effectiveSeverity(f.code, settings) === undefined) continue;
      preferred.push(f.fixes.find((x) => x.preferred) ?? (f.fixes[0] as Fix));
    }
    const edits = mergeFixEdits(preferred);
    if (!edits.length) break;
    const next = TextDocument.applyEdits(doc, edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })));
    if (next === current) break;
    applied += preferred.length;
    current = next;
  }
  return { text: current, applied };
}
