import { isScalar, type Pair, type YAMLMap } from 'yaml';
import type { KeySpec, KeyTable, ValueType } from '../../data/keySpec';
import type { Fix } from '../../types';
import type { RuleContext } from '../context';
import { asMap, asSeq, keyName, nodeRange, pairs, scalarText } from '../yamlNodes';
import { canonicalKey, lookupKey, topLevelTable } from '../schema';
import { closest } from '../suggest';
import { describeKind, describeType, kindFits, yamlKind } from '../valueKind';
import { deleteFlowPair, deletePairLines } from '../textEdits';
import { cloudInitTopLevel } from '../../data/cloudInitKeys';
import { coreosTopLevel } from '../../data/coreosKeys';
import { typeFixes } from './typeFixes';
import { isSecretName } from '../../secretValue';

/** Keys whose values other rules judge (so the generic type check stays quiet about them). */
const judgedElsewhere = new Set(['permissions']);

function renameFix(keyNode: unknown, to: string, title?: string): Fix[] {
  const r = nodeRange(keyNode);
  return r
    ? [{ title: title ?? `Rename to \`${to}\``, edits: [{ start: r[0], end: r[1], newText: to }], preferred: true }]
    : [];
}

function valueFix(node: unknown, to: string): Fix[] {
  const r = nodeRange(node);
  return r ? [{ title: `Change to \`${to}\``, edits: [{ start: r[0], end: r[1], newText: to }], preferred: true }] : [];
}

