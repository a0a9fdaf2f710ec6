import { isScalar, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Fix } from '../../types';
import type { RuleContext } from '../context';
import type { EmbeddedRegion } from '../../embedded/region';
import { asMap, asSeq, nodeRange, scalarText } from '../yamlNodes';
import { coreosShippedUnits } from '../../data/shippedUnits';
import { eolOf } from '../../text/lineEnding';
import { lineStartAt } from '../../text/lines';

const unitNamePattern =
  /^[A-Za-z0-9:_.\\-]+(@[A-Za-z0-9:_.\\-]*)?\.(service|socket|device|mount|automount|swap|target|path|timer|slice|scope|network|netdev|link)$/;
const startCommands = new Set([
  'start',
  'restart',
  'reload',
  'try-restart',
  'reload-or-restart',
  'reload-or-try-restart',
]);

function isTrue(node: unknown): boolean {
  return isScalar(node) && (node as Scalar).value === true;
}

export interface UnitEntry {
  readonly map: YAMLMap;
  readonly name: string | undefined;
  readonly namePair: Pair | undefined;
  readonly enable: boolean;
  readonly command: string | undefined;
  readonly mask: boolean;
  readonly content: string | undefined;
  readonly dropIns: readonly string[];
}

/** Read once per validation pass: the unit and firewall checks both walk every entry. */
const entriesOfPass = new WeakMap<RuleContext, readonly UnitEntry[]>();

export function unitEntries(ctx: RuleContext): readonly UnitEntry[] {
  let entries = entriesOfPass.get(ctx);
  if (!entries) entriesOfPass.set(ctx, (entries = readUnitEntries(ctx)));
  return entries;
}

function readUnitEntries(ctx: RuleContext): UnitEntry[] {
  return ctx.units().map((map) => {
    const namePair = ctx.pair(map, 'name');
    const contentNode = ctx.pair(map, 'content')?.value;
    return {
      map,
      name: scalarText(namePair?.value),
      namePair,
      enable: isTrue(ctx.pair(map, 'enable')?.value),
      command: scalarText(ctx.pair(map, 'command')?.value),
      mask: isTrue(ctx.pair(map, 'mask')?.value),
      content:
        isScalar(contentNode) && typeof (contentNode as Scalar).value === 'string'
          ? ((contentNode as Scalar).value as string)
          : undefined,
      dropIns: (asSeq(ctx.pair(map, 'drop_ins')?.value)?.items ?? []).map(
        (d) => scalarText(ctx.pair(asMap(d), 'content')?.value) ?? '',
      ),
    };
  });
}

export function startsUnit(u: UnitEntry): boolean {
  return u.command !== undefined && startCommands.has(u.command);
}

/** Where `write_files` puts a unit the machine would load by name. */
function writtenUnitNames(ctx: RuleContext): Set<string> {
  const names = new Set<string>();
  for (const file of ctx.files()) {
    const path = ctx.string(file, 'path');
    const m = path ? /^\/(etc|run|usr\/lib|lib)\/systemd\/(system|network)\/([^/]+)$/.exec(path) : null;
    if (m) names.add(m[3] as string);
  }
  return names;
}

function installFix(ctx: RuleContext, region: EmbeddedRegion | undefined): Fix[] {
  if (!region || !region.mappable || region.style !== 'literal') return [];
  const lines = region.lines;
  let last = lines.length - 1;
  while (last > 0 && (lines[last] as { length: number }).length === 0) last--;
  const line = lines[last];
  // The block's indentation, from its first line with content: an empty first line starts at column 0.
  // A block with no line of text has no indentation to go by: a line at column 0 would end the block
  // (and the entry), so no fix is offered (the unit's content is missing, not only its [Install]).
  const firstLine = lines.find((l) => l.length > 0);
  if (!line || !firstLine) return [];
  const pad = ' '.repeat(firstLine.docOffset - lineStartAt(ctx.text, firstLine.docOffset));
  const eol = eolOf(ctx.text);
  const at = line.docOffset + line.length;
  const newText = `${eol}${eol}${pad}[Install]${eol}${pad}WantedBy=multi-user.target`;
  return [
    {
      title: 'Add [Install] with WantedBy=multi-user.target',
      edits: [{ start: at, end: at, newText }],
      preferred: true,
    },
  ];
}

export function checkUnits(ctx: RuleContext): void {
  const entries = unitEntries(ctx);
  const seen = new Map<string, Pair>();
  const written = writtenUnitNames(ctx);
  // The region of each unit entry, looked up by entry (built on first need, not searched per unit).
  let unitRegions: Map<YAMLMap, EmbeddedRegion> | undefined;
  const regionOf = (map: YAMLMap): EmbeddedRegion | undefined => {
    if (!unitRegions) {
      unitRegions = new Map();
      for (const r of ctx.model.regions)
        if (r.origin === 'unit' && !unitRegions.has(r.entry)) unitRegions.set(r.entry, r);
    }
    return unitRegions.get(map);
  };
  for (const u of entries) {
    if (u.name === undefined || !u.namePair) continue;
    const nameNode = u.namePair.value;
    if (!unitNamePattern.test(u.name)) {
      const why = /\.[a-z]+$/.test(u.name)
        ? 'has no valid unit type suffix'
        : 'needs a unit type suffix such as `.service` or `.timer`';
      ctx.report(
        'cloud-config/unit-name',
        nameNode,
        /[^A-Za-z0-9:_.\\@-]/.test(u.name)
          ? `\`${u.name}\` contains characters systemd does not allow in unit names (letters, digits, \`:_.\\-@\` only).`
          : `\`${u.name}\` ${why}.`,
      );
    }
    const first = seen.get(u.name);
    if (first) {
      const fr = nodeRange(first.value);
      ctx.report(
        'cloud-config/duplicate-unit',
        nameNode,
        `\`${u.name}\` is listed twice; both entries are applied in order and the later content wins.`,
        {
          related: fr ? [{ start: fr[0], end: fr[1], message: 'first entry' }] : [],
        },
      );
    } else {
      seen.set(u.name, u.namePair);
    }
    const enablePair = ctx.pair(u.map, 'enable');
    if (
      u.enable &&
      u.content !== undefined &&
      !/^\s*\[Install\]/m.test(u.content) &&
      !u.dropIns.some((d) => /^\s*\[Install\]/m.test(d))
    ) {
      const region = regionOf(u.map);
      ctx.report(
        'cloud-config/unit-missing-install',
        enablePair?.key,
        `\`enable: true\` does nothing for \`${u.name}\`. Its content has no [Install] section to say what should pull it in.`,
        {
          fixes: installFix(ctx, region),
        },
      );
    }
    if (
      (u.enable || startsUnit(u)) &&
      !u.mask &&
      u.content === undefined &&
      u.dropIns.length === 0 &&
      !written.has(u.name) &&
      !Object.prototype.hasOwnProperty.call(coreosShippedUnits, u.name)
    ) {
      ctx.report(
        'cloud-config/unit-not-defined',
        nameNode,
        `\`${u.name}\` is ${u.enable ? 'enabled' : 'started'} but has no \`content\`, no drop-in, is not written by write_files and is not a unit Container Linux ships: it must already exist on the machine.`,
      );
    }
  }
}
