/**
 * Key tree of CoreOS `coreos-cloudinit` cloud-config (FACTS §1.3), canonical underscore spelling.
 * coreos-cloudinit turns every `-` in a key into `_`, so lookups should normalise keys first.
 * Pure data; texts are our own words.
 */
import { KeyTable, bool, enumOf, float, int, list, map, str, strList } from './keySpec';

const ETCD2_ONLY =
  'An etcd2 option: etcd v0.4 does not understand it, so it has no effect here. Put it under coreos.etcd2 instead.';
const NOT_SHIPPED_ETCD = 'No longer shipped in Container Linux. Run etcd v3 through etcd-member.service instead.';
const NOT_SHIPPED_ETCD2 =
  'No longer shipped in Container Linux (removed 2018). Use etcd-member.service (etcd v3) instead.';
const NOT_SHIPPED_FLEET = 'No longer shipped in Container Linux (removed 2017).';
const REMOTE_IMPORT = 'Fetching keys at boot proved unreliable. List the keys in ssh_authorized_keys instead.';
const TEMPLATE_PITFALL =
  '`$private_ipv4`/`$public_ipv4` are only substituted on platforms whose metadata provides them; elsewhere the literal text is used.';

/** `coreos.etcd` — etcd v0.4; each key becomes an ETCD_* variable in a drop-in for etcd.service. */
const etcdKeys: KeyTable = {
  addr: {
    type: str,
    doc: 'Client address (host:port) this member advertises to others (ETCD_ADDR).',
    pitfall: TEMPLATE_PITFALL,
  },
  advertise_client_urls: {
    type: str,
    doc: 'etcd2 client URL list (ETCD_ADVERTISE_CLIENT_URLS).',
    deprecated: ETCD2_ONLY,
  },
  bind_addr: { type: str, doc: 'Address the client API listens on (ETCD_BIND_ADDR).' },
  ca_file: { type: str, doc: 'CA certificate used to verify client certificates (ETCD_CA_FILE).' },
  cert_file: { type: str, doc: 'TLS certificate for the client API (ETCD_CERT_FILE).' },
  cluster_active_size: {
    type: int,
    doc: 'How many members take part in consensus; the rest run as standbys (ETCD_CLUSTER_ACTIVE_SIZE).',
  },
  cluster_remove_delay: {
    type: float,
    doc: 'Seconds before an unreachable member is removed from the cluster (ETCD_CLUSTER_REMOVE_DELAY).',
  },
  cluster_sync_interval: {
    type: float,
    doc: 'Seconds between standby syncs with the cluster (ETCD_CLUSTER_SYNC_INTERVAL).',
  },
  cors: { type: str, doc: 'Comma-separated origins allowed for cross-origin requests (ETCD_CORS).' },
  data_dir: { type: str, doc: 'Directory for the log, snapshots and configuration (ETCD_DATA_DIR).' },
  discovery: {
    type: str,
    doc: 'Discovery URL used to find the other members at first start (ETCD_DISCOVERY).',
    pitfall:
      'Must be a full URL such as https://discovery.etcd.io/<token>; a token is single-use, reusing it for a new cluster fails to bootstrap.',
  },
  discovery_fallback: {
    type: str,
    doc: 'etcd2 discovery fallback behaviour (ETCD_DISCOVERY_FALLBACK).',
    deprecated: ETCD2_ONLY,
  },
  discovery_srv: { type: str, doc: 'etcd2 DNS SRV discovery domain (ETCD_DISCOVERY_SRV).', deprecated: ETCD2_ONLY },
  discovery_proxy: { type: str, doc: 'etcd2 HTTP proxy for discovery (ETCD_DISCOVERY_PROXY).', deprecated: ETCD2_ONLY },
  election_timeout: { type: int, doc: 'etcd2 election timeout in ms (ETCD_ELECTION_TIMEOUT).', deprecated: ETCD2_ONLY },
  force_new_cluster: {
    type: bool,
    doc: 'etcd2 forced single-member restart (ETCD_FORCE_NEW_CLUSTER).',
    deprecated: ETCD2_ONLY,
  },
  graphite_host: { type: str, doc: 'Graphite endpoint that receives etcd metrics (ETCD_GRAPHITE_HOST).' },
  heartbeat_interval: {
    type: int,
    doc: 'etcd2 heartbeat interval in ms (ETCD_HEARTBEAT_INTERVAL).',
    deprecated: ETCD2_ONLY,
  },
  http_read_timeout: { type: float, doc: 'Seconds allowed to read an HTTP request (ETCD_HTTP_READ_TIMEOUT).' },
  http_write_timeout: { type: float, doc: 'Seconds allowed to write an HTTP response (ETCD_HTTP_WRITE_TIMEOUT).' },
  initial_advertise_peer_urls: {
    type: str,
    doc: 'etcd2 peer URLs announced at bootstrap (ETCD_INITIAL_ADVERTISE_PEER_URLS).',
    deprecated: ETCD2_ONLY,
  },
  initial_cluster: { type: str, doc: 'etcd2 static member list (ETCD_INITIAL_CLUSTER).', deprecated: ETCD2_ONLY },
  initial_cluster_state: {
    type: str,
    doc: 'etcd2 bootstrap state new/existing (ETCD_INITIAL_CLUSTER_STATE).',
    deprecated: ETCD2_ONLY,
  },
  initial_cluster_token: {
    type: str,
    doc: 'etcd2 cluster token (ETCD_INITIAL_CLUSTER_TOKEN).',
    deprecated: ETCD2_ONLY,
  },
  key_file: { type: str, doc: 'Private key for the client API certificate (ETCD_KEY_FILE).' },
  listen_client_urls: { type: str, doc: 'etcd2 client listen URLs (ETCD_LISTEN_CLIENT_URLS).', deprecated: ETCD2_ONLY },
  listen_peer_urls: { type: str, doc: 'etcd2 peer listen URLs (ETCD_LISTEN_PEER_URLS).', deprecated: ETCD2_ONLY },
  max_result_buffer: { type: int, doc: 'Upper bound on buffered results kept for watchers (ETCD_MAX_RESULT_BUFFER).' },
  max_retry_attempts: {
    type: int,
    doc: 'How many times to retry joining the cluster before giving up (ETCD_MAX_RETRY_ATTEMPTS).',
  },
  max_snapshots: { type: int, doc: 'etcd2 snapshot retention (ETCD_MAX_SNAPSHOTS).', deprecated: ETCD2_ONLY },
  max_wals: { type: int, doc: 'etcd2 WAL retention (ETCD_MAX_WALS).', deprecated: ETCD2_ONLY },
  name: { type: str, doc: 'Name of this member; defaults to the machine ID (ETCD_NAME).' },
  peer_addr: {
    type: str,
    doc: 'Peer address (host:port) this member advertises for replication (ETCD_PEER_ADDR).',
    pitfall: TEMPLATE_PITFALL,
  },
  peer_bind_addr: { type: str, doc: 'Address the peer (replication) port listens on (ETCD_PEER_BIND_ADDR).' },
  peer_ca_file: { type: str, doc: 'CA certificate used to verify peer certificates (ETCD_PEER_CA_FILE).' },
  peer_cert_file: { type: str, doc: 'TLS certificate for peer traffic (ETCD_PEER_CERT_FILE).' },
  peer_election_timeout: {
    type: int,
    doc: 'Milliseconds without a leader before an election starts (ETCD_PEER_ELECTION_TIMEOUT).',
  },
  peer_heartbeat_interval: { type: int, doc: 'Milliseconds between leader heartbeats (ETCD_PEER_HEARTBEAT_INTERVAL).' },
  peer_key_file: { type: str, doc: 'Private key for the peer certificate (ETCD_PEER_KEY_FILE).' },
  peers: { type: str, doc: 'Comma-separated peer addresses to join, instead of discovery (ETCD_PEERS).' },
  peers_file: { type: str, doc: 'File holding the comma-separated peer list (ETCD_PEERS_FILE).' },
  proxy: { type: str, doc: 'etcd2 proxy mode (ETCD_PROXY).', deprecated: ETCD2_ONLY },
  retry_interval: { type: float, doc: 'Seconds to wait between attempts to join the cluster (ETCD_RETRY_INTERVAL).' },
  snapshot: { type: bool, doc: 'Turns on periodic snapshots of the log (ETCD_SNAPSHOT).' },
  snapshot_count: {
    type: int,
    doc: 'Committed entries between two snapshots.',
    pitfall:
      'coreos-cloudinit writes it as ETCD_SNAPSHOTCOUNT (no underscore), so check which variable your etcd build reads.',
  },
  trace: { type: str, doc: 'Tracing/profiling setting passed through as ETCD_TRACE.' },
  verbose: { type: bool, doc: 'More detailed logging (ETCD_VERBOSE).' },
  very_verbose: { type: bool, doc: 'Even more detailed logging (ETCD_VERY_VERBOSE).' },
  very_very_verbose: { type: bool, doc: 'Maximum log detail, very noisy (ETCD_VERY_VERY_VERBOSE).' },
};

