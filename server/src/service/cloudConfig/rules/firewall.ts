import type { YAMLMap } from 'yaml';
import type { Fix, OffsetEdit } from '../../types';
import type { RuleContext } from '../context';
import { toDocumentOffset } from '../../embedded/region';
import { asSeq, nodeRange } from '../yamlNodes';
import { publicationsIn } from '../../docker/findRunCommands';
import { runCommandsInCommandList } from '../../docker/commandListRuns';
import type { PortPublication } from '../../docker/runModel';
import { unitEntries, startsUnit, type UnitEntry } from './units';
import { appendToMap, appendToSeq, appendTopLevel, keyWritten, topLevelBlockEnd } from './mapEdits';
import { eolOf } from '../../text/lineEnding';
import { lineStartAt } from '../../text/lines';
import { rulesSaveItem } from './firewallSnippets';

interface Family {
  readonly path: string;
  readonly unit: string;
}
const families: readonly Family[] = [
  { path: '/var/lib/iptables/rules-save', unit: 'iptables-restore.service' },
  { path: '/var/lib/ip6tables/rules-save', unit: 'ip6tables-restore.service' },
];

/** Edit that adds a unit entry to coreos.units, creating the list or the coreos key when needed. */
export function addUnitEntry(ctx: RuleContext, itemLines: string): OffsetEdit | undefined {
  const coreos = ctx.coreos();
  const unitsPair = ctx.pair(coreos, 'units');
  const seq = asSeq(unitsPair?.value);
  if (seq && seq.items.length) return appendToSeq(ctx.text, seq, itemLines);
  const asItem = (indent: number): string =>
    itemLines
      .split('\n')
      .map((l, i) => `${' '.repeat(indent)}${i === 0 ? '- ' : '  '}${l}`)
      .join('\n');
  const keyRange = nodeRange(unitsPair?.key);
  const seqRange = nodeRange(seq);
  if (seq && keyRange && seqRange && seq.items.length === 0) {
    // `units: []`: replace the empty flow list with a block list holding the new entry.
    const colon = ctx.text.indexOf(':', keyRange[1]) + 1;
    const col = keyRange[0] - lineStartAt(ctx.text, keyRange[0]);
    const eol = eolOf(ctx.text);
    return {
      start: colon,
      end: seqRange[1],
      newText:
        eol +
        asItem(col + 2)
          .split('\n')
          .join(eol),
    };
  }
  if (coreos && !unitsPair) {
    // A `units:` line the parser dropped (damaged, mis-indented) would swallow or duplicate a new one.
    const r = nodeRange(coreos);
    const from = r ? lineStartAt(ctx.text, r[0]) : 0;
    if (keyWritten(ctx.text, 'units', { from, to: topLevelBlockEnd(ctx.text, from), anyColumn: true }))
      return undefined;
    return appendToMap(ctx.text, coreos, `units:\n${asItem(2)}`);
  }
  // A coreos key that is not a mapping: a second one would be a duplicate key. Its type finding comes first.
  if (!coreos && ctx.model.root && !ctx.pair(ctx.model.root, 'coreos'))
    return appendTopLevel(ctx.text, `coreos:\n  units:\n${asItem(4)}`, ctx.model.yamlErrors.length > 0);
  return undefined;
}

function beforeLineBreak(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && (text.charCodeAt(e - 1) === 10 || text.charCodeAt(e - 1) === 13)) e--;
  return e;
}

/**
 * One edit for a replacement and an insertion at (or inside) its end: the key appended to a unit
 * entry lands where a mis-indented value being replaced ends, and edits of one fix must not overlap.
 */
function joinTouching(edits: readonly OffsetEdit[]): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const prev = out[out.length - 1];
    if (prev && e.start <= prev.end && e.start > prev.start)
      out[out.length - 1] = { start: prev.start, end: Math.max(prev.end, e.end), newText: prev.newText + e.newText };
    else out.push(e);
  }
  return out;
}

