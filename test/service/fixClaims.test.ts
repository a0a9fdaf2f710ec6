// Fix-all's fixes clear the findings they are offered for (issue 13 item 2): each case is a class of
// document on which the fuzz run's --fix-claims check found a fix that left its finding in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageId } from '../../server/src/service/index';
import { fixAllKind } from '../../server/src/service/codeActions';
import { codes, doc, fixesFor, service } from '../helpers/service';

/** The text after applying the fix-all action once, through the LSP client library (refuses overlaps). */
function fixAllOnce(text: string, lang: LanguageId, settings = {}): string {
  const d = doc(text, lang);
  const all = { start: { line: 0, character: 0 }, end: d.positionAt(text.length) };
  const [action] = service(settings).codeActions(d, lang, all, [fixAllKind]);
  return TextDocument.applyEdits(d, action?.edit?.changes?.[d.uri] ?? []);
}

const lint = (text: string, lang: LanguageId, settings = {}): string[] =>
  codes(service(settings).validate(doc(text, lang), lang));

test('missing COMMIT in the second of two tables with one name: the COMMIT closes the second one', () => {
  const text = '*raw\n:PREROUTING ACCEPT [0:0]\n*raw\n:OUTPUT ACCEPT [0:0]\n';
  assert.deepEqual(
    lint(text, 'iptables').filter((c) => c === 'iptables/missing-commit'),
    ['iptables/missing-commit', 'iptables/missing-commit'],
  );
  const fixed = fixAllOnce(text, 'iptables');
  assert.equal(fixed, '*raw\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n*raw\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n');
  assert.deepEqual(lint(fixed, 'iptables'), []);
});

test('missing COMMIT in a rules file of lone CRs: the COMMIT goes on a line of its own for iptables-restore (LF)', () => {
  // iptables-restore splits lines at LF only: to it this file is one line, and a COMMIT after a CR
  // would still be part of it.
  const text = '*filter\r:INPUT ACCEPT [0:0]\r-A INPUT -j ACCEPT';
  const [fix] = fixesFor(text, 'iptables/missing-commit', {}, 'iptables');
  assert.equal(fix?.[1], `${text}\nCOMMIT`);
  assert.ok(!lint(fix?.[1] ?? '', 'iptables').includes('iptables/missing-commit'));
});

test('lockout behind `-I` rules: the SSH accept is inserted where it ends up before the drop', () => {
  // `-I INPUT` without a number goes to the top: an `-A` line written above it would land behind it.
  const text =
    '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -i lo -j ACCEPT\n-I INPUT 1 -s 10.0.0.0/8 -j ACCEPT\n-I INPUT -p tcp -j DROP\nCOMMIT\n';
  assert.ok(lint(text, 'iptables').includes('iptables/lockout'));
  const [fix] = fixesFor(text, 'iptables/lockout', {}, 'iptables');
  assert.equal(fix?.[0], 'Accept SSH (tcp/22) before the drop');
  assert.equal(fix?.[1], text.replace('-j DROP\n', '-j DROP\n-I INPUT 1 -p tcp -m tcp --dport 22 -j ACCEPT\n'));
  assert.ok(!lint(fix?.[1] ?? '', 'iptables').includes('iptables/lockout'));
});

test('lockout behind `-I` rules: the accept goes just in front of a drop that is not first', () => {
  const text =
    '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp -j DROP\n-I INPUT 1 -i lo -j ACCEPT\n-A INPUT -j ACCEPT\nCOMMIT\n';
  const [fix] = fixesFor(text, 'iptables/lockout', {}, 'iptables');
  assert.equal(
    fix?.[1],
    text.replace('-A INPUT -j ACCEPT\n', '-A INPUT -j ACCEPT\n-I INPUT 2 -p tcp -m tcp --dport 22 -j ACCEPT\n'),
  );
  assert.ok(!lint(fix?.[1] ?? '', 'iptables').includes('iptables/lockout'));
});

test('lockout in a chain of `-A` lines only: the accept is still written as `-A` just above the drop', () => {
  const text = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp -j DROP\nCOMMIT\n';
  const [fix] = fixesFor(text, 'iptables/lockout', {}, 'iptables');
  assert.equal(
    fix?.[1],
    text.replace('-A INPUT -p tcp -j DROP', '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp -j DROP'),
  );
});

test('no-established and no-loopback behind `-I` rules: the accepts become the first rules of INPUT', () => {
  const text =
    '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-I INPUT -p tcp --dport 80 -j ACCEPT\nCOMMIT\n';
  const before = lint(text, 'iptables');
  assert.ok(before.includes('iptables/no-established') && before.includes('iptables/no-loopback'), before.join());
  const [established] = fixesFor(text, 'iptables/no-established', {}, 'iptables');
  assert.equal(
    established?.[1],
    text.replace(
      '--dport 80 -j ACCEPT\n',
      '--dport 80 -j ACCEPT\n-I INPUT 1 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n',
    ),
  );
  assert.ok(!lint(established?.[1] ?? '', 'iptables').includes('iptables/no-established'));
  const [loopback] = fixesFor(text, 'iptables/no-loopback', {}, 'iptables');
  assert.equal(
    loopback?.[1],
    text.replace('--dport 80 -j ACCEPT\n', '--dport 80 -j ACCEPT\n-I INPUT 1 -i lo -j ACCEPT\n'),
  );
  assert.ok(!lint(loopback?.[1] ?? '', 'iptables').includes('iptables/no-loopback'));
});

