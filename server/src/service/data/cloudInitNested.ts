/**
 * Nested object tables of cloud-init cloud-config (shapes follow the 22.4.2 JSON schema, FACTS §2).
 * `map(keys)` is closed (schema has additionalProperties:false), `map(keys, true)` open, `map()` free-form.
 * Pure data; texts are our own words.
 */
import {
  KeySpec,
  KeyTable,
  ListType,
  ValueType,
  any,
  bool,
  enumOf,
  int,
  list,
  map,
  oneOf,
  str,
  strList,
} from './keySpec';

const nul: ValueType = { kind: 'null' };

// ---------------------------------------------------------------- write_files

export const ciWriteFileKeys: KeyTable = {
  path: {
    type: str,
    required: true,
    doc: 'Absolute path of the file to write; missing parent directories are created.',
    pitfall: 'Every entry needs a path; an entry without one fails the schema and is skipped at boot.',
  },
  content: {
    type: str,
    default: "''",
    doc: 'Data written to the file, decoded first when `encoding` is not text/plain.',
    pitfall: 'Use a block scalar (`content: |`) for multi-line text; `!!binary` data is also accepted.',
  },
  owner: {
    type: str,
    default: 'root:root',
    doc: 'Owner of the file as `user` or `user:group`.',
    pitfall:
      'Must be a string: `owner: 0` is an integer and fails the schema. Users created by the same config may not exist yet unless `defer: true`.',
  },
  permissions: {
    type: str,
    default: "'0644'",
    doc: "Octal file mode given as a string, e.g. `'0644'` or `'0o600'`.",
    pitfall:
      'Quote it: unquoted 0644 is an integer to YAML readers; cloud-init rejects it and turns unquoted 644 into mode 01204.',
  },
  encoding: {
    type: enumOf('gz', 'gzip', 'gz+base64', 'gzip+base64', 'gz+b64', 'gzip+b64', 'b64', 'base64', 'text/plain'),
    default: 'text/plain',
    doc: 'How `content` is encoded; cloud-init decodes it before writing.',
    pitfall: 'Case-sensitive in the schema (`B64` fails). For gz/gzip the content must be raw bytes via `!!binary`.',
  },
  append: {
    type: bool,
    default: 'false',
    doc: 'Adds the content to the end of an existing file instead of replacing it.',
    pitfall: 'Quoted `"yes"` is a string and fails; use true/false.',
  },
  defer: {
    type: bool,
    default: 'false',
    doc: 'Writes the file in the final stage, after users and packages exist.',
    pitfall:
      'Needed when `owner` names a user created by this config or the path belongs to a package installed by it.',
  },
  source: {
    type: map({
      uri: { type: str, required: true, doc: 'URL the file content is downloaded from.' },
      headers: { type: map(), doc: 'Extra HTTP headers sent with the download, as name: value pairs.' },
    }),
    doc: 'Downloads the file content from a URL, falling back to `content` if the download fails. Added after 22.4 (24.x).',
    pitfall: 'Not known to cloud-init 22.4.x: its schema rejects the whole entry and older runtimes ignore the key.',
  },
};

export const ciWriteFiles: ListType = {
  kind: 'list',
  items: map(ciWriteFileKeys),
  minItems: 1,
  itemSnippet:
    "path: ${1:/etc/example.conf}\n  permissions: '${2:0644}'\n  owner: ${3:root:root}\n  content: |\n    ${0}",
};

// ---------------------------------------------------------------- users

function hyphenAlias(of: string, type: ValueType): KeySpec {
  return {
    type,
    aliasOf: of,
    doc: `Hyphen spelling of ${of}: the 22.4.2 schema rejects the whole user entry with it, though the runtime converts it; 24.2+ accept it as deprecated.`,
  };
}

