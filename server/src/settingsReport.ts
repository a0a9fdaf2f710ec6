import type { ServiceSettings } from './service/types';
import { readSettingsReporting } from './settings';

/**
 * Read `cloudConfig.*` settings, and report what in them is ignored (a made-up rule code, a bad
 * severity): each problem to the log, and one notification for the lot. The same problems are not
 * reported again when the settings are read again unchanged; a new set of problems is.
 */
export function settingsReader(
  log: (line: string) => void,
  notify: (message: string) => void,
): (raw: unknown) => ServiceSettings {
  let reported = '';
  return (raw) => {
    const { settings, problems } = readSettingsReporting(raw);
    const key = problems.join('\n');
    if (key !== reported) {
      reported = key;
      for (const p of problems) log(p);
      if (problems.length === 1) notify(`Cloud-Config settings: ${problems[0] as string}`);
      else if (problems.length > 1)
        notify(
          `Cloud-Config settings: ${problems.length} rule settings are ignored (see the Cloud-Config output). ${problems[0] as string}`,
        );
    }
    return settings;
  };
}
