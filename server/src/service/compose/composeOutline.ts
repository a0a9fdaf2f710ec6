import { isMap, type Pair } from 'yaml';
import type { OffsetSymbol } from '../embedded/languages';
import { keyName, nodeRange } from '../cloudConfig/yamlNodes';
import { composeDocument, composeServices } from './composePorts';

const SymbolKind = { Module: 2, Class: 5, Property: 7 } as const;

/** Outline of a standalone Compose file: each top-level key, services with their settings. */
export function composeSymbols(text: string): OffsetSymbol[] {
  const doc = composeDocument(text);
  if (!isMap(doc.contents)) return [];
  const services = new Map(composeServices(doc).map((s) => [s.pair, s]));
  const out: OffsetSymbol[] = [];
  for (const top of doc.contents.items as Pair[]) {
    const k = nodeRange(top.key);
    if (!k) continue;
    const end = nodeRange(top.value)?.[1] ?? k[1];
    const children: OffsetSymbol[] = [];
    if (keyName(top.key) === 'services' && isMap(top.value)) {
      for (const p of top.value.items as Pair[]) {
        const sk = nodeRange(p.key);
        const svc = services.get(p);
        if (!sk || !svc) continue;
        const settings: OffsetSymbol[] = [];
        for (const s of (svc.map?.items ?? []) as Pair[]) {
          const r = nodeRange(s.key);
          if (r)
            settings.push({
              name: keyName(s.key) ?? '',
              kind: SymbolKind.Property,
              start: r[0],
              end: nodeRange(s.value)?.[1] ?? r[1],
              selectionStart: r[0],
              selectionEnd: r[1],
            });
        }
        children.push({
          name: svc.name,
          kind: SymbolKind.Class,
          start: sk[0],
          end: nodeRange(p.value)?.[1] ?? sk[1],
          selectionStart: sk[0],
          selectionEnd: sk[1],
          children: settings,
        });
      }
    }
    out.push({
      name: keyName(top.key) ?? '',
      kind: SymbolKind.Module,
      start: k[0],
      end,
      selectionStart: k[0],
      selectionEnd: k[1],
      children,
    });
  }
  return out;
}

/** Folds by indentation: a line with deeper-indented lines under it folds them (comments and blanks ride along). */
export function composeFolding(text: string): Array<{ start: number; end: number }> {
  const lines: Array<{ start: number; end: number; indent: number | undefined }> = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const body = line.replace(/\r$/, '');
    const trimmed = body.trimStart();
    const blank = trimmed === '' || trimmed.startsWith('#');
    lines.push({ start: at, end: at + body.length, indent: blank ? undefined : body.length - trimmed.length });
    at += line.length + 1;
  }
  const out: Array<{ start: number; end: number }> = [];
  const open: number[] = [];
  const close = (i: number, indent: number): void => {
    while (open.length && (lines[open[open.length - 1] as number]?.indent ?? 0) >= indent) {
      const from = open.pop() as number;
      let last = i - 1;
      while (last > from && lines[last]?.indent === undefined) last--;
      if (last > from)
        out.push({ start: (lines[from] as { start: number }).start, end: (lines[last] as { end: number }).end });
    }
  };
  lines.forEach((l, i) => {
    if (l.indent === undefined) return;
    close(i, l.indent);
    open.push(i);
  });
  close(lines.length, -1);
  return out.sort((a, b) => a.start - b.start);
}
