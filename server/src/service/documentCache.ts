import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, LanguageId, ServiceSettings } from './types';
import { parseCloudConfig, type CloudConfigModel } from './cloudConfig/parse';
import { patchCloudConfig } from './cloudConfig/patchModel';
import { carryModel } from './cloudConfig/carryModel';
import { ownModel } from './cloudConfig/copyModel';
import { patchBlockLines } from './cloudConfig/patchLines';
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
    /** For a document without a version before: the models of other open documents, nearest in length first. */
    private readonly others?: () => readonly CloudConfigModel[],
  ) {}

  cloudConfig(): CloudConfigModel {
    if (!this.model) {
      const taken = this.previous?.takeModel(this.settings);
      // A model sharing its nodes with another document's is copied before a patch changes them.
      const before = taken && ownModel(taken);
      this.previous = undefined;
      this.model =
        (before &&
          (patchCloudConfig(before, this.text, this.settings.dialect) ??
            patchBlockLines(before, this.text, this.settings.dialect))) ??
        (before ? undefined : this.fromOthers()) ??
        parseCloudConfig(this.text, this.settings.dialect);
    }
    return this.model;
  }

  /** The model parsed so far, if any (left in place: another document may copy it). */
  parsed(): CloudConfigModel | undefined {
    return this.model;
  }

  /** A copy of a nearly equal open document's model, carried over to this text (see carryModel). */
  private fromOthers(): CloudConfigModel | undefined {
    for (const other of this.others?.() ?? []) {
      const carried = carryModel(other, this.text, this.settings.dialect);
      if (carried) return carried;
    }
    return undefined;
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
      // Only a user-data's entry reads its text (other languages read the document through their context):
      // a large rules document's text is not joined for it.
      lang === 'cloud-config' ? doc.getText() : '',
      settings,
      hit && hit.lang === lang && lang === 'cloud-config' ? hit : undefined,
      lang === 'cloud-config' ? () => this.modelsNear(doc.uri, doc.getText().length) : undefined,
    );
    this.entries.set(doc.uri, entry);
    return entry;
  }

  /** The parsed models of the other cloud-config documents, the two nearest to `length` in length. */
  private modelsNear(uri: string, length: number): CloudConfigModel[] {
    const models: CloudConfigModel[] = [];
    for (const [other, entry] of this.entries) {
      const model = other === uri || entry.lang !== 'cloud-config' ? undefined : entry.parsed();
      if (model) models.push(model);
    }
    return models.sort((a, b) => Math.abs(a.text.length - length) - Math.abs(b.text.length - length)).slice(0, 2);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