export const ciUserKeys: KeyTable = {
  name: {
    type: str,
    required: true,
    doc: 'Login name of the account to create.',
    pitfall: 'Needed unless `snapuser` is given; an entry with neither is skipped.',
  },
  expiredate: {
    type: str,
    doc: 'Date (YYYY-MM-DD) on which the account is disabled.',
    pitfall: 'Quote the date so YAML does not turn it into a date object.',
  },
  gecos: { type: str, doc: 'Comment/full-name field of the account.' },
  groups: {
    type: oneOf(str, strList, map()),
    doc: 'Supplementary groups, as a comma-separated string or a list.',
    pitfall: 'Missing groups are created (see create_groups); the mapping form is deprecated.',
  },
  homedir: { type: str, default: '/home/<name>', doc: 'Home directory path.' },
  inactive: { type: str, doc: 'Days after password expiry until the account is disabled, as a string.' },
  'lock-passwd': {
    type: bool,
    deprecated: 'Hyphen spelling, deprecated since 22.3 (22.4.2 still accepts it with a notice).',
    replacement: 'lock_passwd',
    doc: 'Old hyphen spelling of lock_passwd, still accepted with a deprecation notice.',
  },
  lock_passwd: {
    type: bool,
    default: 'true',
    doc: 'Locks password login for the account; SSH keys still work.',
    pitfall:
      'It defaults to true, so a `passwd` alone does not allow console/SSH password login; set `lock_passwd: false` too.',
  },
  no_create_home: { type: bool, default: 'false', doc: 'Do not create the home directory.' },
  no_log_init: { type: bool, default: 'false', doc: 'Do not add the user to the lastlog/faillog databases.' },
  no_user_group: { type: bool, default: 'false', doc: 'Do not create a group named after the user.' },
  passwd: {
    type: str,
    doc: 'Password hash (e.g. from `mkpasswd -m sha-512`) set when the account is created.',
    pitfall: 'Ignored if the user already exists (use hashed_passwd); give a hash, not clear text.',
  },
  hashed_passwd: { type: str, doc: 'Password hash applied even when the user already exists.' },
  plain_text_passwd: {
    type: str,
    doc: 'Clear-text password applied even when the user already exists.',
    pitfall: 'Stored readable in the user-data; prefer a hash or SSH keys.',
  },
  create_groups: { type: bool, default: 'true', doc: 'Create groups listed in `groups` that do not exist yet.' },
  primary_group: { type: str, default: '<name>', doc: 'Primary group of the account.' },
  selinux_user: { type: str, doc: 'SELinux user mapped to this login.' },
  shell: {
    type: str,
    doc: 'Login shell, e.g. /bin/bash.',
    pitfall: 'Defaults to the distro default (often /bin/sh), not bash.',
  },
  snapuser: {
    type: str,
    doc: 'E-mail of a store account; the user is created with `snap create-user` instead of useradd.',
  },
  ssh_authorized_keys: {
    type: strList,
    doc: "Public SSH keys written to the user's authorized_keys.",
    pitfall: 'Must be a non-empty list; cannot be combined with ssh_redirect_user.',
  },
  ssh_import_id: { type: strList, doc: 'Key IDs to import with ssh-import-id, e.g. `gh:octocat` or `lp:someone`.' },
  ssh_redirect_user: {
    type: bool,
    default: 'false',
    doc: 'Installs the cloud-provided SSH keys disabled, with a message telling people to log in as the default user.',
  },
  system: { type: bool, default: 'false', doc: 'Creates a system account (low UID, no home directory).' },
  sudo: {
    type: oneOf(str, nul, bool),
    doc: 'sudoers rule for the user, e.g. `ALL=(ALL) NOPASSWD:ALL`; null means no rule.',
    pitfall: '`sudo: true` is not a rule; write the rule string. `false` is deprecated, use null.',
  },
  uid: { type: oneOf(int, str), doc: 'Numeric user ID.', pitfall: 'Give an integer; a quoted string is deprecated.' },
  'ssh-authorized-keys': hyphenAlias('ssh_authorized_keys', strList),
  'no-create-home': hyphenAlias('no_create_home', bool),
  'no-log-init': hyphenAlias('no_log_init', bool),
  'no-user-group': hyphenAlias('no_user_group', bool),
  'primary-group': hyphenAlias('primary_group', str),
  'selinux-user': hyphenAlias('selinux_user', str),
  'ssh-import-id': hyphenAlias('ssh_import_id', strList),
  'ssh-redirect-user': hyphenAlias('ssh_redirect_user', bool),
  'create-groups': hyphenAlias('create_groups', bool),
  'hashed-passwd': hyphenAlias('hashed_passwd', str),
  'plain-text-passwd': hyphenAlias('plain_text_passwd', str),
};