/** `coreos.etcd2` — each key becomes an ETCD_* variable in a drop-in for etcd2.service. */
const etcd2Keys: KeyTable = {
  advertise_client_urls: {
    type: str,
    doc: 'Client URLs announced to the rest of the cluster (ETCD_ADVERTISE_CLIENT_URLS).',
    pitfall: TEMPLATE_PITFALL,
  },
  ca_file: {
    type: str,
    doc: 'Old way to require client certificates signed by this CA (ETCD_CA_FILE).',
    deprecated: 'Superseded by trusted_ca_file together with client_cert_auth: true.',
    replacement: 'trusted_ca_file',
  },
  cert_file: { type: str, doc: 'TLS certificate served on the client URLs (ETCD_CERT_FILE).' },
  client_cert_auth: {
    type: bool,
    doc: 'Require clients to present a certificate signed by trusted_ca_file (ETCD_CLIENT_CERT_AUTH).',
    default: 'false',
  },
  cors: { type: str, doc: 'Comma-separated origins allowed for cross-origin requests (ETCD_CORS).' },
  data_dir: { type: str, doc: 'Directory for the member data (ETCD_DATA_DIR).' },
  debug: { type: bool, doc: 'Debug-level logging (ETCD_DEBUG).', default: 'false' },
  discovery: {
    type: str,
    doc: 'Discovery URL used to bootstrap the cluster (ETCD_DISCOVERY).',
    pitfall:
      'A discovery token is single-use and sized; reusing an old token for a fresh cluster makes members refuse to start.',
  },
  discovery_fallback: {
    type: str,
    doc: 'What to do when discovery finds the cluster full: `exit` or `proxy` (ETCD_DISCOVERY_FALLBACK).',
  },
  discovery_srv: { type: str, doc: 'Domain whose DNS SRV records list the members (ETCD_DISCOVERY_SRV).' },
  discovery_proxy: { type: str, doc: 'HTTP proxy used to reach the discovery service (ETCD_DISCOVERY_PROXY).' },
  election_timeout: {
    type: int,
    doc: 'Milliseconds without a leader before an election starts (ETCD_ELECTION_TIMEOUT).',
  },
  enable_pprof: { type: bool, doc: 'Exposes Go profiling endpoints over HTTP (ETCD_ENABLE_PPROF).' },
  force_new_cluster: {
    type: bool,
    doc: 'Restart as a one-member cluster, discarding the old membership (ETCD_FORCE_NEW_CLUSTER).',
    pitfall: 'Meant for disaster recovery only; leaving it on makes every restart drop the other members.',
  },
  heartbeat_interval: { type: int, doc: 'Milliseconds between leader heartbeats (ETCD_HEARTBEAT_INTERVAL).' },
  initial_advertise_peer_urls: {
    type: str,
    doc: 'Peer URLs announced to the cluster at bootstrap (ETCD_INITIAL_ADVERTISE_PEER_URLS).',
    pitfall: TEMPLATE_PITFALL,
  },
  initial_cluster: {
    type: str,
    doc: 'Static member list `name=peerURL,...` used at bootstrap (ETCD_INITIAL_CLUSTER).',
  },
  initial_cluster_state: {
    type: str,
    doc: '`new` to create a cluster, `existing` to join one (ETCD_INITIAL_CLUSTER_STATE).',
  },
  initial_cluster_token: {
    type: str,
    doc: 'Token that keeps separate clusters from mixing at bootstrap (ETCD_INITIAL_CLUSTER_TOKEN).',
  },
  key_file: { type: str, doc: 'Private key for cert_file (ETCD_KEY_FILE).' },
  listen_client_urls: { type: str, doc: 'URLs the client API listens on (ETCD_LISTEN_CLIENT_URLS).' },
  listen_peer_urls: { type: str, doc: 'URLs the peer API listens on (ETCD_LISTEN_PEER_URLS).' },
  log_package_levels: {
    type: str,
    doc: 'Per-package log levels such as `etcdserver=WARNING` (ETCD_LOG_PACKAGE_LEVELS).',
  },
  max_snapshots: { type: int, doc: 'How many snapshot files to keep; 0 keeps all (ETCD_MAX_SNAPSHOTS).' },
  max_wals: { type: int, doc: 'How many WAL files to keep; 0 keeps all (ETCD_MAX_WALS).' },
  name: { type: str, doc: 'Human-readable member name; must match its entry in initial_cluster (ETCD_NAME).' },
  peer_ca_file: {
    type: str,
    doc: 'Old way to require peer certificates signed by this CA (ETCD_PEER_CA_FILE).',
    deprecated: 'Superseded by peer_trusted_ca_file together with peer_client_cert_auth: true.',
    replacement: 'peer_trusted_ca_file',
  },
  peer_cert_file: { type: str, doc: 'TLS certificate for peer traffic (ETCD_PEER_CERT_FILE).' },
  peer_key_file: { type: str, doc: 'Private key for peer_cert_file (ETCD_PEER_KEY_FILE).' },
  peer_client_cert_auth: {
    type: bool,
    doc: 'Require peers to present a certificate signed by peer_trusted_ca_file (ETCD_PEER_CLIENT_CERT_AUTH).',
  },
  peer_trusted_ca_file: { type: str, doc: 'CA used to verify peer certificates (ETCD_PEER_TRUSTED_CA_FILE).' },
  proxy: {
    type: enumOf('on', 'off', 'readonly'),
    doc: 'Runs this node as a proxy that forwards to the cluster: `on`, `readonly` or `off` (ETCD_PROXY).',
    pitfall: 'Only on/off/readonly are accepted; `yes`/`true` are rejected even though they mean "on" in YAML.',
    default: 'off',
  },
  proxy_dial_timeout: {
    type: int,
    doc: 'Milliseconds a proxy waits for a connection to a member (ETCD_PROXY_DIAL_TIMEOUT).',
  },
  proxy_failure_wait: {
    type: int,
    doc: 'Milliseconds a failed member is skipped by the proxy (ETCD_PROXY_FAILURE_WAIT).',
  },
  proxy_read_timeout: {
    type: int,
    doc: 'Milliseconds a proxy waits for a read; 0 means no limit (ETCD_PROXY_READ_TIMEOUT).',
  },
  proxy_refresh_interval: {
    type: int,
    doc: 'Milliseconds between refreshes of the proxy member list (ETCD_PROXY_REFRESH_INTERVAL).',
  },
  proxy_write_timeout: { type: int, doc: 'Milliseconds a proxy waits for a write (ETCD_PROXY_WRITE_TIMEOUT).' },
  snapshot_count: { type: int, doc: 'Committed transactions between two snapshots (ETCD_SNAPSHOT_COUNT).' },
  strict_reconfig_check: {
    type: bool,
    doc: 'Refuse membership changes that could lose quorum (ETCD_STRICT_RECONFIG_CHECK).',
  },
  trusted_ca_file: {
    type: str,
    doc: 'CA used to verify client certificates (ETCD_TRUSTED_CA_FILE).',
    pitfall: 'Has no effect on its own: also set client_cert_auth: true.',
  },
  wal_dir: { type: str, doc: 'Separate directory for the write-ahead log (ETCD_WAL_DIR).' },
};

