import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, LanguageId, ServiceSettings } from './types';
import { parseCloudConfig, type CloudConfigModel } from './cloudConfig/parse';

/** Everything computed for one (uri, version, language): parsed at most once. */
export class DocumentEntry {
  findings: readonly Finding[] | undefined;
  private model: CloudConfigModel | undefined;

  constructor(
    readonly version: number,
    readonly lang: LanguageId,
    private readonly text: string,
    private readonly settings: ServiceSettings,
  ) {}

  cloudConfig(): CloudConfigModel {
    this.model ??= parseCloudConfig(this.text, this.settings.dialect);
    return this.model;
  }
}

export class DocumentCache {
  private readonly entries = new Map<string, DocumentEntry>();

  get(doc: TextDocument, lang: LanguageId, settings: ServiceSettings): DocumentEntry {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.lang === lang) return hit;
    const entry = new DocumentEntry(doc.version, lang, doc.getText(), settings);
    this.entries.set(doc.uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