function loaderFix(ctx: RuleContext, fam: Family, unit: UnitEntry | undefined): Fix | undefined {
  if (unit) {
    const missing: string[] = [];
    if (!unit.enable) missing.push('enable: true');
    if (!startsUnit(unit)) missing.push('command: start');
    const edit =
      ctx.pair(unit.map, 'enable') || ctx.pair(unit.map, 'command')
        ? undefined
        : appendToMap(ctx.text, unit.map, missing.join('\n'));
    if (edit) return { title: `Enable and start ${fam.unit}`, edits: [edit], preferred: true };
    const edits: OffsetEdit[] = [];
    for (const [key, value] of [
      ['enable', 'true'],
      ['command', 'start'],
    ] as const) {
      const pair = ctx.pair(unit.map, key);
      const r = nodeRange(pair?.value);
      // A value's range can end after its line break (a block value, or a plain one continued on the
      // next line): replace up to the break only.
      if (pair && r && (key === 'enable' ? !unit.enable : !startsUnit(unit)))
        edits.push({ start: r[0], end: beforeLineBreak(ctx.text, r[0], r[1]), newText: value });
      else if (!pair) {
        const e = appendToMap(ctx.text, unit.map, `${key}: ${value}`);
        if (e) edits.push(e);
      }
    }
    return edits.length
      ? { title: `Enable and start ${fam.unit}`, edits: joinTouching(edits), preferred: true }
      : undefined;
  }
  const edit = addUnitEntry(ctx, `name: ${fam.unit}\nenable: true\ncommand: start`);
  return edit
    ? { title: `Add ${fam.unit} to coreos.units (enable and start)`, edits: [edit], preferred: true }
    : undefined;
}

function rulesFiles(ctx: RuleContext): Map<string, YAMLMap> {
  const out = new Map<string, YAMLMap>();
  for (const file of ctx.files()) {
    const path = ctx.string(file, 'path');
    if (path) out.set(path, file);
  }
  return out;
}

/**
 * Fix-all applies the key renames (a misspelt `write_fles`, `comand`, a hyphenated `write-files`)
 * first: a key these fixes add could be the one a rename writes, and the pair would be a duplicate.
 */
const afterRenames: readonly string[] = ['cloud-config/unknown-key', 'cloud-config/hyphen-key'];

/**
 * Only a fix that adds a key to an existing mapping can collide with a rename; one that adds whole
 * sequence items (a new unit entry, a new write_files entry) writes fresh mappings and need not wait.
 */
function renamesFirst(edits: readonly OffsetEdit[]): readonly string[] | undefined {
  return edits.every((e) => /^(\r?\n)*[ \t]*- /.test(e.newText)) ? undefined : afterRenames;
}

/** `cloud-config/firewall-not-loaded` and `cloud-config/firewall-rules-missing` (CoreOS restore units). */
export function checkFirewallLoading(ctx: RuleContext): void {
  if (ctx.dialect !== 'coreos') return;
  const files = rulesFiles(ctx);
  const units = unitEntries(ctx);
  for (const fam of families) {
    const file = files.get(fam.path);
    const unit = units.find((u) => u.name === fam.unit);
    // coreos-cloudinit runs at every boot, so `command: start` alone loads the rules at each boot.
    if (file && !(unit && startsUnit(unit) && !unit.mask)) {
      const pathNode = ctx.pair(file, 'path')?.value;
      const what = !unit
        ? `no \`${fam.unit}\` entry in coreos.units`
        : !unit.enable
          ? `\`${fam.unit}\` is not enabled (\`enable: true\`), so it does not run at boot`
          : `\`${fam.unit}\` is not started (\`command: start\`), so the rules are not loaded on this first boot`;
      const ur = nodeRange(unit?.namePair?.value);
      const fix = loaderFix(ctx, fam, unit);
      ctx.report(
        'cloud-config/firewall-not-loaded',
        pathNode,
        `The firewall is never loaded: ${what}. The rules are written to ${fam.path}.`,
        {
          fixes: fix ? [{ ...fix, deferredBy: renamesFirst(fix.edits) }] : [],
          related: ur ? [{ start: ur[0], end: ur[1], message: `the ${fam.unit} entry` }] : [],
        },
      );
    }
    if (!file && unit && (unit.enable || startsUnit(unit)) && !unit.mask) {
      const edit = addRulesFile(ctx, fam);
      ctx.report(
        'cloud-config/firewall-rules-missing',
        unit.namePair?.value,
        `\`${fam.unit}\` loads ${fam.path}, but this config writes no such file: the unit fails or loads stale rules.`,
        {
          fixes: edit
            ? [
                {
                  title: `Add a ${fam.path} write_files entry`,
                  edits: [edit],
                  preferred: true,
                  deferredBy: renamesFirst([edit]),
                },
              ]
            : [],
        },
      );
    }
  }
}

