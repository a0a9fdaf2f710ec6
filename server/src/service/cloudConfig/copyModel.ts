/**
 * A copy of a parsed model that can be changed without touching the original: every YAML node and
 * pair is copied (their ranges too), and the regions point at the copies. The line map, the texts and
 * the regions' line tables are shared: nothing changes them in place.
 */
import { isCollection, isNode, isPair, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { EmbeddedRegion } from '../embedded/region';
import type { CloudConfigModel } from './parse';

/** The parser's node-type tag: a symbol-keyed property that is not enumerable (see yaml's nodes/identity). */
const nodeType = Symbol.for('yaml.node.type');

/** A shallow copy keeping the prototype, the own enumerable properties and the node-type tag. */
function shallow<T extends object>(item: T): T {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(item) as object | null) as T, item);
  const tag = (item as Record<symbol, unknown>)[nodeType];
  if (tag !== undefined) Object.defineProperty(copy, nodeType, { value: tag });
  return copy;
}

type Item = Node | Pair;

/** Copies of `root` and everything under it, with a map from each original to its copy. */
function copyTree(root: unknown, copies: Map<unknown, Item>): unknown {
  if (!isNode(root) && !isPair(root)) return root;
  const top = shallow(root);
  copies.set(root, top);
  const pending: Item[] = [top];
  while (pending.length > 0) {
    const item = pending.pop() as Item;
    if (isPair(item)) {
      for (const side of ['key', 'value'] as const) {
        const child: unknown = item[side];
        if (!isNode(child) && !isPair(child)) continue;
        const copy = shallow(child);
        copies.set(child, copy);
        item[side] = copy;
        pending.push(copy);
      }
      continue;
    }
    if (item.range) item.range = [...item.range];
    if (isCollection(item)) {
      item.items = item.items.map((child: unknown) => {
        if (!isNode(child) && !isPair(child)) return child;
        const copy = shallow(child);
        copies.set(child, copy);
        pending.push(copy);
        return copy;
      });
    }
  }
  return top;
}

/**
 * Models whose YAML nodes another model holds too (see `shareModel`): the first to be changed in place
 * (a keystroke's patch) takes a copy first (`ownModel`).
 */
const sharing = new WeakSet<CloudConfigModel>();

/**
 * A model equal to `model` sharing its YAML nodes (only the document object is its own, as its range
 * may change): a second document with the same text or other line breaks at the end, whose nodes
 * nothing changes until one of the two is patched. Costs nothing like a copy of every node.
 */
export function shareModel(
  model: CloudConfigModel,
  changes: Partial<Pick<CloudConfigModel, 'text' | 'lineCounter' | 'header' | 'neutralText'>> = {},
  docRange: Document.Parsed['range'] | undefined = model.doc.range,
): CloudConfigModel {
  const doc = shallow(model.doc);
  if (docRange) doc.range = [...docRange];
  const shared = { ...model, ...changes, doc };
  sharing.add(model);
  sharing.add(shared);
  return shared;
}

/** `model` when no other model holds its nodes, else a copy of it (undefined: a node is missing; parse again). */
export function ownModel(model: CloudConfigModel): CloudConfigModel | undefined {
  return sharing.has(model) ? copyModel(model) : model;
}

/** A model equal to `model` whose YAML nodes can change without changing `model`'s (undefined: a node is missing). */
export function copyModel(model: CloudConfigModel): CloudConfigModel | undefined {
  const copies = new Map<unknown, Item>();
  const doc = shallow(model.doc) as Document.Parsed;
  doc.contents = copyTree(model.doc.contents, copies) as Document.Parsed['contents'];
  if (model.doc.range) doc.range = [...model.doc.range];
  doc.errors = [...model.doc.errors];
  doc.warnings = [...model.doc.warnings];
  const copied = <T>(item: T): T | undefined => (item === undefined ? undefined : (copies.get(item) as T | undefined));
  const root: YAMLMap | undefined = copied(model.root);
  // With broken lines, the host's setup and the regions are read from a second parse (broken lines neutralised).
  const hostRoot = model.hostRoot === model.root ? root : (copyTree(model.hostRoot, copies) as YAMLMap | undefined);
  const regions: EmbeddedRegion[] = [];
  for (const region of model.regions) {
    const entry = copied(region.entry);
    const contentPair = copied(region.contentPair);
    const scalar = copied(region.scalar);
    if (!entry || !contentPair || !scalar) return undefined;
    regions.push({ ...region, entry, contentPair, scalar });
  }
  if (model.root && !root) return undefined;
  return { ...model, doc, root, hostRoot, regions };
}
