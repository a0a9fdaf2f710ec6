// Hover in unit files: directives, sections, values, Exec prefixes, specifiers and unit names —
// standalone and inside cloud-config unit content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-types';
import { caret, doc, hoverAt, service } from '../helpers/service';

/** Hover at `|^|` in a standalone unit file. */
function hoverUnitFile(
  textWithCaret: string,
  uri = 'file:///x/web.service',
): { markdown: string | undefined; rangeText: string | undefined } {
  const { text, offset } = caret(textWithCaret);
  const d = doc(text, 'systemd', uri);
  const h: Hover | null = service().hover(d, 'systemd', d.positionAt(offset));
  if (!h) return { markdown: undefined, rangeText: undefined };
  const c = h.contents as { value: string };
  return {
    markdown: c.value,
    rangeText: h.range ? text.slice(d.offsetAt(h.range.start), d.offsetAt(h.range.end)) : undefined,
  };
}

const unit = (body: string): string =>
  `[Unit]\nDescription=web\n\n[Service]\n${body}\n\n[Install]\nWantedBy=multi-user.target\n`;

test('a directive: its section, value kind, what it does and the pitfall', () => {
  const h = hoverUnitFile(unit('Type=simple\nRes|^|tart=always\nExecStart=/usr/bin/web'));
  assert.equal(h.rangeText, 'Restart');
  assert.match(h.markdown ?? '', /\*\*Restart=\*\*/);
  assert.match(h.markdown ?? '', /\[Service\]/);
  assert.match(h.markdown ?? '', /on-failure/);
  assert.match(h.markdown ?? '', /Pitfall.*start limit/s);
});

test('the same name means what it means in its section', () => {
  const mount = hoverUnitFile(
    '[Mount]\nWhat=/dev/sdb1\nWhere=/media/data\nTy|^|pe=ext4\n',
    'file:///x/media-data.mount',
  );
  assert.match(mount.markdown ?? '', /file system type/i);
  assert.doesNotMatch(mount.markdown ?? '', /oneshot/);
  const service_ = hoverUnitFile(unit('Ty|^|pe=oneshot\nExecStart=/bin/true'));
  assert.match(service_.markdown ?? '', /oneshot/);
});

test('a directive in the wrong section says where it belongs', () => {
  const h = hoverUnitFile('[Service]\nExecStart=/bin/true\nWanted|^|By=multi-user.target\n');
  assert.equal(h.rangeText, 'WantedBy');
  assert.match(h.markdown ?? '', /Not valid in \[Service\]/);
  assert.match(h.markdown ?? '', /\[Install\]/);
});

test('a deprecated directive names its successor', () => {
  const h = hoverUnitFile(unit('ExecStart=/bin/true\nMemoryLim|^|it=1G'));
  assert.match(h.markdown ?? '', /Deprecated/);
  assert.match(h.markdown ?? '', /MemoryMax=/);
});

test('section headers', () => {
  const h = hoverUnitFile(unit('ExecStart=/bin/true').replace('[Install]', '[Ins|^|tall]'));
  assert.equal(h.rangeText, '[Install]');
  assert.match(h.markdown ?? '', /systemctl enable/);
});

test('enumerated and boolean values', () => {
  const type = hoverUnitFile(unit('Type=ones|^|hot\nExecStart=/bin/true'));
  assert.equal(type.rangeText, 'oneshot');
  assert.match(type.markdown ?? '', /ExecStart=/);
  const output = hoverUnitFile(unit('ExecStart=/bin/true\nStandardOutput=app|^|end:/var/log/web.log'));
  assert.equal(output.rangeText, 'append:/var/log/web.log');
  assert.match(output.markdown ?? '', /Append/);
  const bool = hoverUnitFile(unit('ExecStart=/bin/true\nRemainAfterExit=Y|^|ES'));
  assert.match(bool.markdown ?? '', /on/);
  assert.equal(
    hoverUnitFile(unit('ExecStart=/bin/true\nRestart=sometimes|^|')).markdown,
    undefined,
    'no doc for an invalid value',
  );
});

test('Exec prefixes and specifiers', () => {
  const dash = hoverUnitFile(unit('ExecStartPre=|^|-/usr/bin/docker rm web\nExecStart=/bin/true'));
  assert.equal(dash.rangeText, '-');
  assert.match(dash.markdown ?? '', /ignored/);
  const plus = hoverUnitFile(unit('ExecStart=-|^|+/usr/bin/setup'));
  assert.equal(plus.rangeText, '+');
  assert.match(plus.markdown ?? '', /full privileges/);
  const spec = hoverUnitFile(unit('ExecStart=/usr/bin/docker run --name %|^|n nginx'));
  assert.equal(spec.rangeText, '%n');
  assert.match(spec.markdown ?? '', /full unit name/);
  const inst = hoverUnitFile('[Unit]\nDescription=worker %|^|i\n', 'file:///x/worker@.service');
  assert.equal(inst.rangeText, '%i');
  assert.match(inst.markdown ?? '', /instance/);
});

test('unit names in dependencies', () => {
  const h = hoverUnitFile('[Unit]\nAfter=network.target dock|^|er.service\n[Service]\nExecStart=/bin/true\n');
  assert.equal(h.rangeText, 'docker.service');
  assert.match(h.markdown ?? '', /Docker daemon/);
  const target = hoverUnitFile('[Unit]\nAfter=network-online|^|.target\n[Service]\nExecStart=/bin/true\n');
  assert.match(target.markdown ?? '', /Wants=/);
});

test('inside cloud-config unit content, with the range on the document', () => {
  const userData = [
    '#cloud-config',
    'coreos:',
    '  units:',
    '    - name: db.service',
    '      content: |',
    '        [Service]',
    '        ExecStart=/usr/bin/true',
    '    - name: web.service',
    '      command: start',
    '      content: |',
    '        [Unit]',
    '        Requires=d|^|b.service',
    '        [Service]',
    '        ExecStartPre=-/usr/bin/docker rm web',
    '        ExecStart=/usr/bin/docker run --rm --name web nginx',
    '',
  ].join('\n');
  const unitName = hoverAt(userData);
  assert.equal(unitName.rangeText, 'db.service');
  assert.match(unitName.markdown ?? '', /this user-data/);
  const key = hoverAt(userData.replace('Requires=d|^|b', 'Requires=db').replace('ExecStartPre', 'ExecSt|^|artPre'));
  assert.equal(key.rangeText, 'ExecStartPre');
  assert.match(key.markdown ?? '', /Pitfall/);
});

test('inside a docker run command, hover comes from the docker analysis', () => {
  const h = hoverUnitFile(unit('ExecStart=/usr/bin/docker run --rm -p 80|^|80:5000 nginx'));
  assert.equal(h.rangeText, '8080:5000');
  assert.match(h.markdown ?? '', /every interface/);
});
