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

const rules: ReadonlyArray<(ctx: RuleContext) => void> = [
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
  checkEmbeddedLanguages,
  checkFinalNewline,
];

/** Every cloud-config finding for a parsed document, in document order. Scripts (`#!`) only get a note. */
export function validateCloudConfig(model: CloudConfigModel, settings: ServiceSettings): Finding[] {
  return runChecks(new RuleContext(model), settings);
}

/**
 * The first pass over a large document: every cloud-config finding and the embedded findings already
 * known (by content, from any document), without running the embedded checks not yet run. `skipped`
 * is the length of the embedded text left out (0: the findings are the complete set).
 */
export function firstPassCloudConfig(
  model: CloudConfigModel,
  settings: ServiceSettings,
): { findings: Finding[]; skipped: number } {
  const ctx = new RuleContext(model, true);
  const findings = runChecks(ctx, settings);
  return { findings, skipped: ctx.skippedEmbedded };
}

function runChecks(ctx: RuleContext, _settings: ServiceSettings): Finding[] {
  const model = ctx.model;
  if (model.header === 'script' || model.header === 'ignition' || model.header === 'other-user-data') {
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
  for (const rule of rules) {
    try {
      rule(ctx);
    } catch (err) {
      // A rule must never take the others down: log it and keep the other rules' findings.
      console.error(`cloud-config check ${rule.name} failed:`, err);
    }
  }
  return applyTemplate(model, withoutFixesBesideYamlErrors(model, withoutEchoesOfYamlErrors(model, ctx.findings))).sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
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
