// The web extension (vscode.dev, github.dev, code-server's browser extension host): the same client,
// with the language server in a Web Worker (dist/web/server.js).
import * as vscode from 'vscode';
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  LanguageClient,
  type MessageTransports,
} from 'vscode-languageclient/browser';
import { activateWith, type ExtensionApi } from './activate';

let api: ExtensionApi | undefined;
let worker: Worker | undefined;

/**
 * The Web Worker running dist/web/server.js. vscode.dev serves the extension over https and the worker
 * starts from that URL. Installed on a remote (code-server with the extension in its web worker
 * extension host), the extension's URI is vscode-remote:, from which VS Code's worker host refuses to
 * create workers ("Creating workers from remote extensions is currently not supported"): the server's
 * code is read through the workspace file system and started from a blob URL instead.
 */
async function serverWorker(context: vscode.ExtensionContext): Promise<Worker> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  // The name tells the server's worker apart (the e2e check looks for it).
  const options: WorkerOptions = { name: workerName };
  if (serverMain.scheme === 'https' || serverMain.scheme === 'http')
    return new Worker(serverMain.toString(true), options);
  const code = await vscode.workspace.fs.readFile(serverMain);
  const url = URL.createObjectURL(new Blob([new TextDecoder().decode(code)], { type: 'text/javascript' }));
  return new Worker(url, options);
}

export const workerName = 'cloud-config-language-server';

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  // The worker is created when the client starts, not at activation: like the Node server, it starts
  // with the first document it serves (activateWith decides when), and a restart gets a fresh worker.
  // The client does not end the worker when it stops: the previous one is ended when a new one starts.
  // The transports are made here: VS Code's web worker extension host replaces `Worker` with a function
  // whose workers are not `instanceof Worker`, so the client, handed the worker itself, would take
  // it for ready-made transports.
  const startWorker = async (): Promise<MessageTransports> => {
    worker?.terminate();
    worker = await serverWorker(context);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  api = await activateWith(
    context,
    (clientOptions) => new LanguageClient('cloudConfig', 'Cloud-Config Language Server', startWorker, clientOptions),
  );
  return api;
}

export async function deactivate(): Promise<void> {
  await api?.client.stop();
  worker?.terminate();
  worker = undefined;
  api = undefined;
}
