// What to do with a document the server recognises, decided without the editor (no `vscode` import at
// run time), so the decision is tested with a fake state.

/** The editor language of each language the server reads a document as. */
const editorLanguage: Record<string, string> = {
  'cloud-config': 'cloud-config',
  iptables: 'iptables',
  ip6tables: 'iptables',
  systemd: 'systemd-unit',
};

/** Where the answers to the *.yaml offer are kept (workspace state): file URI → the answer. */
export const yamlOffersKey = 'cloudConfig.yamlOffers';
export type OfferAnswer = 'accepted' | 'declined';

/** The part of VS Code's Memento the offers use. */
export interface AnswerStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): Thenable<void>;
}

/** The document as the editor has it when the server's status arrives. */
export interface OpenDocument {
  readonly languageId: string;
  readonly isUntitled: boolean;
}

/** Leave it, switch it to `language` now, or offer the switch (a *.yaml file). */
export type LanguageStep = { readonly kind: 'none' } | { readonly kind: 'switch' | 'offer'; readonly language: string };

const none: LanguageStep = { kind: 'none' };

/**
 * The offers of one window: the answers kept per file in `store`, and the files asked about in this
 * window (answered or not yet). One file's answer or pending offer says nothing about another file.
 */
export class LanguageOffers {
  private readonly offered = new Set<string>();

  constructor(private readonly store?: AnswerStore) {}

  answers(): Record<string, OfferAnswer> {
    return this.store?.get<Record<string, OfferAnswer>>(yamlOffersKey, {}) ?? {};
  }

  /** What to do for `uri`, read by the server as `serverLanguage`, open in the editor as `doc`. */
  step(uri: string, serverLanguage: string | undefined, doc: OpenDocument | undefined): LanguageStep {
    const target = serverLanguage && editorLanguage[serverLanguage];
    if (!target || !doc || doc.languageId === target) return none;
    if (doc.isUntitled && doc.languageId === 'plaintext') return { kind: 'switch', language: target };
    if (doc.languageId !== 'yaml' || target !== 'cloud-config') return none;
    const answer = this.answers()[uri];
    // Chosen for this file before: each time it opens as YAML, it becomes Cloud-Config again.
    if (answer === 'accepted') return { kind: 'switch', language: target };
    if (answer === 'declined' || this.offered.has(uri)) return none;
    this.offered.add(uri);
    return { kind: 'offer', language: target };
  }

  /** Keep the answer for `uri` (a dismissed offer counts as declined). */
  async answer(uri: string, answer: OfferAnswer): Promise<void> {
    await this.store?.update(yamlOffersKey, { ...this.answers(), [uri]: answer });
  }
}
