import type { CodeLens, CodeLensParams, Connection, TextDocuments } from 'vscode-languageserver/node';
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DialectSetting, LanguageId } from './service/types';
import {
  exposureReport,
  exposureSummary,
  traceReport,
  TraceRequestError,
  type ExposureReport,
  type TraceReport,
  type TraceRequest,
} from './service/exposure/index';
import { exposureMarkdown, traceMarkdown } from './service/exposure/markdown';

/**
 * Custom requests (documented in docs/lsp-exposure.md):
 * - `cloudConfig/exposure` {textDocument: {uri}} → the exposure map plus a markdown rendering;
 * - `cloudConfig/trace` {textDocument: {uri}, proto, dport?, src, dst?, inIface?, state?} → one packet's verdict and
 * path.
 * Code lenses on the first line of a user-data and on each `*filter` line summarise the map; they run
 * the client command `cloudConfig.showExposure` with the document URI.
 */
export const exposureMethod = 'cloudConfig/exposure';
export const traceMethod = 'cloudConfig/trace';
export const showExposureCommand = 'cloudConfig.showExposure';

interface DocParams {
  readonly textDocument: { readonly uri: string };
}

const supported = new Set<LanguageId>(['cloud-config', 'iptables', 'ip6tables']);

/**
 * The map traces a packet per port range through every rule a packet can meet, so its cost grows with
 * rules times ranges: about 0.2 s CPU for a 2,000-line kube-proxy dump, 0.5-1 s at 10k lines, 11 s at 100k
 * (`node scripts/bench/exposureCost.mjs`). An editor asks for lenses again after each pause in typing, so
 * a document of more lines than this gets one lens that computes the map when clicked instead.
 */
export const lensMapLines = 2_000;

/** The lens of a document too large to map on every change: the map is made when asked. */
export function onDemandLens(uri: string, lineCount: number): CodeLens {
  const start = { line: 0, character: 0 };
  const lines = lineCount.toLocaleString('en');
  return {
    range: { start, end: start },
    command: {
      title: `Exposure map: click to compute (${lines} lines, not redone while typing)`,
      command: showExposureCommand,
      arguments: [uri],
    },
  };
}

export function registerExposureRequests(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  languageOf: (doc: TextDocument) => LanguageId | undefined,
  dialect: (uri: string) => DialectSetting,
): void {
  /** The map of an open document per version; tracing is cached by the rules text (exposureReport). */
  const cache = new Map<string, { version: number; report: ExposureReport }>();
  const docAndLang = (uri: string): { doc: TextDocument; lang: LanguageId } => {
    const doc = documents.get(uri);
    const lang = doc && languageOf(doc);
    if (!doc || !lang || !supported.has(lang))
      throw new ResponseError(ErrorCodes.InvalidParams, `not an open user-data or rules file: ${uri}`);
    return { doc, lang };
  };
  const mapOf = (doc: TextDocument, lang: LanguageId): ExposureReport => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.report;
    const report = exposureReport(doc.getText(), lang, { dialect: dialect(doc.uri), uri: doc.uri });
    cache.set(doc.uri, { version: doc.version, report });
    return report;
  };
  documents.onDidClose((e) => cache.delete(e.document.uri));

  connection.onRequest(exposureMethod, (p: DocParams): ExposureReport & { markdown: string } => {
    const { doc, lang } = docAndLang(p.textDocument.uri);
    const report = mapOf(doc, lang);
    const name = decodeURIComponent(doc.uri.split('/').pop() ?? doc.uri);
    return { ...report, markdown: exposureMarkdown(doc.uri, name, report) };
  });

  connection.onRequest(traceMethod, (p: DocParams & TraceRequest): TraceReport & { markdown: string } => {
    const { doc, lang } = docAndLang(p.textDocument.uri);
    try {
      const { textDocument: _ignored, ...req } = p;
      const report = traceReport(doc.getText(), lang, req, { dialect: dialect(doc.uri), uri: doc.uri });
      const title = `${req.proto}${req.dport !== undefined ? `/${req.dport}` : ''} from ${req.src}`;
      return { ...report, markdown: traceMarkdown(doc.uri, title, report) };
    } catch (e) {
      if (e instanceof TraceRequestError) throw new ResponseError(ErrorCodes.InvalidParams, e.message);
      throw e;
    }
  });

  connection.onCodeLens((p: CodeLensParams): CodeLens[] => {
    const doc = documents.get(p.textDocument.uri);
    const lang = doc && languageOf(doc);
    if (!doc || !lang || !supported.has(lang)) return [];
    const hit = cache.get(doc.uri);
    if (doc.lineCount > lensMapLines && hit?.version !== doc.version) return [onDemandLens(doc.uri, doc.lineCount)];
    try {
      const report = mapOf(doc, lang);
      const command = (title: string) => ({ title, command: showExposureCommand, arguments: [doc.uri] });
      const lenses: CodeLens[] = [];
      if (lang === 'cloud-config') {
        const start = { line: 0, character: 0 };
        lenses.push({ range: { start, end: start }, command: command(userDataSummary(report)) });
      }
      for (const f of report.files) {
        if (f.name.startsWith('no ')) continue;
        lenses.push({ range: f.range, command: command(exposureSummary(f)) });
      }
      return lenses;
    } catch (err) {
      connection.console.error(`codeLens failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return [];
    }
  });
}

/**
 * "Reachable from the internet: 22/tcp, 80/tcp · via Docker: 5432/tcp" over both families. A family
 * the user-data loads no rules for is said once ("IPv6: everything (no ip6tables rules)").
 */
export function userDataSummary(report: ExposureReport): string {
  const byLabel = new Map<string, Set<number>>();
  const docker = new Set<string>();
  const some = new Set<string>();
  const unknown = new Set<string>();
  const unfiltered: string[] = [];
  const filtered = report.files.filter((f) => {
    if (!f.name.startsWith('no ')) return true;
    unfiltered.push(`IPv${f.family}: everything (${f.name})`);
    return false;
  });
  for (const f of filtered) {
    for (const e of f.entries) {
      if (e.status === 'open' && e.viaDocker) docker.add(e.label);
      else if (e.status === 'open') byLabel.set(e.label, (byLabel.get(e.label) ?? new Set()).add(f.family));
      else if (e.status === 'some-sources') some.add(e.label);
      else if (e.status === 'unknown') unknown.add(e.label);
    }
  }
  const both = new Set(filtered.map((f) => f.family)).size === 2;
  const open = [...byLabel].map(([label, fams]) =>
    !both || fams.size === 2 ? label : `${label} (IPv${[...fams][0]} only)`,
  );
  const parts = [`Reachable from the internet: ${open.length ? open.join(', ') : 'nothing'}`];
  if (docker.size) parts.push(`via Docker: ${[...docker].join(', ')}`);
  if (some.size) parts.push(`from some sources: ${[...some].join(', ')}`);
  if (unknown.size) parts.push(`unknown: ${[...unknown].join(', ')}`);
  parts.push(...unfiltered);
  return parts.join(' · ');
}
