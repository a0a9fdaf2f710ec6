/**
 * Shapes of the cloud-config key tables (one table per dialect). Pure data: no logic lives here.
 * Texts are our own words, written from ../shared/facts/FACTS.md.
 */

export type ValueType =
  | StringType
  | { readonly kind: 'bool' }
  | { readonly kind: 'int' }
  | { readonly kind: 'float' }
  | MapType
  | ListType
  | { readonly kind: 'oneOf'; readonly options: readonly ValueType[] }
  | { readonly kind: 'null' }
  /** Anything goes (free-form objects we do not model). */
  | { readonly kind: 'any' };

export interface StringType {
  readonly kind: 'string';
  /** Allowed values (case-sensitive). Offered in completion. */
  readonly values?: readonly string[];
  /** Pattern the value must match (on the raw text for CoreOS, the string for cloud-init). */
  readonly pattern?: RegExp;
  /** Human description of the pattern, used in messages: "a weekday and H:MM, e.g. `Sun 1:00`". */
  readonly patternHint?: string;
}

export interface MapType {
  readonly kind: 'map';
  /** Known keys. Absent → any keys allowed (free-form mapping). */
  readonly keys?: KeyTable;
  /** Unknown keys are allowed even though `keys` lists known ones (cloud-init's open objects). */
  readonly open?: boolean;
}

export interface ListType {
  readonly kind: 'list';
  readonly items: ValueType;
  /** Snippet (LSP snippet syntax) inserted when completing a new item, without the leading `- `. */
  readonly itemSnippet?: string;
  readonly minItems?: number;
}

export interface KeySpec {
  readonly type: ValueType;
  /** One or two sentences in our own words: what the key does. */
  readonly doc: string;
  /** The mistake people make with it, if there is a common one. */
  readonly pitfall?: string;
  /** Default when absent, as the user would write it. */
  readonly default?: string;
  /** Deprecated: why, and what to use instead. */
  readonly deprecated?: string;
  /** Key that replaces this one (for deprecated aliases, e.g. apt_update → package_update). */
  readonly replacement?: string;
  /** The entry is skipped (or rejected) without it. */
  readonly required?: boolean;
  /** For hyphen-spelt keys of cloud-init that are only aliases of an underscore key. */
  readonly aliasOf?: string;
}

export type KeyTable = Readonly<Record<string, KeySpec>>;

export const str: StringType = { kind: 'string' };
export const bool = { kind: 'bool' } as const;
export const int = { kind: 'int' } as const;
export const float = { kind: 'float' } as const;
export const any = { kind: 'any' } as const;
export const strList: ListType = { kind: 'list', items: str };
export function map(keys?: KeyTable, open?: boolean): MapType {
  return open === undefined ? { kind: 'map', keys } : { kind: 'map', keys, open };
}
export function list(items: ValueType, itemSnippet?: string): ListType {
  return itemSnippet === undefined ? { kind: 'list', items } : { kind: 'list', items, itemSnippet };
}
export function oneOf(...options: ValueType[]): ValueType {
  return { kind: 'oneOf', options };
}
export function enumOf(...values: string[]): StringType {
  return { kind: 'string', values };
}
