// An iptables-save dump in the shape kube-proxy (iptables mode) leaves on a node: the nat table with
// KUBE-SERVICES dispatching each cluster IP to a KUBE-SVC-* chain, which picks one KUBE-SEP-* endpoint
// chain with `-m statistic --mode random --probability` and DNATs to it; node ports through
// KUBE-NODEPORTS / KUBE-EXT-*; masquerade marks through KUBE-MARK-MASQ; and the filter table with
// KUBE-FORWARD, KUBE-FIREWALL and reject rules for services without endpoints. Deterministic: the same
// line count gives the same text. usage as a script: node kubeDump.mjs LINES > file

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** kube-proxy names chains by a base32 hash of the service port or endpoint; any stable 16 letters do. */
function chainId(seed) {
  let h = 2166136261 ^ seed;
  let out = '';
  for (let i = 0; i < 16; i++) {
    h = Math.imul(h ^ (h >>> 13), 16777619) >>> 0;
    h = (h + 0x9e3779b9 + i) >>> 0;
    out += base32[h % 32];
  }
  return out;
}

const probability = (k) => (1 / k).toFixed(11);

/** One service: its nat and filter lines and its chain declarations. `endpoints` 0 means no endpoints. */
function service(i, endpoints) {
  const ns = ['default', 'kube-system', 'shop', 'payments', 'monitoring', 'ingress'][i % 6];
  const name = `svc-${i}`;
  const port = [80, 443, 8080, 53, 9090, 5432][i % 6];
  const proto = port === 53 ? 'udp' : 'tcp';
  const clusterIp = `10.96.${(i >> 8) & 255}.${i & 255}`;
  const label = `${ns}/${name}:${proto === 'udp' ? 'dns' : 'http'}`;
  const svc = `KUBE-SVC-${chainId(i * 7 + 1)}`;
  const natChains = [],
    natRules = [],
    filterRules = [];
  if (endpoints === 0) {
    filterRules.push(
      `-A KUBE-SERVICES -d ${clusterIp}/32 -p ${proto} -m comment --comment "${label} has no endpoints" -m ${proto} --dport ${port} -j REJECT --reject-with icmp-port-unreachable`,
    );
    return { natChains, natRules, filterRules };
  }
  natChains.push(svc);
  natRules.push(
    `-A KUBE-SERVICES -d ${clusterIp}/32 -p ${proto} -m comment --comment "${label} cluster IP" -m ${proto} --dport ${port} -j ${svc}`,
  );
  const nodePort = i % 5 === 0 ? 30000 + (i % 2768) : 0;
  if (nodePort) {
    const ext = `KUBE-EXT-${chainId(i * 7 + 2)}`;
    natChains.push(ext);
    natRules.push(
      `-A KUBE-NODEPORTS -p ${proto} -m comment --comment "${label}" -m ${proto} --dport ${nodePort} -j ${ext}`,
      `-A ${ext} -m comment --comment "masquerade traffic for ${label} external destinations" -j KUBE-MARK-MASQ`,
      `-A ${ext} -j ${svc}`,
    );
  }
  natRules.push(
    `-A ${svc} ! -s 10.244.0.0/16 -d ${clusterIp}/32 -p ${proto} -m comment --comment "${label} cluster IP" -m ${proto} --dport ${port} -j KUBE-MARK-MASQ`,
  );
  for (let e = 0; e < endpoints; e++) {
    const podIp = `10.244.${(i * 3 + e) % 250}.${2 + ((i + e * 17) % 250)}`;
    const sep = `KUBE-SEP-${chainId(i * 7 + 3 + e * 100003)}`;
    natChains.push(sep);
    const left = endpoints - e;
    natRules.push(
      `-A ${svc} -m comment --comment "${label} -> ${podIp}:${port}"${left > 1 ? ` -m statistic --mode random --probability ${probability(left)}` : ''} -j ${sep}`,
    );
    natRules.push(
      `-A ${sep} -s ${podIp}/32 -m comment --comment "${label}" -j KUBE-MARK-MASQ`,
      `-A ${sep} -p ${proto} -m comment --comment "${label}" -m ${proto} -j DNAT --to-destination ${podIp}:${port}`,
    );
  }
  return { natChains, natRules, filterRules };
}

/** The dump as lines: about `lines` lines (within one service's worth), ending with an empty line. */
export function kubeDumpLines(lines) {
  const natHead = [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':KUBE-MARK-MASQ - [0:0]',
    ':KUBE-NODEPORTS - [0:0]',
    ':KUBE-POSTROUTING - [0:0]',
    ':KUBE-SERVICES - [0:0]',
  ];
  const natFixed = [
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
  ];
  const filterHead = [
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':KUBE-EXTERNAL-SERVICES - [0:0]',
    ':KUBE-FIREWALL - [0:0]',
    ':KUBE-FORWARD - [0:0]',
    ':KUBE-NODEPORTS - [0:0]',
    ':KUBE-PROXY-FIREWALL - [0:0]',
    ':KUBE-SERVICES - [0:0]',
  ];
  const filterFixed = [
    '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
    '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
    '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
    '-A INPUT -j KUBE-FIREWALL',
    '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
    '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
    '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
    '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
    '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -j KUBE-FIREWALL',
    '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    '-A KUBE-FIREWALL -m comment --comment "kubernetes firewall for dropping marked packets" -m mark --mark 0x8000/0x8000 -j DROP',
    '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  ];
  const fixed = 2 + natHead.length + natFixed.length + 2 + filterHead.length + filterFixed.length + 2;
  const natChains = [],
    natRules = [],
    filterRules = [];
  let count = fixed;
  for (let i = 0; count < lines; i++) {
    const s = service(i, i % 11 === 10 ? 0 : 1 + (i % 4));
    natChains.push(...s.natChains);
    natRules.push(...s.natRules);
    filterRules.push(...s.filterRules);
    count += s.natChains.length + s.natRules.length + s.filterRules.length;
  }
  return [
    '# Generated by iptables-save v1.8.9 (nf_tables) on Thu Jan  1 00:00:00 2026',
    ...natHead,
    ...natChains.map((c) => `:${c} - [0:0]`),
    ...natFixed,
    ...natRules,
    // kube-proxy puts the node-port jump last in KUBE-SERVICES.
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    'COMMIT',
    '# Completed on Thu Jan  1 00:00:00 2026',
    '# Generated by iptables-save v1.8.9 (nf_tables) on Thu Jan  1 00:00:00 2026',
    ...filterHead,
    ...filterFixed,
    ...filterRules,
    'COMMIT',
    '# Completed on Thu Jan  1 00:00:00 2026',
    '',
  ];
}

export const kubeDump = (lines) => kubeDumpLines(lines).join('\n');

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(kubeDump(Number(process.argv[2] ?? 10000)));
