import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { sourceOfText, type CommandSource, type Word } from './commandWords';
import { dockerInvocations, type CommandSyntax, type DockerInvocation } from './dockerInvocation';
import { execValueSources, looksLikeUnit } from './findRunCommands';
import { parseFlags } from './parseRunCommand';
import { longRunFlag, runFlagSpecs, type RunFlagSpec } from './runFlags';
import { lineStartAt } from '../text/lines';

/** The command text that ends at the caret: the `Exec*=` value or the shell line it is in. */
function sourceUpTo(text: string, offset: number): { src: CommandSource; syntax: CommandSyntax } | undefined {
  if (!looksLikeUnit(text)) {
    const lineStart = lineStartAt(text, offset);
    return { src: sourceOfText(text, lineStart, offset), syntax: 'shell' };
  }
  for (const { source } of execValueSources(text)) {
    if (source.offsetAt(0) > offset || source.offsetAt(source.s.length) < offset) continue;
    let k = 0;
    while (k < source.s.length && source.offsetAt(k) < offset) k++;
    return { src: { text, s: source.s.slice(0, k), offsetAt: source.offsetAt }, syntax: 'exec' };
  }
  return undefined;
}

function flagDoc(spec: RunFlagSpec): string {
  return spec.pitfall ? `${spec.summary}\n\n**Pitfall:** ${spec.pitfall}` : spec.summary;
}

function flagItems(engine: DockerInvocation['engine']): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const spec of runFlagSpecs) {
    if (spec.podmanOnly && engine !== 'podman') continue;
    const detail = `${spec.short ? `-${spec.short}, ` : ''}--${spec.name}${spec.takesValue ? ` ${spec.valueHint ?? 'VALUE'}` : ''}`;
    const documentation = { kind: MarkupKind.Markdown, value: flagDoc(spec) };
    items.push({
      label: `--${spec.name}`,
      kind: CompletionItemKind.Property,
      detail,
      documentation,
      sortText: `1${spec.name}`,
    });
    if (spec.short)
      items.push({
        label: `-${spec.short}`,
        kind: CompletionItemKind.Property,
        detail,
        documentation,
        sortText: `0${spec.short}`,
      });
  }
  return items;
}

function valueItems(spec: RunFlagSpec): CompletionItem[] {
  return (spec.choices ?? []).map((c, i) => ({
    label: c.value,
    kind: CompletionItemKind.EnumMember,
    detail: `--${spec.name}`,
    documentation: { kind: MarkupKind.Markdown, value: c.summary },
    sortText: String(i).padStart(2, '0'),
  }));
}

/**
 * Completion inside a `docker run` / `podman run` command line: its options (with summaries) while
 * the caret is before the image, and the values of `--restart`, `--network`, `--log-driver`, `--pull`.
 * `text` is a unit text or shell text; returns the items and where the word they replace starts.
 */
export function completeRunFlag(
  text: string,
  offset: number,
): { items: CompletionItem[]; replaceStart: number } | undefined {
  const found = sourceUpTo(text, offset);
  if (!found) return undefined;
  const invs = dockerInvocations(found.src, found.syntax);
  const inv = invs[invs.length - 1];
  if (!inv || (inv.action !== 'run' && inv.action !== 'create')) return undefined;
  const typingWord = found.src.s.length > 0 && !/\s/.test(found.src.s[found.src.s.length - 1] as string);
  const lastWord = inv.rest[inv.rest.length - 1];
  const partial: Word | undefined = typingWord && lastWord && lastWord.end >= offset ? lastWord : undefined;
  if (typingWord && !partial) {
    // The caret touches the sub-command or a word of another command.
    return undefined;
  }
  const done = partial ? inv.rest.slice(0, -1) : inv.rest;
  const tail = text.slice((done[done.length - 1] ?? inv.subcommand).end, partial ? partial.start : offset);
  if (/[;&|]/.test(tail)) return undefined;
  const { flags, next } = parseFlags(text, done);
  if (next < done.length) return undefined; // after the image: the container's own arguments
  const replaceStart = partial ? partial.start : offset;
  const pending = flags[flags.length - 1];
  const pendingSpec = pending?.name ? longRunFlag(pending.name) : undefined;
  if (pending && pendingSpec?.takesValue && !pending.value) {
    const items = valueItems(pendingSpec);
    return items.length ? { items, replaceStart } : undefined;
  }
  const typed = partial?.value ?? '';
  const eq = typed.indexOf('=');
  if (typed.startsWith('--') && eq > 0) {
    const spec = longRunFlag(typed.slice(2, eq));
    const items = spec ? valueItems(spec) : [];
    return items.length && partial ? { items, replaceStart: partial.map[eq + 1] ?? offset } : undefined;
  }
  if (typed !== '' && !typed.startsWith('-')) return undefined; // typing the image
  return { items: flagItems(inv.engine), replaceStart };
}
