import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { Finding, Fix, OffsetEdit, ServiceSettings } from './types';
import { effectiveSeverity, toDiagnostics } from './diagnostics';
import { plainText } from './plainText';
import { redactSecrets } from './secretValue';

/** Source action that applies every preferred fix in the document. */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.cloud-config`;

function toTextEdits(doc: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({
    range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) },
    newText: e.newText,
  }));
}

function overlaps(doc: TextDocument, f: Finding, range: Range): boolean {
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  return f.start <= end && f.end >= start;
}

function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * The fix "fix all" applies for each active finding: its preferred one, else its first; at most one a
 * finding. A fix that another fix of the same pass may make unnecessary (`deferredBy`: binding a
 * published port to 127.0.0.1 instead of filtering every container in DOCKER-USER) waits for the
 * next pass, which applies it only if its finding is still there.
 */
export function preferredFixes(findings: readonly Finding[], settings: ServiceSettings): Fix[] {
  const chosen: Array<{ code: string; fix: Fix }> = [];
  for (const f of findings) {
    if (!f.fixes?.length || effectiveSeverity(f.code, settings) === undefined) continue;
    chosen.push({ code: f.code, fix: f.fixes.find((x) => x.preferred) ?? (f.fixes[0] as Fix) });
  }
  const codes = new Set(chosen.map((c) => c.code));
  return chosen.filter((c) => !c.fix.deferredBy?.some((code) => codes.has(code))).map((c) => c.fix);
}

/**
 * Whether edits of two fixes cannot both be applied in one pass: they overlap, or they start at the
 * same place (an insertion and a replacement there are ordered differently by clients or refused;
 * two insertions there come out in an order neither fix chose, e.g. a rule after an inserted COMMIT).
 */
export function editsConflict(a: OffsetEdit, b: OffsetEdit): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

/**
 * Edits of several fixes: a fix whose edits conflict with those already taken is left out whole (the
 * next pass of fix-all applies it to the fixed text). The result never has two conflicting edits.
 */
export function mergeFixEdits(fixes: readonly Fix[]): OffsetEdit[] {
  const taken: OffsetEdit[] = [];
  for (const fix of fixes) {
    const clash = fix.edits.some((e) => taken.some((t) => editsConflict(e, t)));
    if (!clash) taken.push(...fix.edits);
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

export function findingsToCodeActions(
  doc: TextDocument,
  findings: readonly Finding[],
  range: Range,
  settings: ServiceSettings,
  only?: readonly string[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  const active = findings.filter((f) => effectiveSeverity(f.code, settings) !== undefined);
  if (wanted(CodeActionKind.QuickFix, only)) {
    for (const f of active) {
      if (!f.fixes?.length || !overlaps(doc, f, range)) continue;
      const [diagnostic] = toDiagnostics(doc, [f], settings);
      f.fixes.forEach((fix, i) => {
        actions.push({
          title: redactSecrets(plainText(fix.title)),
          kind: CodeActionKind.QuickFix,
          diagnostics: diagnostic ? [diagnostic] : [],
          isPreferred: fix.preferred ?? i === 0,
          edit: { changes: { [doc.uri]: toTextEdits(doc, fix.edits) } },
        });
      });
    }
  }
  if (wanted(fixAllKind, only)) {
    const preferred = preferredFixes(active, settings);
    if (preferred.length > 1 || (preferred.length === 1 && only?.length)) {
      actions.push({
        title: 'Fix all auto-fixable cloud-config problems',
        kind: fixAllKind,
        edit: { changes: { [doc.uri]: toTextEdits(doc, mergeFixEdits(preferred)) } },
      });
    }
  }
  return actions;
}
