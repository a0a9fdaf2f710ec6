import * as vscode from 'vscode';
import type { DocumentStatus } from '../../server/src/editor/protocol';

/** The editor language of each language the server reads a document as. */
const editorLanguage: Record<string, string> = {
  'cloud-config': 'cloud-config',
  iptables: 'iptables',
  ip6tables: 'iptables',
  systemd: 'systemd-unit',
};

/** Where the answers to the *.yaml offer are kept (workspace state): file URI → the answer. */
export const yamlOffersKey = 'cloudConfig.yamlOffers';
type Answer = 'accepted' | 'declined';
export const acceptOffer = 'Open as Cloud-Config';
export const declineOffer = 'Keep as YAML';

/**
 * Bring documents the server recognises to their language: an untitled Plain Text document whose
 * first line is #cloud-config (or that starts like a rules file) is switched at once; a *.yaml file
 * that starts with #cloud-config stays YAML (VS Code picks the language by extension before the
 * first line, and the YAML extension may serve it too), and gets one offer to open it as
 * Cloud-Config, which brings the embedded units' and rules' highlighting. The answer is kept per file
 * in the workspace state: a file once accepted opens as Cloud-Config from then on, a declined (or
 * dismissed) offer is not made again. Nothing else changes the language of a YAML file: no
 * `files.associations` are written, so the YAML extension keeps every other file and this one until
 * the user accepts.
 */
export class LanguageSwitch {
  /** Offers made in this window (answered or not yet). */
  private readonly offered = new Set<string>();

  constructor(private readonly state?: vscode.Memento) {}

  private answers(): Record<string, Answer> {
    return this.state?.get<Record<string, Answer>>(yamlOffersKey, {}) ?? {};
  }

  async onStatus(status: DocumentStatus): Promise<void> {
    const target = status.language && editorLanguage[status.language];
    if (!target) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === status.uri);
    if (!doc || doc.languageId === target) return;
    if (doc.isUntitled && doc.languageId === 'plaintext') {
      await vscode.languages.setTextDocumentLanguage(doc, target);
      return;
    }
    if (doc.languageId !== 'yaml' || target !== 'cloud-config') return;
    const answer = this.answers()[status.uri];
    if (answer === 'accepted') {
      // Chosen for this file before: each time it opens as YAML, it becomes Cloud-Config again.
      await vscode.languages.setTextDocumentLanguage(doc, 'cloud-config');
      return;
    }
    if (answer === 'declined' || this.offered.has(status.uri)) return;
    this.offered.add(status.uri);
    const name = doc.uri.path.split('/').pop() ?? doc.uri.path;
    const pick = await vscode.window.showInformationMessage(
      `${name} is #cloud-config user-data. Open it as Cloud-Config to highlight the units and rules inside?`,
      acceptOffer,
      declineOffer,
    );
    await this.state?.update(yamlOffersKey, {
      ...this.answers(),
      [status.uri]: pick === acceptOffer ? 'accepted' : 'declined',
    });
    const now = vscode.workspace.textDocuments.find((d) => d.uri.toString() === status.uri);
    if (pick === acceptOffer && now && now.languageId === 'yaml')
      await vscode.languages.setTextDocumentLanguage(now, 'cloud-config');
  }
}
