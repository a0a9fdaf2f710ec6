/**
 * The cloud-config rule catalogue: every `cloud-config/*` code, its default severity and its
 * documentation. Codes are public: never rename one.
 *
 * To add a rule:
 *   1. add its entry here (every field; `bad` must be reported by this code and by nothing else,
 *      `good` must not be reported by it; both are linted by test/service/catalogue.test.ts);
 *   2. report it from its rule file (`ctx.report('cloud-config/<code>', …)`: the code is typed, a
 *      misspelt or uncatalogued code does not compile);
 *   3. test it (test/service/<feature>.test.ts);
 *   4. run `npm run docs:rules` to regenerate docs/rules/, the README tables and the settings schema
 *      (a test fails while they are stale).
 */
import { lines, type RuleEntry } from '../ruleEntry';

const rulesSave = (content: string, scalar = '|'): string[] => [
  'write_files:',
  '  - path: /var/lib/iptables/rules-save',
  `    content: ${scalar}`,
  ...content.split('\n').map((l) => `      ${l}`),
];
const safeRules =
  '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT';
const restoreUnit = ['    - name: iptables-restore.service', '      enable: true', '      command: start'];

export const cloudConfigCatalogue = {
  'cloud-config/header': {
    severity: 'error',
    summary: 'Line 1 is not exactly #cloud-config, so the file is not read as cloud-config.',
    why: 'Without the exact header the machine does not treat the user-data as cloud-config: none of it is applied, and no error shows until the machine boots without users, units or files.',
    bad: { file: 'user-data', text: lines('# cloud-config', 'hostname: web-1') },
    good: { file: 'user-data', text: lines('#cloud-config', 'hostname: web-1') },
    fix: 'Make line 1 exactly `#cloud-config` (no space after `#`, lower case, nothing before it). The quick fix inserts or replaces line 1.',
    realTool:
      'coreos-cloudinit requires line 1 to equal `#cloud-config` (trailing spaces allowed) and reports "Unrecognized user-data format" otherwise; `cloud-init schema` requires the bytes to start with `#cloud-config` (case-sensitive).',
  },
  'cloud-config/yaml-syntax': {
    severity: 'error',
    summary: 'The YAML does not parse.',
    why: 'A YAML error makes the whole user-data unreadable: the machine applies none of it.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'hostname: web-1', '\tmanage_etc_hosts: true') },
    good: { file: 'user-data', text: lines('#cloud-config', 'hostname: web-1', 'manage_etc_hosts: true') },
    fix: 'Correct the YAML at the marked spot: indent with spaces (never tabs), close quotes and brackets, align keys of one mapping.',
    realTool:
      'Both readers stop at the first YAML error: coreos-cloudinit reports "found character that cannot start any token" for a tab; `cloud-init schema` says the file "is not valid yaml".',
  },
  'cloud-config/unknown-key': {
    severity: 'warning',
    summary: 'A key not known at this level is ignored by the machine.',
    why: 'A misspelt key is silently ignored at boot: `enabled: true` under a unit never enables it, `write_file:` writes no file.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'hostnme: web-1') },
    good: { file: 'user-data', text: lines('#cloud-config', 'hostname: web-1') },
    fix: 'Use the key the message suggests (the closest known one); the quick fix renames it.',
    realTool:
      'coreos-cloudinit warns `unrecognized key` and ignores it at runtime; cloud-init before 23.4 ignores unknown top-level keys, later versions reject them.',
  },
  'cloud-config/type': {
    severity: 'warning',
    summary: 'A value has the wrong YAML type (a string where a list belongs, a quoted boolean).',
    why: 'A value of the wrong type is skipped or misread: a single key written as a string instead of a list installs no key.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'ssh_authorized_keys: ssh-ed25519 AAAAC3Nza admin') },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'ssh_authorized_keys:', '  - ssh-ed25519 AAAAC3Nza admin'),
    },
    fix: 'Write the value with the type the key takes (a list item, an unquoted boolean); the quick fix converts it where the intent is clear.',
    realTool:
      "`cloud-init schema` reports `… is not of type 'array'`; coreos-cloudinit warns on values of the wrong type and drops them.",
  },
  'cloud-config/invalid-value': {
    severity: 'error',
    summary: 'A value outside the set or pattern the key allows.',
    why: 'The machine rejects or ignores the setting: a unit with `command: Start` is never started.',
    bad: {
      file: 'user-data',
      text: lines('#cloud-config', 'coreos:', '  units:', '    - name: docker.service', '      command: Start'),
    },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'coreos:', '  units:', '    - name: docker.service', '      command: start'),
    },
    fix: 'Use one of the allowed values (completion lists them); the quick fix offers the closest.',
    realTool:
      "coreos-cloudinit's validator reports invalid values as errors (unit commands are the seven systemctl verbs, case-sensitive); cloud-init's schema rejects values outside an enum.",
  },
  'cloud-config/missing-key': {
    severity: 'error',
    summary: 'An entry lacks a key it needs, so the entry is skipped.',
    why: 'A `write_files` entry without `path` writes nothing, a unit without `name` is not installed: the entry is dropped without a word.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'write_files:', '  - content: hello') },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'write_files:', '  - path: /etc/motd', '    content: hello'),
    },
    fix: 'Add the missing key (`path` for a file, `name` for a unit or user).',
    realTool:
      "`cloud-init schema` reports `'path' is a required property`; coreos-cloudinit cannot write a file or unit without its name.",
  },
  'cloud-config/empty': {
    severity: 'information',
    summary: 'The cloud-config has no settings.',
    why: 'A header with nothing after it configures nothing: usually the body was lost when the user-data was pasted or templated.',
    bad: { file: 'user-data', text: lines('#cloud-config') },
    good: { file: 'user-data', text: lines('#cloud-config', 'hostname: web-1') },
    fix: 'Add the settings, or remove the user-data if none are meant.',
    realTool: '`cloud-init schema` says "Cloud-config is not a YAML dict." for a header without a body.',
  },
  'cloud-config/deprecated': {
    severity: 'information',
    summary: 'A key or component that is no longer supported.',
    why: 'Deprecated keys configure components that are gone or going (etcd 0.4, fleet): the setting has no effect on current images.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'coreos:', '  fleet:', '    metadata: role=web') },
    good: { file: 'user-data', text: lines('#cloud-config', 'coreos:', '  units: []') },
    fix: "Remove the key, or move to its successor (etcd2 or a unit of your own instead of etcd and fleet; cloud-init's newer key names).",
    realTool:
      'coreos-cloudinit still reads `etcd` and `fleet` but the services they configure are not shipped any more; cloud-init marks the keys deprecated in its schema.',
  },
  'cloud-config/hyphen-key': {
    severity: 'hint',
    summary: 'A key spelling (- or _) that one dialect accepts and the other ignores.',
    why: 'CoreOS reads `write-files` and `write_files` alike, cloud-init ignores the hyphen form: the same user-data works on one machine and silently loses its files on the other.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units: []',
        'write-files:',
        '  - path: /etc/motd',
        '    content: hello',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units: []',
        'write_files:',
        '  - path: /etc/motd',
        '    content: hello',
      ),
    },
    fix: 'Use the underscore spelling that both read; the quick fix renames it.',
    realTool:
      'coreos-cloudinit replaces every `-` in a key by `_` before reading it; cloud-init takes keys as written, so `write-files` is an unknown key there.',
  },
  'cloud-config/unquoted-permissions': {
    severity: 'warning',
    summary: 'Unquoted numeric permissions are read differently by YAML 1.1 and 1.2 readers.',
    why: 'An unquoted `644` becomes mode 01204 under cloud-init (the decimal number is taken as the mode), and `0644` is a schema error there: the file gets the wrong mode or the config fails validation.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'write_files:',
        '  - path: /etc/motd',
        '    permissions: 0644',
        '    content: hello',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'write_files:',
        '  - path: /etc/motd',
        '    permissions: "0644"',
        '    content: hello',
      ),
    },
    fix: 'Quote the mode: `permissions: "0644"`. The quick fix quotes it (adding the leading 0 where it is missing).',
    realTool:
      'PyYAML reads `0644` as the integer 420 and `644` as 644, which cloud-init then uses as the mode (0o1204); `cloud-init schema` rejects both as "not of type \'string\'". coreos-cloudinit keeps the source text, so `0644` works there.',
  },
  'cloud-config/owner': {
    severity: 'warning',
    summary: 'owner is not user or user:group.',
    why: 'An owner written as `root.root` or with spaces is not split into user and group: the file write fails or keeps the default owner.',
    bad: {
      file: 'user-data',
      text: lines('#cloud-config', 'write_files:', '  - path: /etc/motd', '    owner: root.root', '    content: hello'),
    },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'write_files:', '  - path: /etc/motd', '    owner: root:root', '    content: hello'),
    },
    fix: 'Write `user` or `user:group`.',
    realTool:
      'cloud-init and coreos-cloudinit split `owner` at the colon and look both names up; `root.root` is looked up as one user name.',
  },
  'cloud-config/relative-path': {
    severity: 'error',
    summary: 'A write_files path that is not absolute.',
    why: 'A relative path is resolved against whatever directory the agent runs in: the file lands in the wrong place or is not written.',
    bad: {
      file: 'user-data',
      text: lines('#cloud-config', 'write_files:', '  - path: etc/motd', '    content: hello'),
    },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'write_files:', '  - path: /etc/motd', '    content: hello'),
    },
    fix: 'Start the path with `/`.',
    realTool:
      'coreos-cloudinit joins the path to the root of the filesystem it writes to; cloud-init writes relative to its working directory.',
  },
  'cloud-config/read-only-path': {
    severity: 'error',
    summary: 'A file written under /usr, which is read-only on Container Linux.',
    why: '/usr is a read-only, verified partition on Container Linux: the write fails at boot and the file never exists.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units: []',
        'write_files:',
        '  - path: /usr/local/bin/setup',
        '    content: hello',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units: []',
        'write_files:',
        '  - path: /opt/bin/setup',
        '    content: hello',
      ),
    },
    fix: 'Write under `/opt`, `/etc` or `/var` instead (`/opt/bin` is on the PATH of Container Linux).',
    realTool: "coreos-cloudinit's validator reports an error when a file's directory starts with `/usr`.",
  },
  'cloud-config/duplicate-key': {
    severity: 'error',
    summary: 'The same key twice in one mapping.',
    why: 'Readers disagree on duplicate keys: some keep the last, some the first, strict ones reject the document. Either way one of the two values is lost.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'hostname: web-1', 'hostname: web-2') },
    good: { file: 'user-data', text: lines('#cloud-config', 'hostname: web-2') },
    fix: 'Keep one of the two (the quick fix removes the duplicate) or merge their contents.',
    realTool:
      'PyYAML (cloud-init) keeps the last value without a warning; the YAML 1.2 specification forbids duplicate keys.',
  },
  'cloud-config/duplicate-unit': {
    severity: 'warning',
    summary: 'Two unit entries with the same name.',
    why: 'The second entry overwrites the first unit file: its content, commands or drop-ins are lost.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units:',
        '    - name: docker.service',
        '      command: start',
        '    - name: docker.service',
        '      enable: true',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units:',
        '    - name: docker.service',
        '      enable: true',
        '      command: start',
      ),
    },
    fix: 'Merge the two entries into one.',
    realTool:
      'coreos-cloudinit processes the units in order and writes each to `/etc/systemd/system/<name>`, so a later entry replaces an earlier one.',
  },
  'cloud-config/duplicate-file': {
    severity: 'warning',
    summary: 'Two write_files entries with the same path.',
    why: 'The later entry overwrites the earlier one: the first content never reaches the disk.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'write_files:',
        '  - path: /etc/motd',
        '    content: hello',
        '  - path: /etc/motd',
        '    content: welcome',
      ),
    },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'write_files:', '  - path: /etc/motd', '    content: welcome'),
    },
    fix: 'Merge the two contents into one entry (or use `append: true` on cloud-init when adding to the file is meant).',
    realTool: 'Both agents write the entries in order, each replacing the file.',
  },
  'cloud-config/unit-name': {
    severity: 'error',
    summary: 'A unit name without a valid suffix or with characters systemd refuses.',
    why: 'systemd only loads units named `name.service`, `name.timer`…: a unit named `docker` is never found.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units:',
        '    - name: app',
        '      content: |',
        '        [Service]',
        '        ExecStart=/opt/bin/app',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units:',
        '    - name: app.service',
        '      content: |',
        '        [Service]',
        '        ExecStart=/opt/bin/app',
      ),
    },
    fix: 'Add the unit type suffix (`.service`, `.timer`, `.socket`, …) and use only letters, digits, `:-_.\\` and one `@`.',
    realTool:
      'systemd refuses unit names without a type suffix or with other characters ("Failed to prepare filename … Invalid argument").',
  },
  'cloud-config/unit-missing-install': {
    severity: 'warning',
    summary: 'enable: true on a unit without an [Install] section does nothing.',
    why: 'Enabling links a unit into the targets named in its [Install] section; without one, `enable: true` links nothing and the unit does not start at the next boot.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units:',
        '    - name: app.service',
        '      enable: true',
        '      content: |',
        '        [Service]',
        '        ExecStart=/opt/bin/app',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units:',
        '    - name: app.service',
        '      enable: true',
        '      content: |',
        '        [Service]',
        '        ExecStart=/opt/bin/app',
        '',
        '        [Install]',
        '        WantedBy=multi-user.target',
      ),
    },
    fix: 'Add an `[Install]` section with `WantedBy=multi-user.target`; the quick fix appends it.',
    realTool:
      '`systemctl enable` of a unit without [Install] says the unit "has no installation config" and creates no link.',
  },
  'cloud-config/unit-not-defined': {
    severity: 'information',
    summary: 'A unit is started or enabled but defined nowhere.',
    why: 'A unit with no content, no drop-in, no file written for it and not shipped by the OS does not exist: starting it fails at boot.',
    bad: {
      file: 'user-data',
      text: lines('#cloud-config', 'coreos:', '  units:', '    - name: app.service', '      command: start'),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units:',
        '    - name: app.service',
        '      command: start',
        '      content: |',
        '        [Service]',
        '        ExecStart=/opt/bin/app',
      ),
    },
    fix: 'Give the unit `content:`, write it with `write_files`, or correct its name to a unit the OS ships.',
    realTool: '`systemctl start` of an unknown unit fails with "Unit app.service not found."',
  },
  'cloud-config/firewall-not-loaded': {
    severity: 'warning',
    summary: 'Rules are written but the restore unit is not enabled and started.',
    why: 'Writing `/var/lib/iptables/rules-save` loads nothing by itself: without `iptables-restore.service` enabled the machine boots with no firewall.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'coreos:', '  units: []', ...rulesSave(safeRules)) },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'coreos:', '  units:', ...restoreUnit, ...rulesSave(safeRules)),
    },
    fix: 'Add `iptables-restore.service` (or `ip6tables-restore.service`) to `coreos.units` with `enable: true` and `command: start`; the quick fix adds the entry.',
    realTool:
      'Container Linux ships `iptables-restore.service` reading `/var/lib/iptables/rules-save`, disabled; it is `WantedBy=basic.target` once enabled.',
  },
  'cloud-config/firewall-rules-missing': {
    severity: 'warning',
    summary: 'The restore unit is enabled but no rules file is written.',
    why: 'The restore unit fails on the missing file at boot, and the machine runs with no firewall.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'coreos:', '  units:', ...restoreUnit) },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'coreos:', '  units:', ...restoreUnit, ...rulesSave(safeRules)),
    },
    fix: 'Write the rules file with `write_files`; the quick fix inserts a safe rules-save (loopback, replies and SSH accepted, the rest dropped).',
    realTool:
      '`iptables-restore.service` runs `iptables-restore /var/lib/iptables/rules-save`, which fails when the file does not exist.',
  },
  'cloud-config/secret-permissions': {
    severity: 'warning',
    summary: 'A credentials file readable by group or others.',
    why: 'Registry credentials, private keys and tokens written world-readable can be read by every user and service on the machine.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'write_files:',
        '  - path: /root/.netrc',
        '    permissions: "0644"',
        '    content: machine example.com login a password b',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'write_files:',
        '  - path: /root/.netrc',
        '    permissions: "0600"',
        '    content: machine example.com login a password b',
      ),
    },
    fix: 'Use `permissions: "0600"` (the quick fix sets it).',
    realTool: 'Both agents apply the mode as written; without `permissions` the default is 0644.',
  },
  'cloud-config/folded-embedded': {
    severity: 'warning',
    summary: 'Embedded rules or unit content in a folded > scalar, which joins lines.',
    why: 'A folded scalar joins the lines with spaces: the rules or unit written to disk is one long line that the tool rejects.',
    bad: {
      file: 'user-data',
      text: lines('#cloud-config', 'coreos:', '  units:', ...restoreUnit, ...rulesSave(safeRules, '>')),
    },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'coreos:', '  units:', ...restoreUnit, ...rulesSave(safeRules)),
    },
    fix: 'Use a literal block scalar `|`; the quick fix changes the indicator.',
    realTool:
      'In YAML a `>` block turns single line breaks into spaces; iptables-restore then reads one line starting `*filter :INPUT …` and fails.',
  },
  'cloud-config/rules-strip-newline': {
    severity: 'error',
    summary: 'Rules content with |- ends without the newline iptables-restore needs.',
    why: 'The file then ends in `COMMIT` without a line break, which the legacy iptables-restore rejects: no rules are loaded.',
    bad: {
      file: 'user-data',
      text: lines('#cloud-config', 'coreos:', '  units:', ...restoreUnit, ...rulesSave(safeRules, '|-')),
    },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'coreos:', '  units:', ...restoreUnit, ...rulesSave(safeRules)),
    },
    fix: 'Use `|` (keeps the final newline); the quick fix changes the indicator.',
    realTool: 'iptables-legacy-restore fails on a last `COMMIT` without a newline; the nf_tables variant accepts it.',
  },
  'cloud-config/write-files-under-coreos': {
    severity: 'warning',
    summary: 'write_files nested under coreos is ignored.',
    why: '`write_files` is a top-level key: nested under `coreos:` it is never read and the files are not written.',
    bad: {
      file: 'user-data',
      text: lines('#cloud-config', 'coreos:', '  write_files:', '    - path: /etc/motd', '      content: hello'),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units: []',
        'write_files:',
        '  - path: /etc/motd',
        '    content: hello',
      ),
    },
    fix: 'Move `write_files` to the top level; the quick fix moves it.',
    realTool: "coreos-cloudinit's validator notes `coreos.write_files` (information) and the runtime ignores it.",
  },
  'cloud-config/missing-final-newline': {
    severity: 'information',
    summary: 'The user-data does not end with a newline.',
    why: "Some providers' user-data fields and tools drop or mangle an unterminated last line.",
    bad: { file: 'user-data', text: '#cloud-config\nhostname: web-1' },
    good: { file: 'user-data', text: lines('#cloud-config', 'hostname: web-1') },
    fix: 'End the file with a line break; the quick fix adds it.',
    realTool: 'YAML readers accept the missing newline; the risk lies in the tools that carry the user-data.',
  },
  'cloud-config/no-firewall': {
    severity: 'information',
    summary: 'Ports are published but no firewall rules are written.',
    why: 'A container published with `-p 80:80` is reachable from every network the machine is on, and nothing in the user-data limits who can connect.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'runcmd:', '  - docker run --rm -p 80:80 nginx') },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'runcmd:', '  - docker run --rm -p 127.0.0.1:80:80 nginx'),
    },
    fix: 'Write firewall rules (the quick fix inserts a rules-save with DOCKER-USER filtering), or publish on 127.0.0.1 only.',
    realTool:
      'Docker publishes ports with its own NAT and FORWARD rules; with no rules of your own every published port is open.',
  },
  'cloud-config/other-format': {
    severity: 'hint',
    summary: 'The user-data is a script, an Ignition config or another cloud-init format; it is not checked.',
    why: 'Only cloud-config is analysed: a `#!` script runs as it is, so its mistakes show only at boot.',
    bad: { file: 'user-data', text: lines('#!/bin/sh', 'echo hello') },
    good: { file: 'user-data', text: lines('#cloud-config', 'runcmd:', '  - echo hello') },
    fix: 'Nothing to fix if a script is meant; write it as cloud-config (`runcmd:`) to have it checked.',
    realTool:
      'coreos-cloudinit runs a `#!` user-data as a transient unit and exits on Ignition JSON; cloud-init picks the handler from the first line.',
  },
  'cloud-config/template': {
    severity: 'hint',
    summary:
      'The user-data is a template (Terraform, Jinja, Go, %NAME%/@NAME@ tokens): values holding placeholders are not checked.',
    why: 'A placeholder is replaced when the template is rendered; until then its value is unknown, so type, address, port and encoding checks on it would be guesses. The structure around it is still checked.',
    bad: { file: 'user-data.tftpl', text: lines('#cloud-config', 'hostname: ${name}') },
    good: { file: 'user-data', text: lines('#cloud-config', 'hostname: web-1') },
    fix: 'Nothing to fix: lint the rendered file as well to have the values checked.',
    realTool:
      'cloud-init renders a `## template: jinja` user-data with its instance data before reading it (`cloud-init devel render`); Terraform `templatefile`, Go templates and token replacement happen before the machine sees the file.',
  },
  'cloud-config/rules-overwritten': {
    severity: 'warning',
    summary:
      'Installing iptables-persistent saves the live (empty) ruleset over a rules.v4/v6 written before packages.',
    why: 'cloud-init writes files before it installs packages; iptables-persistent then saves the live ruleset over /etc/iptables/rules.v4 and rules.v6 (its debconf default, taken without a terminal), so the host boots with an empty firewall.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'packages: [iptables-persistent]',
        'write_files:',
        '  - path: /etc/iptables/rules.v4',
        '    content: |',
        ...safeRules.split('\n').map((l) => `      ${l}`),
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'packages: [iptables-persistent]',
        'write_files:',
        '  - path: /etc/iptables/rules.v4',
        '    defer: true',
        '    content: |',
        ...safeRules.split('\n').map((l) => `      ${l}`),
      ),
    },
    fix: 'Write the file after packages are installed (`defer: true`, the quick fix), or preseed debconf with `apt: debconf_selections:` (`iptables-persistent iptables-persistent/autosave_v4 boolean false`).',
    realTool:
      "iptables-persistent 1.0.20's postinst runs `iptables-save > /etc/iptables/rules.v4` when `autosave_v4` is true (its default); on Debian 12 a rules.v4 in place was 0 bytes after `dpkg -i` (docs/facts/hosts.md, fact 3).",
  },
  'cloud-config/ufw-lockout': {
    severity: 'warning',
    summary: 'ufw is enabled with incoming deny and no rule allowing SSH.',
    why: 'ufw denies incoming connections by default: enabling it without allowing SSH cuts off SSH to the machine from first boot on.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'runcmd:', '  - ufw allow 443/tcp', '  - ufw enable') },
    good: {
      file: 'user-data',
      text: lines('#cloud-config', 'runcmd:', '  - ufw allow 443/tcp', '  - ufw allow 22/tcp', '  - ufw enable'),
    },
    fix: 'Allow SSH before `ufw enable` (`ufw allow 22/tcp`, `ufw allow OpenSSH`, or the port sshd is moved to); the quick fix inserts `ufw allow 22/tcp` before the enable.',
    realTool:
      'ufw 0.36\'s `DEFAULT_INPUT_POLICY="DROP"`; `ufw enable` from cloud-init does not ask for confirmation (it asks only under an sshd process), so it takes effect at once (docs/facts/hosts.md, facts 5 and 6).',
  },
  'cloud-config/ufw-command': {
    severity: 'error',
    summary: 'A ufw command that ufw refuses, so its rule is not added.',
    why: 'ufw prints an error and adds nothing: the port stays closed (or open) though the user-data seems to say otherwise.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'runcmd:', '  - ufw allow 80,443') },
    good: { file: 'user-data', text: lines('#cloud-config', 'runcmd:', '  - ufw allow 80,443/tcp') },
    fix: 'Write the form ufw takes: a protocol with several ports or a range (`80,443/tcp`), quotes around an application profile name with spaces, ports 1-65535, valid addresses.',
    realTool:
      "`ufw --dry-run allow 80,443` fails with \"Must specify 'tcp' or 'udp' with multiple ports\"; the oracle tier runs each case through ufw 0.36.",
  },
  'cloud-config/firewalld-runtime-only': {
    severity: 'warning',
    summary: 'A firewall-cmd change without --permanent, lost at the next reload or boot.',
    why: 'Without `--permanent` firewalld changes only its running configuration: the rule disappears at the next reload, restart or reboot.',
    bad: { file: 'user-data', text: lines('#cloud-config', 'runcmd:', '  - firewall-cmd --add-service=http') },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'runcmd:',
        '  - firewall-cmd --permanent --add-service=http',
        '  - firewall-cmd --reload',
      ),
    },
    fix: 'Add `--permanent` and run `firewall-cmd --reload` after the permanent changes (the quick fix does both), or run `firewall-cmd --runtime-to-permanent` at the end.',
    realTool:
      '`man firewall-cmd`: "Without the --permanent option, a change will only be part of the runtime configuration."',
  },
  'cloud-config/firewalld-not-reloaded': {
    severity: 'warning',
    summary: 'firewall-cmd --permanent changes with no --reload after them are not active yet.',
    why: "Permanent changes are written to firewalld's configuration only: the running firewall does not have them until a reload or the next boot.",
    bad: {
      file: 'user-data',
      text: lines('#cloud-config', 'runcmd:', '  - firewall-cmd --permanent --add-service=http'),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'runcmd:',
        '  - firewall-cmd --permanent --add-service=http',
        '  - firewall-cmd --reload',
      ),
    },
    fix: 'Run `firewall-cmd --reload` after the last `--permanent` change; the quick fix adds it.',
    realTool:
      '`man firewall-cmd`: permanent changes "are not effective immediately, only after service restart/reload or system reboot".',
  },
  'cloud-config/firewalld-command': {
    severity: 'error',
    summary: 'A firewall-cmd port, service or zone that firewalld refuses.',
    why: 'firewalld rejects the whole command: the port or service is not opened.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'runcmd:',
        '  - firewall-cmd --permanent --add-port=8080',
        '  - firewall-cmd --reload',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'runcmd:',
        '  - firewall-cmd --permanent --add-port=8080/tcp',
        '  - firewall-cmd --reload',
      ),
    },
    fix: 'Give ports with their protocol (`8080/tcp`, `8000-8100/udp`), use a service of /usr/lib/firewalld/services and an existing zone.',
    realTool:
      '`firewall-offline-cmd --add-port=8080` fails with "INVALID_PORT: bad port (most likely missing protocol)"; unknown services and zones give INVALID_SERVICE and INVALID_ZONE (firewalld 1.3.3).',
  },
  'cloud-config/embedded-not-analysed': {
    severity: 'hint',
    summary: 'Embedded content in a form that cannot be mapped line for line is not analysed.',
    why: 'Rules or units written as a quoted string with escapes are written to disk correctly but cannot be checked here.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units:',
        ...restoreUnit,
        'write_files:',
        '  - path: /var/lib/iptables/rules-save',
        '    content: "*filter\\nCOMMIT\\n"',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'coreos:',
        '  units:',
        ...restoreUnit,
        'write_files:',
        '  - path: /var/lib/iptables/rules-save',
        '    content: |',
        '      *filter',
        '      COMMIT',
      ),
    },
    fix: 'Write the content as a literal block (`content: |`) to have it checked.',
    realTool: 'YAML unescapes the quoted string; the file on disk is right, only the line mapping is lost.',
  },
} as const satisfies Record<`cloud-config/${string}`, RuleEntry>;

export type CloudConfigCode = keyof typeof cloudConfigCatalogue;
