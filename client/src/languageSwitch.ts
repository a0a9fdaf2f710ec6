import * as vscode from 'vscode';
import type { DocumentStatus } from '../../server/src/editor/protocol';
import { LanguageOffers } from './languageOffer';

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
  private readonly offers: LanguageOffers;

  constructor(state?: vscode.Memento) {
    this.offers = new LanguageOffers(state);
  }

  async onStatus(status: DocumentStatus): Promise<void> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === status.uri);
    const step = this.offers.step(status.uri, status.language, doc);
    if (!doc || step.kind === 'none') return;
    if (step.kind === 'switch') {
      await vscode.languages.setTextDocumentLanguage(doc, step.language);
      return;
    }
    const name = doc.uri.path.split('/').pop() ?? doc.uri.path;
    const pick = await vscode.window.showInformationMessage(
      `${name} is #cloud-config user-data. Open it as Cloud-Config to highlight the units and rules inside?`,
      acceptOffer,
      declineOffer,
    );
    await this.offers.answer(status.uri, pick === acceptOffer ? 'accepted' : 'declined');
    const now = vscode.workspace.textDocuments.find((d) => d.uri.toString() === status.uri);
    if (pick === acceptOffer && now && now.languageId === 'yaml')
      await vscode.languages.setTextDocumentLanguage(now, step.language);
  }
}
