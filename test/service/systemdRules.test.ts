// One test per systemd/* rule on standalone unit files: the code, the severity, the text the
// diagnostic covers, and the quick fix applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { applyAction, doc, rangeText, service, withCode } from '../helpers/service';

function check(text: string, name = 'web.service'): Diagnostic[] {
  return service().validate(doc(text, 'systemd', `file:///etc/systemd/system/${name}`), 'systemd');
}

function only(text: string, code: string, name = 'web.service'): Diagnostic[] {
  return withCode(check(text, name), code);
}

/** Apply the preferred fix of the first diagnostic with `code`. */
function fixed(text: string, code: string, name = 'web.service'): string {
  const svc = service();
  const d = doc(text, 'systemd', `file:///etc/systemd/system/${name}`);
  const diag = svc.validate(d, 'systemd').find((x) => x.code === code);
  assert.ok(diag, `no ${code}`);
  const action = svc
    .codeActions(d, 'systemd', diag.range, ['quickfix'])
    .find((a) => a.diagnostics?.some((x) => x.code === code));
  assert.ok(action, `no fix for ${code}`);
  return applyAction(text, action, d.uri);
}

const ok = '[Unit]\nDescription=web\n\n[Service]\nExecStart=/usr/bin/web\n\n[Install]\nWantedBy=multi-user.target\n';

test('a correct unit gets no diagnostics', () => {
  assert.deepEqual(check(ok), []);
});

test('systemd/syntax: a line without =, before any section, an unclosed header', () => {
  const text = 'Description=x\n[Service]\nExecStart=/bin/true\nthis is not an assignment\n';
  const ds = only(text, 'systemd/syntax');
  assert.deepEqual(
    ds.map((d) => rangeText(text, d)),
    ['Description=x', 'this is not an assignment'],
  );
  assert.ok(ds.every((d) => d.severity === DiagnosticSeverity.Error));
  const broken = '[Service\nExecStart=/bin/true\n';
  assert.deepEqual(
    check(broken).map((d) => [d.code, rangeText(broken, d)]),
    [['systemd/syntax', '[Service']],
  );
});

test('systemd/unknown-section: a section the unit type does not have; X- sections are fine', () => {
  const text = '[Service]\nExecStart=/bin/true\n[Timer]\nOnCalendar=daily\n[X-Mine]\nAnything=1\n';
  const ds = only(text, 'systemd/unknown-section');
  assert.deepEqual(
    ds.map((d) => rangeText(text, d)),
    ['Timer'],
  );
  assert.equal(ds[0]!.severity, DiagnosticSeverity.Warning);
  // Keys inside an ignored section are not reported one by one.
  assert.deepEqual(only(text, 'systemd/unknown-directive'), []);
  assert.equal(fixed('[Servce]\nExecStart=/bin/true\n', 'systemd/unknown-section'), '[Service]\nExecStart=/bin/true\n');
});

test('systemd/unknown-directive: names the closest directive and renames it', () => {
  const text = '[Service]\nexecstart=/bin/true\nRestrat=always\n';
  const ds = only(text, 'systemd/unknown-directive');
  assert.deepEqual(
    ds.map((d) => rangeText(text, d)),
    ['execstart', 'Restrat'],
  );
  assert.match(String(ds[0]!.message), /ExecStart=/);
  assert.match(String(ds[1]!.message), /Restart=/);
  assert.equal(ds[0]!.severity, DiagnosticSeverity.Warning);
  assert.equal(fixed(text, 'systemd/unknown-directive'), '[Service]\nExecStart=/bin/true\nRestrat=always\n');
  // A cloud-config key pasted into the unit gets a hint about where it belongs.
  assert.match(
    String(only('[Service]\nExecStart=/bin/true\nenabled=true\n', 'systemd/unknown-directive')[0]!.message),
    /cloud-config/,
  );
});

test('systemd/misplaced-directive: After= in [Service] moves to [Unit]', () => {
  const text = '[Unit]\nDescription=web\n\n[Service]\nAfter=docker.service\nExecStart=/usr/bin/web\n';
  const ds = only(text, 'systemd/misplaced-directive');
  assert.deepEqual(
    ds.map((d) => rangeText(text, d)),
    ['After'],
  );
  assert.match(String(ds[0]!.message), /\[Unit\]/);
  assert.equal(
    fixed(text, 'systemd/misplaced-directive'),
    '[Unit]\nDescription=web\nAfter=docker.service\n\n[Service]\nExecStart=/usr/bin/web\n',
  );
});

