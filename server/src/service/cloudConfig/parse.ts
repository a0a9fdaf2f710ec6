import {
  LineCounter,
  parseDocument,
  isMap,
  isPair,
  visit,
  type Document,
  type Node,
  type Pair,
  type YAMLError,
  type YAMLMap,
} from 'yaml';
import { forEachNode } from './yamlWalk';
import { maxNesting, nestsDeeperThan } from './nestingDepth';
import type { Dialect, DialectSetting } from '../types';
import { findEmbeddedRegions } from './embeddedRegions';
import type { EmbeddedRegion } from '../embedded/region';
import { keyName } from './yamlNodes';
import { neutraliseTemplates, type TemplateSpan } from '../template/placeholders';
import { recoverDocument } from './recover';

export type HeaderKind = 'cloud-config' | 'script' | 'ignition' | 'other-user-data' | 'jinja' | 'missing';

export interface YamlProblem {
  message: string;
  start: number;
  end: number;
  /** Set on the one problem of a document too deep to read: nothing else in it is checked. */
  tooDeep?: true;
}

/** A parsed cloud-config document: computed once per document version. */
export interface CloudConfigModel {
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly dialect: Dialect;
  /** Whether the dialect was set by the user rather than detected. */
  readonly dialectForced: boolean;
  readonly header: HeaderKind;
  readonly yamlErrors: readonly YamlProblem[];
  /** Top-level mapping, when the document is one. */
  readonly root: YAMLMap | undefined;
  /**
   * The top-level mapping the host's own setup (`runcmd`, `bootcmd`, `packages`) is read from for the
   * checks that look across the user-data: with broken lines, the document read with them neutralised
   * (as the regions are), so that a broken line elsewhere does not hide the host's commands; else `root`.
   */
  readonly hostRoot: YAMLMap | undefined;
  readonly regions: readonly EmbeddedRegion[];
  /**
   * Template syntax found in the text (Terraform, Jinja, Go, tokens), when there is any. The YAML
   * and the regions were read from the neutralised text (same length; see template/placeholders).
   */
  readonly templateSpans: readonly TemplateSpan[];
  /** The text the YAML was read from: `text` with template syntax neutralised (the same string when there is none). */
  readonly neutralText: string;
}

const parseOptions = {
  version: '1.1',
  keepSourceTokens: true,
  uniqueKeys: false,
  prettyErrors: false,
  strict: false,
} as const;

