/**
 * Completion inside a unit file (standalone or embedded): section names after `[`, directives valid
 * in the current section at the start of a line, values after `=` (enumerations, booleans, signals,
 * unit names for dependency directives, `%` specifiers), and `docker run` flags in `Exec*=` commands.
 */
import type { CompletionItem } from 'vscode-languageserver-types';
import { completeRunFlag } from '../docker/runAssist';
import type { EmbeddedContext } from '../embedded/languages';
import { directiveItems, sectionItems } from './complete/keys';
import { specifierItems, unitNameItems, valueItems } from './complete/values';
import { specFor } from './directiveMarkdown';
import type { UnitFile, UnitSection } from './unitAst';
import { lineStartAt } from '../text/lines';

type Result = { items: CompletionItem[]; replaceStart: number } | undefined;

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** The section whose header comes before `offset` (the last one). */
function sectionBefore(unit: UnitFile, offset: number): UnitSection | undefined {
  let found: UnitSection | undefined;
  for (const s of unit.sections) if (s.headerSpan.end <= offset) found = s;
  return found;
}

/** Where the value word under the caret starts (after the last blank before the caret). */
function wordStart(text: string, from: number, offset: number): number {
  let i = offset;
  while (i > from && !isBlank(text[i - 1]) && text[i - 1] !== '=') i--;
  return i;
}

/** Key and value start for a caret in a value: on the `Key=` line, or on a continuation line of an entry. */
function valueContext(
  unit: UnitFile,
  text: string,
  lineStart: number,
  offset: number,
): { key: string; valueStart: number } | undefined {
  const entry = unit.entries.find((e) => e.span.start < lineStart && lineStart <= e.span.end && e.lineCount > 1);
  if (entry) return { key: entry.key, valueStart: entry.keySpan.end + 1 };
  const eq = text.indexOf('=', lineStart);
  if (eq < 0 || eq >= offset) return undefined;
  return { key: text.slice(lineStart, eq).trim(), valueStart: eq + 1 };
}

function completeValue(
  unit: UnitFile,
  ctx: EmbeddedContext,
  offset: number,
  section: string,
  key: string,
  valueStart: number,
): Result {
  const { spec, inSection } = specFor(section, key);
  const text = ctx.text;
  const typed = text.slice(valueStart, offset);
  const specifier = /(?:^|[^%])(?:%%)*(%[A-Za-z]?)$/.exec(typed);
  if (specifier) return { items: specifierItems(), replaceStart: offset - (specifier[1] as string).length };
  if (!spec || !inSection) return undefined;
  const start = wordStart(text, valueStart, offset);
  if (spec.kind === 'command') {
    // The docker analysis answers only inside a `docker run`/`podman run` command line.
    return completeRunFlag(text, offset);
  }
  if (spec.kind === 'unit' || spec.kind === 'unit-list') {
    const already = typed.split(/\s+/).filter((w) => w !== '');
    return { items: unitNameItems(ctx, unit.unitName, spec, already), replaceStart: start };
  }
  // `file:/var/log/x`: the path after a value prefix is free text.
  if (text.slice(start, offset).includes(':')) return undefined;
  const items = valueItems(section, spec);
  return items.length > 0 ? { items, replaceStart: start } : undefined;
}

/** Completion items and the offset where the word they replace starts. Never throws. */
export function completeUnit(unit: UnitFile, ctx: EmbeddedContext, offset: number): Result {
  const text = ctx.text;
  if (!(offset >= 0 && offset <= text.length)) return undefined;
  const lineStart = lineStartAt(text, offset);
  const before = text.slice(lineStart, offset);
  const indent = before.length - before.trimStart().length;
  const first = before.trimStart()[0];
  const section = sectionBefore(unit, lineStart);

  if (first === '#' || first === ';') return undefined;
  const inValue = valueContext(unit, text, lineStart, offset);
  if (inValue) {
    return section ? completeValue(unit, ctx, offset, section.name, inValue.key, inValue.valueStart) : undefined;
  }
  if (first === '[') {
    if (before.includes(']')) return undefined;
    const lineEnd = text.indexOf('\n', offset);
    const rest = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
    return { items: sectionItems(unit, false, !rest.includes(']')), replaceStart: lineStart + before.indexOf('[') + 1 };
  }
  if (!/^[A-Za-z0-9_-]*$/.test(before.trimStart())) return undefined;
  const replaceStart = lineStart + indent;
  const headers = sectionItems(unit, true, true).map((i) => ({ ...i, sortText: `z${i.sortText ?? ''}` }));
  if (!section) return { items: headers, replaceStart };
  return { items: [...directiveItems(unit, section.name), ...headers], replaceStart };
}
