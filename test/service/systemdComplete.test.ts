// Completion in unit files: standalone (.service/.timer files) and inside cloud-config unit content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompletionItemTag,
  type CompletionItem,
  type CompletionList,
  type MarkupContent,
} from 'vscode-languageserver-types';
import { applyCompletion, caret, completeAt, doc, service } from '../helpers/service';

/** Completion at `|^|` in a standalone unit file named by `uri`. */
function completeUnitFile(
  textWithCaret: string,
  uri = 'file:///x/web.service',
): { list: CompletionList; labels: string[]; text: string } {
  const { text, offset } = caret(textWithCaret);
  const d = doc(text, 'systemd', uri);
  const list = service().complete(d, 'systemd', d.positionAt(offset));
  return { list, labels: list.items.map((i) => i.label), text };
}

function item(list: CompletionList, label: string): CompletionItem {
  const found = list.items.find((i) => i.label === label);
  assert.ok(
    found,
    `no completion item ${label}; got ${list.items
      .map((i) => i.label)
      .slice(0, 20)
      .join(', ')}`,
  );
  return found;
}

function docText(i: CompletionItem): string {
  return typeof i.documentation === 'string'
    ? i.documentation
    : ((i.documentation as MarkupContent | undefined)?.value ?? '');
}

test('directives of the current section at the start of a line, inserting Key=', () => {
  const { list, labels, text } = completeUnitFile('[Unit]\nDescription=web\n\n[Service]\nRes|^|\n');
  assert.ok(labels.includes('Restart') && labels.includes('RestartSec') && labels.includes('ExecStart'));
  assert.ok(!labels.includes('Description'), '[Unit] directives are not offered in [Service]');
  assert.ok(!labels.includes('WantedBy'), '[Install] directives are not offered in [Service]');
  assert.ok(!labels.includes('OnCalendar'), '[Timer] directives are not offered in a service');
  const restart = item(list, 'Restart');
  assert.equal(applyCompletion(text, restart), '[Unit]\nDescription=web\n\n[Service]\nRestart=\n');
  assert.match(restart.detail ?? '', /one of/);
  assert.match(docText(restart), /on-failure/);
  assert.match(docText(restart), /Pitfall/);
});

test('deprecated directives are tagged and sorted after the current ones', () => {
  const { list } = completeUnitFile('[Service]\n|^|\n');
  const old = item(list, 'MemoryLimit');
  const current = item(list, 'MemoryMax');
  assert.deepEqual(old.tags, [CompletionItemTag.Deprecated]);
  assert.equal(current.tags, undefined);
  assert.ok((old.sortText ?? '') > (current.sortText ?? ''));
  assert.match(docText(old), /MemoryMax/);
});

test('section names valid for the unit type after `[`', () => {
  const timer = completeUnitFile('[|^|\n', 'file:///x/backup.timer');
  assert.deepEqual(timer.labels.sort(), ['Install', 'Timer', 'Unit']);
  assert.equal(applyCompletion(timer.text, item(timer.list, 'Timer')), '[Timer]\n');
  const service = completeUnitFile('[Unit]\nDescription=x\n[Se|^|]\n');
  assert.ok(service.labels.includes('Service') && !service.labels.includes('Timer'));
  assert.equal(
    applyCompletion(service.text, item(service.list, 'Service')),
    '[Unit]\nDescription=x\n[Service]\n',
    'an existing `]` is kept, not doubled',
  );
});

test('enumerated values after `=`, replacing the word typed so far', () => {
  const restart = completeUnitFile('[Service]\nRestart=|^|\n');
  assert.deepEqual(restart.labels, [
    'no',
    'on-success',
    'on-failure',
    'on-abnormal',
    'on-watchdog',
    'on-abort',
    'always',
  ]);
  assert.equal(applyCompletion(restart.text, item(restart.list, 'on-failure')), '[Service]\nRestart=on-failure\n');
  const type = completeUnitFile('[Service]\nType=no|^|\n');
  assert.equal(applyCompletion(type.text, item(type.list, 'notify')), '[Service]\nType=notify\n');
  assert.match(docText(item(type.list, 'oneshot')), /completion|exits/);
  const kill = completeUnitFile('[Service]\nKillMode=|^|\n');
  assert.deepEqual(item(kill.list, 'none').tags, [CompletionItemTag.Deprecated]);
  const out = completeUnitFile('[Service]\nStandardOutput=|^|\n');
  assert.ok(out.labels.includes('journal') && out.labels.includes('append:'));
  assert.deepEqual(item(out.list, 'syslog').tags, [CompletionItemTag.Deprecated]);
});

test('booleans for boolean directives; nothing for a [Mount] Type=', () => {
  const { labels } = completeUnitFile('[Service]\nRemainAfterExit=|^|\n');
  assert.deepEqual(labels.slice(0, 2), ['yes', 'no']);
  const mount = completeUnitFile('[Mount]\nType=|^|\n', 'file:///x/media-data.mount');
  assert.ok(!mount.labels.includes('oneshot'), 'the service types are not offered for a file system type');
});