function addRulesFile(ctx: RuleContext, fam: Family): OffsetEdit | undefined {
  const item = rulesSaveItem(fam.path);
  const pair = ctx.pair(ctx.model.root, 'write_files');
  const seq = asSeq(pair?.value);
  if (seq && seq.items.length) return appendToSeq(ctx.text, seq, item);
  // A write_files that is not a list of entries (a mapping, a scalar, `[]`): a second write_files key
  // would be a duplicate, which the YAML reader rejects. Its type finding comes first.
  if (!ctx.model.root || pair) return undefined;
  return appendTopLevel(
    ctx.text,
    `write_files:\n${item
      .split('\n')
      .map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`))
      .join('\n')}`,
    ctx.model.yamlErrors.length > 0,
  );
}

/** `cloud-config/no-firewall`: ports are published but no rules are written anywhere. */
export function checkNoFirewall(ctx: RuleContext): void {
  const hasRules =
    ctx.model.regions.some((r) => r.language === 'iptables' || r.language === 'ip6tables') ||
    ctx.files().some((f) => /rules-save|rules\.v[46]|sysconfig\/ip6?tables|nftables/.test(ctx.string(f, 'path') ?? ''));
  if (hasRules || mentionsFirewallTool(ctx)) return;
  for (const { start, end, pub } of publications(ctx).filter((p) => !p.pub.loopbackOnly)) {
    const fixes: Fix[] = [];
    if (ctx.dialect === 'coreos') {
      const fileEdit = addRulesFile(ctx, families[0] as Family);
      const unitEdit = addUnitEntry(ctx, 'name: iptables-restore.service\nenable: true\ncommand: start');
      if (fileEdit && unitEdit) {
        fixes.push({
          title: 'Add a firewall (rules-save file and iptables-restore.service)',
          edits: [fileEdit, unitEdit].sort((a, b) => a.start - b.start),
          preferred: true,
        });
      }
    }
    ctx.reportSpan(
      'cloud-config/no-firewall',
      start,
      end,
      `No firewall rules guard this published port. \`${pub.text}\` opens a container port to the network, and this config writes no rules.`,
      { fixes },
    );
    return;
  }
}

/** Port publications in unit content and in runcmd/bootcmd lines, in document offsets. */
function publications(ctx: RuleContext): Array<{ start: number; end: number; pub: PortPublication }> {
  const out: Array<{ start: number; end: number; pub: PortPublication }> = [];
  for (const region of ctx.model.regions) {
    if (region.language !== 'systemd' || !region.mappable) continue;
    for (const pub of publicationsIn(region.text, 'unit'))
      out.push({ start: toDocumentOffset(region, pub.start), end: toDocumentOffset(region, pub.end), pub });
  }
  for (const key of ['runcmd', 'bootcmd']) {
    for (const run of runCommandsInCommandList(ctx.text, ctx.pair(ctx.model.hostRoot, key)?.value)) {
      for (const pub of run.publications) out.push({ start: pub.start, end: pub.end, pub });
    }
  }
  return out;
}

function mentionsFirewallTool(ctx: RuleContext): boolean {
  for (const key of ['runcmd', 'bootcmd', 'packages']) {
    const node = ctx.pair(ctx.model.hostRoot, key)?.value;
    const r = nodeRange(node);
    if (
      r &&
      /\b(ufw|iptables|nft|firewall-cmd|firewalld|netfilter-persistent|iptables-persistent)\b/.test(
        ctx.text.slice(r[0], r[1]),
      )
    )
      return true;
  }
  return false;
}
