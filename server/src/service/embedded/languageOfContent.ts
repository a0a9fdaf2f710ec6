import type { EmbeddedLanguage } from './region';
import { rulesFamilyFromPath, ufwRulesFile } from '../languageId';

const unitSuffixes = /\.(service|socket|timer|mount|automount|path|target|swap|slice|scope|device)$/;
const rulesPaths =
  /(^|\/)(rules-save|rules\.v[46]|ip6?tables\.rules|ip6?tables\.save|[^/]+\.ip6?tables)$|^\/etc\/sysconfig\/ip6?tables$/;

/** First line that is neither blank nor a comment. */
function firstMeaningfulLine(text: string): string {
  for (const line of text.split('\n', 200)) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#') && !t.startsWith(';')) return t;
  }
  return '';
}

export function languageFromContent(text: string, path: string | undefined): EmbeddedLanguage {
  const first = firstMeaningfulLine(text);
  if (/^\*(filter|nat|mangle|raw|security)\b/.test(first)) return rulesFamilyFromPath(path ?? '');
  if (/^\[(Unit|Service|Install|Socket|Timer|Mount|Automount|Path|Swap|Slice|Scope)\]/.test(first)) return 'systemd';
  return 'other';
}

/** Language of a write_files entry, from its path first and its content second. */
export function languageOfFile(path: string | undefined, text: string): EmbeddedLanguage {
  if (path) {
    const ufw = /^\/etc\/ufw\/[^/]+$/.test(path) ? ufwRulesFile(path) : undefined;
    if (ufw) return ufw.family;
    if (rulesPaths.test(path)) return rulesFamilyFromPath(path);
    if (/\/systemd\/.+/.test(path) && (unitSuffixes.test(path) || /\.d\/[^/]+\.conf$/.test(path))) return 'systemd';
  }
  return languageFromContent(text, path);
}

/** Language of a coreos.units[] entry's content, from the unit name. */
export function languageOfUnit(name: string | undefined, text: string): EmbeddedLanguage {
  if (name && unitSuffixes.test(name)) return 'systemd';
  if (name && /\.(network|netdev|link)$/.test(name)) return 'other';
  return languageFromContent(text, undefined);
}