export function classifyHeader(text: string): HeaderKind {
  if (text.startsWith('#!')) return 'script';
  if (/^\s*\{/.test(text) && /"ignition(Version)?"\s*:/.test(text.slice(0, 4096))) return 'ignition';
  // Other user-data formats cloud-init recognises by their first line (not YAML cloud-config).
  if (
    /^#(cloud-config-archive|cloud-config-jsonp|include(-once)?|cloud-boothook|part-handler|upstart-job)\b/i.test(text)
  )
    return 'other-user-data';
  if (/^Content-Type:\s*multipart\//i.test(text)) return 'other-user-data';
  if (/^## template:\s*jinja[ \t]*\r?\n#cloud-config[ \t]*(\r?\n|$)/i.test(text)) return 'jinja';
  return /^#cloud-config[ \t]*(\r?\n|$)/.test(text) ? 'cloud-config' : 'missing';
}

function topLevelPair(root: YAMLMap | undefined, name: string): Pair | undefined {
  if (!root) return undefined;
  for (const item of root.items) {
    if (isPair(item) && keyName(item.key) === name) return item as Pair;
  }
  return undefined;
}

export function detectDialect(root: YAMLMap | undefined): Dialect {
  return topLevelPair(root, 'coreos') ? 'coreos' : 'cloud-init';
}

/** The parser reports an unclosed quote where the file ends; point at the line that opens the quote instead. */
function unclosedQuote(doc: Document.Parsed, text: string, e: YAMLError): YamlProblem | undefined {
  if (e.code !== 'MISSING_CHAR' || !/quote/i.test(e.message)) return undefined;
  let start: number | undefined;
  visit(doc, {
    Scalar(_, n) {
      if ((n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') && n.range && n.range[1] === e.pos[0])
        start = n.range[0];
    },
  });
  if (start === undefined) return undefined;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { message: e.message.split('\n')[0] ?? e.message, start, end };
}

/** Where a document that nests too deeply is reported: its first line that is neither blank nor a comment. */
function tooDeepProblem(text: string): YamlProblem {
  const m = /^[ \t]*[^\s#][^\n]*/m.exec(text);
  const start = m ? m.index : 0;
  const end = m
    ? m.index + m[0].replace(/\r$/, '').length
    : Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  return {
    message: `The document nests more than ${maxNesting} levels deep: too deep to read safely, so nothing else in it is checked.`,
    start,
    end,
    tooDeep: true,
  };
}

/**
 * Characters PyYAML refuses anywhere in a stream, comments included ("unacceptable character #x0000:
 * special characters are not allowed"): cloud-init then ignores the whole user-data. Allowed are tab,
 * line breaks, printable ASCII, NEL and the rest of Unicode but surrogates, U+FFFE and U+FFFF.
 */
const unacceptable = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** Whether `text` holds a character cloud-init's YAML reader refuses. */
export function hasUnacceptableCharacter(text: string): boolean {
  return unacceptable.test(text);
}

function unacceptableCharacter(text: string): YamlProblem | undefined {
  const m = unacceptable.exec(text);
  if (!m) return undefined;
  const code = (m[0].codePointAt(0) ?? 0).toString(16).padStart(4, '0');
  return {
    message: `unacceptable character #x${code}: special characters are not allowed (cloud-init's YAML reader refuses the whole user-data)`,
    start: m.index,
    end: m.index + m[0].length,
  };
}

/**
 * A carriage return alone ends a line for cloud-init's YAML reader as `\n` does; the parser here reads
 * only `\n`, so lone CRs are read as `\n` (same length: every offset stays the same).
 */
export function withLineFeeds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

let parses = 0;

/** How many documents this process has parsed from scratch (models carried over are not counted). */
export function parseCount(): number {
  return parses;
}

export function parseCloudConfig(source: string, dialectSetting: DialectSetting): CloudConfigModel {
  parses++;
  const text = withLineFeeds(source);
  const lineCounter = new LineCounter();
  // Template syntax is read as unknown values and blank control lines (same offsets as `text`).
  const { text: yamlText, spans: templateSpans } = neutraliseTemplates(text);
  // Too deep to parse safely: an empty document, the line starts of the text, and one problem.
  const unparsable = nestsDeeperThan(text, maxNesting);
  if (unparsable) {
    lineCounter.addNewLine(0);
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lineCounter.addNewLine(nl + 1);
  }
  const doc = parseDocument(unparsable ? '' : yamlText, { ...parseOptions, ...(unparsable ? {} : { lineCounter }) });
  // The parser reports running out of stack (thousands of nesting levels) where it happened to run
  // out, which depends on how warm the code is: report it once, at a fixed place, and check nothing else.
  const tooDeep = unparsable || doc.errors.some((e) => e.message.includes('Maximum call stack size exceeded'));
  const yamlErrors: YamlProblem[] = tooDeep
    ? [tooDeepProblem(text)]
    : doc.errors.map(
        (e) =>
          unclosedQuote(doc, yamlText, e) ?? {
            message: e.message.split('\n')[0] ?? e.message,
            start: e.pos[0],
            end: Math.max(e.pos[1], e.pos[0]),
          },
      );
  // Embedded blocks on intact lines survive a broken line: they are read from the text with the broken
  // lines neutralised (the cloud-config checks and their fixes keep the document as written).
  const recovered = tooDeep
    ? undefined
    : recoverDocument(yamlText, doc, parseOptions, (d, t, e) => unclosedQuote(d, t, e)?.start ?? e.pos[0]);
  const special = unacceptableCharacter(text);
  if (special) yamlErrors.unshift(special);
  const contents: Node | null = tooDeep ? null : doc.contents;
  const root = isMap(contents) ? (contents as YAMLMap) : undefined;
  const recoveredContents = recovered?.doc.contents;
  const recoveredRoot = isMap(recoveredContents) ? (recoveredContents as YAMLMap) : undefined;
  // A broken line can hide `coreos:` from the parse as written (its colon dropped, or a line above it
  // broken): the dialect is then read from the recovered document too.
  const dialect =
    dialectSetting !== 'auto'
      ? dialectSetting
      : detectDialect(root) === 'coreos' || detectDialect(recoveredRoot) === 'coreos'
        ? 'coreos'
        : 'cloud-init';
  const model = {
    text,
    doc,
    lineCounter,
    dialect,
    dialectForced: dialectSetting !== 'auto',
    header: classifyHeader(text),
    yamlErrors,
    root,
    hostRoot: recoveredRoot ?? root,
    regions: [] as EmbeddedRegion[],
    templateSpans,
    neutralText: yamlText,
  };
  model.regions = recovered
    ? findEmbeddedRegions({ ...model, text: recovered.text, root: recoveredRoot })
    : findEmbeddedRegions({ ...model, text: yamlText });
  dropSourceTokens(doc);
  if (recovered) dropSourceTokens(recovered.doc);
  return model;
}

/**
 * The parser's tokens are kept only to map block scalars to their lines (`findEmbeddedRegions`); once
 * that is done nothing reads them, and they would double the memory a cached document holds.
 */
function dropSourceTokens(doc: Document.Parsed): void {
  forEachNode(doc, (item) => {
    item.srcToken = undefined;
  });
}