/** `coreos.fleet` — FLEET_* variables in a drop-in for fleet.service. */
const fleetKeys: KeyTable = {
  agent_ttl: {
    type: str,
    doc: 'How long the agent stays registered without a heartbeat, as a duration like `30s` (FLEET_AGENT_TTL).',
  },
  authorized_keys_file: {
    type: str,
    doc: 'File of SSH keys allowed to use the fleet API over SSH (FLEET_AUTHORIZED_KEYS_FILE).',
  },
  disable_engine: {
    type: bool,
    doc: 'Run only the agent on this machine, never the scheduling engine (FLEET_DISABLE_ENGINE).',
  },
  engine_reconcile_interval: {
    type: float,
    doc: 'Seconds between engine scheduling passes (FLEET_ENGINE_RECONCILE_INTERVAL).',
  },
  etcd_cafile: { type: str, doc: 'CA used to verify etcd (FLEET_ETCD_CAFILE).' },
  etcd_certfile: { type: str, doc: 'Client certificate presented to etcd (FLEET_ETCD_CERTFILE).' },
  etcd_keyfile: { type: str, doc: 'Private key for etcd_certfile (FLEET_ETCD_KEYFILE).' },
  etcd_key_prefix: { type: str, doc: 'etcd key prefix under which fleet keeps its state (FLEET_ETCD_KEY_PREFIX).' },
  etcd_request_timeout: {
    type: float,
    doc: 'Seconds before an etcd request is abandoned (FLEET_ETCD_REQUEST_TIMEOUT).',
  },
  etcd_servers: { type: str, doc: 'Comma-separated etcd endpoints fleet talks to (FLEET_ETCD_SERVERS).' },
  etcd_username: { type: str, doc: 'User for etcd authentication (FLEET_ETCD_USERNAME).' },
  etcd_password: { type: str, doc: 'Password for etcd authentication (FLEET_ETCD_PASSWORD).' },
  metadata: { type: str, doc: 'Machine metadata `key=value,...` used for unit placement (FLEET_METADATA).' },
  public_ip: {
    type: str,
    doc: 'IP address shown for this machine in fleetctl (FLEET_PUBLIC_IP).',
    pitfall: TEMPLATE_PITFALL,
  },
  token_limit: { type: int, doc: 'Maximum units returned per API page (FLEET_TOKEN_LIMIT).' },
  verbosity: {
    type: int,
    doc: 'Log verbosity level, a number (FLEET_VERBOSITY).',
    pitfall: 'Must be an integer; words like `high` are rejected.',
  },
  verify_units: { type: bool, doc: 'Only run units carrying a valid signature (FLEET_VERIFY_UNITS).' },
};

