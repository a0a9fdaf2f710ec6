/**
 * systemd units that exist on the machine without the cloud-config writing them (FACTS §1.6 for CoreOS).
 * Pure data; notes are our own words.
 */

/** Units shipped in CoreOS Container Linux images that cloud-configs start or enable by name (no `content`). */
export const coreosShippedUnits: Readonly<Record<string, string>> = {
  'etcd.service': 'etcd v0.4. Target of the `coreos.etcd` drop-in; removed from Container Linux in 2017.',
  'etcd2.service': 'etcd 2.x. Target of the `coreos.etcd2` drop-in; removed from Container Linux in 2018.',
  'etcd-member.service':
    'etcd v3 run in a container by the etcd-wrapper script; configure it with a drop-in (later Container Linux releases).',
  'fleet.service': 'fleet cluster scheduler, configured by `coreos.fleet`; removed from Container Linux in 2017.',
  'fleet.socket': 'Socket activation for the fleet API; removed together with fleet in 2017.',
  'flanneld.service':
    'flannel overlay network daemon; reads the options that `coreos.flannel` writes to /run/flannel/options.env.',
  'flannel-docker-opts.service':
    'Turns the flannel subnet into Docker daemon options so containers use the overlay network.',
  'docker.service': 'Docker daemon; usually socket-activated, start it explicitly to have it running at boot.',
  'docker.socket': 'Socket activation for Docker: the daemon starts on the first API call.',
  'early-docker.service': 'Separate early Docker daemon used by old releases to run flannel before the main one.',
  'early-docker.socket': 'Socket of the early Docker daemon (old releases).',
  'containerd.service': 'containerd container runtime used by Docker.',
  'locksmithd.service':
    'Reboot coordinator; coreos-cloudinit restarts it (or stops and masks it for `off`) when `coreos.update.reboot_strategy` is set.',
  'update-engine.service':
    'Automatic OS update client; restarted by coreos-cloudinit after `coreos.update` changes update.conf.',
  'iptables-restore.service':
    'Oneshot that loads /var/lib/iptables/rules-save with iptables-restore before the network is up; needs `enable: true` AND `command: start` in the cloud-config. It shows inactive after running (no RemainAfterExit).',
  'ip6tables-restore.service':
    'IPv6 twin of iptables-restore.service: loads /var/lib/ip6tables/rules-save; needs `enable: true` AND `command: start`.',
  'iptables-store.service': 'Saves the current IPv4 rules to /var/lib/iptables/rules-save at shutdown.',
  'ip6tables-store.service': 'Saves the current IPv6 rules to /var/lib/ip6tables/rules-save at shutdown.',
  'iptables.service': 'Unit from the iptables package; cloud-configs normally use iptables-restore.service instead.',
  'ip6tables.service':
    'Unit from the iptables package for IPv6; cloud-configs normally use ip6tables-restore.service instead.',
  'systemd-networkd.service':
    'Network manager; coreos-cloudinit restarts it after writing .network/.netdev/.link units.',
  'systemd-resolved.service': 'DNS resolver service of systemd.',
  'systemd-timesyncd.service': 'Default SNTP time sync client of systemd.',
  'ntpd.service': 'Full NTP daemon; stop/mask systemd-timesyncd.service when you enable it.',
  'ntpdate.service': 'One-shot clock set with ntpdate at boot.',
  'sntp.service': 'One-shot clock set with sntp at boot.',
  'sshd.socket':
    'Socket that starts an sshd per connection; change the SSH port with a drop-in on this socket, not sshd.service.',
  'sshd@.service': 'Per-connection sshd instance spawned by sshd.socket.',
  'sshd-keygen.service': 'Generates the SSH host keys at first boot.',
  'rpc-statd.service': 'NFS lock status daemon, needed for NFSv3 client mounts.',
  'rpc-mountd.service': 'NFS mount daemon for an NFS server.',
  'nfsd.service': 'Kernel NFS server.',
  'iscsid.service': 'iSCSI initiator daemon.',
  'sssd.service': 'SSSD for LDAP/Kerberos logins.',
  'tcsd.service': 'TrouSerS daemon for TPM 1.2 access.',
  'coreos-metadata.service':
    'Fetches platform metadata (IP addresses, hostname) into /run/metadata/coreos for other units.',
  'coreos-metadata-sshkeys@.service':
    'Installs the SSH keys from platform metadata for the user named by the instance (e.g. @core).',
  'rkt-gc.service': 'Garbage-collects exited rkt pods.',
  'rkt-gc.timer': 'Runs rkt-gc.service periodically.',
};

/**
 * Base-system units of Ubuntu/Debian cloud images (the usual cloud-init targets) that cloud-configs reference in
 * runcmd/bootcmd. Units that only appear after installing a package (docker.service, containerd.service,
 * nginx.service, netfilter-persistent.service, ...) are deliberately absent: they exist only if `packages:` installs
 * them.
 */
export const commonDistroUnits: readonly string[] = [
  // remote access
  'ssh.service',
  'sshd.service', // alias of ssh.service on Debian/Ubuntu
  'ssh.socket',
  // scheduling, logging
  'cron.service',
  'rsyslog.service',
  'systemd-journald.service',
  'logrotate.timer',
  // network and time
  'systemd-networkd.service',
  'systemd-networkd-wait-online.service',
  'systemd-resolved.service',
  'systemd-timesyncd.service',
  'networking.service',
  'chrony.service',
  'ufw.service',
  // system
  'systemd-logind.service',
  'systemd-udevd.service',
  'systemd-sysctl.service',
  'systemd-modules-load.service',
  'systemd-tmpfiles-setup.service',
  'dbus.service',
  'apparmor.service',
  'getty@.service',
  'serial-getty@.service',
  'fstrim.timer',
  // packages and updates
  'apt-daily.timer',
  'apt-daily-upgrade.timer',
  'unattended-upgrades.service',
  'snapd.service',
  // cloud-init's own stages
  'cloud-init-local.service',
  'cloud-init.service',
  'cloud-config.service',
  'cloud-final.service',
];
