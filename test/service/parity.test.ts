// What the real parsers refuse or accept at the edges (docs/facts/parity.md): control characters in
// YAML, lone-CR line endings, iptables-restore's 1,023-byte words, systemd's 1 MiB lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, diagnose, rangeText } from '../helpers/service';

test('NUL and other control characters: the yaml-syntax error PyYAML gives, at the character', () => {
  for (const [c, hex] of [
    ['\0', '0000'],
    ['\x07', '0007'],
    ['\x1b', '001b'],
    ['\x7f', '007f'],
  ] as const) {
    const text = `#cloud-config\nhostname: a${c}b\n`;
    const diags = diagnose(text);
    const d = diags.find((x) => x.code === 'cloud-config/yaml-syntax');
    assert.ok(d, `${hex}: ${codes(diags).join(', ')}`);
    assert.match(String(d.message), new RegExp(`unacceptable character #x${hex}: special characters are not allowed`));
    assert.equal(rangeText(text, d), c);
  }
  assert.deepEqual(
    codes(diagnose('#cloud-config\n# caf\u00e9 \u{1F600} \t\nhostname: web-1\n')),
    [],
    'tab, accents and astral characters are fine',
  );
});

test('lone CR line endings are line breaks, as cloud-init reads them: the keys are checked, nothing is added', () => {
  assert.deepEqual(codes(diagnose('#cloud-config\rhostname: web\rruncmd:\r  - ls\r')), []);
  assert.deepEqual(codes(diagnose('#cloud-config\rhostnme: web\r')), ['cloud-config/unknown-key']);
});

test('iptables: a word of 1,024 bytes stops iptables-restore ("Parameter too long!"); 1,023 passes', () => {
  const rules = (n: number, quote = ''): string =>
    `*filter\n-A INPUT -m comment --comment ${quote}${'a'.repeat(n)}${quote} -j ACCEPT\nCOMMIT\n`;
  assert.deepEqual(
    codes(diagnose(rules(1023), {}, 'iptables')).filter((c) => c === 'iptables/syntax'),
    [],
  );
  assert.deepEqual(
    codes(diagnose(rules(1023, '"'), {}, 'iptables')).filter((c) => c === 'iptables/syntax'),
    [],
  );
  for (const quote of ['', '"']) {
    const d = diagnose(rules(1024, quote), {}, 'iptables').filter((x) => x.code === 'iptables/syntax');
    assert.equal(d.length, 1, quote);
    assert.match(
      String(d[0]?.message),
      /1,024 bytes: iptables-restore takes at most 1,023 and stops here with "Parameter too long!"/,
    );
  }
});

test('systemd: a line of 1,048,576 bytes makes the unit fail to load; 1,048,575 loads', () => {
  const unit = (n: number): string =>
    `[Unit]\nDescription=${'a'.repeat(n - 'Description='.length)}\n[Service]\nExecStart=/bin/true\n`;
  assert.deepEqual(
    codes(diagnose(unit(1_048_575), {}, 'systemd')).filter((c) => c === 'systemd/syntax'),
    [],
  );
  const d = diagnose(unit(1_048_576), {}, 'systemd').filter((x) => x.code === 'systemd/syntax');
  assert.equal(d.length, 1);
  assert.match(String(d[0]?.message), /1,048,576 bytes: systemd reads lines of at most 1,048,575/);
  assert.equal(d[0]?.range.start.line, 1);
});