/** `coreos.flannel` — FLANNELD_* lines written to /run/flannel/options.env. */
const flannelKeys: KeyTable = {
  etcd_endpoints: {
    type: str,
    doc: 'Comma-separated etcd endpoints flanneld reads its network config from (FLANNELD_ETCD_ENDPOINTS).',
  },
  etcd_cafile: { type: str, doc: 'CA used to verify etcd (FLANNELD_ETCD_CAFILE).' },
  etcd_certfile: { type: str, doc: 'Client certificate presented to etcd (FLANNELD_ETCD_CERTFILE).' },
  etcd_keyfile: { type: str, doc: 'Private key for etcd_certfile (FLANNELD_ETCD_KEYFILE).' },
  etcd_prefix: { type: str, doc: 'etcd key prefix holding the flannel network config (FLANNELD_ETCD_PREFIX).' },
  etcd_username: { type: str, doc: 'User for etcd authentication (FLANNELD_ETCD_USERNAME).' },
  etcd_password: { type: str, doc: 'Password for etcd authentication (FLANNELD_ETCD_PASSWORD).' },
  ip_masq: { type: str, doc: 'Set up IP masquerade for traffic leaving the overlay network (FLANNELD_IP_MASQ).' },
  subnet_file: { type: str, doc: 'File where flanneld writes the subnet it leased (FLANNELD_SUBNET_FILE).' },
  interface: { type: str, doc: 'Interface or IP used for traffic between hosts (FLANNELD_IFACE).' },
  public_ip: {
    type: str,
    doc: 'IP address other hosts use to reach this one (FLANNELD_PUBLIC_IP).',
    pitfall: TEMPLATE_PITFALL,
  },
};