export const ciUserMap = map(ciUserKeys);

export const ciUsersList: ListType = list(
  oneOf(str, strList, ciUserMap),
  'name: ${1:alice}\n  groups: ${2:sudo}\n  shell: /bin/bash\n  sudo: ${3:ALL=(ALL) NOPASSWD:ALL}\n  lock_passwd: ${4|true,false|}\n  ssh_authorized_keys:\n    - ${5:ssh-ed25519 AAAA...}',
);

// ---------------------------------------------------------------- chpasswd

export const ciChpasswdKeys: KeyTable = {
  expire: {
    type: bool,
    default: 'true',
    doc: 'Forces the passwords set here to be changed at first login.',
    pitfall: 'Defaults to true; set false for unattended logins.',
  },
  users: {
    type: list(
      map({
        name: { type: str, required: true, doc: 'Existing account whose password is set.' },
        type: {
          type: enumOf('RANDOM', 'hash', 'text'),
          default: 'hash',
          doc: '`hash`, `text`, or `RANDOM` to generate one (printed to the console).',
        },
        password: { type: str, doc: 'The password or hash; not used with type RANDOM.' },
      }),
      'name: ${1:ubuntu}\n  password: ${2:changeme}\n  type: ${3|text,hash,RANDOM|}',
    ),
    doc: 'Passwords to set, one entry per user.',
  },
  list: {
    type: oneOf(str, strList),
    doc: 'Old form: `user:password` lines (multi-line string or list).',
    deprecated: 'Replaced by chpasswd.users (since 22.2).',
    replacement: 'users',
  },
};

// ---------------------------------------------------------------- ntp

export const ciNtpKeys: KeyTable = {
  pools: { type: strList, doc: 'NTP pool host names to use.' },
  servers: { type: strList, doc: 'Individual NTP server host names or addresses.' },
  ntp_client: {
    type: str,
    default: 'auto',
    doc: 'Time client to configure: auto, chrony, ntp, ntpdate, openntpd or systemd-timesyncd.',
  },
  enabled: { type: bool, default: 'true', doc: 'Turn NTP configuration by cloud-init on or off.' },
  config: {
    type: map({
      confpath: { type: str, doc: 'Path of the client configuration file to write.' },
      check_exe: { type: str, doc: 'Executable whose presence shows the client is installed.' },
      packages: { type: strList, doc: 'Packages to install for the client.' },
      service_name: { type: str, doc: 'systemd service restarted after writing the config.' },
      template: { type: str, doc: 'Template text rendered into confpath.' },
    }),
    doc: 'Overrides the built-in settings of the chosen client (paths, package, service, template).',
  },
};

// ---------------------------------------------------------------- apt

const aptMirrorList: ListType = list(
  map({
    arches: { type: strList, required: true, doc: 'Architectures this entry applies to; `default` covers all others.' },
    uri: { type: str, doc: 'Mirror URL to use.' },
    search: { type: strList, doc: 'Mirror URLs tried in order; the first reachable one wins.' },
    search_dns: { type: bool, doc: 'Look for a `<distro>-mirror` host in the local DNS domains.' },
    keyid: { type: str, doc: 'Key id/fingerprint to fetch from the keyserver.' },
    key: { type: str, doc: 'Armoured PGP public key of the mirror.' },
    keyserver: { type: str, doc: 'Keyserver used for keyid.' },
  }),
  'arches: [${1:default}]\n  uri: ${2:http://archive.ubuntu.com/ubuntu}',
);

