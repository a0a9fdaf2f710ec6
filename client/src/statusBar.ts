import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { statusNotification, type DocumentStatus } from '../../server/src/editor/protocol';
import { LanguageSwitch } from './languageSwitch';

const languageNames: Record<string, string> = {
  'cloud-config': 'Cloud-Config',
  iptables: 'iptables',
  ip6tables: 'ip6tables',
  systemd: 'systemd unit',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The status bar item while a document the server serves is active: server state, language and
 * dialect, the findings count. A click shows the output. What it says comes from the server's
 * `cloudConfig/status` notifications.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cloudConfig.status', vscode.StatusBarAlignment.Right, 100);
  private readonly statuses = new Map<string, DocumentStatus>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private state: State = State.Starting;
  private readonly languages: LanguageSwitch;

  /** `state`: where the answers to the one-time *.yaml offer are kept (the workspace state). */
  constructor(
    private readonly client: BaseLanguageClient,
    state?: vscode.Memento,
  ) {
    this.languages = new LanguageSwitch(state);
    this.item.name = 'Cloud-Config';
    this.item.command = 'cloudConfig.showOutput';
    this.subscriptions.push(
      this.item,
      client.onDidChangeState((e) => {
        this.state = e.newState;
        this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.statuses.delete(d.uri.toString());
        this.update();
      }),
    );
  }

  /** Listen to the server's notifications (call once the client has started). */
  listen(): void {
    this.subscriptions.push(
      this.client.onNotification(statusNotification, (s: DocumentStatus) => {
        this.statuses.set(s.uri, s);
        void this.languages.onStatus(s);
        if (vscode.window.activeTextEditor?.document.uri.toString() === s.uri) this.update();
      }),
    );
    this.update();
  }

  /** The status of the active document, for tests and the command that reads it. */
  current(): DocumentStatus | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    return uri ? this.statuses.get(uri) : undefined;
  }

  get text(): string {
    return this.item.text;
  }

  private update(): void {
    const status = this.current();
    if (!status || (!status.language && !status.off)) {
      this.item.hide();
      return;
    }
    if (this.state !== State.Running) {
      this.item.text =
        this.state === State.Starting ? '$(sync~spin) Cloud-Config' : '$(error) Cloud-Config: server stopped';
      this.item.tooltip =
        this.state === State.Starting
          ? 'The Cloud-Config language server is starting'
          : 'The Cloud-Config language server stopped: run "Cloud-Config: Restart Language Server"';
      this.item.show();
      return;
    }
    if (status.off) {
      this.item.text = '$(circle-slash) Cloud-Config: off';
      this.item.tooltip = `Not checked: ${status.off}`;
      this.item.show();
      return;
    }
    const name = languageNames[status.language ?? ''] ?? status.language ?? '';
    const counts = [
      status.errors ? plural(status.errors, 'error') : '',
      status.warnings ? plural(status.warnings, 'warning') : '',
      status.infos ? `${status.infos} info` : '',
    ].filter(Boolean);
    const icon = status.errors ? '$(error)' : status.warnings ? '$(warning)' : '$(check)';
    this.item.text = `${icon} ${name}${status.dialect ? ` (${status.dialect})` : ''}${counts.length ? `: ${counts.join(', ')}` : ''}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(
      `${name}${status.dialect ? `, dialect ${status.dialect} (${status.dialectReason ?? ''})` : ''}\n\n`,
    );
    tooltip.appendText(counts.length ? `${counts.join(', ')}\n\n` : 'No findings\n\n');
    tooltip.appendText('Click to show the output');
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
