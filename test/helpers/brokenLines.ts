/**
 * The broken-line measure: for every cloud-config of ../shared/corpus and examples/, and every line
 * of it, break that line (drop its first colon; cut it in half) and check whether the findings,
 * completions and hovers of the embedded blocks that do not contain that line stay as they were.
 * Used by scripts/broken-lines.mjs (the full figure) and by a bounded test.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/service/index';
import { detectLanguage } from '../../server/src/service/languageId';
import { isPair, visit } from 'yaml';
import { parseCloudConfig } from '../../server/src/service/cloudConfig/parse';

export interface BrokenLineResult {
  files: number;
  cases: number;
  kept: number;
  crashes: string[];
  /** A few cases that changed, for reading: file, line, how it was broken, what changed. */
  changed: string[];
}

/** Every cloud-config file of the corpus and the examples, as [display name, text]. */
export function cloudConfigSources(root: string, shared: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && !/\.(md|tsv)$/.test(e.name)) {
        const text = fs.readFileSync(full, 'utf8');
        if (detectLanguage(full, text) === 'cloud-config') out.push([path.relative(path.dirname(root), full), text]);
      }
    }
  };
  walk(path.join(shared, 'corpus'));
  walk(path.join(root, 'examples'));
  return out;
}

interface Block {
  /** First line (0-based) of the block: its `content:` key line. */
  readonly from: number;
  /** Last content line. */
  readonly to: number;
  /**
   * The lines the block's identity rests on: the keys above it (`coreos:`, `units:`, `write_files:`)
   * and the other lines of its own entry (`- name:`, `path:`). Breaking one of them changes what the
   * block is (cloud-init would not see it as that file either).
   */
  readonly identity: ReadonlySet<number>;
  /** First and last line of the block's own entry (its `- name:`/`- path:` item, every key of it). */
  readonly entryFrom: number;
  readonly entryTo: number;
}

/**
 * Which lines belong to a block: its content only; its whole entry (the `- path:`/`- name:` item with
 * every key of it, the block's own header: breaking one changes which file or unit the block is); or
 * also the lines its identity rests on (the keys above it, `write_files:`, `coreos:`, `units:`).
 */
export type BlockLines = 'content' | 'entry' | 'identity';

/** The embedded blocks of a text by lines. */
function blocksOf(text: string): Block[] {
  const model = parseCloudConfig(text, 'auto');
  const lineOf = (o: number): number => model.lineCounter.linePos(o).line - 1;
  const rangeOf = (n: unknown): [number, number, number] | undefined =>
    (n as { range?: [number, number, number] } | null)?.range;
  return model.regions
    .filter((r) => r.mappable && r.lines.length > 0 && r.language !== 'other')
    .map((r) => {
      const keyStart = rangeOf(r.contentPair.key)?.[0] ?? r.lines[0]!.docOffset;
      // A block's line map ends with the empty remainder after its final line break, which sits at the
      // start of the next line of the document (the next entry's `- name:`): that line is not the block's.
      let lastIndex = r.lines.length - 1;
      while (lastIndex > 0 && r.lines[lastIndex]!.length === 0) lastIndex--;
      const last = r.lines[lastIndex]!;
      const identity = new Set<number>();
      visit(model.doc, {
        Pair(_, pair, ancestors) {
          if (pair !== r.contentPair) return undefined;
          for (const a of ancestors) {
            if (isPair(a)) {
              const k = rangeOf(a.key);
              if (k) identity.add(lineOf(k[0]));
            }
          }
          const entry = rangeOf(r.entry);
          if (entry) for (let l = lineOf(entry[0]); l < lineOf(keyStart); l++) identity.add(l);
          return visit.BREAK;
        },
      });
      const entry = rangeOf(r.entry);
      const to = lineOf(last.docOffset + last.length);
      const entryEnd = entry ? lineOf(Math.max(entry[0], entry[1] - 1)) : to;
      return {
        from: lineOf(keyStart),
        to,
        identity,
        entryFrom: entry ? Math.min(lineOf(entry[0]), lineOf(keyStart)) : lineOf(keyStart),
        entryTo: Math.max(to, entryEnd),
      };
    });
}