export const ciAptKeys: KeyTable = {
  preserve_sources_list: {
    type: bool,
    default: 'false',
    doc: "Keep the image's sources list instead of generating one.",
  },
  generate_mirrorlists: { type: bool, default: 'false', doc: 'Also write mirror list files for the chosen mirrors.' },
  disable_suites: {
    type: strList,
    doc: 'Suites to comment out in the sources list, e.g. updates, backports, proposed.',
  },
  primary: { type: aptMirrorList, doc: 'Main archive mirror(s), per architecture.' },
  security: { type: aptMirrorList, doc: 'Security archive mirror(s), per architecture; defaults to primary.' },
  add_apt_repo_match: {
    type: str,
    doc: 'Regex deciding which `source` values are handed to add-apt-repository (PPAs).',
  },
  debconf_selections: {
    type: map(),
    doc: 'Named blocks of debconf-set-selections lines applied before packages install.',
  },
  sources_list: { type: str, doc: 'Template for the whole sources.list ($MIRROR, $RELEASE, ... are replaced).' },
  conf: { type: str, doc: 'apt.conf snippet written for apt itself.' },
  https_proxy: { type: str, doc: 'Proxy apt uses for https repositories.' },
  http_proxy: { type: str, doc: 'Proxy apt uses for http repositories.' },
  proxy: { type: str, doc: 'Proxy apt uses (same as http_proxy).' },
  ftp_proxy: { type: str, doc: 'Proxy apt uses for ftp repositories.' },
  sources: {
    type: map(),
    doc: 'Extra repositories, one named entry each with `source`, `keyid`/`key`/`keyserver`, `filename`, `append`.',
    pitfall: 'The signing key must be given (key or keyid) or apt update fails on the new repository.',
  },
};

// ---------------------------------------------------------------- power_state, growpart, ssh_keys, ca_certs

export const ciPowerStateKeys: KeyTable = {
  delay: {
    type: oneOf(int, { kind: 'string', pattern: /^(now|\+?[0-9]+)$/, patternHint: '`now` or minutes such as `+5`' }),
    default: 'now',
    doc: 'Minutes to wait before acting, or `now`.',
    pitfall: 'The `+5` string form is deprecated; give a plain integer.',
  },
  mode: { type: enumOf('poweroff', 'reboot', 'halt'), required: true, doc: 'What to do when cloud-init has finished.' },
  message: { type: str, doc: 'Message broadcast to logged-in users before shutdown.' },
  timeout: { type: int, default: '30', doc: 'Seconds to wait for cloud-init to finish before acting anyway.' },
  condition: {
    type: oneOf(str, bool, list(any)),
    default: 'true',
    doc: 'Only act if this is true or this command (string or argv list) exits 0.',
  },
};

export const ciGrowpartKeys: KeyTable = {
  mode: {
    type: oneOf(enumOf('auto', 'growpart', 'gpart', 'off'), bool),
    default: 'auto',
    doc: 'Tool used to grow partitions, or `off` to disable.',
    pitfall: '`false` is deprecated; use `off`.',
  },
  devices: { type: strList, default: "['/']", doc: 'Mount points or devices whose partition is grown.' },
  ignore_growroot_disabled: { type: bool, default: 'false', doc: 'Grow even if /etc/growroot-disabled exists.' },
};

function hostKey(alg: string, part: string): KeySpec {
  return {
    type: str,
    doc: `Fixed ${alg} host ${part === 'certificate' ? 'certificate' : `${part} key`} installed instead of a generated one.`,
  };
}

export const ciSshKeysKeys: KeyTable = Object.fromEntries(
  ['dsa', 'ecdsa', 'ed25519', 'rsa'].flatMap((alg) =>
    ['public', 'private', 'certificate'].map((part): [string, KeySpec] => [`${alg}_${part}`, hostKey(alg, part)]),
  ),
);

const caRemoveDefaults: KeySpec = {
  type: bool,
  default: 'false',
  doc: "Removes the distro's bundled CA certificates before adding `trusted`.",
  pitfall: 'With no `trusted` certificates this leaves the machine unable to verify TLS peers.',
};

