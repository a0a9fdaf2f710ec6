/**
 * Rule pages shipped with the extension: a diagnostic's code links to its page on the web
 * (`codeDescription.href`); in VS Code the link is turned into a command that opens the page packaged
 * in `docs/rules/` in the Markdown preview, so it works offline, in code-server and in the browser.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';

export const openRulePageCommand = 'cloudConfig.openRulePage';

/** `https://…/docs/rules/iptables/lockout.md` → `iptables/lockout`, for the links our server sends. */
function codeOfPageUrl(target: vscode.Uri): string | undefined {
  const m = /\/docs\/rules\/([a-z0-9-]+\/[a-z0-9-]+)\.md$/.exec(target.path);
  return target.scheme === 'https' && m ? m[1] : undefined;
}

export function rulePageUri(context: vscode.ExtensionContext, code: string): vscode.Uri {
  const [language = '', name = ''] = code.split('/');
  return vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', language, `${name}.md`);
}

/** Open the packaged page of `code` in the Markdown preview (the web page when it is not packaged). */
export async function openRulePage(context: vscode.ExtensionContext, code: string): Promise<void> {
  const page = rulePageUri(context, code);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showWarningMessage(`No documentation page for "${code}".`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', page);
}

/** The code's link as a command URI that opens the packaged page. */
function commandLink(code: string): vscode.Uri {
  return vscode.Uri.parse(`command:${openRulePageCommand}?${encodeURIComponent(JSON.stringify([code]))}`);
}

/** Language-client middleware: every diagnostic code linked to its page opens the packaged page instead. */
export const rulePageLinks: Middleware = {
  handleDiagnostics(uri, diagnostics, next) {
    for (const d of diagnostics) {
      if (d.code && typeof d.code === 'object' && d.code.target) {
        const code = codeOfPageUrl(d.code.target);
        if (code) d.code = { value: d.code.value, target: commandLink(code) };
      }
    }
    next(uri, diagnostics);
  },
};

export function registerRulePages(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(openRulePageCommand, (code: unknown) => {
      if (typeof code === 'string') return openRulePage(context, code);
      return undefined;
    }),
  );
}
