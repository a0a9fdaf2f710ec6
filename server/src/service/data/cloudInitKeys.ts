/**
 * Top-level keys of cloud-init cloud-config: every key of the 22.4.2 schema (FACTS §2.2) plus the
 * later top-level keys so they are known. Types follow the installed 22.4.2 JSON schema.
 * Nested tables live in ./cloudInitNested. Pure data; texts are our own words.
 */
import { KeyTable, ValueType, any, bool, enumOf, int, list, map, oneOf, str, strList } from './keySpec';
import {
  ciAnsibleKeys,
  ciAptKeys,
  ciCaCertsKeys,
  ciChpasswdKeys,
  ciFsSetupItem,
  ciGrowpartKeys,
  ciLxdKeys,
  ciNtpKeys,
  ciPhoneHomeKeys,
  ciPowerStateKeys,
  ciRandomSeedKeys,
  ciResolvConfKeys,
  ciRhSubscriptionKeys,
  ciRsyslogKeys,
  ciSaltMinionKeys,
  ciSnapKeys,
  ciSshKeysKeys,
  ciSwapKeys,
  ciUbuntuProKeys,
  ciUserMap,
  ciUsersList,
  ciVendorDataKeys,
  ciWireguardKeys,
  ciWriteFiles,
} from './cloudInitNested';
import { cloudInitLegacyTopLevel } from './cloudInitLegacyKeys';

const nul: ValueType = { kind: 'null' };

/** Module names accepted in cloud_*_modules (22.4.2, both spellings). */
const moduleNames = [
  'ansible',
  'apk-configure',
  'apk_configure',
  'apt-configure',
  'apt_configure',
  'apt-pipelining',
  'apt_pipelining',
  'bootcmd',
  'byobu',
  'ca-certs',
  'ca_certs',
  'chef',
  'disable-ec2-metadata',
  'disable_ec2_metadata',
  'disk-setup',
  'disk_setup',
  'fan',
  'final-message',
  'final_message',
  'growpart',
  'grub-dpkg',
  'grub_dpkg',
  'install-hotplug',
  'install_hotplug',
  'keyboard',
  'keys-to-console',
  'keys_to_console',
  'landscape',
  'locale',
  'lxd',
  'mcollective',
  'migrator',
  'mounts',
  'ntp',
  'package-update-upgrade-install',
  'package_update_upgrade_install',
  'phone-home',
  'phone_home',
  'power-state-change',
  'power_state_change',
  'puppet',
  'refresh-rmc-and-interface',
  'refresh_rmc_and_interface',
  'reset-rmc',
  'reset_rmc',
  'resizefs',
  'resolv-conf',
  'resolv_conf',
  'rh-subscription',
  'rh_subscription',
  'rightscale-userdata',
  'rightscale_userdata',
  'rsyslog',
  'runcmd',
  'salt-minion',
  'salt_minion',
  'scripts-per-boot',
  'scripts_per_boot',
  'scripts-per-instance',
  'scripts_per_instance',
  'scripts-per-once',
  'scripts_per_once',
  'scripts-user',
  'scripts_user',
  'scripts-vendor',
  'scripts_vendor',
  'seed-random',
  'seed_random',
  'set-hostname',
  'set_hostname',
  'set-passwords',
  'set_passwords',
  'snap',
  'spacewalk',
  'ssh',
  'ssh-authkey-fingerprints',
  'ssh_authkey_fingerprints',
  'ssh-import-id',
  'ssh_import_id',
  'timezone',
  'ubuntu-advantage',
  'ubuntu_advantage',
  'ubuntu-autoinstall',
  'ubuntu_autoinstall',
  'ubuntu-drivers',
  'ubuntu_drivers',
  'update-etc-hosts',
  'update_etc_hosts',
  'update-hostname',
  'update_hostname',
  'users-groups',
  'users_groups',
  'wireguard',
  'write-files',
  'write_files',
  'write-files-deferred',
  'write_files_deferred',
  'yum-add-repo',
  'yum_add_repo',
  'zypper-add-repo',
  'zypper_add_repo',
];
const moduleList = list(oneOf(enumOf(...moduleNames), strList));
const MODULES_PITFALL = 'Replaces the whole list from /etc/cloud/cloud.cfg: modules you leave out do not run.';

