import { isPair, type YAMLMap } from 'yaml';
import type { Finding } from '../types';
import type { CloudConfigModel } from '../cloudConfig/parse';
import { keyName } from '../cloudConfig/yamlNodes';
import { holdsMarker, restorePlaceholders, type TemplateSpan, type TemplateSpanKind } from './placeholders';

/**
 * Findings that stay when they touch a placeholder: they are about the structure around the value
 * (or about the file as a whole), not about the value itself.
 */
const structural = new Set([
  'cloud-config/yaml-syntax',
  'cloud-config/header',
  'cloud-config/template',
  'cloud-config/missing-final-newline',
  'cloud-config/folded-embedded',
  'cloud-config/rules-strip-newline',
  'cloud-config/write-files-under-coreos',
  'cloud-config/embedded-not-analysed',
  'cloud-config/other-format',
]);

/** Keys whose values are shell commands: `${VAR}` there is a shell variable, not a template. */
const shellKeys = new Set(['runcmd', 'bootcmd']);

/** Document ranges where `${…}` is more likely a shell or systemd variable than a template placeholder. */
function shellRanges(model: CloudConfigModel): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  const root: YAMLMap | undefined = model.root;
  for (const item of root?.items ?? []) {
    if (!isPair(item) || !shellKeys.has(keyName(item.key) ?? '')) continue;
    const r = (item.value as { range?: [number, number, number] } | null)?.range;
    if (r) ranges.push([r[0], r[1]]);
  }
  for (const region of model.regions) {
    // A multi-line script or unit; a one-line `content: ${x}` is a template value.
    if (region.style !== 'literal' && region.style !== 'folded') continue;
    const r = region.scalar.range;
    if (r) ranges.push([r[0], r[1]]);
  }
  return ranges;
}

/** Whether the spans make this document a template (rather than a config with a shell `${VAR}` in a command). */
export function isTemplate(model: CloudConfigModel): boolean {
  if (model.header === 'jinja') return true;
  const spans = model.templateSpans;
  if (spans.some((s) => s.kind !== 'terraform-interpolation' && s.kind !== 'terraform-escape')) return true;
  const shell = shellRanges(model);
  return spans.some((s) => s.kind === 'terraform-interpolation' && !shell.some(([a, b]) => s.start >= a && s.end <= b));
}

const kindNames: Readonly<Record<TemplateSpanKind, string>> = {
  'terraform-interpolation': 'Terraform',
  'terraform-directive': 'Terraform',
  'terraform-escape': 'Terraform',
  'jinja-expression': 'Jinja',
  'jinja-statement': 'Jinja',
  'jinja-comment': 'Jinja',
  'go-action': 'Go template',
  'go-control': 'Go template',
  token: '`%NAME%`/`@NAME@` token',
};

/** The template languages found, in a stable order, for the line-1 hint. */
function languagesOf(model: CloudConfigModel): string {
  const names = new Set<string>();
  if (model.header === 'jinja') names.add('Jinja');
  for (const s of model.templateSpans) names.add(kindNames[s.kind]);
  return [...names].join(', ');
}

/**
 * Apply what the template syntax means to the findings of a cloud-config: findings about a value
 * holding a placeholder are dropped (the value is unknown until rendering), the original template
 * text replaces the markers of the neutralised text in messages and fix edits, and one hint on
 * line 1 says that values with placeholders are not checked.
 */
export function applyTemplate(model: CloudConfigModel, findings: Finding[]): Finding[] {
  const spans: readonly TemplateSpan[] = model.templateSpans;
  if (!spans.some((s) => s.kind !== 'terraform-escape')) return findings;
  const kept: Finding[] = [];
  for (const f of findings) {
    if (!structural.has(f.code) && holdsMarker(model.neutralText, f.start, f.end)) continue;
    // A fix must write the template text back, never a marker of the neutralised text.
    const fixes = f.fixes;
    kept.push({
      ...f,
      message: restorePlaceholders(f.message, model.text, spans),
      ...(fixes
        ? {
            fixes: fixes.map((fix) => ({
              ...fix,
              edits: fix.edits.map((e) => ({ ...e, newText: restorePlaceholders(e.newText, model.text, spans) })),
            })),
          }
        : {}),
    });
  }
  if (isTemplate(model)) {
    const nl = model.text.indexOf('\n');
    const end = nl < 0 ? model.text.length : nl > 0 && model.text[nl - 1] === '\r' ? nl - 1 : nl;
    kept.unshift({
      code: 'cloud-config/template',
      message: `This user-data is a template (${languagesOf(model)}). Values holding placeholders are unknown until it is rendered and are not checked; the structure around them is.`,
      start: 0,
      end,
    });
  }
  return kept;
}
