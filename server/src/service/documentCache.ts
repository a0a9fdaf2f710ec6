import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, LanguageId, ServiceSettings } from './types';
import { parseCloudConfig, type CloudConfigModel } from './cloudConfig/parse';
import { patchCloudConfig } from './cloudConfig/patchModel';
import type { OtherChecks } from './cloudConfig/validate';

/** Everything computed for one (uri, version, language): parsed at most once. */
export class DocumentEntry {
  findings: readonly Finding[] | undefined;
  /** After a first pass (embedded checks left out): the other checks' findings, for the complete set. */
  firstPass: OtherChecks | undefined;
  private model: CloudConfigModel | undefined;

  constructor(
    readonly version: number,
    readonly lang: LanguageId,
    private readonly text: string,
    private readonly settings: ServiceSettings,
    /** The entry of the version before, whose model an edit inside a block can carry over. */
    private previous?: DocumentEntry,
  ) {}

  cloudConfig(): CloudConfigModel {
    if (!this.model) {
      const before = this.previous?.takeModel(this.settings);
      this.previous = undefined;
      this.model =
        (before && patchCloudConfig(before, this.text, this.settings.dialect)) ??
        parseCloudConfig(this.text, this.settings.dialect);
    }
    return this.model;
  }

  /**
   * Hand the parsed model over to the next version (it is updated in place, so this entry gives it
   * up and would parse again if asked). Only a model parsed with the same dialect setting.
   */
  takeModel(settings: ServiceSettings): CloudConfigModel | undefined {
    const model = this.settings.dialect === settings.dialect ? this.model : undefined;
    this.model = undefined;
    this.previous = undefined;
    return model;
  }
}

export class DocumentCache {
  private readonly entries = new Map<string, DocumentEntry>();

  get(doc: TextDocument, lang: LanguageId, settings: ServiceSettings): DocumentEntry {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.lang === lang) return hit;
    const entry = new DocumentEntry(
      doc.version,
      lang,
      doc.getText(),
      settings,
      hit && hit.lang === lang && lang === 'cloud-config' ? hit : undefined,
    );
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
