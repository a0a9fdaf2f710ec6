import type { DialectSetting, ServiceSettings, SeveritySetting } from './service/types';
import { isSeveritySetting, ruleSettingProblem } from './service/ruleSettings';

const dialects = new Set<DialectSetting>(['auto', 'coreos', 'cloud-init']);

/** Read `cloudConfig.*` settings from whatever the client sent, ignoring malformed entries. */
export function readSettings(raw: unknown): ServiceSettings {
  return readSettingsReporting(raw).settings;
}

/**
 * Read `cloudConfig.*` settings and say what in them is ignored: a rule code no catalogue has, a
 * severity that is not one (each problem one sentence, for the output channel and a notification).
 */
export function readSettingsReporting(raw: unknown): { settings: ServiceSettings; problems: string[] } {
  const problems: string[] = [];
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const dialect =
    typeof obj['dialect'] === 'string' && dialects.has(obj['dialect'] as DialectSetting)
      ? (obj['dialect'] as DialectSetting)
      : 'auto';
  const rules: Record<string, SeveritySetting> = {};
  const rawRules = obj['rules'];
  if (rawRules && typeof rawRules === 'object' && !Array.isArray(rawRules)) {
    for (const [code, value] of Object.entries(rawRules as Record<string, unknown>)) {
      const problem = ruleSettingProblem(code, value);
      if (problem) problems.push(`cloudConfig.rules: ${problem}`);
      else if (isSeveritySetting(value)) rules[code] = value;
    }
  } else if (rawRules !== undefined && rawRules !== null) {
    problems.push(
      `cloudConfig.rules: must be an object of "code": "severity" entries; got ${JSON.stringify(rawRules)}.`,
    );
  }
  return { settings: { dialect, rules }, problems };
}

/** `cloudConfig.systemdUnitFiles`: serve standalone systemd unit files (default on). */
export function readSystemdUnitFiles(raw: unknown): boolean {
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return obj['systemdUnitFiles'] !== false;
}
