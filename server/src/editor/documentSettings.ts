import type { DialectSetting } from '../service/types';
import { defaultEditorSettings, readEditorSettings, type EditorSettings } from './editorSettings';

/** Asks the client for the `cloudConfig` section as it applies to one resource (null: no answer). */
export type ConfigurationPull = (scopeUri: string) => Promise<unknown>;

/** Why a document is read with the dialect it gets. */
export interface DialectChoice {
  readonly setting: DialectSetting;
  readonly reason: 'file' | 'setting' | 'auto';
}

/**
 * Settings per document: the `cloudConfig` section as it applies to the document's folder (resource
 * scope, so the folders of a multi-root workspace can differ), and the dialect chosen for one file
 * with the Select Dialect command, which wins over the setting.
 */
export class DocumentSettings {
  /** Settings for documents without their own (a client that cannot answer per resource). */
  private global: EditorSettings = defaultEditorSettings;
  private readonly perUri = new Map<string, EditorSettings>();
  private readonly pending = new Map<string, Promise<EditorSettings>>();
  private readonly dialectOverrides = new Map<string, DialectSetting>();

  constructor(
    private pull: ConfigurationPull | undefined,
    private readonly read: (raw: unknown) => EditorSettings = readEditorSettings,
  ) {}

  /** Whether settings are asked per resource (the client answers workspace/configuration). */
  get perResource(): boolean {
    return this.pull !== undefined;
  }

  setPull(pull: ConfigurationPull | undefined): void {
    this.pull = pull;
  }

  /** Settings that apply where no resource answer exists (initializationOptions, pushed settings). */
  setGlobal(settings: EditorSettings): void {
    this.global = settings;
  }

  get globalSettings(): EditorSettings {
    return this.global;
  }

  /** The settings of a document as last known (without asking). */
  get(uri: string): EditorSettings {
    return this.withDialect(uri, this.perUri.get(uri) ?? this.global);
  }

  /** The settings of a document, asking the client once per document (and again after `invalidate`). */
  async resolve(uri: string): Promise<EditorSettings> {
    if (!this.pull || this.perUri.has(uri)) return this.get(uri);
    let pending = this.pending.get(uri);
    if (!pending) {
      pending = this.ask(uri);
      this.pending.set(uri, pending);
    }
    await pending;
    return this.get(uri);
  }

  private async ask(uri: string): Promise<EditorSettings> {
    let settings = this.global;
    try {
      const raw = await this.pull?.(uri);
      if (raw !== null && raw !== undefined) settings = this.read(raw);
    } catch {
      // A client that fails the request keeps the global settings for this document.
    }
    if (this.pending.has(uri)) {
      this.perUri.set(uri, settings);
      this.pending.delete(uri);
    }
    return settings;
  }

  /** Forget what the client said (settings changed): the next `resolve` asks again. */
  invalidate(): void {
    this.perUri.clear();
    this.pending.clear();
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
    this.pending.delete(uri);
  }

  /** The dialect chosen for one file (`auto` removes the choice). */
  setDialect(uri: string, dialect: DialectSetting): void {
    if (dialect === 'auto') this.dialectOverrides.delete(uri);
    else this.dialectOverrides.set(uri, dialect);
  }

  dialectChoice(uri: string): DialectChoice {
    const forced = this.dialectOverrides.get(uri);
    if (forced) return { setting: forced, reason: 'file' };
    const setting = (this.perUri.get(uri) ?? this.global).service.dialect;
    return { setting, reason: setting === 'auto' ? 'auto' : 'setting' };
  }

  private withDialect(uri: string, settings: EditorSettings): EditorSettings {
    const forced = this.dialectOverrides.get(uri);
    return forced && forced !== settings.service.dialect
      ? { ...settings, service: { ...settings.service, dialect: forced } }
      : settings;
  }
}