/** `coreos.locksmith` — drop-in for locksmithd.service. */
const locksmithKeys: KeyTable = {
  endpoint: { type: str, doc: 'etcd endpoint(s) locksmith uses for the reboot lock (LOCKSMITHD_ENDPOINT).' },
  etcd_cafile: { type: str, doc: 'CA used to verify etcd (LOCKSMITHD_ETCD_CAFILE).' },
  etcd_certfile: { type: str, doc: 'Client certificate presented to etcd (LOCKSMITHD_ETCD_CERTFILE).' },
  etcd_keyfile: { type: str, doc: 'Private key for etcd_certfile (LOCKSMITHD_ETCD_KEYFILE).' },
  etcd_username: { type: str, doc: 'User for etcd authentication (LOCKSMITHD_ETCD_USERNAME).' },
  etcd_password: { type: str, doc: 'Password for etcd authentication (LOCKSMITHD_ETCD_PASSWORD).' },
  group: { type: str, doc: 'Lock group: machines in the same group take turns rebooting (LOCKSMITHD_GROUP).' },
  window_start: {
    type: {
      kind: 'string',
      // Same language as coreos-cloudinit's Go regexp; its `(?i:...)` group becomes the `i` flag (the rest is digits).
      pattern: /^((sun|mon|tue|wed|thu|fri|sat|sun) )?0*([0-9]|1[0-9]|2[0-3]):0*([0-9]|[1-5][0-9])$/i,
      patternHint: 'an optional 3-letter weekday and a 24h time H:MM, such as `Sun 1:00` or `04:30`',
    },
    doc: 'Start of the maintenance window in which locksmith may reboot the machine (REBOOT_WINDOW_START).',
    pitfall:
      'Use a 3-letter weekday and 24h time (`Thu 23:00`); `Sunday`, `25:00` and am/pm times are rejected. Set window_length too.',
  },
  window_length: {
    type: {
      kind: 'string',
      // Same language as the Go regexp ^[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+$, rewritten so JS backtracking stays linear.
      pattern: /^[-+]?[0-9]*(\.[0-9]*)?[a-z]+(([0-9]+(\.[0-9]*)?|\.[0-9]*)[a-z]+)*$/,
      patternHint: 'a Go-style duration such as `1h`, `90m` or `1h30m`',
    },
    doc: 'How long the reboot window stays open after window_start (REBOOT_WINDOW_LENGTH).',
    pitfall: 'Write a compact duration like `1h30m`; spaces or words (`1 hour`) are rejected.',
  },
};

