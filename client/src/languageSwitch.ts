import * as vscode from 'vscode';
import type { DocumentStatus } from '../../server/src/editor/protocol';

/** The editor language of each language the server reads a document as. */
const editorLanguage: Record<string, string> = {
  'cloud-config': 'cloud-config', iptables: 'iptables', ip6tables: 'iptables', systemd: 'systemd-unit',
};

/**
 * Bring documents the server recognises to their language: an untitled Plain Text document whose
 * first line is #cloud-config (or that starts like a rules file) is switched at once; a *.yaml file
 * that starts with #cloud-config stays YAML (VS Code picks the language by extension before the
 * first line, and the YAML extension may serve it too), and gets one offer to open it as
 * Cloud-Config, which brings the embedded units' and rules' highlighting.
 */
export class LanguageSwitch {
  private readonly offered = new Set<string>();

  async onStatus(status: DocumentStatus): Promise<void> {
    const target = status.language && editorLanguage[status.language];
    if (!target) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === status.uri);
    if (!doc || doc.languageId === target) return;
    if (doc.isUntitled && doc.languageId === 'plaintext') {
      await vscode.languages.setTextDocumentLanguage(doc, target);
      return;
    }
    if (doc.languageId === 'yaml' && target === 'cloud-config' && !this.offered.has(status.uri)) {
      this.offered.add(status.uri);
      const name = doc.uri.path.split('/').pop() ?? doc.uri.path;
      const pick = await vscode.window.showInformationMessage(
        `${name} is #cloud-config user-data. Open it as Cloud-Config to highlight the units and rules inside?`, 'Open as Cloud-Config');
      if (pick) await vscode.languages.setTextDocumentLanguage(doc, 'cloud-config');
    }
  }
}
