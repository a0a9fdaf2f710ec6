/** The iptables / ip6tables language: rules-save files, standalone or embedded in cloud-config. */
import { registerEmbeddedLanguage, type EmbeddedContext, type EmbeddedLanguageService } from '../embedded/languages';
import type { IpFamily, RulesFile } from './ast';
import { parseRulesSave } from './parse';
import { reparseOneLine, reparseStretch, settleEdits } from './reparseLine';
import { familyOf } from './family';
import { flowFindings, lineRulesFindings, validateRules } from './validate';
import type { Finding } from '../types';
import { completeRules } from './complete';
import { hoverRules } from './hover';
import { rulesFolding, rulesSymbols } from './outline';
import { iptablesCrossFileFacts } from './crossFileFacts';
import type { TextChange } from '../text/changeTrail';
import type { ChangedStretch } from '../text/changedStretch';
import type { LineTable } from '../text/lineTable';
import type { LinesRead } from '../text/largeDocument';

/** Where `text` differs from `before`, when the editor's change (from the text it was read after) says it. */
function toldChange(change: TextChange | undefined, before: string): ChangedStretch | undefined {
  return change && change.before === before ? change.stretch : undefined;
}

/**
 * Parse once per text: the same text gives the same model (a small cache for the calls of one
 * keystroke and for the few rules blocks of one user-data). Keyed by the text itself, with a model per
 * family (a key joining family and text would copy the text on every look-up). Bounded by count and
 * by text size, so a large file being typed in does not keep a model per keystroke.
 */
const cache = new Map<string, Partial<Record<IpFamily, RulesFile>>>();
const cacheEntries = 4;
// A parsed rules file weighs about 50 times its text: 200k characters of rules keep ~10 MB alive.
const cacheChars = 200_000;
let cachedChars = 0;

function forget(text: string): void {
  if (cache.delete(text)) cachedChars -= text.length;
}

/** Models whose objects a later model took over (`reparseOneLine` moves them in place): never used again. */
const consumed = new WeakSet<RulesFile>();

/**
 * The last model of each standalone rules document, so that a keystroke in a large file is carried over
 * even when another large document was analysed in between (the text cache keeps one large text only).
 * Bounded by count; `forgetRulesModels` drops a closed document's.
 */
const byDocument = new Map<string, Partial<Record<IpFamily, RulesFile>>>();
const documentsKept = 4;

export function forgetRulesModels(uri: string): void {
  byDocument.delete(uri);
}

function keepForDocument(uri: string, family: IpFamily, file: RulesFile): void {
  const models = byDocument.get(uri) ?? {};
  byDocument.delete(uri);
  models[family] = file;
  byDocument.set(uri, models);
  for (const old of byDocument.keys()) {
    if (byDocument.size <= documentsKept) break;
    byDocument.delete(old);
  }
}

/** A keystroke in the document's last model, when that model is not in the text cache any more. */
function fromDocument(uri: string, family: IpFamily, text: string, change?: TextChange): RulesFile | undefined {
  const previous = byDocument.get(uri)?.[family];
  if (!previous || consumed.has(previous) || Math.abs(previous.text.length - text.length) > 4096) return undefined;
  const next = reparseOneLine(previous, text, toldChange(change, previous.text));
  if (!next) return undefined;
  consumed.add(previous);
  const models = cache.get(previous.text);
  if (models?.[family] === previous) {
    delete models[family];
    if (!models.ipv4 && !models.ipv6) forget(previous.text);
  }
  return next;
}

/**
 * A keystroke in one rule line: the most recent cached model of the same family that differs from
 * `text` in that line only is carried over (and leaves the cache, since its objects now belong to the
 * new model).
 */
function fromPrevious(family: IpFamily, text: string, change?: TextChange): RulesFile | undefined {
  const texts = [...cache.keys()];
  for (let i = texts.length - 1; i >= 0; i--) {
    const before = texts[i] as string;
    const models = cache.get(before);
    const previous = models?.[family];
    if (!models || !previous || Math.abs(before.length - text.length) > 4096) continue;
    if (consumed.has(previous)) continue;
    const next = reparseOneLine(previous, text, toldChange(change, before));
    if (!next) continue;
    consumed.add(previous);
    delete models[family];
    if (!models.ipv4 && !models.ipv6) forget(before);
    return next;
  }
  return undefined;
}

