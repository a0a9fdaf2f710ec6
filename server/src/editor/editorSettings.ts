import type { ServiceSettings } from '../service/types';
import { diagnosticSource } from '../service/diagnostics';
import { readSettings, readSystemdUnitFiles } from '../settings';

/** When diagnostics are computed: on every change, or only when the file is opened and saved. */
export type RunMode = 'onType' | 'onSave';

/** The languages a user can switch off one by one. */
export const switchableLanguages = ['cloud-config', 'iptables', 'systemd', 'docker'] as const;
export type SwitchableLanguage = (typeof switchableLanguages)[number];

/** Everything `cloudConfig.*` decides for one document (settings are resource-scoped). */
export interface EditorSettings {
  /** `cloudConfig.enable`: the whole extension. */
  readonly enable: boolean;
  /** `cloudConfig.<language>.enable` (user data is `cloudConfig.userData.enable`). */
  readonly languages: Readonly<Record<SwitchableLanguage, boolean>>;
  readonly run: RunMode;
  /** `cloudConfig.systemdUnitFiles`: serve standalone unit files (another extension may). */
  readonly systemdUnitFiles: boolean;
  readonly service: ServiceSettings;
}

export const defaultEditorSettings: EditorSettings = {
  enable: true,
  languages: { 'cloud-config': true, iptables: true, systemd: true, docker: true },
  run: 'onType',
  systemdUnitFiles: true,
  service: { dialect: 'auto', rules: {} },
};

/** The name of a language's switch inside the `cloudConfig` section. */
const switchKey: Record<SwitchableLanguage, string> = {
  'cloud-config': 'userData',
  iptables: 'iptables',
  systemd: 'systemd',
  docker: 'docker',
};

function record(raw: unknown): Record<string, unknown> {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/**
 * Read one language's switch. VS Code sends `{ iptables: { enable: false } }`; a client that keeps
 * dotted keys flat (`{ "iptables.enable": false }`) is read too.
 */
function languageSwitch(obj: Record<string, unknown>, lang: SwitchableLanguage): boolean {
  const key = switchKey[lang];
  return record(obj[key])['enable'] !== false && obj[`${key}.enable`] !== false;
}

/**
 * Read the `cloudConfig` section as the client sent it; anything malformed keeps its default.
 * `readService` reads the service part (the server's reports what it ignores).
 */
export function readEditorSettings(
  raw: unknown,
  readService: (raw: unknown) => ServiceSettings = readSettings,
): EditorSettings {
  const obj = record(raw);
  const languages = {} as Record<SwitchableLanguage, boolean>;
  for (const lang of switchableLanguages) languages[lang] = languageSwitch(obj, lang);
  return {
    enable: obj['enable'] !== false,
    languages,
    run: obj['run'] === 'onSave' ? 'onSave' : 'onType',
    systemdUnitFiles: readSystemdUnitFiles(raw),
    service: readService(raw),
  };
}

/** Whether findings with this code are reported under these settings (their language switched on). */
export function codeEnabled(code: string, settings: EditorSettings): boolean {
  const lang = diagnosticSource(code);
  return !(switchableLanguages as readonly string[]).includes(lang) || settings.languages[lang as SwitchableLanguage];
}
