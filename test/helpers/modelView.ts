import { isNode } from 'yaml';
import type { CloudConfigModel } from '../../server/src/service/cloudConfig/parse';
import { forEachNode } from '../../server/src/service/cloudConfig/yamlWalk';

/** What a consumer can observe of a model: text, line starts, every node's value and position, every region. */
export function observable(m: CloudConfigModel): unknown {
  const nodes: unknown[] = [];
  forEachNode(m.doc, (item) => {
    if (isNode(item)) nodes.push([item.range, 'value' in item && typeof item.value !== 'object' ? item.value : null]);
  });
  return {
    text: m.text,
    header: m.header,
    dialect: m.dialect,
    yamlErrors: m.yamlErrors,
    lineStarts: m.lineCounter.lineStarts,
    docRange: m.doc.range,
    nodes,
    templateSpans: m.templateSpans,
    neutralText: m.neutralText,
    regions: m.regions.map((r) => ({
      language: r.language,
      origin: r.origin,
      name: r.name,
      unitName: r.unitName,
      path: r.path,
      style: r.style,
      header: r.header,
      text: r.text,
      lines: r.lines,
      mappable: r.mappable,
      encoded: r.encoded,
      indent: r.indent,
      eol: r.eol,
      scalar: r.scalar.range,
      value: r.scalar.value,
    })),
  };
}
