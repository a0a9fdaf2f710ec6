import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { CloudConfigModel } from './parse';
import { pairAt } from './nodeAt';
import { specAt, tableAt } from './schema';
import { keyMarkdown } from './keyDocs';
import { nodeRange, scalarText } from './yamlNodes';
import { coreosShippedUnits } from '../data/shippedUnits';
import { regionAt } from '../embedded/region';
import { hoverIn } from '../embedded/delegate';
import { regionText } from '../embedded/hosted';
import { regionHover } from './regionHover';
import { templateHover } from '../template/hover';

type ToPos = (o: number) => { line: number; character: number };

export function hoverCloudConfig(model: CloudConfigModel, offset: number, toPos: ToPos): Hover | null {
  const template = model.templateSpans.length ? templateHover(model.templateSpans, model.text, offset, toPos) : null;
  if (template) return template;
  const region = regionAt(model.regions, offset);
  if (region) return hoverIn(regionText(region, model.regions), offset, toPos);
  const header = model.regions.find((r) => r.header && offset >= r.header.start && offset <= r.header.end);
  if (header) return regionHover(header, toPos);
  const hit = pairAt(model.root, offset, model.dialect);
  if (!hit) return null;
  const spec = specAt(model.dialect, hit.path);
  const key = hit.path[hit.path.length - 1] as string;
  const target = hit.onKey ? hit.pair.key : hit.pair.value;
  const r = nodeRange(target);
  if (!r) return null;
  const range = { start: toPos(r[0]), end: toPos(r[1]) };
  const parts: string[] = [];
  if (!hit.onKey && key === 'name' && hit.path[hit.path.length - 2] === 'units') {
    const unit = scalarText(hit.pair.value);
    const note = unit ? coreosShippedUnits[unit] : undefined;
    if (note) parts.push(`**${unit}** · shipped with Container Linux\n\n${note}`);
  }
  if (spec) parts.push(keyMarkdown(key, spec, hit.path.slice(0, -1).join('.')));
  else if (hit.onKey) {
    // The unknown-key diagnostic, shown in the same hover, already says it is ignored: list what is known instead.
    const known = Object.keys(tableAt(model.dialect, hit.path.slice(0, -1)) ?? {})
      .filter((k) => !/-/.test(k) || model.dialect !== 'coreos')
      .sort();
    const shown =
      known.length > 24
        ? [...known.slice(0, 24).map((k) => `\`${k}\``), `… (${known.length} in all)`]
        : known.map((k) => `\`${k}\``);
    if (known.length)
      parts.push(
        `Keys ${model.dialect === 'coreos' ? 'coreos-cloudinit' : 'cloud-init'} reads here: ${shown.join(', ')}`,
      );
  }
  if (!parts.length) return null;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}
