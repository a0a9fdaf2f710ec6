// Reading the diagnostics our language server publishes, and waiting for them: they arrive
// asynchronously (debounced) after every open and edit.
import * as path from 'path';
import * as vscode from 'vscode';

/** Our diagnostics' sources: the language each rule belongs to. */
export const SOURCES: readonly string[] = ['cloud-config', 'iptables', 'systemd', 'docker'];

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Our diagnostics on `uri` (other extensions' are ignored). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => SOURCES.includes(d.source ?? ''));
}

export function withCode(diags: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic[] {
  return diags.filter((d) => codeOf(d) === code);
}

const severityName = ['error', 'warning', 'information', 'hint'];

export function describe(diags: readonly vscode.Diagnostic[]): string {
  return (
    diags
      .map(
        (d) =>
          `${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName[d.severity] ?? d.severity} ${codeOf(d)} ${d.message}`,
      )
      .join('\n') || '(none)'
  );
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll the diagnostics of `uri` until `ok` holds. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  ok: (d: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diags = ours(uri);
    if (ok(diags)) return diags;
    if (Date.now() > deadline) {
      throw new Error(
        `waited ${timeoutMs} ms for ${what} on ${path.basename(uri.path)}; diagnostics now:\n${describe(vscode.languages.getDiagnostics(uri))}`,
      );
    }
    await sleep(100);
  }
}

export const hasCodes =
  (codes: readonly string[]) =>
  (diags: vscode.Diagnostic[]): boolean =>
    codes.every((c) => diags.some((d) => codeOf(d) === c));

export const lacksCode =
  (code: string) =>
  (diags: vscode.Diagnostic[]): boolean =>
    !diags.some((d) => codeOf(d) === code);

/**
 * Wait until the server reports `code` on `uri`. For rules that come from a language module (iptables,
 * systemd, docker): the failure says which analysis must be present, not only that a code is missing.
 */
export async function waitForCode(uri: vscode.Uri, code: string, timeoutMs = 20_000): Promise<vscode.Diagnostic> {
  const family = code.split('/')[0] ?? code;
  try {
    const diags = await waitForDiagnostics(uri, hasCodes([code]), code, timeoutMs);
    return withCode(diags, code)[0]!;
  } catch (err) {
    throw new Error(
      `${code} never arrived: the ${family} analysis must report it for this fixture.\n${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

/** Wait until the diagnostics have stopped changing for `quietMs` (after an edit or a settings change). */
export async function waitForQuiet(uri: vscode.Uri, quietMs = 800, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  let last = describe(ours(uri));
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(100);
    const now = describe(ours(uri));
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      break;
    }
  }
  return ours(uri);
}

/** Diagnostics a user is told to act on: errors and warnings. */
export function problems(diags: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diags.filter(
    (d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning,
  );
}