/** `coreos.update` — rewrites /etc/coreos/update.conf. */
const updateKeys: KeyTable = {
  reboot_strategy: {
    type: enumOf('etcd-lock', 'reboot', 'off'),
    doc: 'What happens after an update is installed: `reboot` at once, `etcd-lock` (take a locksmith lock first) or `off` (never reboot).',
    pitfall: 'Unquoted `off` is fine here, but `false` is rejected; `best-effort` was removed in late 2017.',
  },
  group: {
    type: str,
    doc: 'Update channel/group the machine follows, e.g. stable, beta, alpha (GROUP in update.conf).',
  },
  server: { type: str, doc: 'Update server (Omaha/CoreUpdate) URL to fetch updates from (SERVER in update.conf).' },
};

/** `coreos.oem` — written to /etc/oem-release. */
const oemKeys: KeyTable = {
  id: { type: str, doc: 'Short lowercase identifier of the OEM/platform (ID in /etc/oem-release).' },
  name: { type: str, doc: 'Human-readable OEM name (NAME).' },
  version_id: { type: str, doc: 'Version of the OEM customisation (VERSION_ID).' },
  home_url: { type: str, doc: 'Home page of the OEM (HOME_URL).' },
  bug_report_url: { type: str, doc: 'Where to report bugs for this OEM image (BUG_REPORT_URL).' },
};

const dropInKeys: KeyTable = {
  name: {
    type: str,
    required: true,
    doc: 'File name of the drop-in inside `<unit>.d/`, e.g. `10-env.conf`.',
    pitfall:
      'End it in `.conf`: systemd ignores drop-in files with any other suffix. Entries without a name are skipped.',
  },
  content: {
    type: str,
    required: true,
    doc: 'Text of the drop-in; only the settings it contains override the unit.',
    pitfall:
      'Include the section header (e.g. `[Service]`); to replace ExecStart, first clear it with an empty `ExecStart=` line.',
  },
};

