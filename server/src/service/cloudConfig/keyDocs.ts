import type { KeySpec, ValueType } from '../data/keySpec';
import { describeType } from './valueKind';

/** Short type label for completion details: `boolean`, `list of mappings`, `one of start, stop`. */
export function typeLabel(type: ValueType): string {
  switch (type.kind) {
    case 'string':
      return type.values ? `string: ${type.values.join(' | ')}` : 'string';
    case 'bool':
      return 'boolean';
    case 'int':
      return 'integer';
    case 'float':
      return 'number';
    case 'map':
      return 'mapping';
    case 'list':
      return `list of ${typeLabel(type.items)
        .replace(/^string: .*/, 'strings')
        .replace(/^mapping$/, 'mappings')}`;
    case 'null':
      return 'empty';
    case 'any':
      return 'any';
    case 'oneOf':
      return type.options.map(typeLabel).join(' or ');
  }
}

/** Markdown documentation for a key: what it does, type, values, default, pitfall, deprecation. */
export function keyMarkdown(name: string, spec: KeySpec, where: string): string {
  const parts: string[] = [];
  parts.push(`**${name}**${where ? ` · \`${where}\`` : ''}`);
  if (spec.deprecated)
    parts.push(`**Deprecated:** ${spec.deprecated}${spec.replacement ? ` Use \`${spec.replacement}\`.` : ''}`);
  parts.push(spec.doc);
  const facts: string[] = [`Type: ${describeType(spec.type)}`];
  if (spec.default !== undefined) facts.push(`Default: \`${spec.default}\``);
  if (spec.required) facts.push('Required');
  parts.push(facts.join(' · '));
  if (spec.type.kind === 'string' && spec.type.patternHint) parts.push(`Format: ${spec.type.patternHint}`);
  if (spec.pitfall) parts.push(`⚠️ ${spec.pitfall}`);
  return parts.join('\n\n');
}