test('systemd/misplaced-directive: the fix creates the missing section', () => {
  const text = '[Service]\nExecStart=/usr/bin/web\nWantedBy=multi-user.target\n';
  assert.equal(
    fixed(text, 'systemd/misplaced-directive'),
    '[Service]\nExecStart=/usr/bin/web\n\n[Install]\nWantedBy=multi-user.target\n',
  );
  const before = '[Service]\nRequires=docker.service\nExecStart=/usr/bin/web\n';
  assert.equal(
    fixed(before, 'systemd/misplaced-directive'),
    '[Unit]\nRequires=docker.service\n\n[Service]\nExecStart=/usr/bin/web\n',
  );
});

test('systemd/invalid-value: enumerations, booleans, time spans, signals, unit names; fixes pick the closest value', () => {
  const text = [
    '[Unit]',
    'After=network docker.service',
    '[Service]',
    'ExecStart=/bin/true',
    'Restart=On-Failure',
    'Type=daemon',
    'KillMode=gently',
    'RemainAfterExit=maybe',
    'TimeoutStartSec=5 minutes later',
    'RestartSec=5S',
    'KillSignal=sigterm',
    'UMask=0o22',
    'MemoryMax=512m',
    'Environment=GOOD=1 BAD',
    'LimitNOFILE=1K',
    '',
  ].join('\n');
  const ds = only(text, 'systemd/invalid-value');
  assert.deepEqual(
    ds.map((d) => rangeText(text, d)),
    [
      'network',
      'On-Failure',
      'daemon',
      'gently',
      'maybe',
      '5 minutes later',
      '5S',
      'sigterm',
      '0o22',
      '512m',
      'BAD',
      '1K',
    ],
  );
  assert.ok(ds.every((d) => d.severity === DiagnosticSeverity.Warning));
  assert.match(
    fixed('[Service]\nExecStart=/bin/true\nRestart=On-Failure\n', 'systemd/invalid-value'),
    /^Restart=on-failure$/m,
  );
  assert.match(
    fixed('[Unit]\nAfter=network\n[Service]\nExecStart=/bin/true\n', 'systemd/invalid-value'),
    /^After=network\.service$/m,
  );
  assert.match(
    fixed('[Service]\nExecStart=/bin/true\nKillSignal=sigterm\n', 'systemd/invalid-value'),
    /^KillSignal=SIGTERM$/m,
  );
  assert.match(fixed('[Service]\nExecStart=/bin/true\nMemoryMax=512m\n', 'systemd/invalid-value'), /^MemoryMax=512M$/m);
});

test('systemd/invalid-value: values systemd accepts are left alone', () => {
  const text = [
    '[Unit]',
    'After=foo@bar.service -.mount %n.target',
    'StartLimitIntervalSec=1min 30s',
    '[Service]',
    'ExecStart=/bin/true',
    'Restart=on-abnormal',
    'TimeoutStartSec=infinity',
    'TimeoutStopSec=1.5s',
    'RestartSec=5M',
    'KillSignal=SIGRTMIN+3',
    'UMask=022',
    'MemoryMax=50%',
    'LimitNOFILE=1024:4096',
    'ProtectSystem=on',
    'CPUWeight=idle',
    'StandardOutput=file:/var/log/x',
    'Environment="A=1 2" B=',
    'KillMode=',
    'MemoryMax=',
    '',
  ].join('\n');
  assert.deepEqual(
    check(text).map((d) => `${d.code} ${rangeText(text, d)}`),
    [],
  );
});

test('systemd/invalid-value: timer and socket settings', () => {
  const timer = '[Timer]\nOnCalendar=every tuesday\nOnCalendar=Mon..Fri *-*-* 09:00\nOnBootSec=soon\nUnit=web\n';
  assert.deepEqual(
    only(timer, 'systemd/invalid-value', 'job.timer').map((d) => rangeText(timer, d)),
    ['every tuesday', 'soon', 'web'],
  );
  const socket = '[Socket]\nListenStream=notaport\nListenStream=0.0.0.0:80\nListenStream=[::]:8080\nAccept=perhaps\n';
  assert.deepEqual(
    only(socket, 'systemd/invalid-value', 'web.socket').map((d) => rangeText(socket, d)),
    ['notaport', 'perhaps'],
  );
});

