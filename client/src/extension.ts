import * as path from 'path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerExposureCommands } from './exposureCommands';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'cloud-config' },
      { language: 'iptables' },
      { language: 'systemd-unit' },
      // VS Code's YAML extension claims `*.yaml` files whose first line is #cloud-config; the server
      // only answers for those and leaves every other YAML document alone.
      { language: 'yaml' },
    ],
    synchronize: { configurationSection: 'cloudConfig' },
  };
  client = new LanguageClient('cloudConfig', 'Cloud-Config Language Server', serverOptions, clientOptions);
  await client.start();
  registerExposureCommands(context, client);
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
