import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { Finding, Fix, OffsetEdit, ServiceSettings } from './types';
import { effectiveSeverity, toDiagnostics } from './diagnostics';
import { plainText } from './plainText';

/** Source action that applies every preferred fix in the document. */
export const fixAllKind = `${CodeActionKind.SourceFixAll}.cloud-config`;

function toTextEdits(doc: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
}

function overlaps(doc: TextDocument, f: Finding, range: Range): boolean {
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  return f.start <= end && f.end >= start;
}

function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The fix "fix all" applies for each active finding: its preferred one, else its first. */
export function preferredFixes(findings: readonly Finding[], settings: ServiceSettings): Fix[] {
  const out: Fix[] = [];
  for (const f of findings) {
    if (!f.fixes?.length || effectiveSeverity(f.code, settings) === undefined) continue;
    out.push(f.fixes.find((x) => x.preferred) ?? (f.fixes[0] as Fix));
  }
  return out;
}

/** Edits of several fixes, dropping any that overlap an edit already taken (keeps the result valid). */
export function mergeFixEdits(fixes: readonly Fix[]): OffsetEdit[] {
  const taken: OffsetEdit[] = [];
  for (const fix of fixes) {
    const clash = fix.edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end || (e.start === t.start && e.end === t.end)));
    if (!clash) taken.push(...fix.edits);
  }
  return taken.sort((a, b) => a.start - b.start);
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
          title: plainText(fix.title),
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
