/**
 * Hover inside a unit file: section headers, directive names (section, value kind, what it does,
 * the pitfall, the successor when deprecated), enumerated values, `Exec*=` prefixes, `%` specifiers,
 * unit names in dependencies, and `docker run` commands (delegated to the docker analysis).
 */
import { sectionDocs, specifierDocs, valueDoc } from '../data/systemd/directiveDocs';
import { hoverRunCommand } from '../docker/runAssist';
import type { EmbeddedContext } from '../embedded/languages';
import { unitNameCandidates } from './complete/unitNames';
import { directiveMarkdown, specFor } from './directiveMarkdown';
import { execPrefixDoc, execPrefixes, specifierAt, wordAt } from './hover/valueParts';
import type { UnitEntry, UnitFile } from './unitAst';

type HoverResult = { markdown: string; start: number; end: number } | undefined;

const within = (offset: number, s: { start: number; end: number }): boolean => offset >= s.start && offset <= s.end;

function hoverValue(unit: UnitFile, ctx: EmbeddedContext, entry: UnitEntry, offset: number): HoverResult {
  const section = entry.section?.name;
  const { spec, inSection } = specFor(section, entry.key);
  if (!spec || !inSection || section === undefined) return undefined;

  const spec_ = specifierAt(entry, offset);
  if (spec_ && specifierDocs[spec_.text]) {
    return { markdown: `**\`${spec_.text}\`** specifier\n\n${specifierDocs[spec_.text] as string}`, ...range(spec_) };
  }
  if (spec.kind === 'command') {
    const docker = hoverRunCommand(ctx.text, offset);
    if (docker) return docker;
    const prefix = execPrefixes(entry).find((p) => offset >= p.start && offset < p.end);
    const doc = prefix ? execPrefixDoc(prefix.text) : undefined;
    if (prefix && doc) return { markdown: `**\`${prefix.text}\`** command prefix\n\n${doc}`, ...range(prefix) };
    return undefined;
  }
  const word = wordAt(entry, offset);
  if (!word) return undefined;
  if (spec.kind === 'unit' || spec.kind === 'unit-list') {
    const known = unitNameCandidates(ctx, unit.unitName).find((c) => c.name === word.text);
    return known?.note ? { markdown: `**${known.name}**\n\n${known.note}`, ...range(word) } : undefined;
  }
  const whole = spec.list ? word.text : entry.value;
  const doc = valueDoc(section, entry.key, whole, spec.kind === 'boolean' || spec.booleanToo === true);
  if (!doc) return undefined;
  const span = spec.list ? word : { start: entry.valueSpan.start, end: entry.valueSpan.end };
  return { markdown: `**${entry.key}=${whole}**\n\n${doc}`, ...range(span) };
}

function range(p: { start: number; end: number }): { start: number; end: number } {
  return { start: p.start, end: p.end };
}

/** Hover markdown and the span it describes, or undefined. Never throws. */
export function hoverUnit(unit: UnitFile, ctx: EmbeddedContext, offset: number): HoverResult {
  for (const s of unit.sections) {
    if (within(offset, s.headerSpan)) {
      const doc = sectionDocs[s.name];
      return doc
        ? { markdown: `**[${s.name}]** section\n\n${doc}`, start: s.headerSpan.start, end: s.headerSpan.end }
        : undefined;
    }
  }
  const entry = unit.entries.find((e) => within(offset, e.span));
  if (!entry) return undefined;
  if (within(offset, entry.keySpan)) {
    const markdown = directiveMarkdown(entry.section?.name, entry.key);
    return markdown ? { markdown, start: entry.keySpan.start, end: entry.keySpan.end } : undefined;
  }
  if (offset >= entry.valueSpan.start && offset <= entry.valueSpan.end) return hoverValue(unit, ctx, entry, offset);
  return undefined;
}
