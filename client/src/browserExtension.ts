// The web extension (vscode.dev, github.dev, code-server's browser extension host): the same client,
// with the language server in a Web Worker (dist/web/server.js).
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, type ExtensionApi } from './activate';

let api: ExtensionApi | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const worker = new Worker(serverMain.toString(true));
  api = await activateWith(context, (clientOptions) => new LanguageClient('cloudConfig', 'Cloud-Config Language Server', worker, clientOptions));
  return api;
}

export async function deactivate(): Promise<void> {
  await api?.client.stop();
  api = undefined;
}
