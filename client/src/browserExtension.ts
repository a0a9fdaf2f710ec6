// The web extension (vscode.dev, github.dev, code-server's browser extension host): the same client,
// with the language server in a Web Worker (dist/web/server.js).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, type ExtensionApi } from './activate';

let api: ExtensionApi | undefined;

/**
 * The Web Worker running dist/web/server.js. vscode.dev serves the extension over https and the worker
 * starts from that URL. Installed on a remote (code-server with the extension in its web worker
 * extension host), the extension's URI is vscode-remote:, from which VS Code's worker host refuses to
 * create workers ("Creating workers from remote extensions is currently not supported"): the server's
 * code is read through the workspace file system and started from a blob URL instead.
 */
async function serverWorker(context: vscode.ExtensionContext): Promise<Worker> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  if (serverMain.scheme === 'https' || serverMain.scheme === 'http') return new Worker(serverMain.toString(true));
  const code = await vscode.workspace.fs.readFile(serverMain);
  return new Worker(URL.createObjectURL(new Blob([new TextDecoder().decode(code)], { type: 'text/javascript' })));
}

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const worker = await serverWorker(context);
  api = await activateWith(
    context,
    (clientOptions) => new LanguageClient('cloudConfig', 'Cloud-Config Language Server', worker, clientOptions),
  );
  return api;
}

export async function deactivate(): Promise<void> {
  await api?.client.stop();
  api = undefined;
}
