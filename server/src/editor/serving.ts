import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { languageFromEditor, type LanguageId } from '../service/index';
import type { Dialect } from '../service/types';
import { codeEnabled, type EditorSettings, type SwitchableLanguage } from './editorSettings';
import type { DialectChoice } from './documentSettings';
import type { DocumentStatus } from './protocol';
import { documentHead } from '../service/text/largeDocument';

const switchOf: Record<LanguageId, SwitchableLanguage> = {
  'cloud-config': 'cloud-config',
  iptables: 'iptables',
  ip6tables: 'iptables',
  systemd: 'systemd',
  compose: 'docker',
};

const switchName: Record<SwitchableLanguage, string> = {
  'cloud-config': 'cloudConfig.userData.enable',
  iptables: 'cloudConfig.iptables.enable',
  systemd: 'cloudConfig.systemd.enable',
  docker: 'cloudConfig.docker.enable',
};

/** The language of a document regardless of the switches (undefined: not ours). */
function languageOf(
  editorLanguage: string,
  uri: string,
  text: string,
  settings: EditorSettings,
): LanguageId | undefined {
  if (editorLanguage === 'systemd-unit' && !settings.systemdUnitFiles) return undefined;
  return languageFromEditor(editorLanguage, uri, text);
}

/** Why a document of ours is not served under these settings (undefined: it is, or it is not ours). */
export function offReason(
  editorLanguage: string,
  uri: string,
  text: string,
  settings: EditorSettings,
): string | undefined {
  const lang = languageOf(editorLanguage, uri, text, settings);
  if (!lang) return undefined;
  if (!settings.enable) return 'cloudConfig.enable is off';
  const toggle = switchOf[lang];
  return settings.languages[toggle] ? undefined : `${switchName[toggle]} is off`;
}

/**
 * The language a document is served as, or undefined when it is not ours or its switch is off.
 * `detect` decides for documents with no editor language (files read from disk by Lint Workspace).
 */
export function servedLanguage(
  editorLanguage: string,
  uri: string,
  text: string,
  settings: EditorSettings,
  detect?: (uri: string, text: string) => LanguageId | undefined,
): LanguageId | undefined {
  if (!settings.enable) return undefined;
  const lang =
    editorLanguage === '' && detect
      ? detect(decodeURIComponent(uri), text)
      : languageOf(editorLanguage, uri, text, settings);
  return lang && settings.languages[switchOf[lang]] ? lang : undefined;
}

/** Diagnostics of languages that are switched on (a user-data's iptables findings go with iptables'). */
export function visibleDiagnostics(diagnostics: readonly Diagnostic[], settings: EditorSettings): Diagnostic[] {
  return diagnostics.filter((d) => typeof d.code !== 'string' || codeEnabled(d.code, settings));
}

export function countFindings(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.length;
}

const dialectNames: Record<Dialect, string> = { coreos: 'CoreOS', 'cloud-init': 'cloud-init' };

function dialectReason(dialect: Dialect, choice: DialectChoice): string {
  if (choice.reason === 'file') return 'chosen for this file with Select Dialect';
  if (choice.reason === 'setting') return `cloudConfig.dialect is ${choice.setting}`;
  return dialect === 'coreos' ? 'detected: a top-level coreos: key' : 'detected: no top-level coreos: key';
}

/** What the status bar shows for a document. */
export function documentStatus(
  doc: TextDocument,
  target: { lang: LanguageId; dialect: { dialect: Dialect } | undefined; choice: DialectChoice } | undefined,
  settings: EditorSettings,
  diagnostics: readonly Diagnostic[],
): DocumentStatus {
  if (!target) {
    const off = offReason(doc.languageId, doc.uri, documentHead(doc), settings);
    return off
      ? { uri: doc.uri, off, errors: 0, warnings: 0, infos: 0 }
      : { uri: doc.uri, errors: 0, warnings: 0, infos: 0 };
  }
  const count = (s: DiagnosticSeverity): number =>
    diagnostics.filter((d) => (d.severity ?? DiagnosticSeverity.Warning) === s).length;
  const status: DocumentStatus = {
    uri: doc.uri,
    language: target.lang,
    errors: count(DiagnosticSeverity.Error),
    warnings: count(DiagnosticSeverity.Warning),
    infos: count(DiagnosticSeverity.Information) + count(DiagnosticSeverity.Hint),
  };
  if (!target.dialect) return status;
  return {
    ...status,
    dialect: dialectNames[target.dialect.dialect],
    dialectReason: dialectReason(target.dialect.dialect, target.choice),
  };
}
