// Generated documents for the benchmark: a CoreOS cloud-config with docker units (unit content) and
// one large rules-save, and a standalone rules-save file. Same shape as ../shared/bench/gen-userdata.mjs.

/** A cloud-config with `units` docker services and one rules-save of `rules` rules. */
export function userData(units, rules, { defects = false } = {}) {
  const out = [
    '#cloud-config',
    '',
    'coreos:',
    '  update:',
    '    reboot-strategy: off',
    '  units:',
    '    - name: iptables-restore.service',
    '      enable: true',
    '      command: start',
  ];
  for (let i = 0; i < units; i++) {
    const bad = defects && i % 10 === 0;
    out.push(
      `    - name: app${i}.service`,
      `      ${bad ? 'enabled' : 'enable'}: true`,
      '      command: start',
      '      content: |',
      '        [Unit]',
      `        Description=App ${i}`,
      '        After=docker.service',
      '        Requires=docker.service',
      '',
      '        [Service]',
      '        TimeoutStartSec=0',
      '        Restart=always',
      `        ExecStartPre=-/usr/bin/docker kill app${i}`,
      `        ExecStartPre=-/usr/bin/docker rm app${i}`,
      `        ExecStart=/usr/bin/docker run ${bad ? '-d ' : ''}-p ${bad ? '0.0.0.0' : '127.0.0.1'}:${10000 + i}:5000 --name app${i} example/app:${i}`,
      `        ExecStop=/usr/bin/docker stop app${i}`,
      '',
      '        [Install]',
      '        WantedBy=multi-user.target',
    );
  }
  out.push(
    'write_files:',
    '  - path: /var/lib/iptables/rules-save',
    '    permissions: "0644"',
    "    owner: 'root:root'",
    '    content: |',
  );
  out.push(...rulesSaveLines(rules).map((l) => (l ? `      ${l}` : l)));
  return out.join('\n');
}

/** The lines of a filter-table rules-save with `rules` generated rules (ends with COMMIT and an empty line). */
export function rulesSaveLines(rules) {
  const out = [
    '*filter',
    ':INPUT DROP [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
  ];
  for (let i = 0; i < rules; i++) {
    const a = 1 + ((i >> 8) % 250),
      b = i % 256;
    out.push(
      i % 3 === 0
        ? `-A INPUT -p tcp -m tcp -s 10.${a}.${b}.0/24 --dport ${1024 + (i % 60000)} -j ACCEPT`
        : i % 3 === 1
          ? `-A INPUT --src 192.168.${b}.${a} -j ACCEPT`
          : `-A INPUT -p udp -m multiport --dports ${2000 + (i % 1000)},${3000 + (i % 1000)} -j ACCEPT`,
    );
  }
  out.push(
    '-A INPUT -p icmp -m icmp --icmp-type 0 -j ACCEPT',
    '-A INPUT -p icmp -m icmp --icmp-type 3 -j ACCEPT',
    '-A INPUT -p icmp -m icmp --icmp-type 11 -j ACCEPT',
    'COMMIT',
    '',
  );
  return out;
}

/** Where to ask for completion and hover (0-based line, UTF-16 column), picked in the middle of the document. */
export function probePositions(text, kind) {
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  const find = (re, from = mid) => {
    for (let n = 0; n < lines.length; n++) {
      const i = (from + n) % lines.length;
      if (re.test(lines[i])) return i;
    }
    return -1;
  };
  const at = (line, column) => (line < 0 ? undefined : { line, character: column });
  if (kind === 'rules') {
    const l = find(/^-A INPUT -p tcp -m tcp -s /);
    return { iptables: at(l, lines[l].indexOf('--dport') + 3) };
  }
  const unitsEnd = find(/^write_files:/, 0);
  const unitMid = Math.floor(unitsEnd / 2);
  const key = find(/^ {6}command: start/, unitMid);
  const unit = find(/^ {8}Restart=always/, unitMid);
  const rule = find(/^ {6}-A INPUT -p tcp -m tcp -s /, Math.floor((unitsEnd + lines.length) / 2));
  return {
    'YAML key': at(key, 8),
    'unit content': at(unit, 11),
    'iptables content': rule < 0 ? undefined : at(rule, lines[rule].indexOf('--dport') + 3),
  };
}
