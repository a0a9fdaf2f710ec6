import type { Finding, Fix, ServiceSettings } from '../types';
import type { CloudConfigModel } from './parse';
import { RuleContext } from './context';
import { checkHeader } from './rules/header';
import { checkDocumentShape, checkFinalNewline, checkWriteFilesPlacement } from './rules/structure';
import { checkKeyTree } from './rules/keyTree';
import { checkRejectedYaml } from './rules/rejectedYaml';
import { checkWriteFiles } from './rules/writeFiles';
import { checkUnits } from './rules/units';
import { checkFirewallLoading, checkNoFirewall } from './rules/firewall';
import { checkEmbeddedForm } from './rules/embeddedForm';
import { checkEtcdDiscovery } from './rules/etcdDiscovery';
import { checkEmbeddedLanguages } from './rules/embeddedLanguages';
import { applyTemplate } from '../template/templateFindings';
import { checkHostDocker } from './rules/hostDocker';
import { checkPersistentRules } from './rules/persistentRules';
import { checkUfwCommands } from './rules/ufwCommands';
import { checkFirewalldCommands } from './rules/firewalldCommands';
import { carriedFindings, keepFindings } from './carryFindings';

type Check = (ctx: RuleContext) => void;

/** The checks before and after the embedded languages', in the order their findings are reported. */
const leadingChecks: readonly Check[] = [
  checkHeader,
  checkDocumentShape,
  checkRejectedYaml,
  checkKeyTree,
  checkWriteFilesPlacement,
  checkEtcdDiscovery,
  checkWriteFiles,
  checkUnits,
  checkFirewallLoading,
  checkNoFirewall,
  checkHostDocker,
  checkPersistentRules,
  checkUfwCommands,
  checkFirewalldCommands,
  checkEmbeddedForm,
];
const trailingChecks: readonly Check[] = [checkFinalNewline];

function run(ctx: RuleContext, checks: readonly Check[]): void {
  for (const check of checks) {
    try {
      check(ctx);
    } catch (err) {
      // A check must never take the others down: log it and keep the other checks' findings.
      console.error(`cloud-config check ${check.name} failed:`, err);
    }
  }
}

/** A user-data in another format (script, Ignition, other cloud-init formats) gets one note. */
function otherFormat(model: CloudConfigModel): Finding[] | undefined {
  if (model.header !== 'script' && model.header !== 'ignition' && model.header !== 'other-user-data') return undefined;
  const ctx = new RuleContext(model);
  const end = model.text.indexOf('\n');
  ctx.reportSpan(
    'cloud-config/other-format',
    0,
    end < 0 ? model.text.length : end,
    model.header === 'script'
      ? 'This user-data is a script (`#!`): it runs once at first boot and is not checked as cloud-config.'
      : model.header === 'ignition'
        ? 'This user-data is an Ignition config (JSON), not cloud-config: it is not checked here.'
        : 'This user-data is another cloud-init format (include list, archive, boothook, part handler or MIME multipart), not cloud-config: it is not checked here.',
  );
  return ctx.findings;
}

/** The findings of the checks other than the embedded languages', kept by a first pass for the complete set. */
export interface OtherChecks {
  readonly model: CloudConfigModel;
  readonly leading: readonly Finding[];
  readonly trailing: readonly Finding[];
}

function otherChecks(model: CloudConfigModel): OtherChecks {
  const leading = new RuleContext(model);
  run(leading, leadingChecks);
  const trailing = new RuleContext(model);
  run(trailing, trailingChecks);
  return { model, leading: leading.findings, trailing: trailing.findings };
}

/** The findings of `others` with the embedded languages' (all of them, or with `cachedEmbeddedOnly` the known ones). */
function withEmbedded(others: OtherChecks, cachedEmbeddedOnly: boolean): { findings: Finding[]; skipped: number } {
  const ctx = new RuleContext(others.model, cachedEmbeddedOnly);
  ctx.findings.push(...others.leading);
  run(ctx, [checkEmbeddedLanguages]);
  ctx.findings.push(...others.trailing);
  return { findings: finish(others.model, ctx.findings), skipped: ctx.skippedEmbedded };
}