export const ciCaCertsKeys: KeyTable = {
  remove_defaults: caRemoveDefaults,
  'remove-defaults': {
    ...caRemoveDefaults,
    doc: 'Old hyphen spelling of remove_defaults.',
    deprecated: 'Hyphen spelling deprecated in 22.3.',
    replacement: 'remove_defaults',
  },
  trusted: {
    type: strList,
    doc: 'PEM certificates added to the system trust store.',
    pitfall: 'Use block scalars (`- |`) so the PEM line breaks survive.',
  },
};

// ---------------------------------------------------------------- smaller modules

export const ciSwapKeys: KeyTable = {
  filename: { type: str, doc: 'Path of the swap file, e.g. /swap.img.' },
  size: {
    type: oneOf(int, {
      kind: 'string',
      pattern: /^(auto|([0-9]+)?\.?[0-9]+[BKMGT])$/,
      patternHint: '`auto` or a size like `2G` or `512M`',
    }),
    doc: 'Swap file size: bytes, a size like `2G`, or `auto`.',
    pitfall: 'Without size (or with 0) no swap file is created.',
  },
  maxsize: {
    type: oneOf(int, { kind: 'string', pattern: /^([0-9]+)?\.?[0-9]+[BKMGT]$/, patternHint: 'a size like `4G`' }),
    doc: 'Upper limit when size is `auto`.',
  },
};

export const ciPhoneHomeKeys: KeyTable = {
  url: { type: str, required: true, doc: 'URL that receives the POST; `$INSTANCE_ID` is replaced.' },
  post: {
    type: oneOf(
      enumOf('all'),
      list(enumOf('pub_key_dsa', 'pub_key_rsa', 'pub_key_ecdsa', 'pub_key_ed25519', 'instance_id', 'hostname', 'fqdn')),
    ),
    default: 'all',
    doc: 'Which facts to send: `all` or a list of names.',
  },
  tries: { type: int, default: '10', doc: 'How many times to try the POST.' },
};

export const ciRandomSeedKeys: KeyTable = {
  file: { type: str, default: '/dev/urandom', doc: 'Where the seed data is written.' },
  data: { type: str, doc: 'Seed data to write.' },
  encoding: { type: enumOf('raw', 'base64', 'b64', 'gzip', 'gz'), default: 'raw', doc: 'How `data` is encoded.' },
  command: { type: strList, doc: 'Command run afterwards to gather more entropy (e.g. pollinate).' },
  command_required: { type: bool, default: 'false', doc: 'Fail if the command is not available.' },
};

export const ciResolvConfKeys: KeyTable = {
  nameservers: { type: list(any), doc: 'DNS servers written to resolv.conf.' },
  searchdomains: { type: list(any), doc: 'Search domains.' },
  domain: { type: str, doc: 'Local domain name.' },
  sortlist: { type: list(any), doc: 'Address sort list.' },
  options: { type: map(), doc: 'resolv.conf options such as rotate or timeout.' },
};

export const ciVendorDataKeys: KeyTable = {
  enabled: {
    type: oneOf(bool, str),
    default: 'true',
    doc: 'Whether scripts supplied as vendor data are run.',
    pitfall: 'A string value is deprecated; use true/false.',
  },
  prefix: {
    type: oneOf(list(oneOf(str, int)), str),
    doc: 'Command prepended when running vendor scripts, e.g. a wrapper.',
  },
};

export const ciWireguardKeys: KeyTable = {
  interfaces: {
    type: list(
      map({
        name: { type: str, doc: 'Interface name, e.g. wg0.' },
        config_path: { type: str, doc: 'Where the configuration is written, e.g. /etc/wireguard/wg0.conf.' },
        content: { type: str, doc: 'WireGuard configuration text for the interface.' },
      }),
      'name: ${1:wg0}\n  config_path: /etc/wireguard/${1:wg0}.conf\n  content: |\n    ${0}',
    ),
    required: true,
    doc: 'Interfaces to configure and bring up.',
  },
  readinessprobe: { type: strList, doc: 'Commands run afterwards to check the tunnel works.' },
};

