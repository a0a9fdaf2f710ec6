import type { DialectSetting, ServiceSettings, SeveritySetting } from './service/types';

const severities = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);
const dialects = new Set<DialectSetting>(['auto', 'coreos', 'cloud-init']);

/** Read `cloudConfig.*` settings from whatever the client sent, ignoring malformed entries. */
export function readSettings(raw: unknown): ServiceSettings {
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const dialect = typeof obj['dialect'] === 'string' && dialects.has(obj['dialect'] as DialectSetting) ? (obj['dialect'] as DialectSetting) : 'auto';
  const rules: Record<string, SeveritySetting> = {};
  const rawRules = obj['rules'];
  if (rawRules && typeof rawRules === 'object') {
    for (const [code, value] of Object.entries(rawRules as Record<string, unknown>)) {
      if (typeof value === 'string' && severities.has(value as SeveritySetting)) rules[code] = value as SeveritySetting;
    }
  }
  return { dialect, rules };
}

/** `cloudConfig.systemdUnitFiles`: serve standalone systemd unit files (default on). */
export function readSystemdUnitFiles(raw: unknown): boolean {
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return obj['systemdUnitFiles'] !== false;
}
