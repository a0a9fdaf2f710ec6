/** Completion of directive values: enumerations, booleans, signals, unit names and `%` specifiers. */
import { CompletionItemKind, CompletionItemTag, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { specifierDocs, valueDoc } from '../../data/systemd/directiveDocs';
import type { DirectiveSpec } from '../../data/systemd/directives';
import type { EmbeddedContext } from '../../embedded/languages';
import { unitNameCandidates } from './unitNames';

const BOOLEANS = ['yes', 'no', 'true', 'false'] as const;
const SIGNALS = [
  'SIGTERM',
  'SIGINT',
  'SIGQUIT',
  'SIGKILL',
  'SIGHUP',
  'SIGUSR1',
  'SIGUSR2',
  'SIGABRT',
  'SIGCONT',
  'SIGWINCH',
] as const;
const OBSOLETE_OUTPUTS = ['syslog', 'syslog+console'] as const;

function valueItem(label: string, doc: string | undefined, order: number, deprecated = false): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.EnumMember,
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
    sortText: `${deprecated ? '1' : '0'}${String(order).padStart(3, '0')}`,
    ...(deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
  };
}

/** Items for a single-word value of `spec` in `section`. */
export function valueItems(section: string, spec: DirectiveSpec): CompletionItem[] {
  const items: CompletionItem[] = [];
  const values = spec.values ?? [];
  values.forEach((v, i) => {
    const deprecated = spec.name === 'KillMode' && v === 'none';
    items.push(valueItem(v, valueDoc(section, spec.name, v), i, deprecated));
  });
  if (spec.name === 'StandardOutput' || spec.name === 'StandardError') {
    OBSOLETE_OUTPUTS.forEach((v, i) => items.push(valueItem(v, valueDoc(section, spec.name, v), 100 + i, true)));
  }
  if (spec.kind === 'boolean' || spec.booleanToo) {
    BOOLEANS.forEach((v, i) => {
      if (!values.includes(v)) items.push(valueItem(v, valueDoc(section, spec.name, v, true), 200 + i));
    });
  }
  if (spec.kind === 'signal') SIGNALS.forEach((v, i) => items.push(valueItem(v, undefined, i)));
  return items;
}

/** Unit names for a dependency directive; names already in the value are left out. */
export function unitNameItems(
  ctx: EmbeddedContext,
  self: string | undefined,
  spec: DirectiveSpec,
  already: readonly string[],
): CompletionItem[] {
  const install = spec.name === 'WantedBy' || spec.name === 'RequiredBy';
  const slice = spec.name === 'Slice';
  return unitNameCandidates(ctx, self)
    .filter((c) => !already.includes(c.name))
    .filter((c) => (slice ? c.name.endsWith('.slice') : !c.name.endsWith('.slice')))
    .map((c, i) => {
      const targetFirst = install && c.name.endsWith('.target') ? '0' : '1';
      const rank = c.source === 'user-data' ? '0' : c.source === 'target' ? '1' : '2';
      return {
        label: c.name,
        kind: CompletionItemKind.Reference,
        detail:
          c.source === 'user-data'
            ? 'unit in this user-data'
            : c.source === 'target'
              ? 'standard unit'
              : 'unit shipped with the OS',
        documentation: c.note ? { kind: MarkupKind.Markdown, value: c.note } : undefined,
        sortText: `${targetFirst}${rank}${String(i).padStart(3, '0')}`,
      };
    });
}

/** `%` specifiers; the item replaces the `%` already typed. */
export function specifierItems(): CompletionItem[] {
  return Object.entries(specifierDocs).map(([spec, doc], i) => ({
    label: spec,
    kind: CompletionItemKind.Variable,
    documentation: { kind: MarkupKind.Markdown, value: doc },
    sortText: String(i).padStart(3, '0'),
  }));
}
