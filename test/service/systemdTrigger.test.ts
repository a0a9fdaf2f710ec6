// Units systemd refuses to load because nothing triggers them, or because a mount's name and Where= differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { escapedMountName } from '../../server/src/service/systemd/rules/triggerRules';
import { doc, rangeText, service, withCode } from '../helpers/service';

function unitDiags(text: string, name: string) {
  return withCode(
    service().validate(doc(text, 'systemd', `file:///etc/systemd/system/${name}`), 'systemd'),
    'systemd/missing-trigger',
  );
}

test('a socket whose only Listen line is unusable is refused, on the [Socket] header', () => {
  const text = '[Socket]\nListenStream=notaport\nAccept=no\n';
  const [d, ...rest] = unitDiags(text, 'web.socket');
  assert.ok(d);
  assert.equal(rest.length, 0);
  assert.equal(rangeText(text, d), 'Socket');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.match(String(d.message), /Listen/);
  assert.deepEqual(unitDiags('[Socket]\nListenStream=8080\n', 'web.socket'), []);
});

test('a timer needs a usable On…= setting', () => {
  assert.equal(unitDiags('[Timer]\nPersistent=true\n', 'backup.timer').length, 1);
  assert.equal(unitDiags('[Timer]\nOnBootSec=soon\n', 'backup.timer').length, 1);
  assert.deepEqual(unitDiags('[Timer]\nOnCalendar=daily\nPersistent=true\n', 'backup.timer'), []);
  assert.deepEqual(unitDiags('[Timer]\nOnClockChange=yes\n', 'backup.timer'), []);
});

test('a path unit needs a Path…= setting', () => {
  assert.equal(unitDiags('[Path]\nUnit=x.service\n', 'watch.path').length, 1);
  assert.deepEqual(unitDiags('[Path]\nPathChanged=/etc/app.conf\n', 'watch.path'), []);
});

test('a mount named after another path is refused, on its Where= value; the message names the right unit', () => {
  const text = '[Mount]\nWhat=/dev/sdb\nWhere=/var/lib/docker\nType=ext4\n';
  const [d] = unitDiags(text, 'data.mount');
  assert.ok(d);
  assert.equal(rangeText(text, d), '/var/lib/docker');
  assert.match(String(d.message), /var-lib-docker\.mount/);
  assert.deepEqual(unitDiags(text, 'var-lib-docker.mount'), []);
});

test('mount names are escaped as systemd-escape --path does', () => {
  assert.equal(escapedMountName('/'), '-');
  assert.equal(escapedMountName('/var/lib/docker/'), 'var-lib-docker');
  assert.equal(escapedMountName('/mnt/my-disk'), 'mnt-my\\x2ddisk');
  assert.equal(escapedMountName('/srv/.hidden'), 'srv-.hidden');
  assert.equal(escapedMountName('/.hidden'), '\\x2ehidden');
});

test('drop-ins and embedded units with their names from coreos.units', () => {
  const userData =
    '#cloud-config\ncoreos:\n  units:\n    - name: data.mount\n      content: |\n        [Mount]\n        What=/dev/sdb\n        Where=/media/data\n';
  const diags = withCode(service().validate(doc(userData), 'cloud-config'), 'systemd/missing-trigger');
  assert.equal(diags.length, 1);
  assert.equal(rangeText(userData, diags[0]!), '/media/data');
  const dropIn = service().validate(
    doc('[Timer]\nPersistent=false\n', 'systemd', 'file:///etc/systemd/system/backup.timer.d/10-x.conf'),
    'systemd',
  );
  assert.deepEqual(withCode(dropIn, 'systemd/missing-trigger'), []);
});
