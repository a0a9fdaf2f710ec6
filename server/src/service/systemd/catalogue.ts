/**
 * The systemd rule catalogue: every `systemd/*` code (unit files and drop-ins, standalone or
 * embedded), its default severity and its documentation. Codes are public: never rename one.
 *
 * To add a rule:
 *   1. add its entry here (every field; `bad` must be reported by this code and by nothing else,
 *      `good` must not be reported by it; both are linted by test/service/catalogue.test.ts);
 *   2. report it from its rule file under `rules/` (`{ code: 'systemd/<code>', … }`: `Finding.code`
 *      is typed, a misspelt or uncatalogued code does not compile);
 *   3. test it (test/service/systemd*.test.ts);
 *   4. run `npm run docs:rules` to regenerate docs/rules/, the README tables and the settings schema
 *      (a test fails while they are stale).
 */
import { lines, type RuleEntry } from '../ruleEntry';

const unit = (file: string, ...body: string[]) => ({ file, text: lines(...body) });

export const systemdCatalogue = {
  'systemd/syntax': {
    severity: 'error',
    summary: 'A line systemd cannot read, or a command line it cannot use.',
    why: 'systemd skips lines it cannot parse; a broken section header or command makes it refuse the whole unit.',
    bad: unit('app.service', '[Service', 'ExecStart=/opt/bin/app'),
    good: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app'),
    fix: 'Write `[Section]` headers, `Key=Value` lines and comments starting with `#` or `;`; put settings after a section header.',
    realTool:
      '`systemd-analyze verify` reports "Invalid section header" or "Assignment outside of section" and refuses the unit when it cannot load it.',
  },
  'systemd/unknown-section': {
    severity: 'warning',
    summary: 'A section this unit type does not have; systemd ignores it with all its settings.',
    why: 'Every setting under an unknown section is ignored: a `[Timer]` section in a service, or a misspelt `[Instal]`, silently does nothing.',
    bad: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app', '', '[Instal]', 'WantedBy=multi-user.target'),
    good: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app', '', '[Install]', 'WantedBy=multi-user.target'),
    fix: "Use a section of this unit type (`[Unit]`, `[Install]` and the type's own), or start private sections with `X-`.",
    realTool: 'systemd 252 logs "Unknown section \'Instal\'. Ignoring." and goes on.',
  },
  'systemd/unknown-directive': {
    severity: 'warning',
    summary: 'A directive unknown in its section; systemd ignores the line.',
    why: 'A misspelt directive is ignored: `Restrat=always` means the service is never restarted.',
    bad: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app', 'Restrat=always'),
    good: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app', 'Restart=always'),
    fix: 'Use the name the message suggests; the quick fix renames it.',
    realTool:
      "systemd logs \"Unknown key name 'Restrat' in section 'Service', ignoring.\" (`systemd-analyze verify` exits 0).",
  },
  'systemd/misplaced-directive': {
    severity: 'warning',
    summary: 'A real directive written in the wrong section; systemd ignores it there.',
    why: 'Dependencies belong in `[Unit]`: `After=` under `[Service]` is ignored, so the ordering you wrote does not happen.',
    bad: unit('app.service', '[Service]', 'After=network-online.target', 'ExecStart=/opt/bin/app'),
    good: unit('app.service', '[Unit]', 'After=network-online.target', '', '[Service]', 'ExecStart=/opt/bin/app'),
    fix: 'Move the line to the section it belongs to; the quick fix moves it.',
    realTool: 'systemd reads each directive only in its own section and reports it as an unknown key elsewhere.',
  },
  'systemd/invalid-value': {
    severity: 'warning',
    summary: 'A value systemd cannot parse, so the setting is ignored.',
    why: 'An unparsable value is dropped and the default applies: `Restart=allways` means no restart.',
    bad: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app', 'Restart=allways'),
    good: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app', 'Restart=always'),
    fix: 'Use one of the values the directive takes (completion lists them); the quick fix offers the closest.',
    realTool: 'systemd logs "Failed to parse … ignoring" and keeps the default.',
  },
  'systemd/deprecated-directive': {
    severity: 'information',
    summary: 'An obsolete directive or value kept only for old unit files.',
    why: 'Old names still work for now but are scheduled for removal, or are already ignored on newer systemd.',
    bad: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app', 'MemoryLimit=512M'),
    good: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app', 'MemoryMax=512M'),
    fix: 'Use the successor (`MemoryMax=` for `MemoryLimit=`, `CPUWeight=` for `CPUShares=`, …); the quick fix replaces it.',
    realTool: 'systemd 252 accepts `MemoryLimit=` with a warning to use `MemoryMax=`; removed settings are "ignored".',
  },
  'systemd/missing-exec-start': {
    severity: 'error',
    summary: 'A service without ExecStart= that systemd refuses to load.',
    why: 'A service needs a command to run: without one systemd refuses the unit and it never starts.',
    bad: unit('app.service', '[Service]', 'User=app'),
    good: unit('app.service', '[Service]', 'User=app', 'ExecStart=/opt/bin/app'),
    fix: 'Add `ExecStart=` with the absolute path of the program.',
    realTool:
      '`systemd-analyze verify`: "Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing." (exit 1).',
  },
  'systemd/oneshot-restart': {
    severity: 'error',
    summary: 'Type=oneshot with Restart=always or on-success, which systemd refuses.',
    why: 'A oneshot service is meant to finish; systemd refuses to restart it on success and does not load the unit.',
    bad: unit('app.service', '[Service]', 'Type=oneshot', 'ExecStart=/opt/bin/app', 'Restart=always'),
    good: unit('app.service', '[Service]', 'Type=oneshot', 'ExecStart=/opt/bin/app', 'Restart=on-failure'),
    fix: 'Use `Restart=on-failure` (or `no`), or a `Type=simple` service if it should keep running.',
    realTool:
      '`systemd-analyze verify`: "Service has Restart= set to either always or on-success, which isn\'t allowed for Type=oneshot services. Refusing."',
  },
  'systemd/multiple-exec-start': {
    severity: 'error',
    summary: 'Several ExecStart= commands in a service that is not a oneshot.',
    why: 'Only a oneshot service may run several commands in turn; any other type is refused.',
    bad: unit('app.service', '[Service]', 'ExecStart=/opt/bin/prepare', 'ExecStart=/opt/bin/app'),
    good: unit('app.service', '[Service]', 'ExecStartPre=/opt/bin/prepare', 'ExecStart=/opt/bin/app'),
    fix: 'Run the preparation in `ExecStartPre=`, or make the service `Type=oneshot`.',
    realTool:
      '`systemd-analyze verify`: "Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing."',
  },
  'systemd/missing-trigger': {
    severity: 'error',
    summary: 'A socket, timer or path unit without its trigger, or a mount whose Where= does not match its name.',
    why: 'A timer without `On…=` never fires, a socket without `Listen…=` never listens: systemd refuses such units.',
    bad: unit('backup.timer', '[Timer]', 'Persistent=true'),
    good: unit('backup.timer', '[Timer]', 'OnCalendar=daily', 'Persistent=true'),
    fix: 'Add the trigger (`OnCalendar=`/`OnBootSec=` for timers, `ListenStream=` for sockets, `PathExists=`… for paths), or name the mount unit after its `Where=` path.',
    realTool:
      '`systemd-analyze verify`: "Timer unit lacks value setting. Refusing.", "Unit has no Listen setting", "Where= setting doesn\'t match unit name. Refusing."',
  },
  'systemd/relative-exec': {
    severity: 'warning',
    summary: 'An Exec command that is not an absolute path; older systemd refuses it.',
    why: 'systemd before 239 (Container Linux among them) needs an absolute path; a `./script` path is refused by every version.',
    bad: unit('app.service', '[Service]', 'ExecStart=app --serve'),
    good: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app --serve'),
    fix: 'Write the absolute path of the program.',
    realTool:
      'systemd 252 looks a bare name up in its search path; older systemd and any path with a slash that is not absolute fail with "Neither a valid executable name nor an absolute path".',
  },
  'systemd/broken-continuation': {
    severity: 'warning',
    summary: 'A backslash followed by blanks at the end of a line: systemd does not continue the line.',
    why: 'Only a backslash that is the very last character continues a line. With blanks after it, the next line becomes an entry of its own: a command loses its arguments (an image name, a port) and the rest is a broken line.',
    bad: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app --verbose \\  '),
    good: unit('app.service', '[Service]', 'ExecStart=/opt/bin/app --verbose'),
    fix: 'Remove the blanks after the backslash; the quick fix does.',
    realTool:
      '`systemd-analyze verify` 252 reads the line alone ("Ignoring unknown escape sequences") and then "Missing \'=\', ignoring line." for the next one.',
  },
  'systemd/credentials-in-environment': {
    severity: 'information',
    summary: 'A password, token or key set with Environment= in the unit file.',
    why: 'Unit files are readable by every user of the machine and `systemctl show` prints every Environment= value to anyone who asks: the secret is not secret.',
    bad: unit('app.service', '[Service]', 'Environment=DB_PASSWORD=hunter2', 'ExecStart=/opt/bin/app'),
    good: unit('app.service', '[Service]', 'EnvironmentFile=/etc/app/secrets.env', 'ExecStart=/opt/bin/app'),
    fix: 'Put the variable in a file readable by root only (mode 0600) and load it with `EnvironmentFile=`. In a user-data the quick fix does both: the unit loads `/etc/<unit>.env`, and a write_files entry writes that file with mode 0600. A standalone unit gets no quick fix: the file must exist before the unit starts.',
    realTool:
      '`systemctl show -p Environment app.service` prints the value for any user; EnvironmentFile= contents are not shown.',
  },
} as const satisfies Record<`systemd/${string}`, RuleEntry>;

export type SystemdCode = keyof typeof systemdCatalogue;
