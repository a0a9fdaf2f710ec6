import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemKind, CompletionItemTag, InsertTextFormat } from 'vscode-languageserver-types';
import { applyCompletion, completeAt } from '../helpers/service';

const coreos = '#cloud-config\ncoreos:\n  units: []\n';

function item(labels: ReturnType<typeof completeAt>, label: string) {
  const found = labels.list.items.find((i) => i.label === label);
  assert.ok(found, `no completion ${label}; got ${labels.labels.join(', ')}`);
  return found;
}

describe('top-level keys per dialect', () => {
  test('cloud-init: cloud-init keys, no CoreOS keys', () => {
    const { labels } = completeAt('#cloud-config\n|^|');
    for (const k of ['write_files', 'runcmd', 'packages', 'users', 'ssh_authorized_keys', 'hostname'])
      assert.ok(labels.includes(k), k);
    assert.ok(!labels.includes('coreos'));
  });

  test('coreos: exactly the CoreOS top-level keys not yet present', () => {
    const { labels } = completeAt(`${coreos}|^|`);
    assert.deepEqual([...labels].sort(), [
      'hostname',
      'manage_etc_hosts',
      'ssh_authorized_keys',
      'users',
      'write_files',
    ]);
  });

  test('a forced coreos dialect offers `coreos` on an otherwise empty document', () => {
    const { labels } = completeAt('#cloud-config\n|^|', { dialect: 'coreos' });
    assert.ok(labels.includes('coreos'));
    assert.ok(!labels.includes('runcmd'));
  });

  test('the dialect is detected from a `coreos:` key below the caret', () => {
    const { labels } = completeAt('#cloud-config\n|^|\ncoreos:\n  units: []\n');
    assert.ok(labels.includes('write_files'));
    assert.ok(!labels.includes('runcmd'));
  });

  test('keys already present are not offered again', () => {
    const { labels } = completeAt('#cloud-config\nhostname: a\nruncmd:\n  - echo\n|^|');
    assert.ok(!labels.includes('hostname'));
    assert.ok(!labels.includes('runcmd'));
    assert.ok(labels.includes('write_files'));
  });

  test('deprecated keys carry the Deprecated tag', () => {
    const r = completeAt('#cloud-config\n|^|');
    assert.deepEqual(item(r, 'apt_update').tags, [CompletionItemTag.Deprecated]);
    assert.equal(item(r, 'package_update').tags, undefined);
  });

  test('a key item is a snippet that inserts `key: ` (booleans offer true/false)', () => {
    const r = completeAt('#cloud-config\npackage_up|^|');
    const it = item(r, 'package_update');
    assert.equal(it.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(applyCompletion(r.text, it), '#cloud-config\npackage_update: ${1|true,false|}');
  });
});

describe('nested keys', () => {
  test('under coreos', () => {
    const { labels } = completeAt('#cloud-config\ncoreos:\n  |^|');
    assert.deepEqual([...labels].sort(), ['etcd', 'etcd2', 'flannel', 'fleet', 'locksmith', 'oem', 'units', 'update']);
  });

  test('in a coreos.units item, without the keys already there (above and below the caret)', () => {
    const { labels } = completeAt(
      '#cloud-config\ncoreos:\n  units:\n    - name: app.service\n      enable: true\n      |^|\n      command: start\n',
    );
    assert.deepEqual([...labels].sort(), ['content', 'drop_ins', 'mask', 'runtime']);
  });

  test('in a new coreos.units item after `- `', () => {
    const { labels } = completeAt('#cloud-config\ncoreos:\n  units:\n    - name: a.service\n    - |^|');
    for (const k of ['name', 'enable', 'command', 'content', 'mask', 'runtime', 'drop_ins'])
      assert.ok(labels.includes(k), k);
  });

  test('in a drop-in', () => {
    const { labels } = completeAt(
      '#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      drop_ins:\n        - name: 10-a.conf\n          |^|',
    );
    assert.deepEqual(labels, ['content']);
  });

  test('in a write_files item (cloud-init), without `permissions` already present', () => {
    const { labels } = completeAt('#cloud-config\nwrite_files:\n  - path: /etc/a\n    permissions: "0644"\n    |^|');
    assert.deepEqual([...labels].sort(), ['append', 'content', 'defer', 'encoding', 'owner', 'source']);
  });

  test('in a write_files item (coreos): no cloud-init-only keys', () => {
    const { labels } = completeAt(`${coreos}write_files:\n  - path: /etc/a\n    |^|`);
    assert.deepEqual([...labels].sort(), ['content', 'encoding', 'owner', 'permissions']);
  });

  test('a partly typed key replaces the typed word', () => {
    const r = completeAt('#cloud-config\nwrite_files:\n  - path: /etc/a\n    perm|^|');
    const it = item(r, 'permissions');
    assert.deepEqual(it.textEdit && 'range' in it.textEdit ? it.textEdit.range : undefined, {
      start: { line: 3, character: 4 },
      end: { line: 3, character: 8 },
    });
  });

  test('CRLF documents', () => {
    const { labels } = completeAt('#cloud-config\r\ncoreos:\r\n  units:\r\n    - name: a.service\r\n      |^|\r\n');
    assert.deepEqual([...labels].sort(), ['command', 'content', 'drop_ins', 'enable', 'mask', 'runtime']);
  });
});

describe('values', () => {
  test('`command: ` offers the systemctl verbs', () => {
    const { labels } = completeAt('#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      command: |^|');
    assert.deepEqual(labels, [
      'start',
      'stop',
      'restart',
      'reload',
      'try-restart',
      'reload-or-restart',
      'reload-or-try-restart',
    ]);
  });

  test('a partly typed value is replaced', () => {
    const r = completeAt('#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      command: re|^|');
    assert.equal(
      applyCompletion(r.text, item(r, 'restart')),
      '#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      command: restart',
    );
  });

  test('booleans offer true and false', () => {
    const { labels } = completeAt('#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      enable: |^|');
    assert.deepEqual(labels, ['true', 'false']);
    assert.deepEqual(completeAt('#cloud-config\npackage_update: |^|').labels, ['true', 'false']);
  });

  test('`reboot_strategy` values, also under the hyphen spelling', () => {
    const want = ['etcd-lock', 'reboot', 'off'];
    assert.deepEqual(completeAt('#cloud-config\ncoreos:\n  update:\n    reboot_strategy: |^|').labels, want);
    assert.deepEqual(completeAt('#cloud-config\ncoreos:\n  update:\n    reboot-strategy: |^|').labels, want);
  });

  test('write_files `encoding` values', () => {
    const { labels } = completeAt('#cloud-config\nwrite_files:\n  - path: /etc/a\n    encoding: |^|');
    for (const v of ['b64', 'base64', 'gz', 'gzip', 'gz+b64', 'text/plain']) assert.ok(labels.includes(v), v);
  });

  test('unit names for coreos.units[].name: shipped units, not those already listed', () => {
    const r = completeAt(
      '#cloud-config\ncoreos:\n  units:\n    - name: docker.service\n      command: start\n    - name: |^|',
    );
    for (const u of ['iptables-restore.service', 'ip6tables-restore.service', 'etcd-member.service', 'docker.socket'])
      assert.ok(r.labels.includes(u), u);
    assert.ok(!r.labels.includes('docker.service'));
    assert.equal(item(r, 'iptables-restore.service').kind, CompletionItemKind.Module);
  });

  test('no value completion for free-form strings', () => {
    assert.deepEqual(completeAt('#cloud-config\nhostname: |^|').labels, []);
  });
});

describe('snippets and special places', () => {
  test('after `- ` under `units:` a whole-item snippet is offered first', () => {
    const r = completeAt('#cloud-config\ncoreos:\n  units:\n    - |^|');
    const snippet = item(r, 'new units entry');
    assert.equal(snippet.kind, CompletionItemKind.Snippet);
    assert.equal(snippet.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(snippet.sortText, '0');
    const inserted = applyCompletion(r.text, snippet);
    assert.ok(
      inserted.startsWith('#cloud-config\ncoreos:\n  units:\n    - name: ${1:app}.service\n  command: '),
      inserted,
    );
    assert.match(inserted, /\[Install\]\n {4}WantedBy=multi-user\.target$/);
  });

  test('a write_files item snippet after `- ` under write_files', () => {
    const r = completeAt('#cloud-config\nwrite_files:\n  - |^|');
    assert.ok(r.labels.includes('new write_files entry'));
  });

  test('no item snippet on a key line that is not a new list item', () => {
    const r = completeAt('#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      |^|');
    assert.ok(!r.labels.includes('new units entry'));
  });

  test('`#cloud-config` on an empty first line of an empty document', () => {
    const r = completeAt('|^|');
    // The header, then the whole user-data snippets (each writes the header itself).
    assert.deepEqual(r.labels, ['#cloud-config', 'cloud-config', 'cloud-config-firewall', 'docker-firewall']);
    assert.equal(applyCompletion(r.text, r.list.items[0]!), '#cloud-config\n');
  });

  test('`#cloud-config` on an empty line 1 above existing keys, without adding a blank line', () => {
    const r = completeAt('|^|\nhostname: node1\n');
    // The skeleton would write a second hostname: not offered.
    assert.deepEqual(r.labels, ['#cloud-config', 'cloud-config-firewall', 'docker-firewall']);
    assert.equal(applyCompletion(r.text, r.list.items[0]!), '#cloud-config\nhostname: node1\n');
  });

  test('`#cloud-config` for a partly typed header', () => {
    const r = completeAt('#cl|^|');
    assert.deepEqual(r.labels, ['#cloud-config']);
    assert.equal(applyCompletion(r.text, r.list.items[0]!), '#cloud-config\n');
  });

  test('`#cloud-config` in front of an unmarked first key line', () => {
    const r = completeAt('|^|hostname: node1\n');
    assert.equal(applyCompletion(r.text, item(r, '#cloud-config')), '#cloud-config\nhostname: node1\n');
  });

  test('nothing inside a comment', () => {
    assert.deepEqual(completeAt('#cloud-config\n# wri|^|').labels, []);
  });

  test('no cloud-config keys inside embedded content', () => {
    const { labels } = completeAt(
      '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: |\n      Welcome |^|\n',
    );
    assert.ok(!labels.includes('write_files'));
    assert.ok(!labels.includes('path'));
  });

  test('a new top-level key right after a block scalar (column 0) gets key completion', () => {
    const { labels } = completeAt(
      '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: |\n      Welcome\n|^|',
    );
    assert.ok(labels.includes('runcmd'));
    assert.ok(!labels.includes('write_files'), 'already present');
  });

  test('a new list item after a block scalar gets the item keys', () => {
    const { labels } = completeAt(
      '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: |\n      Welcome\n  - |^|',
    );
    assert.ok(labels.includes('path'));
    assert.ok(labels.includes('new write_files entry'));
  });

  test('non cloud-config documents get nothing', () => {
    assert.deepEqual(
      completeAt('*filter\n|^|', {}, 'iptables').labels.filter((l) => l === 'write_files' || l === '#cloud-config'),
      [],
    );
  });
});

describe('whole list items without a dash typed', () => {
  test('an empty line under `units:` offers the unit item snippet with its dash', () => {
    const { list, labels } = completeAt('#cloud-config\ncoreos:\n  units:\n    |^|\n');
    assert.deepEqual(labels, ['new units entry']);
    const edit = list.items[0]?.textEdit;
    assert.ok(edit && 'newText' in edit);
    assert.match(edit.newText, /^- name: /);
    assert.match(edit.newText, /\n {2}command: /);
  });

  test('a line beside an earlier item offers a new item; a line inside the item offers its keys', () => {
    const item0 = '#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      command: start\n';
    assert.deepEqual(completeAt(`${item0}    |^|\n`).labels, ['new units entry']);
    const { labels } = completeAt(`${item0}      |^|\n`);
    assert.ok(labels.includes('enable') && labels.includes('content'), labels.join(','));
    assert.ok(!labels.includes('name') && !labels.includes('command'));
  });
});
