import * as path from 'path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith, type ExtensionApi } from './activate';
import { registerExposureCommands } from './exposureCommands';

let api: ExtensionApi | undefined;

export async function activate(context: ExtensionContext): Promise<ExtensionApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  api = await activateWith(
    context,
    (clientOptions) => new LanguageClient('cloudConfig', 'Cloud-Config Language Server', serverOptions, clientOptions),
  );
  registerExposureCommands(context, api.client);
  return api;
}

export async function deactivate(): Promise<void> {
  await api?.client.stop();
  api = undefined;
}
