import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  Range,
} from 'vscode-languageserver-types';
import type { Dialect, LanguageId, ServiceSettings } from './types';
import { defaultSettings } from './types';
import { DocumentCache } from './documentCache';
import { plainText } from './plainText';
import { toDiagnostics } from './diagnostics';
import { findingsToCodeActions } from './codeActions';
import { afterFirstPass, firstPassCloudConfig, validateCloudConfig } from './cloudConfig/validate';
import { findingsDonor } from './cloudConfig/carryFindings';
import type { CloudConfigModel } from './cloudConfig/parse';
import { completeCloudConfig } from './cloudConfig/complete';
import { hoverCloudConfig } from './cloudConfig/hover';
import { cloudConfigSymbols } from './cloudConfig/symbols';
import { redactHover, redactSymbols } from './redactShown';
import { cloudConfigFolding } from './cloudConfig/folding';
import type { Finding } from './types';
import { embeddedLanguage, type EmbeddedContext } from './embedded/languages';
import { completeIn, hoverIn } from './embedded/delegate';
import { standaloneText } from './embedded/hosted';
import { boundFindings, boundPosition, boundRange, charTextOf, type CharText } from './text/bounds';
import { LargeDocument, withLazyText } from './text/largeDocument';
import { fixesInLineEnding } from './text/lineEnding';
import { readText } from './text/changeTrail';
import { embeddedFolding, embeddedSymbolsFor, foldingIn, symbolsIn } from './embedded/outline';
import './systemd/service';
import { forgetRulesModels, rulesFirstPass } from './iptables/service';
import './compose/composeService';

export type { LanguageId, ServiceSettings } from './types';
export { detectLanguage, languageFromEditor, hasCloudConfigHeader } from './languageId';
export { limitFlowChecks } from './iptables/flow/limit';
export { updateDocument } from './text/changeTrail';

export interface LanguageService {
  configure(settings: ServiceSettings): void;
  /** Findings (before severity settings), cached per document version. */
  findings(doc: TextDocument, lang: LanguageId): readonly Finding[];
  validate(doc: TextDocument, lang: LanguageId): Diagnostic[];
  /**
   * For a user-data whose embedded content is mostly not analysed yet (at least `firstPassFrom`
   * characters of it): its diagnostics without those embedded checks (the YAML, key and value checks and
   * every embedded finding already known), which cost a fraction of the complete set. For a rules
   * document of at least `rulesFirstPassFrom` rule lines: the findings of each line on its own, without
   * the whole-file checks. Undefined when nothing that large is pending: `validate` answers about as
   * fast. The complete set is `validate`'s.
   */
  firstPass(doc: TextDocument, lang: LanguageId): Diagnostic[] | undefined;
  complete(doc: TextDocument, lang: LanguageId, pos: Position): CompletionList;
  hover(doc: TextDocument, lang: LanguageId, pos: Position): Hover | null;
  /** Quick fixes for findings overlapping `range`; `only` filters by code-action kind prefix. */
  codeActions(doc: TextDocument, lang: LanguageId, range: Range, only?: readonly string[]): CodeAction[];
  symbols(doc: TextDocument, lang: LanguageId): DocumentSymbol[];
  folding(doc: TextDocument, lang: LanguageId): FoldingRange[];
  /** The dialect a cloud-config document is read with, and whether a setting forced it (else detected). */
  dialect(doc: TextDocument, lang: LanguageId): { dialect: Dialect; forced: boolean } | undefined;
  /** Forget cached models of a closed document. */
  forget(uri: string): void;
}

/**
 * Whitespace gets no hover: indentation and runs of blanks (an embedded block's indentation would
 * otherwise show the hover of the whole `content` value). A blank right after a word still belongs
 * to that word, as editors place the hover position there.
 */