const sshKeyTypes = enumOf('dsa', 'ecdsa', 'ed25519', 'rsa');
const logTarget: ValueType = oneOf(
  str,
  strList,
  map({ output: { type: str, doc: 'Where stdout goes.' }, error: { type: str, doc: 'Where stderr goes.' } }),
);
const mergeSpec: ValueType = oneOf(
  str,
  list(
    map({
      name: { type: enumOf('list', 'dict', 'str'), required: true, doc: 'Kind of value this merge rule applies to.' },
      settings: {
        type: list(
          enumOf(
            'allow_delete',
            'no_replace',
            'replace',
            'append',
            'prepend',
            'recurse_dict',
            'recurse_list',
            'recurse_array',
            'recurse_str',
          ),
        ),
        required: true,
        doc: 'Merge behaviours for that kind.',
      },
    }),
  ),
);
const PKG_RENAMED = 'Renamed in cloud-init 22.2; the old name still works but is due to be dropped.';

export const cloudInitTopLevel: KeyTable = {
  ...cloudInitLegacyTopLevel,
  // ---------------------------------------------------------------- packages
  package_update: {
    type: bool,
    default: 'false',
    doc: 'Refreshes the package index (e.g. `apt-get update`) at first boot.',
    pitfall: 'Installing `packages` already refreshes the index; this is needed only without packages.',
  },
  package_upgrade: {
    type: bool,
    default: 'false',
    doc: 'Upgrades all installed packages at first boot.',
    pitfall: 'Can install a new kernel that only takes effect after a reboot; see package_reboot_if_required.',
  },
  package_reboot_if_required: {
    type: bool,
    default: 'false',
    doc: 'Reboots at the end of the package step if an upgrade or install asks for it.',
  },
  apt_update: {
    type: bool,
    default: 'false',
    doc: 'Old name of package_update.',
    deprecated: PKG_RENAMED,
    replacement: 'package_update',
  },
  apt_upgrade: {
    type: bool,
    default: 'false',
    doc: 'Old name of package_upgrade.',
    deprecated: PKG_RENAMED,
    replacement: 'package_upgrade',
  },
  apt_reboot_if_required: {
    type: bool,
    default: 'false',
    doc: 'Old name of package_reboot_if_required.',
    deprecated: PKG_RENAMED,
    replacement: 'package_reboot_if_required',
  },
  packages: {
    type: list(oneOf(str, strList)),
    doc: 'Packages installed with the distro package manager, late in the first boot.',
    pitfall:
      'A pinned version is a two-item list `[name, version]`. Installation happens after write_files, so package defaults may replace files you wrote (use `defer: true`).',
  },
  apt: {
    type: map(ciAptKeys, true),
    doc: 'APT settings: mirrors, extra repositories and keys, proxies, debconf answers.',
  },
  apt_pipelining: {
    type: oneOf(int, bool, enumOf('none', 'unchanged', 'os')),
    default: 'os',
    doc: 'HTTP pipelining depth for apt: a number 0-5, false for off, or none/unchanged/os to keep the distro setting.',
    pitfall: '`true` passes the schema but is ignored at boot with a warning; give a depth such as 3.',
  },
  apk_repos: {
    type: map({
      preserve_repositories: { type: bool, default: 'false', doc: "Keep the image's /etc/apk/repositories untouched." },
      alpine_repo: {
        type: oneOf(
          map({
            base_url: { type: str, doc: 'Mirror base URL.' },
            community_enabled: { type: bool, default: 'false', doc: 'Add the community repository.' },
            testing_enabled: { type: bool, default: 'false', doc: 'Add the testing repository (edge only).' },
            version: { type: str, required: true, doc: 'Alpine release such as `v3.18` or `edge`.' },
          }),
          nul,
        ),
        doc: 'Official Alpine repositories to list.',
      },
      local_repo_base_url: { type: str, doc: 'Base URL of an extra repository with local packages.' },
    }),
    doc: 'Writes /etc/apk/repositories on Alpine.',
  },
  yum_repo_dir: { type: str, default: '/etc/yum.repos.d', doc: 'Directory where yum_repos files are written.' },
  yum_repos: {
    type: map(),
    doc: 'Yum/dnf repositories by id, each with baseurl, name, enabled, gpgcheck, ...; one .repo file per id.',
    pitfall: 'Each repository needs a `baseurl`.',
  },
  zypper: {
    type: map(),
    doc: 'zypper repositories (`repos` list with id and baseurl) and zypp.conf settings (`config`).',
  },
  snap: { type: map(ciSnapKeys), doc: 'Snap assertions to acknowledge and snap commands to run.' },
  // ---------------------------------------------------------------- commands
  bootcmd: {
    type: list(oneOf(strList, str)),
    doc: 'Commands run very early on every boot, before most other modules and possibly before networking.',
    pitfall: 'Runs on each boot, so commands must be safe to repeat (wrap one-offs in `cloud-init-per once`).',
  },
  runcmd: {
    type: list(oneOf(strList, str, nul)),
    doc: 'Commands run once, near the end of the first boot, after packages and users are set up.',
    pitfall:
      'A string item runs through sh; a list item runs without a shell, so pipes and && need the string form. Quote items that look like numbers.',
  },
  power_state: {
    type: map(ciPowerStateKeys),
    doc: 'Reboots, halts or powers off the machine once cloud-init has finished.',
  },
  final_message: {
    type: str,
    doc: 'Text logged when cloud-init finishes; $UPTIME, $TIMESTAMP, $VERSION and $DATASOURCE are filled in.',
  },
  // ---------------------------------------------------------------- files
  write_files: {
    type: ciWriteFiles,
    doc: 'Files written early in the first boot, before users and packages (unless deferred).',
    pitfall: 'An empty list fails the schema. Key names use underscores: `write-files` is silently ignored.',
  },
  // ---------------------------------------------------------------- users and access
  users: {
    type: oneOf(ciUsersList, str, map()),
    doc: 'Accounts to create; `default` stands for the distro default user.',
    pitfall: 'Listing users replaces the default user unless `- default` is one of the entries.',
  },
  user: {
    type: oneOf(str, ciUserMap),
    doc: 'Overrides the default user: a name, or a mapping with the same keys as a users entry.',
  },
  groups: {
    type: oneOf(list(oneOf(str, map())), str, map()),
    doc: 'Groups to create, each optionally with members (`- admins: [alice, bob]`).',
  },
  chpasswd: {
    type: map(ciChpasswdKeys),
    doc: 'Sets passwords of existing users and whether they must be changed at first login.',
  },
  password: {
    type: str,
    doc: 'Password set for the default user.',
    pitfall:
      'It expires at first login unless `chpasswd: {expire: false}`; SSH password login also needs ssh_pwauth: true.',
  },
  ssh_pwauth: {
    type: oneOf(bool, str),
    doc: 'Turns password authentication in sshd on (true) or off (false); absent leaves sshd as it is.',
    pitfall: 'Use a boolean; string values such as "unchanged" are deprecated.',
  },
  ssh_authorized_keys: {
    type: strList,
    doc: 'Public SSH keys added for the default user.',
    pitfall: 'Must be a list even for one key. Keys for other accounts go under users[].ssh_authorized_keys.',
  },
  ssh_import_id: {
    type: strList,
    doc: 'Key IDs imported for the default user with ssh-import-id (`gh:name`, `lp:name`).',
  },
  allow_public_ssh_keys: {
    type: bool,
    default: 'true',
    doc: 'Also install the SSH keys that come with the platform metadata.',
  },
  disable_root: {
    type: bool,
    default: 'true',
    doc: 'Blocks SSH logins as root with a message pointing to the default user.',
  },
  disable_root_opts: { type: str, doc: 'authorized_keys options used to block root when disable_root is on.' },
  ssh_deletekeys: {
    type: bool,
    default: 'true',
    doc: 'Deletes host keys baked into the image so each instance gets new ones.',
  },
  ssh_genkeytypes: {
    type: list(sshKeyTypes),
    default: '[rsa, dsa, ecdsa, ed25519]',
    doc: 'Types of SSH host keys to generate.',
  },
  ssh_keys: {
    type: map(ciSshKeysKeys, true),
    doc: 'Fixed SSH host keys to install instead of generating them.',
    pitfall: 'Private keys in user-data are readable by anyone with access to the metadata.',
  },
  ssh_quiet_keygen: { type: bool, default: 'false', doc: 'Keeps ssh-keygen output off the console.' },
  ssh_publish_hostkeys: {
    type: map({
      enabled: { type: bool, default: 'true', doc: 'Publish the host keys to the platform.' },
      blacklist: { type: strList, doc: 'Key types not to publish.' },
    }),
    doc: 'Reports the generated host keys back to the platform, if it supports that.',
  },
  ssh: {
    type: map({
      emit_keys_to_console: {
        type: bool,
        default: 'true',
        required: true,
        doc: 'Print host key fingerprints to the console.',
      },
    }),
    doc: 'Console output of SSH host keys.',
  },
  ssh_fp_console_blacklist: { type: strList, doc: 'Key types whose fingerprints are not printed to the console.' },
  ssh_key_console_blacklist: { type: strList, default: '[ssh-dss]', doc: 'Key types not printed to the console.' },
  no_ssh_fingerprints: { type: bool, default: 'false', doc: 'Skips logging the fingerprints of authorized keys.' },
  authkey_hash: { type: str, default: 'sha256', doc: 'Hash used for logged authorized-key fingerprints.' },
  // ---------------------------------------------------------------- host identity
  hostname: {
    type: str,
    doc: 'Hostname to set (the short name when fqdn is also given).',
    pitfall: 'Must be a string: quote all-digit names (`hostname: "1234"`). Ignored when preserve_hostname is true.',
  },
  fqdn: { type: str, doc: 'Fully qualified domain name; wins over hostname when both are set.' },
  prefer_fqdn_over_hostname: {
    type: bool,
    doc: 'Set the system hostname to the full FQDN instead of its first label.',
  },
  preserve_hostname: {
    type: bool,
    default: 'false',
    doc: 'Leaves the current hostname untouched.',
    pitfall: 'Quoted "no" is a string and fails; use true/false.',
  },
  create_hostname_file: {
    type: bool,
    default: 'true',
    doc: 'Write /etc/hostname. Added in cloud-init 23.4; older versions ignore it.',
  },
  manage_etc_hosts: {
    type: oneOf(bool, enumOf('localhost', 'template')),
    default: 'false',
    doc: 'true rebuilds /etc/hosts from the template on every boot; `localhost` only adds a 127.0.1.1 line for the hostname.',
    pitfall:
      'With true, hand edits to /etc/hosts are lost at reboot (edit /etc/cloud/templates/hosts.*.tmpl). `template` is a deprecated spelling of true.',
  },
  manage_resolv_conf: {
    type: bool,
    default: 'false',
    doc: 'Write /etc/resolv.conf from resolv_conf.',
    pitfall: 'Most systemd-resolved systems overwrite resolv.conf anyway.',
  },
  resolv_conf: {
    type: map(ciResolvConfKeys),
    doc: 'Name servers, search domains and options for /etc/resolv.conf (needs manage_resolv_conf: true).',
  },
  timezone: {
    type: str,
    doc: 'Time zone to set, e.g. `Europe/Berlin` or `UTC`.',
    pitfall: 'Must be a zone name from the tz database, not an abbreviation like CET or +02:00.',
  },
  locale: { type: str, doc: 'System locale to generate and set, e.g. `en_US.UTF-8`.' },
  locale_configfile: { type: str, doc: 'File where the locale setting is written.' },
  keyboard: {
    type: map({
      layout: { type: str, required: true, doc: 'Keyboard layout, e.g. `us` or `de`.' },
      model: { type: str, default: 'pc105', doc: 'Keyboard model.' },
      variant: { type: str, doc: 'Layout variant, e.g. `nodeadkeys`.' },
      options: { type: str, doc: 'Extra XKB options.' },
    }),
    doc: 'Console and X keyboard layout.',
  },
  ntp: { type: oneOf(map(ciNtpKeys), nul), doc: 'Configures a time-sync client with the given servers or pools.' },
  // ---------------------------------------------------------------- storage
  growpart: { type: map(ciGrowpartKeys), doc: 'Grows partitions (by default the root one) to fill the disk.' },
  resize_rootfs: {
    type: oneOf(bool, enumOf('noblock')),
    default: 'true',
    doc: 'Grows the root filesystem to fill its partition; `noblock` does it in the background.',
  },
  mounts: {
    type: list(list(str), '[ ${1:/dev/vdb}, ${2:/data}, ${3:ext4}, "${4:defaults,nofail}", "0", "2" ]'),
    doc: 'fstab entries to add: device, mount point, type, options, dump, pass.',
    pitfall: 'Add `nofail` to options for disks that may be missing, or the boot can hang. Quote numeric fields.',
  },
  mount_default_fields: {
    type: list(oneOf(str, nul)),
    doc: 'Values used for fields missing from mounts entries (six items).',
  },
  swap: { type: map(ciSwapKeys), doc: 'Creates and enables a swap file.' },
  disk_setup: {
    type: map(),
    doc: 'Partitions disks, keyed by device or alias (table_type, layout, overwrite).',
    pitfall: '`overwrite: true` wipes existing partitions.',
  },
  fs_setup: {
    type: list(
      ciFsSetupItem,
      'label: ${1:data}\n  filesystem: ${2:ext4}\n  device: ${3:/dev/vdb}\n  partition: ${4:auto}',
    ),
    doc: 'Creates filesystems on disks or partitions.',
  },
  device_aliases: { type: map(), doc: 'Short names for devices, usable in disk_setup and fs_setup.' },
  // ---------------------------------------------------------------- certificates
  ca_certs: {
    type: map(ciCaCertsKeys),
    doc: 'Adds CA certificates to the system trust store (and optionally drops the defaults).',
  },
  'ca-certs': {
    type: map(ciCaCertsKeys),
    deprecated: 'Hyphen spelling deprecated in 22.3.',
    replacement: 'ca_certs',
    doc: 'Old hyphen spelling of ca_certs.',
  },
  // ---------------------------------------------------------------- config management and services
  ansible: { type: map(ciAnsibleKeys), doc: 'Installs Ansible and runs ansible-pull or playbooks locally.' },
  chef: { type: map(), doc: 'Installs chef-client, writes its configuration and optionally runs it.' },
  puppet: { type: map(), doc: 'Installs the Puppet agent, writes puppet.conf and starts the agent.' },
  salt_minion: { type: map(ciSaltMinionKeys), doc: 'Installs and configures a Salt minion.' },
  mcollective: { type: map(), doc: 'Writes MCollective server settings and certificates.' },
  landscape: {
    type: map({
      client: { type: map(), required: true, doc: 'Settings written to the Landscape client configuration.' },
    }),
    doc: 'Registers the machine with Landscape.',
  },
  spacewalk: {
    type: map({
      server: { type: str, doc: 'Spacewalk server to register with.' },
      proxy: { type: str, doc: 'Proxy for reaching the server.' },
      activation_key: { type: str, doc: 'Activation key for registration.' },
    }),
    doc: 'Registers the machine with a Spacewalk server.',
  },
  rh_subscription: {
    type: map(ciRhSubscriptionKeys),
    doc: 'Registers a RHEL machine with Red Hat Subscription Management.',
  },
  ubuntu_advantage: {
    type: map(ciUbuntuProKeys),
    doc: 'Attaches the machine to Ubuntu Pro and enables services.',
    deprecated:
      'Renamed to ubuntu_pro in cloud-init 24.1; keep this name only for older releases, which do not know ubuntu_pro.',
    replacement: 'ubuntu_pro',
  },
  ubuntu_pro: {
    type: map(ciUbuntuProKeys),
    doc: 'Attaches the machine to Ubuntu Pro and enables services. Exists from cloud-init 24.1 on.',
    pitfall: 'Releases before 24.1 ignore it; use ubuntu_advantage there.',
  },
  drivers: {
    type: map({
      nvidia: {
        type: map({
          'license-accepted': { type: bool, required: true, doc: 'Confirms you accept the NVIDIA driver licence.' },
          version: { type: str, doc: 'Driver version to install.' },
        }),
        doc: 'NVIDIA driver installation.',
      },
    }),
    doc: 'Installs hardware drivers with ubuntu-drivers.',
  },
  lxd: { type: map(ciLxdKeys), doc: 'Initialises LXD: storage, network bridge or a full preseed.' },
  fan: {
    type: map({
      config: { type: str, required: true, doc: 'Fan network configuration text.' },
      config_path: { type: str, default: '/etc/network/fan', doc: 'Where it is written.' },
    }),
    doc: 'Configures Ubuntu fan networking.',
  },
  grub_dpkg: {
    type: map({
      enabled: { type: bool, default: 'true', doc: 'Whether to set the debconf values.' },
      'grub-pc/install_devices': { type: str, doc: 'Device GRUB is installed to.' },
      'grub-pc/install_devices_empty': {
        type: oneOf(bool, str),
        doc: 'Whether the device list may be empty.',
        pitfall: 'Use a boolean; a string is deprecated.',
      },
    }),
    doc: 'Sets the debconf answers for the GRUB install device so grub-pc upgrades do not prompt.',
  },
  'grub-dpkg': {
    type: map(),
    deprecated: 'Hyphen spelling deprecated in 22.2.',
    replacement: 'grub_dpkg',
    doc: 'Old hyphen spelling of grub_dpkg.',
  },
  byobu_by_default: {
    type: enumOf(
      'enable-system',
      'enable-user',
      'disable-system',
      'disable-user',
      'enable',
      'disable',
      'user',
      'system',
    ),
    doc: 'Turns byobu on or off at login for the default user or system-wide.',
  },
  rsyslog: {
    type: map(ciRsyslogKeys),
    doc: 'Writes rsyslog configuration snippets and remote targets, then reloads rsyslog.',
  },
  random_seed: { type: map(ciRandomSeedKeys), doc: 'Feeds seed data into the kernel entropy pool at boot.' },
  phone_home: {
    type: map(ciPhoneHomeKeys),
    doc: 'POSTs instance facts (id, hostname, host keys) to a URL when boot finishes.',
  },
  wireguard: {
    type: oneOf(map(ciWireguardKeys), nul),
    doc: 'Writes WireGuard interface configurations and brings them up.',
  },
  updates: {
    type: map({
      network: {
        type: map({
          when: {
            type: list(enumOf('boot-new-instance', 'boot-legacy', 'boot', 'hotplug')),
            required: true,
            doc: 'Events that trigger it.',
          },
        }),
        doc: 'When network configuration is re-applied.',
      },
    }),
    doc: 'Controls on which events cloud-init re-applies network settings (e.g. on hotplug).',
  },
  vendor_data: { type: map(ciVendorDataKeys), doc: 'Controls whether and how vendor-supplied scripts run.' },
  disable_ec2_metadata: {
    type: bool,
    default: 'false',
    doc: 'Blocks access to the EC2 metadata address with a route once booted.',
  },
  migrate: {
    type: bool,
    default: 'true',
    doc: 'Migrates semaphore files of older cloud-init versions to the current names.',
  },
  autoinstall: {
    type: map({ version: { type: int, required: true, doc: 'Autoinstall format version (1).' } }, true),
    doc: 'Ubuntu Server installer (Subiquity) answers; cloud-init itself ignores it.',
  },
  reporting: {
    type: map(),
    doc: 'Named event reporters (log, print, webhook, hyperv) that receive cloud-init progress events.',
  },
  // ---------------------------------------------------------------- cloud-init itself
  cloud_init_modules: {
    type: moduleList,
    doc: 'Modules of the init stage, in order; `[name, frequency]` items change how often one runs.',
    pitfall: MODULES_PITFALL,
  },
  cloud_config_modules: { type: moduleList, doc: 'Modules of the config stage, in order.', pitfall: MODULES_PITFALL },
  cloud_final_modules: { type: moduleList, doc: 'Modules of the final stage, in order.', pitfall: MODULES_PITFALL },
  merge_how: {
    type: mergeSpec,
    doc: 'How this part merges with earlier config parts, e.g. `list(append)+dict(recurse_array)+str()`.',
  },
  merge_type: { type: mergeSpec, doc: 'Same as merge_how.' },
  'launch-index': {
    type: int,
    doc: 'Applies this config only to the instance with this launch index (EC2 multi-launch).',
  },
  output: {
    type: map({
      all: { type: logTarget, doc: 'Target for every stage, e.g. `| tee -a /var/log/cloud-init-output.log`.' },
      init: { type: logTarget, doc: 'Target for the init stage.' },
      config: { type: logTarget, doc: 'Target for the config stage.' },
      final: { type: logTarget, doc: 'Target for the final stage.' },
    }),
    doc: 'Where the stdout/stderr of each stage go (a file with > or >>, or a command after |).',
  },
  rpi: { type: map(), doc: 'Raspberry Pi OS settings (interfaces, rpi-connect). Only in recent cloud-init releases.' },
  system_info: {
    type: map(),
    doc: 'Distro and default-user settings that normally live in /etc/cloud/cloud.cfg.',
    deprecated:
      'Not meant to be set from user-data (deprecated there since 24.2); configure it in /etc/cloud/cloud.cfg.d/.',
  },
  version: {
    type: any,
    doc: 'Format marker accepted at the top level by newer schemas; cloud-init does not act on it.',
  },
};