function finish(model: CloudConfigModel, findings: Finding[]): Finding[] {
  return applyTemplate(model, withoutFixesBesideYamlErrors(model, withoutEchoesOfYamlErrors(model, findings))).sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
}

/** The complete findings of `model`: a nearly equal document's carried over, else `others` and the embedded checks'. */
function complete(model: CloudConfigModel, others: () => OtherChecks): Finding[] {
  const findings = carriedFindings(model) ?? withEmbedded(others(), false).findings;
  keepFindings(model, findings);
  return findings;
}

/** Every cloud-config finding for a parsed document, in document order. Scripts (`#!`) only get a note. */
export function validateCloudConfig(model: CloudConfigModel, _settings: ServiceSettings): Finding[] {
  return otherFormat(model) ?? complete(model, () => otherChecks(model));
}

/**
 * The first pass over a large document: every cloud-config finding and the embedded findings already
 * known (by content, from any document), without running the embedded checks not yet run. `skipped`
 * is the length of the embedded text left out (0: the findings are the complete set); `others` lets
 * `afterFirstPass` add the embedded findings without running the other checks again.
 */
export function firstPassCloudConfig(
  model: CloudConfigModel,
  _settings: ServiceSettings,
): { findings: Finding[]; skipped: number; others?: OtherChecks } {
  const other = otherFormat(model);
  if (other) return { findings: other, skipped: 0 };
  const carried = carriedFindings(model);
  if (carried) {
    keepFindings(model, carried);
    return { findings: carried, skipped: 0 };
  }
  const others = otherChecks(model);
  return { ...withEmbedded(others, true), others };
}

/** The complete findings after a first pass: as `validateCloudConfig` of the same model. */
export function afterFirstPass(others: OtherChecks): Finding[] {
  return complete(others.model, () => others);
}

/**
 * After a YAML error the parser's recovery can invent keys (a tab-indented `units:` becomes a top-level
 * key). Findings other than the syntax error itself on the lines of a YAML error are echoes: drop them.
 */
function withoutEchoesOfYamlErrors(model: CloudConfigModel, findings: Finding[]): Finding[] {
  if (!model.yamlErrors.length) return findings;
  const lineOf = (o: number): number => model.lineCounter.linePos(o).line;
  const errorLines = new Set(model.yamlErrors.map((e) => lineOf(e.start)));
  return findings.filter(
    (f) =>
      f.code === 'cloud-config/yaml-syntax' || f.code === 'cloud-config/header' || !errorLines.has(lineOf(f.start)),
  );
}

/**
 * A fix that writes new lines (an edit whose text holds a line break) on, just above or just below a
 * line with a YAML error is left out: the broken line can swallow them (a plain scalar running on, a
 * line the parser dropped holding the same key) and the fixed file would not say what the fix claims.
 * An error inside the text a fix replaces does not count (the fix rewrites the broken line). The
 * header's and the syntax error's own fixes stay.
 */
function withoutFixesBesideYamlErrors(model: CloudConfigModel, findings: Finding[]): Finding[] {
  if (!model.yamlErrors.length) return findings;
  const lineOf = (o: number): number => model.lineCounter.linePos(Math.min(o, model.text.length)).line;
  const errors = model.yamlErrors.map((e) => ({
    start: e.start,
    end: e.end,
    from: lineOf(e.start),
    to: lineOf(e.end),
  }));
  const safe = (fix: Fix): boolean => {
    const left = errors.filter((er) => !fix.edits.some((e) => e.start <= er.start && er.end <= e.end));
    const beside = (o: number): boolean => {
      const l = lineOf(o);
      return left.some((er) => er.from - 1 <= l && l <= er.to + 1);
    };
    return !fix.edits.some((e) => /[\r\n]/.test(e.newText) && (beside(e.start) || beside(e.end)));
  };
  return findings.map((f) =>
    f.code === 'cloud-config/yaml-syntax' || f.code === 'cloud-config/header' || !f.fixes?.length
      ? f
      : { ...f, fixes: f.fixes.filter(safe) },
  );
}
