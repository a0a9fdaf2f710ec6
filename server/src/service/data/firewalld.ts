/**
 * firewalld 1.3.3's services (/usr/lib/firewalld/services, 221 files) and zones (/usr/lib/firewalld/zones) on Debian
 * 12.
 */
export const firewalldServices: ReadonlySet<string> = new Set([
  'RH-Satellite-6', 'RH-Satellite-6-capsule', 'afp', 'amanda-client', 'amanda-k5-client', 'amqp', 'amqps', 'apcupsd',
  'audit', 'ausweisapp2', 'bacula', 'bacula-client', 'bareos-director', 'bareos-filedaemon', 'bareos-storage', 'bb',
  'bgp', 'bitcoin', 'bitcoin-rpc', 'bitcoin-testnet', 'bitcoin-testnet-rpc', 'bittorrent-lsd', 'ceph', 'ceph-exporter',
  'ceph-mon', 'cfengine', 'checkmk-agent', 'cockpit', 'collectd', 'condor-collector', 'cratedb', 'ctdb',
  'dds', 'dds-multicast', 'dds-unicast', 'dhcp', 'dhcpv6', 'dhcpv6-client', 'distcc', 'dns',
  'dns-over-tls', 'docker-registry', 'docker-swarm', 'dropbox-lansync', 'elasticsearch', 'etcd-client', 'etcd-server', 'finger',
  'foreman', 'foreman-proxy', 'freeipa-4', 'freeipa-ldap', 'freeipa-ldaps', 'freeipa-replication', 'freeipa-trust', 'ftp',
  'galera', 'ganglia-client', 'ganglia-master', 'git', 'gpsd', 'grafana', 'gre', 'high-availability',
  'http', 'http3', 'https', 'ident', 'imap', 'imaps', 'ipfs', 'ipp',
  'ipp-client', 'ipsec', 'irc', 'ircs', 'iscsi-target', 'isns', 'jenkins', 'kadmin',
  'kdeconnect', 'kerberos', 'kibana', 'klogin', 'kpasswd', 'kprop', 'kshell', 'kube-api',
  'kube-apiserver', 'kube-control-plane', 'kube-control-plane-secure', 'kube-controller-manager', 'kube-controller-manager-secure', 'kube-nodeport-services', 'kube-scheduler', 'kube-scheduler-secure',
  'kube-worker', 'kubelet', 'kubelet-readonly', 'kubelet-worker', 'ldap', 'ldaps', 'libvirt', 'libvirt-tls',
  'lightning-network', 'llmnr', 'llmnr-client', 'llmnr-tcp', 'llmnr-udp', 'managesieve', 'matrix', 'mdns',
  'memcache', 'minidlna', 'mongodb', 'mosh', 'mountd', 'mqtt', 'mqtt-tls', 'ms-wbt',
  'mssql', 'murmur', 'mysql', 'nbd', 'nebula', 'netbios-ns', 'netdata-dashboard', 'nfs',
  'nfs3', 'nmea-0183', 'nrpe', 'ntp', 'nut', 'openvpn', 'ovirt-imageio', 'ovirt-storageconsole',
  'ovirt-vmconsole', 'plex', 'pmcd', 'pmproxy', 'pmwebapi', 'pmwebapis', 'pop3', 'pop3s',
  'postgresql', 'privoxy', 'prometheus', 'prometheus-node-exporter', 'proxy-dhcp', 'ps2link', 'ps3netsrv', 'ptp',
  'pulseaudio', 'puppetmaster', 'quassel', 'radius', 'rdp', 'redis', 'redis-sentinel', 'rpc-bind',
  'rquotad', 'rsh', 'rsyncd', 'rtsp', 'salt-master', 'samba', 'samba-client', 'samba-dc',
  'sane', 'sip', 'sips', 'slp', 'smtp', 'smtp-submission', 'smtps', 'snmp',
  'snmptls', 'snmptls-trap', 'snmptrap', 'spideroak-lansync', 'spotify-sync', 'squid', 'ssdp', 'ssh',
  'steam-streaming', 'svdrp', 'svn', 'syncthing', 'syncthing-gui', 'syncthing-relay', 'synergy', 'syslog',
  'syslog-tls', 'telnet', 'tentacle', 'tftp', 'tile38', 'tinc', 'tor-socks', 'transmission-client',
  'upnp-client', 'vdsm', 'vnc-server', 'warpinator', 'wbem-http', 'wbem-https', 'wireguard', 'ws-discovery',
  'ws-discovery-client', 'ws-discovery-tcp', 'ws-discovery-udp', 'wsman', 'wsmans', 'xdmcp', 'xmpp-bosh', 'xmpp-client',
  'xmpp-local', 'xmpp-server', 'zabbix-agent', 'zabbix-server', 'zerotier',
]);
export const firewalldZones: ReadonlySet<string> = new Set(['block', 'dmz', 'drop', 'external', 'home', 'internal', 'public', 'trusted', 'work']);