test('a quoted boolean unquoted would run on into the broken line below it: no fix is offered', () => {
  // Unquoted, `false` and the more indented line below form one plain scalar: still a string.
  const broken = '#cloud-config\npreserve_hostname: "no"\n      \'Environment="A=\n';
  assert.ok(lint(broken, 'cloud-config').includes('cloud-config/type'));
  assert.deepEqual(fixesFor(broken, 'cloud-config/type'), []);
  const fine = '#cloud-config\npreserve_hostname: "no"  # keep it\nhostname: web\n';
  const [fix] = fixesFor(fine, 'cloud-config/type');
  assert.equal(fix?.[1], fine.replace('"no"', 'false'));
  assert.ok(!lint(fix?.[1] ?? '', 'cloud-config').includes('cloud-config/type'));
});

test('rules file missing while write_files is not a list: no second write_files key is added', () => {
  const text =
    '#cloud-config\ncoreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\nwrite_files:\n  path: /etc/motd\n';
  const found = lint(text, 'cloud-config', { dialect: 'coreos' });
  assert.ok(found.includes('cloud-config/firewall-rules-missing') && found.includes('cloud-config/type'), found.join());
  const fixed = fixAllOnce(text, 'cloud-config', { dialect: 'coreos' });
  assert.equal(fixed.split('\n').filter((l) => l.startsWith('write_files:')).length, 1, fixed);
  assert.deepEqual(fixesFor(text, 'cloud-config/firewall-rules-missing', { dialect: 'coreos' }), []);
});

test('unit-missing-install on content that starts with an empty line: [Install] keeps the block indentation', () => {
  const text =
    '#cloud-config\ncoreos:\n  units:\n    - name: wait.service\n      enable: true\n      content: |\n\n        [Service]\n        Type=oneshot\n        ExecStart=/bin/true\n';
  const [fix] = fixesFor(text, 'cloud-config/unit-missing-install', { dialect: 'coreos' });
  assert.equal(fix?.[1], `${text.slice(0, -1)}\n\n        [Install]\n        WantedBy=multi-user.target\n`);
  assert.ok(!lint(fix?.[1] ?? '', 'cloud-config', { dialect: 'coreos' }).includes('cloud-config/unit-missing-install'));
});

test('undeclared chain whose name has a blank (a quoted name): no `:` declaration is offered, it could not hold the name', () => {
  const text = '*filter\n:INPUT ACCEPT [0:0]\n-A "MY CHAIN" -j ACCEPT\n-A MYCHAIN -j ACCEPT\nCOMMIT\n';
  assert.deepEqual(fixesFor(text, 'iptables/undeclared-chain', {}, 'iptables'), []);
  const fixed = fixAllOnce(text, 'iptables');
  assert.equal(
    fixed,
    '*filter\n:INPUT ACCEPT [0:0]\n:MYCHAIN - [0:0]\n-A "MY CHAIN" -j ACCEPT\n-A MYCHAIN -j ACCEPT\nCOMMIT\n',
  );
});

test('jump to a target whose name has a blank: no `:` declaration is offered either', () => {
  const text = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j "LOG --log-prefix x"\nCOMMIT\n';
  assert.ok(lint(text, 'iptables').includes('iptables/undeclared-chain'));
  assert.deepEqual(fixesFor(text, 'iptables/undeclared-chain', {}, 'iptables'), []);
});

test('firewall not loaded while coreos is not a mapping: no second coreos key is added', () => {
  const text =
    '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |\n      *filter\n      COMMIT\ncoreos: units\n';
  const found = lint(text, 'cloud-config', { dialect: 'coreos' });
  assert.ok(found.includes('cloud-config/firewall-not-loaded'), found.join());
  assert.deepEqual(fixesFor(text, 'cloud-config/firewall-not-loaded', { dialect: 'coreos' }), []);
  const fixed = fixAllOnce(text, 'cloud-config', { dialect: 'coreos' });
  assert.equal(fixed.split('\n').filter((l) => l.startsWith('coreos:')).length, 1, fixed);
});

// Broken documents: a fix that adds a key or lines is not offered where the text already holds the key
// the parse lost, or where a broken line beside the insertion would take the new lines in.

test('firewall not loaded with a damaged `units:` line: no second units key is added under coreos', () => {
  const text =
    '#cloud-config\ncoreos:\n  units:\u0001\n    - name: iptables-restore.service\n      enable: true\n      command: start\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |\n      *filter\n      COMMIT\n';
  assert.ok(lint(text, 'cloud-config', { dialect: 'coreos' }).includes('cloud-config/firewall-not-loaded'));
  assert.deepEqual(fixesFor(text, 'cloud-config/firewall-not-loaded', { dialect: 'coreos' }), []);
});