export const ciSnapKeys: KeyTable = {
  assertions: { type: oneOf(map(), strList), doc: 'Signed assertions passed to `snap ack` before commands run.' },
  commands: {
    type: oneOf(map(), list(oneOf(str, strList))),
    doc: 'snap commands to run, as a list or a named mapping (run in key order).',
  },
};

export const ciUbuntuProKeys: KeyTable = {
  enable: { type: strList, doc: 'Services to enable besides the contract defaults, e.g. esm-infra, livepatch, fips.' },
  enable_beta: { type: strList, doc: 'Beta services to enable.' },
  token: {
    type: str,
    doc: 'Contract token used to attach the machine.',
    pitfall: 'A secret: anyone who can read the user-data can use it.',
  },
  features: {
    type: map({
      disable_auto_attach: { type: bool, default: 'false', doc: 'Skip the automatic attach attempt on Pro images.' },
    }),
    doc: 'Client feature switches.',
  },
  config: {
    type: map(
      {
        http_proxy: { type: oneOf(str, nul), doc: 'HTTP proxy for the Pro client; null unsets it.' },
        https_proxy: { type: oneOf(str, nul), doc: 'HTTPS proxy for the Pro client; null unsets it.' },
        global_apt_http_proxy: { type: oneOf(str, nul), doc: 'HTTP proxy for all apt repositories.' },
        global_apt_https_proxy: { type: oneOf(str, nul), doc: 'HTTPS proxy for all apt repositories.' },
        ua_apt_http_proxy: { type: oneOf(str, nul), doc: 'HTTP proxy for Pro apt repositories only.' },
        ua_apt_https_proxy: { type: oneOf(str, nul), doc: 'HTTPS proxy for Pro apt repositories only.' },
      },
      true,
    ),
    doc: 'Settings written to the Pro client configuration.',
  },
};

export const ciFsSetupItem = map({
  label: { type: str, doc: 'Filesystem label.' },
  filesystem: { type: str, doc: 'Filesystem type, e.g. ext4 or xfs.' },
  device: { type: str, doc: 'Device or alias to format, e.g. /dev/sdb or ephemeral0.' },
  partition: { type: oneOf(enumOf('auto', 'any', 'none'), int), doc: 'Partition number, or auto/any/none.' },
  overwrite: {
    type: bool,
    doc: 'Format even if a filesystem already exists.',
    pitfall: 'Destroys existing data on the device.',
  },
  replace_fs: { type: str, doc: 'Only reformat when the existing filesystem is of this type.' },
  extra_opts: { type: oneOf(strList, str), doc: 'Extra options for mkfs.' },
  cmd: { type: oneOf(strList, str), doc: 'Custom mkfs command, replacing the built-in one.' },
});

export const ciLxdKeys: KeyTable = {
  init: {
    type: map({
      network_address: { type: str, doc: 'Address LXD listens on.' },
      network_port: { type: int, doc: 'Port LXD listens on.' },
      storage_backend: {
        type: enumOf('zfs', 'dir', 'lvm', 'btrfs'),
        default: 'dir',
        doc: 'Storage driver of the default pool.',
      },
      storage_create_device: { type: str, doc: 'Block device used for the pool.' },
      storage_create_loop: { type: int, doc: 'Size in GB of a loop file for the pool.' },
      storage_pool: { type: str, doc: 'Name of the storage pool.' },
      trust_password: { type: str, doc: 'Password remote clients use to add themselves.' },
    }),
    doc: 'Options passed to `lxd init`.',
  },
  bridge: {
    type: map({
      mode: {
        type: enumOf('none', 'existing', 'new'),
        required: true,
        doc: 'Create a new bridge, use an existing one, or none.',
      },
      name: { type: str, default: 'lxdbr0', doc: 'Bridge name.' },
      mtu: { type: int, default: '-1', doc: 'Bridge MTU; -1 keeps the default.' },
      ipv4_address: { type: str, doc: 'IPv4 address of the bridge.' },
      ipv4_netmask: { type: int, doc: 'IPv4 prefix length.' },
      ipv4_dhcp_first: { type: str, doc: 'First DHCP address.' },
      ipv4_dhcp_last: { type: str, doc: 'Last DHCP address.' },
      ipv4_dhcp_leases: { type: int, doc: 'Maximum number of DHCP leases.' },
      ipv4_nat: { type: bool, default: 'false', doc: 'NAT IPv4 traffic leaving the bridge.' },
      ipv6_address: { type: str, doc: 'IPv6 address of the bridge.' },
      ipv6_netmask: { type: int, doc: 'IPv6 prefix length.' },
      ipv6_nat: { type: bool, default: 'false', doc: 'NAT IPv6 traffic leaving the bridge.' },
      domain: { type: str, doc: 'DNS domain of the bridge network.' },
    }),
    doc: 'Network bridge for containers.',
  },
  preseed: { type: str, doc: 'Full `lxd init --preseed` YAML, used instead of init/bridge.' },
};

