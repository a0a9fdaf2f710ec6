// The fuzzing engine: real documents from ../shared, mutated, fed to every feature of the language
// service for every language; any exception, slow call or out-of-document answer is a failure.
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageId, type LanguageService } from '../../server/src/service/index';
import { fixAllKind } from '../../server/src/service/codeActions';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { familyOf } from '../../server/src/service/iptables/family';
import { validateRules } from '../../server/src/service/iptables/validate';
import { flowFindings } from '../../server/src/service/iptables/validate';
import { boundFindings } from '../../server/src/service/text/bounds';
import { fixesInLineEnding } from '../../server/src/service/text/lineEnding';
import { mutate, seededRandom, int, pick, type Random } from './mutate';
import {
  LineIndex,
  actionProblems,
  applyEdits,
  completionProblems,
  diagnosticsProblems,
  foldingProblems,
  hoverProblems,
  symbolProblems,
} from './checks';

export const languages: readonly LanguageId[] = ['cloud-config', 'iptables', 'ip6tables', 'systemd'];

export interface Seed {
  name: string;
  lang: LanguageId;
  text: string;
}

export interface FuzzCase {
  index: number;
  seed: string;
  lang: LanguageId;
  applied: string[];
  text: string;
}

export interface Failure {
  case: FuzzCase;
  problems: string[];
}

export interface FuzzStats {
  cases: number;
  calls: number;
  failures: Failure[];
  slowestMs: number;
  slowest: string;
  elapsedMs: number;
  /** CPU time (user + system) the process used during the run. */
  cpuMs: number;
}

/** The language a case file is written in, from its name. */
export function languageOfFile(file: string): LanguageId | undefined {
  const base = path.basename(file);
  if (/\.(ya?ml)$/i.test(base) || base === 'user-data') return 'cloud-config';
  if (/\.(service|socket|timer|mount|path|target|automount|swap|slice|scope|network|netdev|link)$/i.test(base))
    return 'systemd';
  if (/\.v6$|^v6_|ip6tables/i.test(base)) return 'ip6tables';
  if (/\.(rules|v4|save)$|rules-save/i.test(base)) return 'iptables';
  return undefined;
}

