import { isAlias, isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { Dialect } from '../types';
import type { ValueType } from '../data/keySpec';

export type YamlKind = 'map' | 'list' | 'string' | 'bool' | 'int' | 'float' | 'null' | 'binary' | 'alias';

/**
 * The YAML 1.1 type a reader gives a node. Plain `y`/`n` are booleans to coreos-cloudinit's Go YAML
 * but strings to cloud-init's PyYAML; quoted scalars are always strings.
 */
export function yamlKind(node: unknown, dialect: Dialect): YamlKind {
  if (node === null || node === undefined) return 'null';
  if (isAlias(node)) return 'alias';
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'list';
  if (!isScalar(node)) return 'null';
  const s = node as Scalar;
  const v: unknown = s.value;
  if (s.type !== 'PLAIN' && s.type !== undefined) return v instanceof Uint8Array ? 'binary' : 'string';
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') {
    if (dialect === 'cloud-init' && /^[yYnN]$/.test(s.source ?? '')) return 'string';
    return 'bool';
  }
  if (typeof v === 'number' || typeof v === 'bigint') {
    const src = s.source ?? String(v);
    return /^[-+]?(\d[\d_]*)?\.|[eE]|^[-+]?\.(inf|nan)$/i.test(src) && !/^0x/i.test(src) ? 'float' : 'int';
  }
  if (v instanceof Uint8Array) return 'binary';
  return 'string';
}

/** Whether a reader of this dialect accepts a value of `kind` where `type` is expected. */
export function kindFits(kind: YamlKind, type: ValueType, dialect: Dialect): boolean {
  if (kind === 'alias') return true;
  switch (type.kind) {
    case 'any':
      return true;
    case 'string':
      if (kind === 'string' || kind === 'binary') return true;
      // coreos-cloudinit decodes any scalar into a string field (the raw text is kept).
      return dialect === 'coreos' && (kind === 'int' || kind === 'float' || kind === 'bool');
    case 'bool':
      return kind === 'bool';
    case 'int':
      return kind === 'int';
    case 'float':
      return kind === 'float' || kind === 'int';
    case 'map':
      return kind === 'map';
    case 'list':
      return kind === 'list';
    case 'null':
      return kind === 'null';
    case 'oneOf':
      return type.options.some((o) => kindFits(kind, o, dialect));
  }
}

export function describeType(type: ValueType): string {
  switch (type.kind) {
    case 'string':
      return type.values ? `one of ${type.values.map((v) => `\`${v}\``).join(', ')}` : 'a string';
    case 'bool':
      return 'a boolean (`true` or `false`)';
    case 'int':
      return 'an integer';
    case 'float':
      return 'a number';
    case 'map':
      return 'a mapping (`key: value` lines)';
    case 'list':
      return 'a list (`- item` lines)';
    case 'null':
      return 'empty';
    case 'any':
      return 'any value';
    case 'oneOf':
      return type.options.map(describeType).join(' or ');
  }
}

export function describeKind(kind: YamlKind): string {
  switch (kind) {
    case 'map':
      return 'a mapping';
    case 'list':
      return 'a list';
    case 'string':
      return 'a string';
    case 'bool':
      return 'a boolean';
    case 'int':
      return 'an integer';
    case 'float':
      return 'a number';
    case 'null':
      return 'empty';
    case 'binary':
      return 'binary data';
    case 'alias':
      return 'an alias';
  }
}
