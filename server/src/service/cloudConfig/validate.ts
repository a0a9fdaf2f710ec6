import type { Finding, ServiceSettings } from '../types';
import type { CloudConfigModel } from './parse';
import { RuleContext } from './context';
import { checkHeader } from './rules/header';
import { checkDocumentShape, checkFinalNewline, checkWriteFilesPlacement } from './rules/structure';
import { checkKeyTree } from './rules/keyTree';
import { checkWriteFiles } from './rules/writeFiles';
import { checkUnits } from './rules/units';
import { checkFirewallLoading, checkNoFirewall } from './rules/firewall';
import { checkEmbeddedForm } from './rules/embeddedForm';

const rules: ReadonlyArray<(ctx: RuleContext) => void> = [
  checkHeader,
  checkDocumentShape,
  checkKeyTree,
  checkWriteFilesPlacement,
  checkWriteFiles,
  checkUnits,
  checkFirewallLoading,
  checkNoFirewall,
  checkEmbeddedForm,
  checkFinalNewline,
];

/** Every cloud-config finding for a parsed document, in document order. Scripts (`#!`) get none. */
export function validateCloudConfig(model: CloudConfigModel, _settings: ServiceSettings): Finding[] {
  if (model.header === 'script') return [];
  const ctx = new RuleContext(model);
  for (const rule of rules) {
    try {
      rule(ctx);
    } catch (err) {
      // A rule must never take the others down: log it and keep the other rules' findings.
      console.error(`cloud-config check ${rule.name} failed:`, err);
    }
  }
  return ctx.findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