function inWhitespace(text: CharText, offset: number): boolean {
  const charAt = (o: number): string => (o >= 0 && o < text.length ? String.fromCharCode(text.charCodeAt(o)) : '');
  const at = charAt(offset);
  if (at === '' || !/\s/.test(at)) return false;
  return offset === 0 || /\s/.test(charAt(offset - 1));
}

/** Completion details are shown as plain text: no markdown backticks in them. */
function plainDetails(list: CompletionList): CompletionList {
  for (const item of list.items) {
    if (item.detail?.includes('`')) item.detail = plainText(item.detail);
    if (item.labelDetails?.description?.includes('`'))
      item.labelDetails.description = plainText(item.labelDetails.description);
  }
  return list;
}

function standaloneContext(doc: TextDocument, settings?: ServiceSettings): EmbeddedContext {
  if (doc instanceof LargeDocument) {
    const lines = doc.read();
    const context = {
      lines,
      region: undefined,
      siblings: [],
      uri: doc.uri,
      ...(settings?.rulesFamily ? { family: settings.rulesFamily } : {}),
    };
    // The whole text is joined only if a reader asks for it (the rules analysis of a keystroke does not).
    return withLazyText(context, () => lines.now.text());
  }
  const { text, change } = readText(doc);
  return {
    text,
    ...(change ? { change } : {}),
    region: undefined,
    siblings: [],
    uri: doc.uri,
    ...(settings?.rulesFamily ? { family: settings.rulesFamily } : {}),
  };
}

/** Embedded text not analysed yet from which a first pass is worth its cost (about 50 ms of checks). */
export const firstPassFrom = 32 * 1024;

/** The diagnostics of a user-data's complete findings, by its model: a document carried over from it takes them. */
const madeDiagnostics = new WeakMap<
  CloudConfigModel,
  { settings: ServiceSettings; uri: string; diagnostics: readonly Diagnostic[] }
>();

/** `diagnostics` of the document `from` pointing at the document `to` instead (their related spans). */
function retargeted(diagnostics: readonly Diagnostic[], from: string, to: string): Diagnostic[] {
  if (from === to || !diagnostics.some((d) => d.relatedInformation)) return [...diagnostics];
  return diagnostics.map((d) =>
    d.relatedInformation
      ? {
          ...d,
          relatedInformation: d.relatedInformation.map((r) =>
            r.location.uri === from ? { ...r, location: { ...r.location, uri: to } } : r,
          ),
        }
      : d,
  );
}

