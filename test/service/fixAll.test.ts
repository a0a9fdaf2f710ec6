// "Fix all" as an editor applies it: one source.fixAll action whose edits never conflict, at most one
// fix a finding, the least invasive one, pre-steps in the order a unit runs them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllKind } from '../../server/src/service/codeActions';
import { codes, doc, service } from '../helpers/service';

/** The text after applying the fix-all action once, through the LSP client library (refuses overlaps). */
function fixAllOnce(text: string): string {
  const d = doc(text);
  const all = { start: { line: 0, character: 0 }, end: d.positionAt(text.length) };
  const [action] = service().codeActions(d, 'cloud-config', all, [fixAllKind]);
  const edits = action?.edit?.changes?.[d.uri] ?? [];
  return TextDocument.applyEdits(d, edits);
}

test('a rename at 0:0 and the header insertion at 0:0 are not both in one fix-all (was "Overlapping edit")', () => {
  const text = 'write-files:\n  - path: /x\n';
  const once = fixAllOnce(text);
  assert.equal(once, 'write_files:\n  - path: /x\n');
  assert.equal(fixAllOnce(once), '#cloud-config\nwrite_files:\n  - path: /x\n');
});

const unit = (run: string): string =>
  [
    '#cloud-config',
    'coreos:',
    '  units:',
    '    - name: iptables-restore.service',
    '      enable: true',
    '      command: start',
    '    - name: web.service',
    '      command: start',
    '      content: |',
    '        [Unit]',
    '        After=docker.service',
    '        Requires=docker.service',
    '        [Service]',
    '        ExecStartPre=-/usr/bin/docker pull nginx',
    `        ExecStart=/usr/bin/docker run ${run} --name web nginx`,
    '        [Install]',
    '        WantedBy=multi-user.target',
    'write_files:',
    '  - path: /var/lib/iptables/rules-save',
    '    permissions: "0644"',
    '    content: |',
    '      *filter',
    '      :INPUT DROP [0:0]',
    '      :FORWARD DROP [0:0]',
    '      :OUTPUT ACCEPT [0:0]',
    '      -A INPUT -i lo -j ACCEPT',
    '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '      -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
    '      -A INPUT -p tcp -m tcp --dport 80 -j ACCEPT',
    '      COMMIT',
    '',
  ].join('\n');

test('docker: fix-all binds -p to 127.0.0.1 and leaves DOCKER-USER alone; kill/rm go before the pull', () => {
  const text = unit('-p 80:80');
  assert.deepEqual(codes(service().validate(doc(text), 'cloud-config')).sort(), [
    'docker/name-conflict',
    'docker/port-exposure',
    'iptables/docker-bypass',
  ]);
  const fixed = fixAllOnce(text);
  assert.ok(!fixed.includes('DOCKER-USER'), fixed);
  assert.ok(fixed.includes('ExecStart=/usr/bin/docker run -p 127.0.0.1:80:80 --name web nginx'), fixed);
  const lines = fixed.split('\n').map((l) => l.trim());
  const at = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix));
  assert.ok(
    at('ExecStartPre=-/usr/bin/docker kill web') >= 0 &&
      at('ExecStartPre=-/usr/bin/docker kill web') < at('ExecStartPre=-/usr/bin/docker rm web'),
  );
  assert.ok(at('ExecStartPre=-/usr/bin/docker rm web') < at('ExecStartPre=-/usr/bin/docker pull nginx'), fixed);
  assert.deepEqual(codes(service().validate(doc(fixed), 'cloud-config')), []);
});

test('docker: a port that cannot be bound (-P) still gets the DOCKER-USER filter', () => {
  const fixed = fixAllOnce(unit('-P'));
  assert.ok(fixed.includes('-A DOCKER-USER'), fixed);
});
