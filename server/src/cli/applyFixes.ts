import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service/index';
import type { LanguageId } from '../service/types';
import { mergeFixEdits, preferredFixes } from '../service/codeActions';
import type { ServiceSettings } from '../service/types';
import { applyToBytes, decodeUtf8, type Utf8Text } from './utf8Text';

/**
 * Apply every finding's preferred fix, repeating while fixes keep changing the text (a fix can make
 * another one applicable, a conflicting one waits for the next pass), at most `rounds` times. The
 * edits are applied to the file's bytes: bytes outside the fixed spans stay exactly as they were.
 */
export function applyAllFixes(
  service: LanguageService,
  settings: ServiceSettings,
  uri: string,
  lang: LanguageId,
  original: Utf8Text,
  rounds = 4,
): { source: Utf8Text; applied: number } {
  let current = original;
  let applied = 0;
  for (let round = 0; round < rounds; round++) {
    const doc = TextDocument.create(uri, lang, round + 1, current.text);
    const preferred = preferredFixes(service.findings(doc, lang), settings);
    const edits = mergeFixEdits(preferred);
    if (!edits.length) break;
    const next = applyToBytes(current, edits);
    if (next.equals(current.bytes)) break;
    applied += preferred.length;
    current = decodeUtf8(next);
  }
  return { source: current, applied };
}