function pathLabel(path: readonly string[]): string {
  return path.join('.').replace(/\.\[/g, '[');
}

export class KeyTreeCheck {
  /** Suggestions already worked out in this pass, per key table: the same slip repeats in every list entry. */
  private readonly suggestions = new Map<KeyTable, Map<string, string | undefined>>();

  constructor(private readonly ctx: RuleContext) {}

  private suggestion(table: KeyTable, key: string): string | undefined {
    let known = this.suggestions.get(table);
    if (!known) this.suggestions.set(table, (known = new Map()));
    if (known.has(key)) return known.get(key);
    const found = closest(key, Object.keys(table));
    known.set(key, found);
    return found;
  }

  run(): void {
    const root = this.ctx.model.root;
    if (!root) return;
    this.checkMap(root, topLevelTable(this.ctx.dialect), false, []);
  }

  private checkMap(map: YAMLMap, table: KeyTable | undefined, open: boolean, path: string[]): void {
    const seen = new Map<string, Pair>();
    for (const pair of pairs(map)) {
      const key = keyName(pair.key);
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first) {
        const del = map.flow ? deleteFlowPair(map, pair) : deletePairLines(this.ctx.text, pair);
        const firstRange = nodeRange(first.key);
        this.ctx.report(
          'cloud-config/duplicate-key',
          pair.key,
          `\`${key}\` is already set in this mapping; readers keep only one of them.`,
          {
            fixes: del ? [{ title: `Remove this duplicate \`${key}\``, edits: [del], preferred: true }] : [],
            related: firstRange ? [{ start: firstRange[0], end: firstRange[1], message: `first \`${key}\`` }] : [],
          },
        );
      } else {
        seen.set(key, pair);
      }
      if (!table) continue;
      const spec = lookupKey(table, key, this.ctx.dialect);
      if (!spec) {
        if (!open) this.unknownKey(pair, key, table, path);
        continue;
      }
      this.knownKey(pair, key, spec, path);
    }
    if (table) this.requiredKeys(map, table, path);
  }

  private unknownKey(pair: Pair, key: string, table: KeyTable, path: string[]): void {
    const d = this.ctx.dialect;
    const canon = canonicalKey(key, d);
    // Reported by cloud-config/write-files-under-coreos with a move fix.
    if (path.length === 1 && path[0] === 'coreos' && canon === 'write_files') return;
    if (d === 'cloud-init' && path.length === 0 && key.includes('-') && lookupKey(table, key.replace(/-/g, '_'), d)) {
      const to = key.replace(/-/g, '_');
      this.ctx.report(
        'cloud-config/unknown-key',
        pair.key,
        `cloud-init does not treat \`-\` as \`_\`: \`${key}\` is ignored. Did you mean \`${to}\`?`,
        { fixes: renameFix(pair.key, to) },
      );
      return;
    }
    const where = path.length ? `under \`${pathLabel(path)}\`` : 'at the top level';
    if (path.length === 0) {
      const other = d === 'coreos' ? cloudInitTopLevel : coreosTopLevel;
      if (lookupKey(other, key, d === 'coreos' ? 'cloud-init' : 'coreos')) {
        const msg =
          d === 'coreos'
            ? `\`${key}\` is a cloud-init key; coreos-cloudinit ignores it.`
            : `\`${key}\` is a CoreOS (coreos-cloudinit) key; cloud-init ignores it.`;
        this.ctx.report('cloud-config/unknown-key', pair.key, msg);
        return;
      }
    }
    const suggestion = this.suggestion(table, canon);
    const message = suggestion
      ? `Unknown key \`${key}\` ${where}; it is ignored. Did you mean \`${suggestion}\`?`
      : `Unknown key \`${key}\` ${where}; it is ignored.`;
    this.ctx.report('cloud-config/unknown-key', pair.key, message, {
      fixes: suggestion ? renameFix(pair.key, suggestion) : [],
    });
  }

  private knownKey(pair: Pair, key: string, spec: KeySpec, path: string[]): void {
    const d = this.ctx.dialect;
    const canon = canonicalKey(key, d);
    // Only keys cloud-init also reads matter: under `coreos:` the spelling is coreos-cloudinit's business alone.
    if (d === 'coreos' && key !== canon && (path.length === 0 || /^(users|write_files)\[/.test(path[0] ?? ''))) {
      this.ctx.report(
        'cloud-config/hyphen-key',
        pair.key,
        `cloud-init ignores \`${key}\`; \`${canon}\` works for both. coreos-cloudinit reads either spelling.`,
        { fixes: renameFix(pair.key, canon) },
      );
    } else if (spec.aliasOf) {
      this.ctx.report(
        'cloud-config/hyphen-key',
        pair.key,
        `Prefer \`${spec.aliasOf}\`: older cloud-init schemas reject the alias \`${key}\`.`,
        { fixes: renameFix(pair.key, spec.aliasOf) },
      );
    }
    if (spec.deprecated) {
      const replacement = spec.replacement;
      this.ctx.report('cloud-config/deprecated', pair.key, `\`${key}\` is deprecated. ${spec.deprecated}`, {
        deprecated: true,
        fixes: replacement ? renameFix(pair.key, replacement) : [],
      });
    }
    const childPath = [...path, canon];
    if (judgedElsewhere.has(canon) && isScalar(pair.value)) return;
    this.checkValue(pair.value, spec.type, childPath, canon, pair.key);
  }

  private checkValue(node: unknown, type: ValueType, path: string[], key: string, keyNode?: unknown): void {
    const kind = yamlKind(node, this.ctx.dialect);
    if (kind === 'null' || kind === 'alias') return;
    if (!kindFits(kind, type, this.ctx.dialect)) {
      // A block mapping or list starts on the next line: point at the key that expected something else.
      const anchor = keyNode && (kind === 'map' || kind === 'list') && !this.sameLine(keyNode, node) ? keyNode : node;
      this.ctx.report(
        'cloud-config/type',
        anchor,
        `\`${pathLabel(path)}\` should be ${describeType(type)}, not ${describeKind(kind)}.`,
        {
          fixes: typeFixes(this.ctx, node, kind, type, isSecretName(key)),
        },
      );
      return;
    }
    const resolved =
      type.kind === 'oneOf' ? (type.options.find((o) => kindFits(kind, o, this.ctx.dialect)) ?? type) : type;
    switch (resolved.kind) {
      case 'string':
        this.checkString(node, resolved.values, resolved.pattern, resolved.patternHint, key);
        break;
      case 'map': {
        const map = asMap(node);
        if (map) this.checkMap(map, resolved.keys, resolved.open ?? false, path);
        break;
      }
      case 'list': {
        const seq = asSeq(node);
        if (!seq) break;
        if (resolved.minItems && seq.items.length < resolved.minItems) {
          this.ctx.report(
            'cloud-config/type',
            node,
            `\`${pathLabel(path)}\` is an empty list; give it at least ${resolved.minItems} entry or remove it.`,
          );
        }
        seq.items.forEach((item, i) =>
          this.checkValue(item, resolved.items, [...path.slice(0, -1), `${path[path.length - 1]}[${i}]`], key),
        );
        break;
      }
      default:
        break;
    }
  }

  private sameLine(a: unknown, b: unknown): boolean {
    const ra = nodeRange(a);
    const rb = nodeRange(b);
    return !!ra && !!rb && !this.ctx.text.slice(ra[0], rb[0]).includes('\n');
  }

  private checkString(
    node: unknown,
    values: readonly string[] | undefined,
    pattern: RegExp | undefined,
    hint: string | undefined,
    key: string,
  ): void {
    const text = scalarText(node);
    if (text === undefined || text === '') return;
    if (values && !values.includes(text)) {
      const best =
        closest(text, values) ??
        values.find((v) => v.toLowerCase() === text.toLowerCase()) ??
        (values.length === 1 ? values[0] : undefined);
      this.ctx.report(
        'cloud-config/invalid-value',
        node,
        `\`${text}\` is not a valid \`${key}\`. Use one of ${values.map((v) => `\`${v}\``).join(', ')}.`,
        { fixes: best ? valueFix(node, best) : [] },
      );
      return;
    }
    if (pattern && !pattern.test(text)) {
      this.ctx.report(
        'cloud-config/invalid-value',
        node,
        `\`${text}\` is not a valid \`${key}\`.${hint ? ` Expected ${hint}.` : ''}`,
      );
    }
  }

  private requiredKeys(map: YAMLMap, table: KeyTable, path: string[]): void {
    const present = new Set(pairs(map).map((p) => canonicalKey(keyName(p.key) ?? '', this.ctx.dialect)));
    for (const [name, spec] of Object.entries(table)) {
      if (!spec.required || present.has(name)) continue;
      const anchor = pairs(map)[0]?.key ?? map;
      const what = pathLabel(path) || 'this entry';
      this.ctx.report(
        'cloud-config/missing-key',
        anchor,
        `${what} has no \`${name}\`; the entry is skipped without it.`,
      );
    }
  }
}

export function checkKeyTree(ctx: RuleContext): void {
  new KeyTreeCheck(ctx).run();
}