test('firewall not loaded with a broken last line in the unit entry: no `command: start` is appended under it', () => {
  // The broken `COMMIT` line would run into the appended key (`COMMIT command: start`).
  const text =
    '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |\n      *filter\n      COMMIT\ncoreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      COMMIT\n';
  const found = lint(text, 'cloud-config', { dialect: 'coreos' });
  assert.ok(
    found.includes('cloud-config/firewall-not-loaded') && found.includes('cloud-config/yaml-syntax'),
    found.join(),
  );
  assert.deepEqual(fixesFor(text, 'cloud-config/firewall-not-loaded', { dialect: 'coreos' }), []);
});

test('rules file missing while a mis-indented write_files line was dropped by the parse: no second write_files key', () => {
  const text =
    '#cloud-config\ncoreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\n     write_files:\n  - path: /var/lib/iptables/rules-save\n    content: |\n      *filter\n      COMMIT\n';
  const found = lint(text, 'cloud-config', { dialect: 'coreos' });
  assert.ok(
    found.includes('cloud-config/firewall-rules-missing') && found.includes('cloud-config/yaml-syntax'),
    found.join(),
  );
  assert.deepEqual(fixesFor(text, 'cloud-config/firewall-rules-missing', { dialect: 'coreos' }), []);
});

test('rules file missing beside a misspelt write_files: fix-all renames the key first, the entry comes in the next pass', () => {
  const text =
    '#cloud-config\ncoreos:\n  units:\n    - name: iptables-restore.service\n      enable: true\n      command: start\nwrite_fles:\n  - path: /etc/motd\n    content: hi\n';
  const found = lint(text, 'cloud-config', { dialect: 'coreos' });
  assert.ok(
    found.includes('cloud-config/firewall-rules-missing') && found.includes('cloud-config/unknown-key'),
    found.join(),
  );
  const once = fixAllOnce(text, 'cloud-config', { dialect: 'coreos' });
  assert.equal(once, text.replace('write_fles:', 'write_files:'));
  const twice = fixAllOnce(once, 'cloud-config', { dialect: 'coreos' });
  assert.equal(twice.split('\n').filter((l) => l.startsWith('write_files:')).length, 1, twice);
  assert.ok(twice.includes('  - path: /var/lib/iptables/rules-save\n'), twice);
  const after = lint(twice, 'cloud-config', { dialect: 'coreos' });
  assert.ok(
    !after.includes('cloud-config/firewall-rules-missing') && !after.includes('cloud-config/duplicate-key'),
    after.join(),
  );
});

test('unit-missing-install on an empty content block: no [Install] is offered (it would land at column 0)', () => {
  const text =
    '#cloud-config\ncoreos:\n  units:\n    - name: docker-tcp.socket\n      enable: true\n      content: |\n    - name: etcd.service\n      command: start\n';
  assert.ok(lint(text, 'cloud-config', { dialect: 'coreos' }).includes('cloud-config/unit-missing-install'));
  assert.deepEqual(fixesFor(text, 'cloud-config/unit-missing-install', { dialect: 'coreos' }), []);
});

test('secret-permissions where the permissions line is written but the parse lost it: no second permissions key', () => {
  // The broken line below takes `permissions: 0644` out of the entry the parser reads.
  const text =
    '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: hi\n  - path: /etc/ssl/etcd/private/etcd.pem\n    permissions: 0644\n         {content: >-\n    content: "${etcd_key}"\nmanage_etc_hosts: localhost\n';
  const found = lint(text, 'cloud-config');
  assert.ok(found.includes('cloud-config/secret-permissions'), found.join());
  assert.deepEqual(fixesFor(text, 'cloud-config/secret-permissions'), []);
});

test('lockout fixed with `-I INPUT n` while a duplicate rule above is removed: fix-all inserts it in the next pass, counted again', () => {
  const text =
    '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -i lo -j ACCEPT\n-A INPUT -i lo -j ACCEPT\n-I INPUT 1 -p udp --dport 53 -j ACCEPT\n-A INPUT -p tcp -j DROP\nCOMMIT\n';
  const found = lint(text, 'iptables');
  assert.ok(found.includes('iptables/lockout') && found.includes('iptables/duplicate-rule'), found.join());
  // In one pass the duplicate's removal would move `-I INPUT 5` behind the drop.
  const once = fixAllOnce(text, 'iptables');
  assert.equal(once, text.replace('-A INPUT -i lo -j ACCEPT\n', ''));
  const twice = fixAllOnce(once, 'iptables');
  assert.equal(twice, once.replace('-j DROP\n', '-j DROP\n-I INPUT 4 -p tcp -m tcp --dport 22 -j ACCEPT\n'));
  assert.ok(!lint(twice, 'iptables').includes('iptables/lockout'));
});