test('systemd/deprecated-directive: information with the deprecated tag; the fix writes the successor', () => {
  const text = '[Service]\nExecStart=/bin/true\nMemoryLimit=1G\nCPUShares=2048\nKillMode=none\n';
  const ds = only(text, 'systemd/deprecated-directive');
  assert.deepEqual(
    ds.map((d) => rangeText(text, d)),
    ['MemoryLimit', 'CPUShares', 'none'],
  );
  assert.ok(ds.every((d) => d.severity === DiagnosticSeverity.Information && d.tags?.includes(2)));
  assert.match(fixed(text, 'systemd/deprecated-directive'), /^MemoryMax=1G$/m);
  assert.match(
    fixed('[Service]\nExecStart=/bin/true\nCPUShares=2048\n', 'systemd/deprecated-directive'),
    /^CPUWeight=200$/m,
  );
  const moved = fixed(
    '[Unit]\nDescription=x\n[Service]\nExecStart=/bin/true\nStartLimitInterval=10\n',
    'systemd/deprecated-directive',
  );
  assert.equal(moved, '[Unit]\nDescription=x\nStartLimitIntervalSec=10\n[Service]\nExecStart=/bin/true\n');
});

test('systemd/missing-exec-start: a service without ExecStart=, but not a drop-in or a oneshot that only stops', () => {
  const text = '[Unit]\nDescription=x\n[Service]\nRestart=always\n';
  const ds = only(text, 'systemd/missing-exec-start');
  assert.deepEqual(
    ds.map((d) => [rangeText(text, d), d.severity]),
    [['Service', DiagnosticSeverity.Error]],
  );
  assert.deepEqual(
    only('[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStop=/bin/cleanup\n', 'systemd/missing-exec-start'),
    [],
  );
  // systemd 252 also wants RemainAfterExit=yes for such a oneshot.
  assert.equal(only('[Service]\nType=oneshot\nExecStop=/bin/cleanup\n', 'systemd/missing-exec-start').length, 1);
  assert.deepEqual(
    only('[Service]\nRestart=always\n', 'systemd/missing-exec-start', 'web.service.d/10-restart.conf'),
    [],
  );
  // An empty ExecStart= at the end clears the list.
  assert.equal(only('[Service]\nExecStart=/bin/true\nExecStart=\n', 'systemd/missing-exec-start').length, 1);
});

test('systemd/oneshot-restart: Restart=always or on-success in a oneshot', () => {
  const text = '[Service]\nType=oneshot\nExecStart=/bin/true\nRestart=always\n';
  const ds = only(text, 'systemd/oneshot-restart');
  assert.deepEqual(
    ds.map((d) => [rangeText(text, d), d.severity]),
    [['always', DiagnosticSeverity.Error]],
  );
  assert.deepEqual(
    only('[Service]\nType=oneshot\nExecStart=/bin/true\nRestart=on-failure\n', 'systemd/oneshot-restart'),
    [],
  );
});

test('systemd/multiple-exec-start: several ExecStart= outside a oneshot; an empty one resets the list', () => {
  const text = '[Service]\nExecStart=/bin/a\nExecStart=/bin/b\n';
  const ds = only(text, 'systemd/multiple-exec-start');
  assert.deepEqual(
    ds.map((d) => [rangeText(text, d), d.severity]),
    [['ExecStart', DiagnosticSeverity.Error]],
  );
  assert.equal(ds[0]!.range.start.line, 2);
  assert.deepEqual(
    only('[Service]\nExecStart=/bin/a\nExecStart=\nExecStart=/bin/b\n', 'systemd/multiple-exec-start'),
    [],
  );
  assert.deepEqual(
    only('[Service]\nType=oneshot\nExecStart=/bin/a\nExecStart=/bin/b\n', 'systemd/multiple-exec-start'),
    [],
  );
  assert.equal(only('[Service]\nExecStart=/bin/a ; /bin/b\n', 'systemd/multiple-exec-start').length, 1);
});

test('systemd/relative-exec: plain program names warn; relative paths and bad prefixes are errors', () => {
  const text =
    '[Service]\nType=oneshot\nExecStart=true\nExecStartPre=-@/bin/true x\nExecStart=+!/bin/true\nExecStart=./run.sh\nExecStartPost=-bin/x\n';
  const rel = only(text, 'systemd/relative-exec');
  assert.deepEqual(
    rel.map((d) => [rangeText(text, d), d.severity]),
    [
      ['true', DiagnosticSeverity.Warning],
      ['bin/x', DiagnosticSeverity.Warning],
    ],
  );
  const fatal = only(text, 'systemd/syntax');
  assert.deepEqual(
    fatal.map((d) => rangeText(text, d)),
    ['!/bin/true', './run.sh'],
  );
  const quote = '[Service]\nExecStart=/bin/sh -c \'echo "hi\n';
  assert.deepEqual(
    only(quote, 'systemd/syntax').map((d) => rangeText(quote, d)),
    ['\'echo "hi'],
  );
});