export const ciRhSubscriptionKeys: KeyTable = {
  username: { type: str, doc: 'Red Hat account user name.' },
  password: { type: str, doc: 'Red Hat account password.' },
  'activation-key': { type: str, doc: 'Activation key to register with (needs org).' },
  org: { type: int, doc: 'Organisation ID used with the activation key.' },
  'auto-attach': { type: bool, doc: 'Attach a matching subscription automatically.' },
  'service-level': { type: str, doc: 'Service level used for auto-attach.' },
  'add-pool': { type: strList, doc: 'Pool IDs to attach.' },
  'enable-repo': { type: strList, doc: 'Repositories to enable.' },
  'disable-repo': { type: strList, doc: 'Repositories to disable.' },
  'rhsm-baseurl': { type: str, doc: 'Content base URL written to rhsm.conf.' },
  'server-hostname': { type: str, doc: 'Subscription server host name.' },
};

export const ciRsyslogKeys: KeyTable = {
  config_dir: { type: str, doc: 'Directory where config snippets are written.' },
  config_filename: { type: str, doc: 'Default file name for snippets without a filename.' },
  configs: {
    type: list(
      oneOf(
        str,
        map({
          filename: { type: str, doc: 'File for this snippet.' },
          content: { type: str, required: true, doc: 'rsyslog configuration text.' },
        }),
      ),
    ),
    doc: 'rsyslog configuration snippets to write.',
  },
  remotes: { type: map(), doc: 'Remote log targets by name, e.g. `central: "@10.0.0.1"`.' },
  service_reload_command: { type: oneOf(enumOf('auto'), strList), doc: 'Command used to reload rsyslog afterwards.' },
};

export const ciSaltMinionKeys: KeyTable = {
  pkg_name: { type: str, doc: 'Package providing the minion.' },
  service_name: { type: str, doc: 'Service restarted afterwards.' },
  config_dir: { type: str, doc: 'Salt configuration directory.' },
  conf: { type: map(), doc: 'Minion configuration written as YAML.' },
  grains: { type: map(), doc: 'Static grains written for the minion.' },
  public_key: { type: str, doc: 'Pre-generated minion public key.' },
  private_key: { type: str, doc: 'Pre-generated minion private key.' },
  pki_dir: { type: str, doc: 'Directory for the minion keys.' },
};

export const ciAnsibleKeys: KeyTable = {
  install_method: {
    type: enumOf('distro', 'pip'),
    default: 'distro',
    doc: 'Install Ansible from distro packages or with pip.',
  },
  run_user: { type: str, doc: 'User that runs Ansible (and pip).' },
  ansible_config: { type: str, doc: 'Path exported as ANSIBLE_CONFIG.' },
  setup_controller: {
    type: map(),
    doc: 'Turns the machine into a controller: repositories to clone and playbooks to run.',
  },
  galaxy: { type: map(), doc: 'ansible-galaxy actions (argv lists) run before the playbook.' },
  package_name: { type: str, default: 'ansible', doc: 'Package to install.' },
  pull: { type: map(), doc: 'Runs `ansible-pull` with a repository url and playbook_name.' },
};