export function getLanguageService(initial: ServiceSettings = defaultSettings): LanguageService {
  let settings = initial;
  const cache = new DocumentCache();

  /** Findings as the checks report them, bounded to the text and with line-ending fixes applied. */
  const finished = (doc: TextDocument, lang: LanguageId, raw: Finding[]): readonly Finding[] => {
    const bounded = boundFindings(charTextOf(doc), raw);
    // A large document without carriage returns has LF line ends: its fixes are kept as they are.
    if (doc instanceof LargeDocument && !doc.lines.mayHaveCr) return bounded;
    return fixesInLineEnding(doc.getText(), bounded, lang !== 'iptables' && lang !== 'ip6tables');
  };

  function findings(doc: TextDocument, lang: LanguageId): readonly Finding[] {
    const entry = cache.get(doc, lang, settings);
    if (!entry.findings) {
      entry.findings = finished(
        doc,
        lang,
        lang !== 'cloud-config'
          ? (embeddedLanguage(lang)?.validate(standaloneContext(doc, settings)) ?? [])
          : entry.firstPass
            ? afterFirstPass(entry.firstPass)
            : validateCloudConfig(entry.cloudConfig(), settings),
      );
      entry.firstPass = undefined;
    }
    return entry.findings;
  }

  return {
    configure(next) {
      settings = next;
      cache.clear();
    },
    findings,
    validate(doc, lang) {
      const list = findings(doc, lang);
      if (lang !== 'cloud-config') return toDiagnostics(doc, list, settings);
      // A document whose findings a nearly equal one's were takes that one's diagnostics too.
      const model = cache.get(doc, lang, settings).parsed();
      const donor = model && findingsDonor(model);
      const made = donor && madeDiagnostics.get(donor);
      const diagnostics =
        made && made.settings === settings
          ? retargeted(made.diagnostics, made.uri, doc.uri)
          : toDiagnostics(doc, list, settings);
      if (model) madeDiagnostics.set(model, { settings, uri: doc.uri, diagnostics: [...diagnostics] });
      return diagnostics;
    },
    firstPass(doc, lang) {
      if (lang === 'iptables' || lang === 'ip6tables') {
        // A large rules document: the findings of each line first, the whole-file checks in `validate`.
        if (cache.get(doc, lang, settings).findings) return undefined;
        const first = rulesFirstPass(standaloneContext(doc, settings), lang);
        return first && toDiagnostics(doc, finished(doc, lang, first), settings);
      }
      if (lang !== 'cloud-config') return undefined;
      const entry = cache.get(doc, lang, settings);
      if (entry.findings) return undefined;
      const first = firstPassCloudConfig(entry.cloudConfig(), settings);
      const known = finished(doc, lang, first.findings);
      // Every embedded finding was known: this is the complete set.
      if (first.skipped === 0) entry.findings = known;
      // The complete set adds the embedded findings to the other checks' findings of this pass.
      else entry.firstPass = first.others;
      return first.skipped < firstPassFrom ? undefined : toDiagnostics(doc, known, settings);
    },
    complete(doc, lang, requested) {
      const pos = boundPosition(doc, requested);
      if (lang !== 'cloud-config') {
        return plainDetails(
          completeIn(standaloneText(lang, standaloneContext(doc)), doc.offsetAt(pos), (o) => doc.positionAt(o)),
        );
      }
      return plainDetails(
        completeCloudConfig(cache.get(doc, lang, settings).cloudConfig(), doc.offsetAt(pos), (o) => doc.positionAt(o)),
      );
    },
    hover(doc, lang, requested) {
      const pos = boundPosition(doc, requested);
      if (inWhitespace(charTextOf(doc), doc.offsetAt(pos))) return null;
      if (lang !== 'cloud-config')
        return redactHover(
          hoverIn(standaloneText(lang, standaloneContext(doc)), doc.offsetAt(pos), (o) => doc.positionAt(o)),
        );
      return redactHover(
        hoverCloudConfig(cache.get(doc, lang, settings).cloudConfig(), doc.offsetAt(pos), (o) => doc.positionAt(o)),
      );
    },
    codeActions(doc, lang, range, only) {
      return findingsToCodeActions(doc, findings(doc, lang), boundRange(doc, range), settings, only);
    },
    symbols(doc, lang) {
      const toPos = (o: number): Position => doc.positionAt(o);
      if (lang !== 'cloud-config') return redactSymbols(symbolsIn(standaloneText(lang, standaloneContext(doc)), toPos));
      const model = cache.get(doc, lang, settings).cloudConfig();
      return redactSymbols(cloudConfigSymbols(model, toPos, embeddedSymbolsFor(model.regions, toPos)));
    },
    folding(doc, lang) {
      const lineOf = (o: number): number => doc.positionAt(o).line;
      if (lang !== 'cloud-config') return foldingIn(standaloneText(lang, standaloneContext(doc)), lineOf);
      const model = cache.get(doc, lang, settings).cloudConfig();
      return [...cloudConfigFolding(model), ...embeddedFolding(model.regions, lineOf)];
    },
    dialect(doc, lang) {
      if (lang !== 'cloud-config') return undefined;
      const model = cache.get(doc, lang, settings).cloudConfig();
      return { dialect: model.dialect, forced: model.dialectForced };
    },
    forget(uri) {
      cache.delete(uri);
      forgetRulesModels(uri);
    },
  };
}