/** The version of a large document each of its models is the model of. */
const versionOfModel = new WeakMap<RulesFile, LineTable>();

/**
 * The model of a large document's version (`largeDocument.ts`): its last model when it is of that
 * version, else carried over from it when a keystroke changed one rule line, else parsed (which joins
 * the whole text: on open, or after a change that is not one line's).
 */
function largeRulesFile(lines: LinesRead, uri: string, family: IpFamily): RulesFile {
  const previous = byDocument.get(uri)?.[family];
  const seen = previous && versionOfModel.get(previous);
  if (previous && seen === lines.now) return previous;
  let file: RulesFile | undefined;
  if (previous && seen && !seen.mayHaveCr && !consumed.has(previous) && lines.before === seen && lines.stretch) {
    file = reparseStretch(previous, seen, lines.now, lines.stretch);
    if (file) consumed.add(previous);
  }
  file ??= parseRulesSave(lines.now.text(), family);
  versionOfModel.set(file, lines.now);
  keepForDocument(uri, family, file);
  return file;
}

export function rulesFileOf(ctx: EmbeddedContext, language: 'iptables' | 'ip6tables'): RulesFile {
  const family = familyOf(ctx, language);
  if (ctx.lines && !ctx.region && ctx.uri !== undefined) return largeRulesFile(ctx.lines, ctx.uri, family);
  const text = ctx.text;
  let models = cache.get(text);
  if (models) {
    // Keep recently used texts last, so the oldest are dropped first (Map order is insertion order).
    cache.delete(text);
    cache.set(text, models);
    const known = models[family];
    if (known) return known;
  }
  const uri = ctx.region ? undefined : ctx.uri;
  const file =
    fromPrevious(family, text, ctx.change) ??
    (uri !== undefined ? fromDocument(uri, family, text, ctx.change) : undefined) ??
    parseRulesSave(text, family);
  if (uri !== undefined) keepForDocument(uri, family, file);
  if (!models) {
    models = {};
    cache.set(text, models);
    cachedChars += text.length;
  }
  models[family] = file;
  for (const oldText of cache.keys()) {
    if ((cache.size <= cacheEntries && cachedChars <= cacheChars) || oldText === text) break;
    forget(oldText);
  }
  return file;
}

/**
 * Rule lines from which a rules document just opened gets a first pass: there the whole-file checks
 * (chains, placement, duplicates, flow) cost about as much again as the parse and the line checks
 * (tens of ms at 5,000 rule lines, over a second at 100,000).
 */
export const rulesFirstPassFrom = 5_000;

/**
 * The first pass of a large rules document: the findings of each line on its own (`lineRulesFindings`),
 * undefined below `rulesFirstPassFrom` rule lines (the complete set costs about as much there). The
 * model and line analyses it makes are the complete pass's.
 */
export function rulesFirstPass(ctx: EmbeddedContext, language: 'iptables' | 'ip6tables'): Finding[] | undefined {
  const file = rulesFileOf(ctx, language);
  let ruleLines = 0;
  for (const block of file.tables) ruleLines += block.rules.length;
  return ruleLines < rulesFirstPassFrom ? undefined : lineRulesFindings(file, ctx);
}

function languageService(language: 'iptables' | 'ip6tables'): EmbeddedLanguageService {
  return {
    validate(ctx) {
      const file = rulesFileOf(ctx, language);
      const findings = [...validateRules(file, ctx), ...flowFindings(file, ctx)];
      settleEdits(file);
      return findings;
    },
    crossFileFacts: iptablesCrossFileFacts,
    complete: (ctx, offset) => completeRules(rulesFileOf(ctx, language), ctx, offset),
    hover: (ctx, offset) => hoverRules(rulesFileOf(ctx, language), ctx, offset),
    symbols: (ctx) => rulesSymbols(rulesFileOf(ctx, language)),
    folding: (ctx) => rulesFolding(rulesFileOf(ctx, language)),
  };
}

registerEmbeddedLanguage('iptables', languageService('iptables'));
registerEmbeddedLanguage('ip6tables', languageService('ip6tables'));
