import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../helpers/service';

function hover(textWithCaret: string, settings = {}): { markdown: string; rangeText: string | undefined } {
  const h = hoverAt(textWithCaret, settings);
  assert.ok(h.markdown !== undefined, 'expected a hover');
  return { markdown: h.markdown, rangeText: h.rangeText };
}

describe('hover on keys', () => {
  test('`enable` explains that it needs an [Install] section', () => {
    const h = hover('#cloud-config\ncoreos:\n  units:\n    - name: app.service\n      en|^|able: true\n');
    assert.equal(h.rangeText, 'enable');
    assert.match(h.markdown, /\*\*enable\*\*/);
    assert.match(h.markdown, /\[Install\]/);
    assert.match(h.markdown, /enabled/, 'mentions the `enabled:` slip');
  });

  test('`permissions` (cloud-init) says to quote it', () => {
    const h = hover('#cloud-config\nwrite_files:\n  - path: /etc/a\n    permis|^|sions: "0644"\n');
    assert.equal(h.rangeText, 'permissions');
    assert.match(h.markdown, /[Qq]uot/);
  });

  test('`permissions` (coreos) says to quote it too', () => {
    const h = hover('#cloud-config\ncoreos:\n  units: []\nwrite_files:\n  - path: /etc/a\n    |^|permissions: 0644\n');
    assert.equal(h.rangeText, 'permissions');
    assert.match(h.markdown, /[Qq]uot/);
  });

  test('a deprecated key says so and names the replacement', () => {
    const h = hover('#cloud-config\napt_up|^|date: true\n');
    assert.equal(h.rangeText, 'apt_update');
    assert.match(h.markdown, /Deprecated/);
    assert.match(h.markdown, /package_update/);
  });

  test('a deprecated CoreOS component (`etcd2`)', () => {
    const h = hover('#cloud-config\ncoreos:\n  etc|^|d2:\n    name: node1\n');
    assert.equal(h.rangeText, 'etcd2');
    assert.match(h.markdown, /Deprecated/);
    assert.match(h.markdown, /etcd-member/);
  });

  test('a hyphen key in the coreos dialect gets the docs of its canonical key', () => {
    const h = hover('#cloud-config\ncoreos:\n  update:\n    reboot-str|^|ategy: reboot\n');
    assert.equal(h.rangeText, 'reboot-strategy');
    assert.match(h.markdown, /etcd-lock/);
  });

  test('an unknown key lists the keys known there (its diagnostic, shown alongside, says it is ignored)', () => {
    const h = hover('#cloud-config\nfo|^|o: 1\n');
    assert.equal(h.rangeText, 'foo');
    assert.match(h.markdown, /^Keys cloud-init reads here: `[a-z_]+`, .* in all\)$/);
    assert.doesNotMatch(h.markdown, /ignored/);
  });

  test("hover on a value shows its key's docs and covers the value", () => {
    const h = hover('#cloud-config\ncoreos:\n  units:\n    - name: app.service\n      command: st|^|art\n');
    assert.equal(h.rangeText, 'start');
    assert.match(h.markdown, /\*\*command\*\*/);
  });
});

describe('hover on unit names', () => {
  test('a shipped unit explains what it does', () => {
    const h = hover('#cloud-config\ncoreos:\n  units:\n    - name: iptables-re|^|store.service\n      enable: true\n');
    assert.equal(h.rangeText, 'iptables-restore.service');
    assert.match(h.markdown, /shipped with Container Linux/);
    assert.match(h.markdown, /rules-save/);
    assert.match(h.markdown, /command: start/);
  });

  test('a user unit name gets only the `name` key docs', () => {
    const h = hover('#cloud-config\ncoreos:\n  units:\n    - name: my|^|app.service\n');
    assert.equal(h.rangeText, 'myapp.service');
    assert.doesNotMatch(h.markdown, /shipped/);
    assert.match(h.markdown, /\*\*name\*\*/);
  });
});

describe('hover on block headers', () => {
  test('`content: |` of a rules file says what the block becomes', () => {
    const h = hover(
      '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |^||\n      *filter\n      COMMIT\n',
    );
    assert.equal(h.rangeText, '|');
    assert.match(h.markdown, /iptables/);
    assert.match(h.markdown, /\/var\/lib\/iptables\/rules-save/);
    assert.match(h.markdown, /final newline/);
  });

  test('`|-` on unit content mentions the removed final newline and the unit', () => {
    const h = hover(
      '#cloud-config\ncoreos:\n  units:\n    - name: app.service\n      content: |-|^|\n        [Service]\n        ExecStart=/bin/true\n',
    );
    assert.equal(h.rangeText, '|-');
    assert.match(h.markdown, /app\.service/);
    assert.match(h.markdown, /removed/);
  });

  test('a folded header warns that lines are joined', () => {
    const h = hover(
      '#cloud-config\nwrite_files:\n  - path: /var/lib/iptables/rules-save\n    content: |^|>\n      *filter\n      COMMIT\n',
    );
    assert.equal(h.rangeText, '>');
    assert.match(h.markdown, /[Ff]olded/);
  });
});

describe('no hover', () => {
  test('on a comment, blank line or the header line', () => {
    assert.equal(hoverAt('#cloud-config\n# a co|^|mment\nhostname: a\n').markdown, undefined);
    assert.equal(hoverAt('#cloud-config\n|^|\nhostname: a\n').markdown, undefined);
    assert.equal(hoverAt('#cloud-co|^|nfig\nhostname: a\n').markdown, undefined);
  });

  test('cloud-config key docs never appear inside embedded content', () => {
    const h = hoverAt('#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: |\n      path: not a k|^|ey\n');
    assert.doesNotMatch(h.markdown ?? '', /\*\*path\*\*/);
  });
});
