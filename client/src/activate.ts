import * as vscode from 'vscode';
import { registerRulePages, rulePageLinks } from './rulePages';
import {
  DidChangeConfigurationNotification,
  type BaseLanguageClient,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import { StatusBar } from './statusBar';
import { dialectsKey, registerCommands } from './commands';
import { needsServer } from './servedDocuments';

/** What the extension exports to other extensions and to its own end-to-end tests. */
export interface ExtensionApi {
  readonly client: BaseLanguageClient;
  readonly statusBar: StatusBar;
  /** Whether the language server has been started (it is not for plain YAML). */
  readonly started: () => boolean;
}

export type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

/**
 * Start the client (the Node and the web extension differ only in how the server runs), register the
 * commands and the status bar. Everything else is the server's.
 */
export async function activateWith(context: vscode.ExtensionContext, create: ClientFactory): Promise<ExtensionApi> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'cloud-config' },
      { language: 'iptables' },
      { language: 'systemd-unit' },
      // Compose files (`compose.yaml`, `docker-compose.yml`, `*.compose.yaml`):
      // the id VS Code's Docker extension uses too.
      { language: 'dockercompose' },
      // VS Code's YAML extension claims `*.yaml` files whose first line is #cloud-config; the server
      // only answers for those and leaves every other YAML document alone.
      { language: 'yaml' },
      // Untitled Plain Text: the server tells when one starts with #cloud-config, and it is switched.
      { scheme: 'untitled', language: 'plaintext' },
    ],
    // Settings are asked per document (resource scope, multi-root folders may differ); the client only
    // says when they changed.
    initializationOptions: { dialects: context.workspaceState.get(dialectsKey, {}) },
    // A click on a finding's code opens its page packaged with the extension.
    middleware: rulePageLinks,
  };
  registerRulePages(context);
  const client = create(clientOptions);
  const statusBar = new StatusBar(client, context.workspaceState);
  context.subscriptions.push(statusBar);
  registerCommands(context, client);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('cloudConfig') && client.isRunning()) {
        void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      }
    }),
  );
  statusBar.listen();
  context.subscriptions.push({ dispose: () => void (client.isRunning() ? client.stop() : undefined) });
  // The extension activates for every YAML file; the server starts only once a document it serves is
  // open (a plain YAML file costs the activation alone). Commands that ask the server start it too.
  let starting: Promise<void> | undefined;
  const waiting: vscode.Disposable[] = [];
  const start = (): Promise<void> => {
    if (!starting) {
      starting = client.start();
      for (const w of waiting.splice(0)) w.dispose();
    }
    return starting;
  };
  if (vscode.workspace.textDocuments.some(needsServer)) {
    await start();
  } else {
    waiting.push(
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (needsServer(d)) void start();
      }),
      // A YAML or untitled document that gets its #cloud-config (or rules) first line while open.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.some((c) => c.range.start.line <= 1) && needsServer(e.document)) void start();
      }),
    );
    context.subscriptions.push({
      dispose: () => {
        for (const w of waiting.splice(0)) w.dispose();
      },
    });
  }
  return { client, statusBar, started: () => starting !== undefined || client.isRunning() };
}
