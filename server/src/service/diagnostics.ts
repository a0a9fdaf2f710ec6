import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { Finding, ServiceSettings, Severity } from './types';
import { ruleInfo, rulePageUrl } from './rules';
import { plainText } from './plainText';
import { redactSecrets } from './secretValue';
import { ruleSetting } from './ruleSettings';

/**
 * The diagnostic's `source`: the language its rule belongs to (`iptables`, `systemd`, `docker`,
 * `cloud-config`), the part of the code before the slash.
 */
export function diagnosticSource(code: string): string {
  const slash = code.indexOf('/');
  return slash > 0 ? code.slice(0, slash) : 'cloud-config';
}

const severityMap: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Effective severity of a rule after settings, or undefined when the rule is off. */
export function effectiveSeverity(code: string, settings: ServiceSettings, own?: Severity): Severity | undefined {
  const override = ruleSetting(code, settings.rules);
  if (override === 'off') return undefined;
  if (override) return override;
  return own ?? ruleInfo(code)?.severity ?? 'warning';
}

export function toDiagnostics(
  doc: TextDocument,
  findings: readonly Finding[],
  settings: ServiceSettings,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const severity = effectiveSeverity(f.code, settings, f.severity);
    if (!severity) continue;
    const tags: DiagnosticTag[] = [];
    if (f.deprecated) tags.push(DiagnosticTag.Deprecated);
    if (f.unnecessary) tags.push(DiagnosticTag.Unnecessary);
    const d: Diagnostic = {
      range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
      severity: severityMap[severity],
      code: f.code,
      codeDescription: { href: rulePageUrl(f.code) },
      source: diagnosticSource(f.code),
      message: redactSecrets(plainText(f.message)),
    };
    if (tags.length) d.tags = tags;
    if (f.related?.length) {
      d.relatedInformation = f.related.map((r) => ({
        location: { uri: doc.uri, range: { start: doc.positionAt(r.start), end: doc.positionAt(r.end) } },
        message: redactSecrets(plainText(r.message)),
      }));
    }
    out.push(d);
  }
  return out;
}

export function severityName(s: DiagnosticSeverity | undefined): Severity {
  switch (s) {
    case DiagnosticSeverity.Error:
      return 'error';
    case DiagnosticSeverity.Information:
      return 'information';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'warning';
  }
}
