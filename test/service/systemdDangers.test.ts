// systemd: quotes with escapes, a backslash that does not continue, credentials in Environment=,
// removed directives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnose, fixesFor, messageOf, spans, withCode } from '../helpers/service';

const svc = (...lines: string[]): string => ['[Unit]', 'Description=test', '', '[Service]', ...lines, ''].join('\n');
const unitDiags = (text: string) => diagnose(text, {}, 'systemd');

test('an escaped quote inside a quoted word does not end it (systemd unescapes inside quotes)', () => {
  for (const line of [
    "ExecStart=/bin/echo 'it\\'s fine'",
    'ExecStart=/bin/echo "say \\"hi\\""',
    "ExecStart=/bin/sh -c 'echo \\'a b\\' > /tmp/x'",
  ]) {
    const diags = unitDiags(svc('Type=oneshot', line));
    assert.deepEqual(
      diags.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code),
      [],
      line,
    );
  }
  // A quote that is really never closed is still an error.
  assert.ok(
    unitDiags(svc('Type=oneshot', "ExecStart=/bin/echo 'unterminated")).some(
      (d) => d.severity === DiagnosticSeverity.Error,
    ),
  );
});

test('broken-continuation: blanks after the final backslash; the fix removes them', () => {
  const text = svc('ExecStart=/usr/bin/docker run --rm \\  ', '  example/app');
  assert.deepEqual(spans(text, withCode(unitDiags(text), 'systemd/broken-continuation')), [
    'systemd/broken-continuation: \\  ',
  ]);
  assert.deepEqual(
    fixesFor(text, 'systemd/broken-continuation', {}, 'systemd').map(([, t]) => t),
    [text.replace('--rm \\  ', '--rm \\')],
  );
  // A real continuation, an escaped backslash and a comment are fine.
  for (const ok of [
    svc('ExecStart=/usr/bin/docker run --rm \\', '  example/app'),
    svc('ExecStart=/bin/echo a\\\\  '),
    svc('# see \\  ', 'ExecStart=/bin/true'),
  ]) {
    assert.deepEqual(withCode(unitDiags(ok), 'systemd/broken-continuation'), [], ok);
  }
});

test('credentials-in-environment: information on each secret assignment', () => {
  const text = svc(
    'Environment=DB_PASSWORD=hunter2 "API_TOKEN=abc def" HOME=/root',
    'Environment=AWS_SECRET_ACCESS_KEY=xyz',
    'ExecStart=/opt/bin/app',
  );
  const d = withCode(unitDiags(text), 'systemd/credentials-in-environment');
  assert.deepEqual(spans(text, d), [
    'systemd/credentials-in-environment: DB_PASSWORD=hunter2',
    'systemd/credentials-in-environment: "API_TOKEN=abc def"',
    'systemd/credentials-in-environment: AWS_SECRET_ACCESS_KEY=xyz',
  ]);
  assert.ok(d.every((x) => x.severity === DiagnosticSeverity.Information));
  assert.match(messageOf(d[0]!), /EnvironmentFile=/);
  // Empty values, references and ordinary variables are fine.
  assert.deepEqual(
    withCode(
      unitDiags(svc('Environment=TOKEN= PASSWORD=${PW} HOME=/root', 'ExecStart=/opt/bin/app')),
      'systemd/credentials-in-environment',
    ),
    [],
  );
});

test('removed directives are warnings; deprecated ones that still work stay information', () => {
  const text = svc('Capabilities=CAP_NET_ADMIN', 'MemoryLimit=1G', 'ExecStart=/bin/true');
  const d = withCode(unitDiags(text), 'systemd/deprecated-directive');
  assert.deepEqual(
    d.map((x) => [spans(text, [x])[0], x.severity]),
    [
      ['systemd/deprecated-directive: Capabilities', DiagnosticSeverity.Warning],
      ['systemd/deprecated-directive: MemoryLimit', DiagnosticSeverity.Information],
    ],
  );
});
