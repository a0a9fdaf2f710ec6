/**
 * The iptables rule catalogue: every `iptables/*` code (IPv4 and IPv6 rules-save files, standalone
 * or embedded), its default severity and its documentation. Codes are public: never rename one.
 *
 * To add a rule:
 *   1. add its entry here (every field; `bad` must be reported by this code and by nothing else,
 *      `good` must not be reported by it; both are linted by test/service/catalogue.test.ts);
 *   2. report it from its rule file (`{ code: 'iptables/<code>', … }`: `Finding.code` is typed, a
 *      misspelt or uncatalogued code does not compile);
 *   3. test it (test/service/iptables*.test.ts);
 *   4. run `npm run docs:rules` to regenerate docs/rules/, the README tables and the settings schema
 *      (a test fails while they are stale).
 */
import { lines, type RuleEntry } from '../ruleEntry';

const v4 = (...body: string[]) => ({ file: 'rules.v4', text: lines(...body) });
const v6 = (...body: string[]) => ({ file: 'rules.v6', text: lines(...body) });
/** A filter table that accepts loopback, replies and SSH and drops the rest, with `extra` rules after. */
const guarded = (...extra: string[]) =>
  v4(
    '*filter',
    ':INPUT DROP [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A INPUT -p tcp --dport 22 -j ACCEPT',
    ...extra,
    'COMMIT',
  );