const unitKeys: KeyTable = {
  name: {
    type: str,
    required: true,
    doc: 'Full unit name including its suffix, e.g. `app.service`, `backup.timer`, `10-eth0.network`.',
    pitfall:
      '.network/.netdev/.link units go to /etc/systemd/network and restart networkd instead of running `command`. Units without a name are skipped.',
  },
  mask: {
    type: bool,
    default: 'false',
    doc: 'Masks the unit by linking it to /dev/null, so nothing can start it.',
    pitfall: 'Masking removes an existing /etc/systemd/system copy of the unit.',
  },
  enable: {
    type: bool,
    default: 'false',
    doc: 'Enables the unit the way `systemctl enable` does, by following its [Install] section.',
    pitfall:
      'Does nothing unless the unit content has an [Install] section (e.g. WantedBy=multi-user.target); `enabled:` (with d) is not a key and is silently ignored.',
  },
  runtime: {
    type: bool,
    default: 'false',
    doc: 'Writes the unit under /run instead of /etc, so it is gone after a reboot (until cloud-config runs again).',
  },
  content: {
    type: str,
    doc: 'Complete unit file text. Leave it out to act on a unit the image already ships.',
    pitfall: 'Use a block scalar (`content: |`); nothing checks the systemd syntax before boot.',
  },
  command: {
    type: enumOf('start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart', 'reload-or-try-restart'),
    doc: 'systemctl action run on the unit after all units are written and systemd is reloaded.',
    pitfall:
      '`enable` is not a command (use `enable: true`); values are case-sensitive. Without a command a new unit is not started at first boot.',
  },
  drop_ins: {
    type: list(
      map(dropInKeys),
      'name: ${1:10-override}.conf\n  content: |\n    [Service]\n    ${2:Environment=KEY=value}',
    ),
    doc: 'Drop-in files written to `<unit>.d/` to override parts of the unit without replacing it.',
  },
};

const coreosKeys: KeyTable = {
  etcd: {
    type: map(etcdKeys),
    doc: 'Settings for etcd v0.4, written as environment variables in a drop-in for etcd.service.',
    deprecated: NOT_SHIPPED_ETCD,
  },
  etcd2: {
    type: map(etcd2Keys),
    doc: 'Settings for etcd2, written as environment variables in a drop-in for etcd2.service.',
    deprecated: NOT_SHIPPED_ETCD2,
  },
  flannel: {
    type: map(flannelKeys),
    doc: 'Settings for the flannel overlay network, written to /run/flannel/options.env for flanneld.service.',
    pitfall: 'This only writes the options; flanneld.service still has to be started from coreos.units.',
  },
  fleet: {
    type: map(fleetKeys),
    doc: 'Settings for the fleet cluster scheduler, written as a drop-in for fleet.service.',
    deprecated: NOT_SHIPPED_FLEET,
  },
  locksmith: {
    type: map(locksmithKeys),
    doc: 'Settings for locksmithd, which coordinates update reboots across machines.',
  },
  oem: { type: map(oemKeys), doc: 'Describes the OEM/platform build; written to /etc/oem-release.' },
  update: {
    type: map(updateKeys),
    doc: 'Update policy written to /etc/coreos/update.conf; update-engine is restarted to pick it up.',
  },
  units: {
    type: list(
      map(unitKeys),
      'name: ${1:app}.service\n  command: ${2|start,restart,stop|}\n  enable: ${3|true,false|}\n  content: |\n    [Unit]\n    Description=${4:My app}\n\n    [Service]\n    ExecStart=${5:/usr/bin/true}\n\n    [Install]\n    WantedBy=multi-user.target',
    ),
    doc: 'systemd units to write, enable, mask and/or start at boot.',
    pitfall: 'Each entry must be a mapping with `name:`; a plain list of unit names is rejected.',
  },
};

const writeFileKeys: KeyTable = {
  path: {
    type: str,
    required: true,
    doc: 'Absolute path of the file; missing parent directories are created with mode 0755.',
    pitfall: '/usr is read-only on Container Linux, so paths under it are rejected; use /etc, /opt or /var instead.',
  },
  content: {
    type: str,
    doc: 'Data to write, decoded first when `encoding` is set.',
    pitfall:
      'Use a block scalar (`content: |`) for multi-line text; an indented mapping under content is not text and is flagged.',
  },
  owner: {
    type: str,
    default: 'root',
    doc: 'Owner handed to chown as written: `user`, `user:group` or numeric ids.',
    pitfall: 'The user must exist when files are written; users created by this same file may not exist yet.',
  },
  permissions: {
    type: {
      kind: 'string',
      pattern: /^0?[0-7]{3,4}$/,
      patternHint: 'an octal mode of 3 or 4 digits, optionally with a leading 0, e.g. `0644`',
    },
    default: '0644',
    doc: 'Octal file mode; here `644` and `0644` both mean rw-r--r--.',
    pitfall:
      'Quote it to stay portable to cloud-init; `0o644`, symbolic modes like `u+rw` and 5-digit values are rejected.',
  },
  encoding: {
    type: enumOf('base64', 'b64', 'gz', 'gzip', 'gz+base64', 'gzip+base64', 'gz+b64', 'gzip+b64'),
    doc: 'How `content` is encoded; it is decoded before writing. Leave it out for plain text.',
    pitfall:
      'Case-sensitive (`B64` fails). gz/gzip need raw bytes via `!!binary`; `!!binary` plus base64 decodes twice and fails.',
  },
};

