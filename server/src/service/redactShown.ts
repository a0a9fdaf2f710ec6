/**
 * The last pass over what the outline and hovers show: every symbol name and detail and every hover
 * text goes through `redactSecrets`, whichever language or embedded region produced it. The producers
 * hide secrets themselves (before they shorten a value); this makes sure a new one cannot forget.
 */
import type { DocumentSymbol, Hover, MarkedString, MarkupContent } from 'vscode-languageserver-types';
import { redactSecrets } from './secretValue';

export function redactSymbols(symbols: DocumentSymbol[]): DocumentSymbol[] {
  for (const s of symbols) {
    const name = redactSecrets(s.name);
    if (name !== s.name) s.name = name;
    if (s.detail !== undefined) {
      const detail = redactSecrets(s.detail);
      if (detail !== s.detail) s.detail = detail;
    }
    if (s.children) redactSymbols(s.children);
  }
  return symbols;
}

function redactMarked(m: MarkedString): MarkedString {
  return typeof m === 'string' ? redactSecrets(m) : { language: m.language, value: redactSecrets(m.value) };
}

export function redactHover(hover: Hover | null): Hover | null {
  if (!hover) return hover;
  const c = hover.contents;
  const contents: MarkupContent | MarkedString | MarkedString[] = Array.isArray(c)
    ? c.map(redactMarked)
    : typeof c === 'object' && 'kind' in c
      ? { kind: c.kind, value: redactSecrets(c.value) }
      : redactMarked(c);
  return { ...hover, contents };
}