export const iptablesCatalogue = {
  'iptables/syntax': {
    severity: 'error',
    summary:
      'A line iptables-restore cannot read: unknown command, stray word, indented comment, text after COMMIT, -t, CRLF.',
    why: 'iptables-restore stops at the first line it cannot read and loads none of the file: the machine keeps whatever firewall it had, often none.',
    bad: v4('*filter', '  # allow mail', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '# allow mail', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    fix: 'Follow the rules-save layout: comments start in column 0, `COMMIT` alone on its line, one command per rule, no `-t` (the table comes from the `*table` line), LF line endings, a newline after the last `COMMIT`.',
    realTool:
      'iptables-restore 1.8.9 fails with `Bad argument \'<word>\'` and "Error occurred at line: N" (exit 2); an indented `#` is not a comment; CRLF breaks the first table line.',
  },
  'iptables/no-table': {
    severity: 'error',
    summary: 'A chain or rule line before any *table line.',
    why: 'A rule must belong to a table: without a `*filter` line first the whole restore fails.',
    bad: v4('-A OUTPUT -p tcp --dport 25 -j ACCEPT'),
    good: v4('*filter', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    fix: 'Start the block with its table (`*filter`); the quick fix inserts it.',
    realTool: 'iptables-restore reports `line 1 failed` (exit 1) for a rule outside a table.',
  },
  'iptables/missing-commit': {
    severity: 'error',
    summary: 'A table is not closed by COMMIT, so none of it loads.',
    why: 'Tables are applied at their `COMMIT`: a table left open is never applied and the restore fails.',
    bad: v4('*filter', '-A OUTPUT -p tcp --dport 25 -j ACCEPT'),
    good: v4('*filter', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    fix: 'End each table with `COMMIT` before the next `*table` and at the end of the file; the quick fix inserts it.',
    realTool:
      "iptables-restore reports `COMMIT expected at line N` (exit 1), or `Bad argument '*nat'` when a second table starts while one is open.",
  },
  'iptables/unknown-table': {
    severity: 'error',
    summary: 'A table other than filter, nat, mangle, raw or security.',
    why: 'The kernel has no such table: the restore fails and nothing loads.',
    bad: v4('*filtre', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    fix: 'Use one of `filter`, `nat`, `mangle`, `raw`, `security` (lower case).',
    realTool:
      "The legacy backend says `unable to initialize table '<name>'`, nf_tables `table name '<name>' invalid` (exit 2).",
  },
  'iptables/chain-not-in-table': {
    severity: 'error',
    summary: 'A built-in chain that this table does not have (PREROUTING in filter).',
    why: 'Each table has its own built-in chains: rules for a chain the table lacks are rejected and the file does not load.',
    bad: v4('*raw', ':INPUT ACCEPT [0:0]', 'COMMIT'),
    good: v4('*raw', ':PREROUTING ACCEPT [0:0]', 'COMMIT'),
    fix: 'Use a chain of this table (filter: INPUT, FORWARD, OUTPUT; nat: PREROUTING, INPUT, OUTPUT, POSTROUTING; raw: PREROUTING, OUTPUT; …), or move the rule to the table that has the chain.',
    realTool:
      'Setting a policy on a chain the table lacks fails with "Bad built-in chain name"; rules for it fail to load.',
  },
  'iptables/undeclared-chain': {
    severity: 'error',
    summary: 'A rule or jump names a chain that is neither built in nor declared before it in this table.',
    why: 'A chain must exist before a rule is added to it or jumps to it: the restore fails on that line.',
    bad: v4('*filter', '-A OUTPUT -j MAIL', '-A MAIL -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', ':MAIL - [0:0]', '-A OUTPUT -j MAIL', '-A MAIL -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    fix: 'Declare the chain at the top of the table (`:NAME - [0:0]`); the quick fix adds the declaration.',
    realTool:
      "The legacy backend fails with `Couldn't load target`, nf_tables with `Chain 'MAIL' does not exist`; nf_tables `--test` does not notice.",
  },
  'iptables/duplicate-chain': {
    severity: 'error',
    summary: 'A user chain declared twice in one table.',
    why: 'The second declaration fails the restore: nothing of the file loads.',
    bad: v4('*filter', ':MAIL - [0:0]', ':MAIL - [0:0]', '-A OUTPUT -j MAIL', 'COMMIT'),
    good: v4('*filter', ':MAIL - [0:0]', '-A OUTPUT -j MAIL', 'COMMIT'),
    fix: 'Remove one of the declarations.',
    realTool:
      'iptables-legacy-restore fails on the second declaration ("Chain already exists"); nf_tables `--test` does not notice.',
  },
  'iptables/invalid-policy': {
    severity: 'error',
    summary: 'A built-in chain policy other than ACCEPT or DROP, or a policy on a user chain.',
    why: 'A bad policy fails the restore; `REJECT` is a target, not a policy.',
    bad: v4('*filter', ':OUTPUT REJECT [0:0]', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', ':OUTPUT DROP [0:0]', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    fix: 'Use `ACCEPT` or `DROP` (upper case) on built-in chains and `-` on user chains; end a chain with `-j REJECT` to reject.',
    realTool: 'iptables-restore fails with "Bad policy name" (exit 1); policies are case-sensitive.',
  },
  'iptables/unknown-option': {
    severity: 'error',
    summary: 'An option no loaded match or target provides, e.g. --dport without -p tcp before it.',
    why: 'Options belong to a module loaded earlier on the line: `--dport` needs `-p tcp` (or udp, sctp, dccp) before it, or the line and the whole file fail.',
    bad: v4('*filter', '-A OUTPUT --dport 25 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    fix: 'Load the module first: put `-p tcp` (or `-m <module>`) before its options; the quick fix inserts `-p tcp`.',
    realTool: 'iptables fails with `unknown option "--dport"` (exit 2); order matters, `--dport 25 -p tcp` fails too.',
  },
  'iptables/unknown-match': {
    severity: 'error',
    summary: '-m names no match module.',
    why: 'An unknown module fails the line and the whole restore.',
    bad: v4('*filter', '-A OUTPUT -p tcp -m multiports --dports 25,587 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -p tcp -m multiport --dports 25,587 -j ACCEPT', 'COMMIT'),
    fix: "Use the module's real name (completion after `-m ` lists them).",
    realTool: "iptables fails with `Couldn't load match 'multiports':No such file or directory` (exit 2).",
  },
  'iptables/unknown-target': {
    severity: 'error',
    summary: '-j names neither a target nor a declared chain.',
    why: 'Targets are case-sensitive: `-j accept` is neither a target nor a chain and fails the restore.',
    bad: v4('*filter', '-A OUTPUT -p tcp --dport 25 -j accept', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    fix: 'Use a target (`ACCEPT`, `DROP`, `REJECT`, `LOG`, …) or declare the chain you meant.',
    realTool:
      'The legacy backend fails with `Couldn\'t load target`; nf_tables reads an unknown name as a chain and fails at load with "Chain does not exist".',
  },
  'iptables/target-not-allowed': {
    severity: 'error',
    summary: 'A target or match in a table or chain where the kernel refuses it.',
    why: 'Some targets only work in one table or chain (`MASQUERADE` in nat POSTROUTING, `REJECT` in filter): the kernel rejects the rule and the file does not load.',
    bad: v4('*filter', '-A FORWARD -o eth0 -j MASQUERADE', 'COMMIT'),
    good: v4('*nat', '-A POSTROUTING -o eth0 -j MASQUERADE', 'COMMIT'),
    fix: 'Move the rule to the table and chain where the target works.',
    realTool:
      'A real load into a network namespace fails (legacy: `line N failed` at COMMIT; nf_tables: `RULE_APPEND failed`); `--test` does not notice.',
  },
  'iptables/missing-argument': {
    severity: 'error',
    summary: 'An option or module without a value or option it requires.',
    why: 'An option without its value fails the line and the whole restore.',
    bad: v4('*filter', '-A OUTPUT -p tcp -m limit --limit', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -p tcp -m limit --limit 10/minute', 'COMMIT'),
    fix: 'Give the option its value (hover shows what it takes).',
    realTool: 'iptables fails with an option error (exit 2) when a value or a required module option is missing.',
  },
  'iptables/invalid-address': {
    severity: 'error',
    summary: 'A bad address or mask, or an address of the other IP family.',
    why: 'A bad address fails the restore; an IPv6 address in an IPv4 file never loads.',
    bad: v4('*filter', '-A OUTPUT -d 10.0.0.0/33 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -d 10.0.0.0/8 -j ACCEPT', 'COMMIT'),
    fix: 'Write a valid address with a prefix of 0–32 (IPv4) or 0–128 (IPv6), in the file of its family.',
    realTool: "iptables reports `invalid mask '33' specified` or `host/network '…' not found` (exit 2).",
  },
  'iptables/hostname': {
    severity: 'warning',
    summary: 'A host name where an address belongs: resolved once at load time, fails while DNS is down.',
    why: 'Names are looked up once when the rules load; at early boot DNS is often not up yet, and the whole restore fails. Later address changes are never seen.',
    bad: v4('*filter', '-A OUTPUT -d mail.example.com -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -d 192.0.2.25 -j ACCEPT', 'COMMIT'),
    fix: 'Use the address (or an ipset filled by a script that runs when the network is up).',
    realTool: "iptables resolves the name while loading and fails with `host/network '…' not found` when it cannot.",
  },
  'iptables/invalid-port': {
    severity: 'error',
    summary: 'A port out of range, a reversed range, an unknown service or more than 15 multiport ports.',
    why: 'A bad port fails the line and the whole restore.',
    bad: v4('*filter', '-A OUTPUT -p tcp --dport 70000 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -p tcp --dport 7000 -j ACCEPT', 'COMMIT'),
    fix: 'Ports are 0–65535, ranges `low:high`, lists need `-m multiport` and hold at most 15 ports (a range counts as two).',
    realTool:
      "iptables reports `invalid port/service '70000' specified`, `invalid portrange (min > max)` or `too many ports specified` (exit 2).",
  },
  'iptables/invalid-icmp-type': {
    severity: 'error',
    summary: 'An unknown or ambiguous ICMP or ICMPv6 type.',
    why: 'A type name the tool does not know fails the line and the whole restore.',
    bad: v4('*filter', '-A OUTPUT -p icmp --icmp-type echo -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -p icmp --icmp-type echo-request -j ACCEPT', 'COMMIT'),
    fix: 'Use a full type name (completion lists them) or a number; ICMPv6 types in ip6tables files with `-p ipv6-icmp --icmpv6-type`.',
    realTool: 'iptables reports `Invalid ICMP type` (exit 2) for unknown and ambiguous names.',
  },
  'iptables/invalid-state': {
    severity: 'error',
    summary: 'An unknown conntrack or state value.',
    why: 'An unknown state fails the line and the whole restore.',
    bad: v4('*filter', '-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATE -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', 'COMMIT'),
    fix: 'Use `NEW`, `ESTABLISHED`, `RELATED`, `INVALID`, `UNTRACKED` (and for `--ctstate` also `SNAT`, `DNAT`).',
    realTool: "iptables reports `Bad ctstate 'RELATE'` (exit 2).",
  },
  'iptables/missing-ipset': {
    severity: 'warning',
    summary: 'An ipset that nothing in the config creates: the restore fails until it exists.',
    why: 'A rule that names an ipset needs the set to exist when the rules load; if nothing creates it first, the restore fails at boot.',
    bad: v4('*filter', '-A OUTPUT -m set --match-set blocked dst -j DROP', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -d 198.51.100.0/24 -j DROP', 'COMMIT'),
    fix: 'Create the set before the rules load (`ipset create` in `runcmd`/`bootcmd` or a unit ordered before the restore), or match addresses directly.',
    realTool:
      'iptables fails even under `--test` when the named set does not exist in the kernel ("Set blocked doesn\'t exist").',
  },
  'iptables/duplicate-rule': {
    severity: 'warning',
    summary: 'The same rule twice in a chain.',
    why: 'The second copy never changes what happens to a packet: it is noise, and often a sign that one of two rules was meant differently.',
    bad: v4('*filter', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    fix: 'Remove the copy (the quick fix does), or change it to what was meant.',
    realTool: 'iptables loads both copies; the kernel evaluates them in order.',
  },
  'iptables/shadowed-rule': {
    severity: 'warning',
    summary: 'A rule that can never match because an earlier rule catches all its packets.',
    why: 'The rule looks like it does something but never sees a packet: an earlier rule with a final target has already decided.',
    bad: v4('*filter', '-A OUTPUT -p tcp -j DROP', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', '-A OUTPUT -p tcp -j DROP', 'COMMIT'),
    fix: 'Move the narrower rule above the broader one, or remove it.',
    realTool:
      'The kernel walks a chain top to bottom and stops at the first rule with a final verdict (ACCEPT, DROP, REJECT, a jump that decides).',
  },
  'iptables/lockout': {
    severity: 'warning',
    summary: 'INPUT drops everything and nothing accepts SSH: applying it locks you out.',
    why: 'With a DROP policy and no rule accepting SSH, loading the rules cuts off every remote session, the current one included.',
    bad: v4(
      '*filter',
      ':INPUT DROP [0:0]',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      'COMMIT',
    ),
    good: v4(
      '*filter',
      ':INPUT DROP [0:0]',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -p tcp --dport 22 -j ACCEPT',
      'COMMIT',
    ),
    fix: 'Accept SSH before the drop (`-A INPUT -p tcp --dport 22 -j ACCEPT`, better limited to your admin network); the quick fix adds the rule.',
    realTool: 'The kernel applies the chain policy to every packet no rule accepted.',
  },
  'iptables/no-established': {
    severity: 'warning',
    summary: 'INPUT drops by default without accepting RELATED,ESTABLISHED replies.',
    why: "Replies to the machine's own connections (DNS, package downloads, NTP) come in through INPUT: without this rule they are dropped and the machine cannot reach anything.",
    bad: v4(
      '*filter',
      ':INPUT DROP [0:0]',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -p tcp --dport 22 -j ACCEPT',
      'COMMIT',
    ),
    good: v4(
      '*filter',
      ':INPUT DROP [0:0]',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -p tcp --dport 22 -j ACCEPT',
      'COMMIT',
    ),
    fix: 'Accept replies first: `-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`; the quick fix adds it.',
    realTool: 'Reply packets traverse INPUT like any other; only a conntrack match tells them apart.',
  },
  'iptables/no-loopback': {
    severity: 'warning',
    summary: 'INPUT drops by default without accepting the loopback interface.',
    why: 'Local services talk over `lo` (databases, DNS caches, container runtimes): dropping it breaks them in ways that are hard to trace.',
    bad: v4(
      '*filter',
      ':INPUT DROP [0:0]',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -p tcp --dport 22 -j ACCEPT',
      'COMMIT',
    ),
    good: v4(
      '*filter',
      ':INPUT DROP [0:0]',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -p tcp --dport 22 -j ACCEPT',
      'COMMIT',
    ),
    fix: 'Accept loopback first: `-A INPUT -i lo -j ACCEPT`; the quick fix adds it.',
    realTool: 'Packets to 127.0.0.1 and ::1 pass through INPUT on the `lo` interface.',
  },
  'iptables/permissive-filter': {
    severity: 'information',
    summary: 'filter INPUT accepts everything: this firewall filters nothing.',
    why: 'An ACCEPT policy with rules that only close some ports lets every other port in: the file looks like a firewall but is not one.',
    bad: v4('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 23 -j DROP', 'COMMIT'),
    good: guarded(),
    fix: 'Set `:INPUT DROP` and accept what should come in (loopback, replies, SSH, your services), or end INPUT with a final `-j DROP`.',
    realTool:
      'The kernel applies the policy to every packet no rule decided, so an ACCEPT policy accepts all the rest.',
  },
  'iptables/forward-not-mirrored': {
    severity: 'information',
    summary: 'Sources accepted in INPUT are dropped in FORWARD (container or pod traffic).',
    why: 'Traffic of containers and pods is forwarded, not delivered to the host: a network trusted in INPUT is still dropped by a FORWARD DROP policy.',
    bad: guarded('-A INPUT -s 10.244.0.0/16 -j ACCEPT'),
    good: guarded('-A INPUT -s 10.244.0.0/16 -j ACCEPT', '-A FORWARD -s 10.244.0.0/16 -j ACCEPT'),
    fix: 'Accept the same network in FORWARD; the quick fix adds the rule.',
    realTool:
      'The kernel sends packets for other addresses (bridged containers, pod networks) through FORWARD and never through INPUT.',
  },
  'iptables/docker-bypass': {
    severity: 'warning',
    summary: 'Published container ports bypass INPUT; DOCKER-USER does not filter them.',
    why: 'Docker forwards published ports with its own NAT rules before INPUT is consulted: the INPUT rules do not protect them, only DOCKER-USER does.',
    bad: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'runcmd:',
        '  - iptables-restore < /etc/iptables/rules.v4',
        '  - docker run --rm -p 80:80 nginx',
        'write_files:',
        '  - path: /etc/iptables/rules.v4',
        '    content: |',
        '      *filter',
        '      :INPUT DROP [0:0]',
        '      -A INPUT -i lo -j ACCEPT',
        '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '      -A INPUT -p tcp --dport 22 -j ACCEPT',
        '      COMMIT',
      ),
    },
    good: {
      file: 'user-data',
      text: lines(
        '#cloud-config',
        'runcmd:',
        '  - iptables-restore < /etc/iptables/rules.v4',
        '  - docker run --rm -p 80:80 nginx',
        'write_files:',
        '  - path: /etc/iptables/rules.v4',
        '    content: |',
        '      *filter',
        '      :INPUT DROP [0:0]',
        '      :DOCKER-USER - [0:0]',
        '      -A INPUT -i lo -j ACCEPT',
        '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '      -A INPUT -p tcp --dport 22 -j ACCEPT',
        '      -A DOCKER-USER -i eth0 -s 192.0.2.0/24 -j RETURN',
        '      -A DOCKER-USER -i eth0 -j DROP',
        '      COMMIT',
      ),
    },
    fix: 'Filter published ports in the DOCKER-USER chain (the quick fix adds one), or publish on 127.0.0.1 only.',
    realTool:
      'Docker DNATs published ports in nat PREROUTING and accepts them in FORWARD, calling DOCKER-USER first; INPUT never sees those packets.',
  },
  'iptables/state-match': {
    severity: 'hint',
    summary: '-m state --state, superseded by -m conntrack --ctstate.',
    why: 'The `state` module is the older spelling of `conntrack`; newer kernels and nf_tables translate it, and `conntrack` does the same and more.',
    bad: v4('*filter', '-A OUTPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', 'COMMIT'),
    fix: 'Write `-m conntrack --ctstate …`; the quick fix rewrites it.',
    realTool: 'iptables still accepts `-m state`; iptables-save on nf_tables prints it back as `-m state`.',
  },
  'iptables/packet-counters': {
    severity: 'hint',
    summary: 'Non-zero saved [packets:bytes] counters in a hand-kept file.',
    why: 'Counters saved from a running machine mean nothing in a file kept by hand, and are only restored with `-c`: they make diffs noisy.',
    bad: v4('*filter', ':OUTPUT ACCEPT [1234:56789]', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    good: v4('*filter', ':OUTPUT ACCEPT [0:0]', '-A OUTPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    fix: 'Reset them to `[0:0]`; the quick fix does.',
    realTool: 'iptables-restore ignores counters unless run with `-c`.',
  },
  'iptables/icmpv6-blocked': {
    severity: 'warning',
    summary:
      'ip6tables INPUT drops by default and accepts no ICMPv6: neighbour discovery, and with it all IPv6, is cut.',
    why: 'IPv6 finds its router and every neighbour with ICMPv6 neighbour solicitations and advertisements. Dropping them breaks all IPv6 traffic of the host, not just ping; path MTU discovery (packet-too-big) goes too.',
    bad: v6(
      '*filter',
      ':INPUT DROP [0:0]',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -p tcp --dport 22 -j ACCEPT',
      'COMMIT',
    ),
    good: v6(
      '*filter',
      ':INPUT DROP [0:0]',
      '-A INPUT -i lo -j ACCEPT',
      '-A INPUT -p ipv6-icmp -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A INPUT -p tcp --dport 22 -j ACCEPT',
      'COMMIT',
    ),
    fix: 'Accept ICMPv6 before the drop (`-A INPUT -p ipv6-icmp -j ACCEPT`); the quick fix adds it at the start of INPUT.',
    realTool:
      'Neighbour solicitations and advertisements enter through INPUT like any other packet and are not replies to a connection of the host: with a DROP policy only a rule that accepts ICMPv6 lets them in.',
  },
  'iptables/icmp-in-ip6tables': {
    severity: 'warning',
    summary: '`-p icmp` in an ip6tables file: IPv4 ICMP, which no IPv6 packet carries.',
    why: 'ip6tables accepts protocol 1 (IPv4 ICMP) without complaint, but IPv6 pings, errors and neighbour discovery are ICMPv6 (58): the rule matches nothing useful and what it meant to allow stays blocked.',
    bad: v6('*filter', '-A OUTPUT -p icmp -j ACCEPT', 'COMMIT'),
    good: v6('*filter', '-A OUTPUT -p ipv6-icmp -j ACCEPT', 'COMMIT'),
    fix: 'Write `-p ipv6-icmp` (or `-p icmpv6`); the quick fix changes it.',
    realTool:
      '`ip6tables-restore` loads `-p icmp` (exit 0) and `ip6tables-save` prints it back as `-p icmp`: it is a valid, useless protocol number in IPv6.',
  },
  'iptables/stateless-accept': {
    severity: 'warning',
    summary: 'TCP accepted on its flags alone (`--tcp-flags ACK ACK`, `! --syn`) from anywhere.',
    why: 'Any host can send packets with ACK set: a rule that accepts them without asking connection tracking lets ACK scans and forged packets reach every port it covers. It is the stateless way to allow replies; conntrack does it properly.',
    bad: v4('*filter', '-A FORWARD -p tcp --tcp-flags ACK ACK -j ACCEPT', 'COMMIT'),
    good: v4('*filter', '-A FORWARD -p tcp -m conntrack --ctstate ESTABLISHED -j ACCEPT', 'COMMIT'),
    fix: 'Let conntrack decide: `-m conntrack --ctstate ESTABLISHED` in place of the flag test; the quick fix rewrites it.',
    realTool: 'The tcp match compares flag bits only; it knows nothing of connections.',
  },
  'iptables/sensitive-service-open': {
    severity: 'information',
    summary: 'INPUT accepts a database, the Docker API, etcd, the kubelet, SMB, NFS or rpcbind from every source.',
    why: 'These services are among the most scanned on the internet and are rarely meant to be public: an open Redis, Docker API or etcd hands over the machine. It may be meant, so it is information.',
    bad: guarded('-A INPUT -p tcp --dport 6379 -j ACCEPT'),
    good: guarded('-A INPUT -s 10.0.0.0/8 -p tcp --dport 6379 -j ACCEPT'),
    fix: 'Limit the rule to the networks that use the service (`-s 10.0.0.0/8`, an ipset), or bind the service to a private address.',
    realTool: 'Without `-s` a rule matches packets from any address.',
  },
} as const satisfies Record<`iptables/${string}`, RuleEntry>;

export type IptablesCode = keyof typeof iptablesCatalogue;