const userKeys: KeyTable = {
  name: {
    type: str,
    required: true,
    doc: 'Login name of the user to create or update.',
    pitfall: 'Entries without a name are skipped.',
  },
  passwd: {
    type: str,
    doc: 'Password hash (crypt format, e.g. from `mkpasswd -m sha-512`); applied even if the user already exists.',
    pitfall: 'Give a hash, not the clear-text password.',
  },
  ssh_authorized_keys: {
    type: strList,
    doc: 'Public SSH keys added for this user; applied even if the user already exists.',
    pitfall: 'Must be a list, even for one key.',
  },
  coreos_ssh_import_github: {
    type: str,
    doc: 'GitHub user whose public keys are fetched at boot.',
    deprecated: REMOTE_IMPORT,
    replacement: 'ssh_authorized_keys',
  },
  coreos_ssh_import_github_users: {
    type: strList,
    doc: 'Several GitHub users whose public keys are fetched at boot.',
    deprecated: REMOTE_IMPORT,
    replacement: 'ssh_authorized_keys',
  },
  coreos_ssh_import_url: {
    type: str,
    doc: 'URL from which public keys are fetched at boot.',
    deprecated: REMOTE_IMPORT,
    replacement: 'ssh_authorized_keys',
  },
  gecos: { type: str, doc: 'Comment/full-name field of the account.' },
  homedir: { type: str, doc: 'Home directory path, instead of /home/<name>.' },
  no_create_home: { type: bool, doc: 'Do not create the home directory.' },
  primary_group: { type: str, doc: 'Existing group to use as the primary group.' },
  groups: {
    type: strList,
    doc: 'Supplementary groups the user joins, e.g. sudo, docker.',
    pitfall:
      'Must be a list (`[sudo, docker]`), not a comma string. There is no `sudo:` key on CoreOS; membership of sudo/wheel grants it.',
  },
  no_user_group: { type: bool, doc: 'Do not create a group named after the user.' },
  system: { type: bool, doc: 'Create a system account (low UID, no aging).' },
  no_log_init: { type: bool, doc: 'Do not add the user to the lastlog/faillog databases.' },
  shell: { type: str, doc: 'Login shell, e.g. /bin/bash.' },
};

export const coreosTopLevel: KeyTable = {
  ssh_authorized_keys: {
    type: strList,
    doc: 'Public SSH keys added for the `core` user.',
    pitfall: 'Must be a list even for a single key; a plain string is flagged as the wrong type.',
  },
  coreos: {
    type: map(coreosKeys),
    doc: 'Container Linux settings: cluster services, update and reboot policy, OEM info and systemd units.',
    pitfall: '`write_files` does not belong under `coreos:`; it is a top-level key.',
  },
  write_files: {
    type: list(
      map(writeFileKeys),
      'path: ${1:/etc/example.conf}\n  permissions: "${2:0644}"\n  owner: ${3:root}\n  content: |\n    ${0}',
    ),
    doc: 'Files written to disk before units are processed.',
  },
  hostname: {
    type: str,
    doc: 'Sets the machine hostname, taking precedence over a hostname from the platform metadata.',
  },
  users: {
    type: list(
      map(userKeys),
      'name: ${1:alice}\n  groups:\n    - ${2:sudo}\n    - ${3:docker}\n  ssh_authorized_keys:\n    - ${4:ssh-ed25519 AAAA...}',
    ),
    doc: 'User accounts to create or update.',
    pitfall: 'cloud-init keys such as `sudo`, `lock_passwd`, `ssh_import_id` and `inactive` are not supported here.',
  },
  manage_etc_hosts: {
    type: { kind: 'string', values: ['localhost'] },
    doc: 'With `localhost`, writes /etc/hosts so the hostname resolves to 127.0.0.1.',
    pitfall: 'Only `localhost` works: `true` passes the validator but makes coreos-cloudinit fail at boot.',
  },
};