test("unit names after dependency directives: this user-data's units first, targets, shipped units", () => {
  const userData = [
    '#cloud-config',
    'coreos:',
    '  units:',
    '    - name: db.service',
    '      content: |',
    '        [Service]',
    '        ExecStart=/usr/bin/true',
    '    - name: web.service',
    '      content: |',
    '        [Unit]',
    '        After=docker.service |^|',
    '        [Service]',
    '        ExecStart=/usr/bin/true',
    'write_files:',
    '  - path: /etc/systemd/system/cache.service',
    '    content: |',
    '      [Service]',
    '      ExecStart=/usr/bin/true',
    '',
  ].join('\n');
  const { list, labels, text } = completeAt(userData);
  assert.ok(labels.includes('db.service'), 'a unit defined in coreos.units');
  assert.ok(labels.includes('cache.service'), 'a unit written by write_files');
  assert.ok(labels.includes('network-online.target') && labels.includes('multi-user.target'));
  assert.ok(labels.includes('etcd2.service'), 'a unit shipped with Container Linux');
  assert.ok(!labels.includes('web.service'), 'not the unit itself');
  assert.ok(!labels.includes('docker.service'), 'not a unit already listed');
  const sorted = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  assert.deepEqual(
    sorted
      .slice(0, 2)
      .map((i) => i.label)
      .sort(),
    ['cache.service', 'db.service'],
  );
  assert.equal(
    applyCompletion(text, item(list, 'db.service')).split('\n')[10],
    '        After=docker.service db.service',
  );
});

test('WantedBy= offers targets first', () => {
  const { list } = completeUnitFile('[Install]\nWantedBy=|^|\n');
  const first = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0];
  assert.ok(first?.label.endsWith('.target'), `first item ${first?.label}`);
});

test('unit names on a continuation line of a dependency', () => {
  const { labels } = completeUnitFile('[Unit]\nAfter=a.service \\\n  netw|^|\n');
  assert.ok(labels.includes('network-online.target'));
  assert.ok(!labels.includes('Description'), 'a continuation line is a value, not a new directive');
});

test('`%` specifiers inside values', () => {
  const { list, text } = completeUnitFile('[Service]\nExecStart=/bin/echo %|^|\n');
  assert.match(docText(item(list, '%i')), /instance/);
  assert.equal(applyCompletion(text, item(list, '%n')), '[Service]\nExecStart=/bin/echo %n\n');
  const escaped = completeUnitFile('[Service]\nExecStart=/bin/echo 100%%|^|\n');
  assert.deepEqual(escaped.labels, [], '`%%` is an escaped percent sign, not a specifier start');
});

test('nothing in comments and after a free-text value prefix', () => {
  assert.deepEqual(completeUnitFile('[Service]\n# Res|^|\n').labels, []);
  assert.deepEqual(completeUnitFile('[Service]\nStandardOutput=append:/var/|^|\n').labels, []);
});

test('inside cloud-config unit content, the directive lands at the block indentation', () => {
  const userData = [
    '#cloud-config',
    'coreos:',
    '  units:',
    '    - name: web.service',
    '      command: start',
    '      content: |',
    '        [Service]',
    '        ExecStart=/usr/bin/true',
    '        Rest|^|',
    '',
  ].join('\n');
  const { list, labels, text } = completeAt(userData);
  assert.ok(labels.includes('Restart'));
  assert.ok(!labels.includes('WantedBy'));
  assert.equal(applyCompletion(text, item(list, 'RestartSec')).split('\n')[8], '        RestartSec=');
});

test('docker run flags inside ExecStart=, and nothing for other commands', () => {
  const { list, labels, text } = completeUnitFile('[Service]\nExecStart=/usr/bin/docker run --rm --pu|^|\n');
  assert.ok(labels.includes('--publish'), `got ${labels.slice(0, 10).join(', ')}`);
  assert.equal(
    applyCompletion(text, item(list, '--publish')),
    '[Service]\nExecStart=/usr/bin/docker run --rm --publish\n',
  );
  assert.deepEqual(completeUnitFile('[Service]\nExecStart=/usr/bin/env --|^|\n').labels, []);
});

test('completion and hover never throw, whatever the text and caret', () => {
  const texts = [
    '',
    '[',
    ']',
    '=',
    '==',
    '[Service',
    '[Service]\n=',
    '[Service]\nExecStart=\\',
    '[Service]\nExecStart=%',
    '[Unit]\nAfter=\\\n\\\n',
    '\uFEFF[Unit]\r\nDescription=x\r\n',
    '[Service]\nType=\u0000\uD800',
    'Key=before section\n[X-Foo]\nA=b',
    '[Service]\n  ExecStart = -!!@:+ %',
  ];
  const svc = service();
  for (const text of texts) {
    const d = doc(text, 'systemd', 'file:///x/web.service');
    for (let o = 0; o <= text.length; o++) {
      svc.complete(d, 'systemd', d.positionAt(o));
      svc.hover(d, 'systemd', d.positionAt(o));
    }
  }
});
