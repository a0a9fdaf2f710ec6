import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  fixAllRequest,
  lintFilesRequest,
  ruleDocumentationRequest,
  setDialectRequest,
  workspaceFilesGlob,
  type FixAllResult,
  type LintFilesResult,
  type RuleDocumentation,
  type SetDialectParams,
} from '../../server/src/editor/protocol';

const repositoryBlob = 'https://github.com/cloud-config-tools/cloud-config-lsp/blob/main/';
/** Files above this size are left out of Lint Workspace (the server would not analyse them either). */
const maxFileBytes = 5 * 1024 * 1024;
const filesPerRequest = 20;
export const dialectsKey = 'cloudConfig.dialects';

/** What Lint Workspace did (the command's result, for tests and other extensions). */
export interface LintWorkspaceResult extends LintFilesResult {
  readonly files: number;
  readonly cancelled: boolean;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Open a rule's page: from the extension or the workspace when it is there, else offer it online. */
async function openRuleDocumentation(context: vscode.ExtensionContext, rule: RuleDocumentation): Promise<string> {
  const candidates = [
    vscode.Uri.joinPath(context.extensionUri, rule.path),
    ...(vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, rule.path)),
  ];
  for (const uri of candidates) {
    if (await exists(uri)) {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      return uri.toString();
    }
  }
  const online = vscode.Uri.parse(`${repositoryBlob}${rule.path}`);
  void vscode.window
    .showInformationMessage(`${rule.code}: ${rule.summary || 'no summary'}`, 'Open Online')
    .then((pick) => {
      if (pick) void vscode.env.openExternal(online);
    });
  return online.toString();
}

export function registerCommands(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const register = (id: string, fn: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };

  register('cloudConfig.openExample', async (): Promise<vscode.TextDocument> => {
    const bytes = await vscode.workspace.fs.readFile(
      vscode.Uri.joinPath(context.extensionUri, 'walkthrough', 'example-user-data'),
    );
    const doc = await vscode.workspace.openTextDocument({
      language: 'cloud-config',
      content: new TextDecoder().decode(bytes),
    });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  });

  register('cloudConfig.restartServer', async () => {
    if (client.isRunning()) await client.stop();
    await client.start();
  });

  register('cloudConfig.showOutput', () => {
    client.outputChannel.show(true);
  });

  register('cloudConfig.fixAll', async (): Promise<FixAllResult | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const result = await client.sendRequest<FixAllResult>(fixAllRequest, { uri: editor.document.uri.toString() });
    if (result.fixes === 0) void vscode.window.showInformationMessage('No automatic fixes for this file.');
    return result;
  });

  register('cloudConfig.showRuleDocumentation', async (): Promise<string | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const rules = await client.sendRequest<RuleDocumentation[]>(ruleDocumentationRequest, {
      uri: editor.document.uri.toString(),
      position: { line: editor.selection.active.line, character: editor.selection.active.character },
    });
    if (rules.length === 0) {
      void vscode.window.showInformationMessage('No finding under the cursor.');
      return undefined;
    }
    const rule =
      rules.length === 1
        ? rules[0]
        : (
            await vscode.window.showQuickPick(
              rules.map((r) => ({ label: r.code, detail: r.summary, rule: r })),
              { placeHolder: 'Which rule?' },
            )
          )?.rule;
    return rule ? openRuleDocumentation(context, rule) : undefined;
  });

  register('cloudConfig.lintWorkspace', async (): Promise<LintWorkspaceResult> => {
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Cloud-Config: checking the workspace',
        cancellable: true,
      },
      async (progress, token) => {
        // `undefined` as the exclude pattern applies files.exclude.
        const uris = await vscode.workspace.findFiles(workspaceFilesGlob, undefined, undefined, token);
        let checked = 0;
        let findings = 0;
        for (let i = 0; i < uris.length && !token.isCancellationRequested; i += filesPerRequest) {
          const batch = uris.slice(i, i + filesPerRequest);
          const files: Array<{ uri: string; text: string }> = [];
          for (const uri of batch) {
            try {
              const bytes = await vscode.workspace.fs.readFile(uri);
              if (bytes.byteLength <= maxFileBytes)
                files.push({ uri: uri.toString(), text: new TextDecoder().decode(bytes) });
            } catch {
              // Unreadable (gone, a special file): nothing to report for it.
            }
          }
          const result = await client.sendRequest<LintFilesResult>(lintFilesRequest, { files });
          checked += result.checked;
          findings += result.findings;
          progress.report({
            increment: (batch.length / uris.length) * 100,
            message: `${Math.min(i + batch.length, uris.length)} of ${uris.length} files`,
          });
        }
        const cancelled = token.isCancellationRequested;
        void vscode.window.showInformationMessage(
          `Cloud-Config: ${cancelled ? 'stopped after' : 'checked'} ${checked} file${checked === 1 ? '' : 's'}, ${findings} finding${findings === 1 ? '' : 's'} in Problems.`,
        );
        return { files: uris.length, checked, findings, cancelled };
      },
    );
  });

  register('cloudConfig.selectDialect', async (picked?: unknown): Promise<string | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const uri = editor.document.uri.toString();
    const dialects = context.workspaceState.get<Record<string, SetDialectParams['dialect']>>(dialectsKey, {});
    const items = [
      {
        label: 'Automatic',
        description: 'CoreOS when there is a top-level coreos: key, cloud-init otherwise',
        dialect: 'auto' as const,
      },
      { label: 'CoreOS Container Linux', description: 'coreos-cloudinit', dialect: 'coreos' as const },
      { label: 'cloud-init', description: 'Ubuntu, Debian, Fedora, ...', dialect: 'cloud-init' as const },
    ].map((i) => ({ ...i, picked: (dialects[uri] ?? 'auto') === i.dialect }));
    const dialect =
      typeof picked === 'string' && items.some((i) => i.dialect === picked)
        ? (picked as SetDialectParams['dialect'])
        : (await vscode.window.showQuickPick(items, { placeHolder: 'Read this file as written for' }))?.dialect;
    if (!dialect) return undefined;
    const next = { ...dialects };
    if (dialect === 'auto') delete next[uri];
    else next[uri] = dialect;
    await context.workspaceState.update(dialectsKey, next);
    await client.sendRequest(setDialectRequest, { uri, dialect });
    return dialect;
  });
}
