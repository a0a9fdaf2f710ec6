// Quick fixes and source actions the way VS Code applies them: ask the providers through
// vscode.executeCodeActionProvider, apply the chosen action's WorkspaceEdit with workspace.applyEdit,
// then wait for the server's diagnostics on the edited text.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describe, ours, waitForDiagnostics } from './diagnosticsWait';
import { report } from './harness';

export interface QuickFixChoice {
  /** Which diagnostic, when several have the code. */
  readonly diagnostic?: (d: vscode.Diagnostic) => boolean;
  /** Which fix, when several are offered (default: the preferred one, else the first). */
  readonly title?: RegExp;
}

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
      kind,
      20,
    )) ?? [];
  return actions.filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
}

/**
 * Apply the quick fix offered for the first diagnostic with `code` and wait until `settled` holds for
 * the re-published diagnostics. Returns the applied action.
 */
export async function applyQuickFix(
  doc: vscode.TextDocument,
  code: string,
  settled: (diags: vscode.Diagnostic[]) => boolean,
  choice: QuickFixChoice = {},
): Promise<vscode.CodeAction> {
  const diag = ours(doc.uri).find((d) => codeOf(d) === code && (choice.diagnostic?.(d) ?? true));
  assert.ok(diag, `no ${code} diagnostic to fix; diagnostics:\n${describe(ours(doc.uri))}`);
  const codeActions = await actionsAt(doc.uri, diag.range);
  const forDiag = codeActions.filter((a) =>
    a.diagnostics?.some((d) => codeOf(d) === code && d.range.isEqual(diag.range)),
  );
  const candidates = (
    forDiag.length ? forDiag : codeActions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind))
  ).filter((a) => a.edit && (!choice.title || choice.title.test(a.title)));
  const action = choice.title ? candidates[0] : (candidates.find((a) => a.isPreferred) ?? candidates[0]);
  assert.ok(
    action?.edit,
    `no quick fix${choice.title ? ` matching ${choice.title}` : ''} with an edit for ${code} at ${diag.range.start.line + 1}:${diag.range.start.character + 1}; offered: ${JSON.stringify(codeActions.map((a) => a.title))}`,
  );
  const applied = await vscode.workspace.applyEdit(action.edit);
  assert.strictEqual(applied, true, `workspace.applyEdit refused "${action.title}"`);
  await waitForDiagnostics(doc.uri, settled, `diagnostics after "${action.title}"`);
  report(`      fix for ${code}: "${action.title}"`);
  return action;
}

/** Apply the source action of `kind` (e.g. source.fixAll.cloud-config) for the whole document. */
export async function applySourceAction(
  doc: vscode.TextDocument,
  kind: string,
  settled: (diags: vscode.Diagnostic[]) => boolean,
): Promise<vscode.CodeAction> {
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions = await actionsAt(doc.uri, whole, kind);
  const wanted = vscode.CodeActionKind.Empty.append(kind);
  const action = actions.find((a) => a.kind && wanted.contains(a.kind) && a.edit);
  assert.ok(
    action?.edit,
    `no ${kind} action with an edit; offered: ${JSON.stringify(actions.map((a) => `${a.kind?.value ?? '?'}: ${a.title}`))}`,
  );
  const applied = await vscode.workspace.applyEdit(action.edit);
  assert.strictEqual(applied, true, `workspace.applyEdit refused "${action.title}"`);
  await waitForDiagnostics(doc.uri, settled, `diagnostics after "${action.title}"`);
  report(`      ${kind}: "${action.title}"`);
  return action;
}
