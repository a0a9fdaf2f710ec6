/** Completion of section headers (`[Service]`) and directive names (`Restart=`) in a unit file. */
import { CompletionItemKind, CompletionItemTag, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { directivesWithPitfalls, sectionDocs } from '../../data/systemd/directiveDocs';
import { directivesInSection, sectionsFor } from '../../data/systemd/directives';
import { directiveMarkdown, kindLabel } from '../directiveMarkdown';
import type { UnitFile } from '../unitAst';
import { directiveUsage, usageSortText } from '../../data/usageRank';

const common = new Set(directivesWithPitfalls());

/**
 * Section names valid for the unit's type. `withBracket` adds the `[` (completion at line start);
 * `close` adds the `]` when the line does not have one yet.
 */
export function sectionItems(unit: UnitFile, withBracket: boolean, close: boolean): CompletionItem[] {
  const present = new Set(unit.sections.map((s) => s.name));
  return sectionsFor(unit.unitType).map((name, i) => ({
    label: withBracket ? `[${name}]` : name,
    kind: CompletionItemKind.Module,
    detail: 'section',
    documentation: sectionDocs[name] ? { kind: MarkupKind.Markdown, value: sectionDocs[name] as string } : undefined,
    insertText: `${withBracket ? '[' : ''}${name}${close ? ']' : ''}`,
    filterText: withBracket ? `[${name}]` : name,
    // Sections not written yet first, in the usual order.
    sortText: `${present.has(name) ? '1' : '0'}${String(i).padStart(2, '0')}`,
  }));
}

/** Directives valid in `section`, inserting `Name=`. Most used first, deprecated ones last and struck through. */
export function directiveItems(unit: UnitFile, section: string): CompletionItem[] {
  const present = new Set(unit.sections.filter((s) => s.name === section).flatMap((s) => s.entries.map((e) => e.key)));
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const spec of directivesInSection(section)) {
    if (seen.has(spec.name)) continue;
    seen.add(spec.name);
    const markdown = directiveMarkdown(section, spec.name);
    // By real use (data/usageRank), then those with a known pitfall, then the rest; written and deprecated ones last.
    const rank = spec.deprecated
      ? '3'
      : present.has(spec.name) && !spec.list
        ? '2'
        : directiveUsage.includes(spec.name)
          ? '0'
          : common.has(spec.name)
            ? '1'
            : '1z';
    items.push({
      label: spec.name,
      kind: CompletionItemKind.Property,
      detail: kindLabel(spec.kind),
      documentation: markdown ? { kind: MarkupKind.Markdown, value: markdown } : undefined,
      insertText: `${spec.name}=`,
      sortText: `${rank}${rank === '0' ? usageSortText(directiveUsage, spec.name) : spec.name}`,
      ...(spec.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    });
  }
  return items;
}