/** What a user sees of one block: its findings, and completion and hover at a few places in it. */
function observe(text: string, block: Block, uri: string): string {
  const service = getLanguageService({ dialect: 'auto', rules: {} });
  const doc = TextDocument.create(uri, 'cloud-config', 1, text);
  const findings = service
    .validate(doc, 'cloud-config')
    .filter((d) => d.range.start.line > block.from && d.range.start.line <= block.to)
    .map(
      (d) =>
        `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${String(d.message)}`,
    );
  const lines = text.split('\n');
  const probes: string[] = [];
  const contentLines = [];
  for (let l = block.from + 1; l <= block.to; l++) if ((lines[l] ?? '').trim() !== '') contentLines.push(l);
  const picks = [
    ...new Set([
      contentLines[0],
      contentLines[Math.floor(contentLines.length / 2)],
      contentLines[contentLines.length - 1],
    ]),
  ].filter((l): l is number => l !== undefined);
  for (const l of picks) {
    const line = lines[l] ?? '';
    const indent = line.length - line.trimStart().length;
    for (const character of [
      indent + 1,
      Math.min(line.length, indent + Math.max(2, Math.floor((line.length - indent) / 2))),
      line.replace(/\r$/, '').length,
    ]) {
      const pos = { line: l, character };
      const c = service.complete(doc, 'cloud-config', pos);
      const h = service.hover(doc, 'cloud-config', pos);
      probes.push(
        `${l}:${character} c=${c.items
          .slice(0, 20)
          .map((i) => i.label)
          .join(',')} h=${h ? (h.contents as MarkupContent).value.slice(0, 200) : ''}`,
      );
    }
  }
  return `${findings.join('\n')}\n--\n${probes.join('\n')}`;
}

/** The two ways a line is broken: its first colon dropped, and its second half cut off. */
function breakings(line: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const body = line.replace(/\r$/, '');
  const cr = line.length - body.length;
  const colon = body.indexOf(':');
  if (colon >= 0) out.push(['drop colon', body.slice(0, colon) + body.slice(colon + 1) + line.slice(line.length - cr)]);
  if (body.trim().length > 1)
    out.push(['truncate', body.slice(0, Math.ceil(body.length / 2)) + line.slice(line.length - cr)]);
  return out;
}

/**
 * Run the measure over the sources. `lineStep` > 1 takes every n-th line only (the bounded test).
 */
export function measureBrokenLines(
  sources: ReadonlyArray<[string, string]>,
  lineStep = 1,
  blockLines: BlockLines = 'content',
): BrokenLineResult {
  const result: BrokenLineResult = { files: 0, cases: 0, kept: 0, crashes: [], changed: [] };
  for (const [name, text] of sources) {
    const blocks = blocksOf(text);
    if (blocks.length === 0) continue;
    result.files++;
    const uri = `file:///measure/${encodeURIComponent(name)}`;
    const before = blocks.map((b) => observe(text, b, uri));
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i += lineStep) {
      // With 'identity', a line some block's identity rests on is left out: that block changes by design,
      // and with it what the other blocks read of it (a rules file that is gone, a unit no longer defined).
      if (blockLines === 'identity' && blocks.some((b) => b.identity.has(i) || (i >= b.from && i <= b.to))) continue;
      const others = blocks
        .map((b, k) => [b, k] as const)
        .filter(([b]) => (blockLines === 'entry' ? i < b.entryFrom || i > b.entryTo : i < b.from || i > b.to));
      if (others.length === 0) continue;
      for (const [how, broken] of breakings(lines[i] as string)) {
        const mutated = [...lines.slice(0, i), broken, ...lines.slice(i + 1)].join('\n');
        result.cases++;
        try {
          const changed = others.filter(([b, k]) => observe(mutated, b, uri) !== before[k]);
          if (changed.length === 0) result.kept++;
          else if (result.changed.length < 40)
            result.changed.push(`${name}:${i + 1} (${how}): ${changed.length} of ${others.length} blocks changed`);
        } catch (err) {
          result.crashes.push(
            `${name}:${i + 1} (${how}): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
          );
        }
      }
    }
  }
  return result;
}