/** Every case file of ../shared/corpus and ../shared/facts with a known language. */
export function loadSeeds(shared: string): Seed[] {
  const seeds: Seed[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const lang = languageOfFile(full);
        if (lang && fs.statSync(full).size < 200_000)
          seeds.push({ name: path.relative(shared, full), lang, text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  for (const sub of ['corpus', 'facts']) if (fs.existsSync(path.join(shared, sub))) walk(path.join(shared, sub));
  return seeds;
}

/** The case `index` of a run with `seed`: the same pair always gives the same document. */
export function makeCase(seeds: readonly Seed[], seed: number, index: number): FuzzCase {
  const r = seededRandom((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const base = pick(r, seeds);
  const other = pick(r, seeds);
  // Sometimes splice another file in (rules into a content block, a unit into YAML, ...).
  const start =
    r() < 0.15
      ? `${base.text}\n${other.text
          .split('\n')
          .map((l) => `      ${l}`)
          .join('\n')}`
      : base.text;
  const { text, applied } = mutate(r, start);
  const lang = r() < 0.75 ? base.lang : pick(r, languages);
  return { index, seed: base.name, lang, applied, text };
}

function randomPositions(r: Random, doc: TextDocument, n: number): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.7) out.push(doc.positionAt(int(r, doc.getText().length + 1)));
    else if (roll < 0.85) out.push({ line: int(r, doc.lineCount), character: int(r, 200) });
    else out.push({ line: int(r, doc.lineCount + 3), character: int(r, 5) }); // past the end: clients do send these
  }
  return out;
}

/**
 * Run every feature on one case. `boundMs` limits each call; the text's size adds to it (a megabyte
 * line is allowed proportionally more). A call's time is the smaller of its wall-clock and CPU time:
 * every feature is synchronous, so a hang or a blow-up shows in both, while a machine busy with other
 * processes stretches only the wall clock. Returns the problems found and the slowest call.
 */
export function runCase(
  service: LanguageService,
  c: FuzzCase,
  r: Random,
  boundMs: number,
  fixClaims = false,
): { problems: string[]; calls: number; slowestMs: number; slowest: string } {
  const problems: string[] = [];
  const uri = `file:///fuzz/${c.index}/${c.lang === 'cloud-config' ? 'user-data' : c.lang === 'systemd' ? 'app.service' : 'rules-save'}`;
  const doc = TextDocument.create(uri, c.lang, 1, c.text);
  const ix = new LineIndex(c.text);
  const bound = boundMs + c.text.length / 1000;
  let calls = 0,
    slowestMs = 0,
    slowest = '';
  const call = <T>(what: string, fn: () => T): T | undefined => {
    calls++;
    const t = performance.now();
    const cpu = process.cpuUsage();
    try {
      return fn();
    } catch (err) {
      problems.push(`${what} threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return undefined;
    } finally {
      const used = process.cpuUsage(cpu);
      const ms = Math.min(performance.now() - t, (used.user + used.system) / 1000);
      if (ms > slowestMs) {
        slowestMs = ms;
        slowest = what;
      }
      if (ms > bound) problems.push(`${what} took ${ms.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`);
    }
  };
  // A rule that fails is caught and logged by the service so the other rules still report: catch the log.
  const logError = console.error;
  console.error = (...args: unknown[]): void => {
    problems.push(`logged: ${args.map((x) => (x instanceof Error ? (x.stack ?? x.message) : String(x))).join(' ')}`);
  };
  try {
    const diags = call('validate', () => service.validate(doc, c.lang)) ?? [];
    problems.push(...diagnosticsProblems(ix, uri, diags));
    const everything = { start: { line: 0, character: 0 }, end: doc.positionAt(c.text.length) };
    const fixAll = call('fix all', () => service.codeActions(doc, c.lang, everything, [fixAllKind])) ?? [];
    problems.push(...actionProblems(ix, uri, fixAll));
    const allEdits = fixAll[0]?.edit?.changes?.[uri];
    if (allEdits && problems.length === 0)
      problems.push(...fixAllProblems(service, doc, c.lang, allEdits, call, fixClaims));
    for (const d of diags.slice(0, 8)) {
      const actions = call(`code actions for ${String(d.code)}`, () => service.codeActions(doc, c.lang, d.range)) ?? [];
      problems.push(...actionProblems(ix, uri, actions));
      const first = actions[0]?.edit?.changes?.[uri];
      if (first && r() < 0.3 && problems.length === 0) {
        // Apply a fix and analyse the result: fixes must leave a document the service still handles.
        const fixed = TextDocument.create(uri, c.lang, 2, applyEdits(doc, first));
        const after = call(`validate after ${actions[0]?.title ?? ''}`, () => service.validate(fixed, c.lang)) ?? [];
        problems.push(...diagnosticsProblems(new LineIndex(fixed.getText()), uri, after));
        problems.push(...sameAsFresh(service, fixed, c.lang, after, `after ${actions[0]?.title ?? ''}`, call));
      }
    }
    if (c.lang === 'cloud-config' && r() < 0.5 && problems.length === 0) {
      // Type one character somewhere (inside a block, the previous model is carried over): the
      // diagnostics must be those of the same text parsed from scratch.
      const { text, n } = typeOneCharacter(c.text, r);
      const typed = TextDocument.create(uri, c.lang, 3, text);
      const after = call(`validate after typing on line ${n + 1}`, () => service.validate(typed, c.lang)) ?? [];
      problems.push(...diagnosticsProblems(new LineIndex(typed.getText()), uri, after));
      problems.push(...sameAsFresh(service, typed, c.lang, after, `after typing on line ${n + 1}`, call));
    }
    if ((c.lang === 'iptables' || c.lang === 'ip6tables') && r() < 0.5 && problems.length === 0) {
      // Type one character in a line: a rule line's edit carries the previous rules model over (the
      // line parsed again, later lines moved). The findings must be those of a fresh parse.
      const { text, n } = typeOneCharacter(c.text, r);
      const typed = TextDocument.create(uri, c.lang, 3, text);
      const lang = c.lang;
      const after = call(`findings after typing on line ${n + 1}`, () => service.findings(typed, lang)) ?? [];
      const fresh =
        call(`findings after typing on line ${n + 1}, parsed from scratch`, () => freshRulesFindings(typed, lang)) ??
        [];
      if (JSON.stringify(after) !== JSON.stringify(fresh))
        problems.push(`findings after typing on line ${n + 1} differ from those of the same text parsed from scratch`);
    }
    for (const p of randomPositions(r, doc, 6)) {
      problems.push(
        ...completionProblems(
          ix,
          call(`complete at ${p.line}:${p.character}`, () => service.complete(doc, c.lang, p)),
        ),
      );
      problems.push(
        ...hoverProblems(
          ix,
          call(`hover at ${p.line}:${p.character}`, () => service.hover(doc, c.lang, p)),
        ),
      );
    }
    const range = { start: randomPositions(r, doc, 1)[0] as Position, end: randomPositions(r, doc, 1)[0] as Position };
    problems.push(
      ...actionProblems(
        ix,
        uri,
        call('code actions at a random range', () => service.codeActions(doc, c.lang, range)) ?? [],
      ),
    );
    problems.push(...symbolProblems(ix, call('symbols', () => service.symbols(doc, c.lang)) ?? []));
    problems.push(...foldingProblems(ix, call('folding', () => service.folding(doc, c.lang)) ?? []));
  } finally {
    console.error = logError;
    service.forget(uri);
  }
  return { problems, calls, slowestMs, slowest };
}

/**
 * Fix-all's edits apply cleanly in LSP order (the client library refuses overlaps), and, with
 * `fixClaims`, the findings they fix are gone: no finding of the same code where one whose fix was
 * applied started (moved by the edits before it) with the same message.
 */
function fixAllProblems(
  service: LanguageService,
  doc: TextDocument,
  lang: LanguageId,
  edits: readonly TextEdit[],
  call: <T>(what: string, fn: () => T) => T | undefined,
  claims: boolean,
): string[] {
  let text: string;
  try {
    text = TextDocument.applyEdits(doc, [...edits]);
  } catch (err) {
    return [`fix all: edits do not apply in LSP order: ${err instanceof Error ? err.message : String(err)}`];
  }
  if (!claims) return [];
  const spans = edits.map((e) => ({
    start: doc.offsetAt(e.range.start),
    end: doc.offsetAt(e.range.end),
    newText: e.newText,
  }));
  const key = (e: { start: number; end: number; newText: string }): string => `${e.start}:${e.end}:${e.newText}`;
  const applied = new Set(spans.map(key));
  const fixed = (call('findings before fix all', () => service.findings(doc, lang)) ?? []).filter((f) =>
    f.fixes?.some((x) => x.edits.length > 0 && x.edits.every((e) => applied.has(key(e)))),
  );
  // Where a finding's start is after the edits; undefined when an edit deleted the text it was on (a
  // line moved elsewhere: the finding at that place now belongs to the text that followed).
  const ordered = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const moved = (offset: number): number | undefined => {
    let delta = 0;
    for (const e of ordered) {
      if (e.end <= offset && !(e.start === offset && e.end === offset)) delta += e.newText.length - (e.end - e.start);
      else if (e.start <= offset && offset < e.end) return e.newText === '' ? undefined : e.start + delta;
    }
    return offset + delta;
  };
  const after = TextDocument.create(doc.uri, lang, doc.version + 10, text);
  const left = call('findings after fix all', () => service.findings(after, lang)) ?? [];
  const out: string[] = [];
  for (const f of fixed) {
    const at = moved(f.start);
    if (at === undefined) continue;
    if (left.some((g) => g.code === f.code && g.start === at && g.message === f.message))
      out.push(`fix all: ${f.code} at ${f.start} (now ${at}) is still reported after its fix was applied`);
  }
  service.forget(doc.uri);
  return out;
}

const typedCharacters = ['x', ' ', ':', '#', '-', '"', '|', '\t', '\\', 'é', '🙂'];

/** The text with one character typed at a random column of a random line (`n`, 0-based). */
function typeOneCharacter(before: string, r: Random): { text: string; n: number } {
  const lines = before.split('\n');
  const n = Math.floor(r() * lines.length);
  const line = lines[n] ?? '';
  const col = Math.floor(r() * (line.length + 1));
  lines[n] = line.slice(0, col) + (typedCharacters[Math.floor(r() * typedCharacters.length)] ?? ' ') + line.slice(col);
  return { text: lines.join('\n'), n };
}

/** The diagnostics of `doc` parsed from scratch (the cached model forgotten) must equal `seen`. */
function sameAsFresh(
  service: LanguageService,
  doc: TextDocument,
  lang: LanguageId,
  seen: readonly unknown[],
  what: string,
  call: <T>(what: string, fn: () => T) => T | undefined,
): string[] {
  service.forget(doc.uri);
  const fresh = call(`validate ${what}, parsed from scratch`, () => service.validate(doc, lang)) ?? [];
  return JSON.stringify(fresh) === JSON.stringify(seen)
    ? []
    : [`diagnostics ${what} differ from those of the same text parsed from scratch`];
}

/** A rules file's findings from a parse of its own (no model carried over from an earlier version). */
function freshRulesFindings(doc: TextDocument, lang: 'iptables' | 'ip6tables'): readonly unknown[] {
  const text = doc.getText();
  const ctx = { text, region: undefined, siblings: [], uri: doc.uri };
  const file = parseRulesSave(text, familyOf(ctx, lang));
  return fixesInLineEnding(text, boundFindings(text, [...validateRules(file, ctx), ...flowFindings(file, ctx)]), false);
}

export interface FuzzOptions {
  seed: number;
  cases: number;
  /** Start at this case index (to reproduce one case: `first: i, cases: 1`). */
  first?: number;
  /** Per-call bound in ms for a small document. */
  boundMs?: number;
  /** Also check that the findings fix-all fixes are gone afterwards. */
  fixClaims?: boolean;
  /**
   * Stop early (still reporting) once the process has used this much CPU time (user + system) in the
   * run. CPU time, not wall-clock: on a busy machine the wall clock runs on while this process waits.
   */
  cpuBudgetMs?: number;
  onProgress?: (done: number, stats: FuzzStats) => void;
}

export function runFuzz(seeds: readonly Seed[], options: FuzzOptions): FuzzStats {
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const cpuMs = (): number => {
    const used = process.cpuUsage(cpuStart);
    return (used.user + used.system) / 1000;
  };
  const stats: FuzzStats = { cases: 0, calls: 0, failures: [], slowestMs: 0, slowest: '', elapsedMs: 0, cpuMs: 0 };
  const services = [
    getLanguageService({ dialect: 'auto', rules: {} }),
    getLanguageService({ dialect: 'coreos', rules: {} }),
    getLanguageService({
      dialect: 'cloud-init',
      rules: { 'cloud-config/unknown-key': 'error', 'cloud-config/hyphen-key': 'off' },
    }),
  ];
  const first = options.first ?? 0;
  for (let i = first; i < first + options.cases; i++) {
    if (options.cpuBudgetMs !== undefined && cpuMs() > options.cpuBudgetMs) break;
    const c = makeCase(seeds, options.seed, i);
    const r = seededRandom(options.seed ^ (i * 7919));
    const result = runCase(
      services[i % services.length] as LanguageService,
      c,
      r,
      options.boundMs ?? 2_000,
      options.fixClaims ?? false,
    );
    stats.cases++;
    stats.calls += result.calls;
    if (result.slowestMs > stats.slowestMs) {
      stats.slowestMs = result.slowestMs;
      stats.slowest = `case ${i} (${c.applied.join('+')}, ${c.lang}): ${result.slowest}`;
    }
    if (result.problems.length) stats.failures.push({ case: c, problems: result.problems });
    if (options.onProgress && stats.cases % 1000 === 0) options.onProgress(stats.cases, stats);
  }
  stats.elapsedMs = performance.now() - started;
  stats.cpuMs = cpuMs();
  return stats;
}
